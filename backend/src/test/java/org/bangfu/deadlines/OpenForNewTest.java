package org.bangfu.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Deadlines opened for subjects the caller just made look for no deadline open before, yet a
 * subject still never has two open deadlines of a kind: a second opening is refused, not added.
 */
class OpenForNewTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** One opening per id of $6: a county desk's decision, due in 15 days. */
  static final String OPENINGS =
      "SELECT 'monitor_case', x::text, '测试 #' || x, 'reviewer', '350524', NULL::text, NULL::bigint,"
          + " NULL::bigint, '350524', now() + interval '15 days', NULL::text, NULL::int, NULL::text"
          + " FROM unnest($6::bigint[]) AS x";

  static long open(long subject) {
    return app.pool()
        .preparedQuery(
            "SELECT count(*) FROM deadlines WHERE kind = 'monitor_decision'"
                + " AND subject_type = 'monitor_case' AND subject_id = $1 AND state = 'open'")
        .execute(Tuple.of(Long.toString(subject)))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  @Test
  @DisplayName("opened for new subjects: each once; a second opening is refused, not doubled")
  void secondOpeningRefused() {
    Deadlines engine = app.services().deadlines();
    Long[] ids = {990_001L, 990_002L};
    int opened =
        app.pool()
            .withTransaction(
                tx ->
                    engine.openSelectedForNew(
                        tx, DeadlineKind.MONITOR_DECISION, OPENINGS, List.of((Object) ids)))
            .await();
    assertThat(opened).isEqualTo(2);
    Throwable again =
        catchThrowable(
            () ->
                app.pool()
                    .withTransaction(
                        tx ->
                            engine.openSelectedForNew(
                                tx,
                                DeadlineKind.MONITOR_DECISION,
                                OPENINGS,
                                List.of((Object) new Long[] {990_003L, 990_002L})))
                    .await());
    assertThat(again).isInstanceOf(PgException.class);
    assertThat(((PgException) again).getSqlState()).isEqualTo("23505");
    assertThat(open(990_002L)).isEqualTo(1);
    assertThat(open(990_003L)).as("the refused statement opened nothing").isZero();
  }
}
