package org.bangfu.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.HeldRows;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A need a round left short names a round, a need and a village that exist, as with foreign keys,
 * though they are checked once per statement (a national round writes 400,000 such rows in one): a
 * row naming one that does not exist is refused, and a round, need or village such a row names
 * cannot be removed, not even by a removal racing the round's write.
 */
@DisplayName("The needs a round left short: their round, need and village, checked per statement")
class UnmatchedReferencesTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static final String SHORT =
      "INSERT INTO match_round_unmatched (round_id, need_id, village_id, unit, allocated,"
          + " remaining, reason) VALUES ($1, $2, $3, 'CNY', 0, 100, 'no-pledge-of-unit')";

  private static long need() {
    return app.one(
        "INSERT INTO needs (village_id, category, unit, quantity, priority, title)"
            + " VALUES ($1, 'education', 'CNY', 10000, 3, '校服') RETURNING id",
        Tuple.of(TestFixture.VILLAGE));
  }

  private static long round() {
    return app.one("INSERT INTO match_rounds (status) VALUES ('done') RETURNING id", Tuple.tuple());
  }

  private static String village(String id) {
    app.run(
        "INSERT INTO regions (id, parent_id, level, name) VALUES ($1, $2, 'village', '新村')",
        Tuple.of(id, TestFixture.TOWNSHIP));
    return id;
  }

  @Test
  @DisplayName("a need left short naming a round, need or village that does not exist is refused")
  void missingReferencesRefused() {
    long round = round();
    app.run(SHORT, Tuple.of(round, need(), TestFixture.VILLAGE));
    assertThat(
            app.refused(SHORT, Tuple.of(987654321L, need(), TestFixture.VILLAGE)).getConstraint())
        .isEqualTo("match_round_unmatched_round_id_fkey");
    assertThat(app.refused(SHORT, Tuple.of(round, 987654321L, TestFixture.VILLAGE)).getConstraint())
        .isEqualTo("match_round_unmatched_need_id_fkey");
    PgException v = app.refused(SHORT, Tuple.of(round, need(), "350524-T01-V96"));
    assertThat(v.getSqlState()).isEqualTo("23503");
    assertThat(v.getConstraint()).isEqualTo("match_round_unmatched_village_id_fkey");
  }

  @Test
  @DisplayName("a round, need or village a need left short names cannot be removed")
  void namedRowsStay() {
    long round = round();
    long need = need();
    String village = village("350524-T01-V85");
    app.run(SHORT, Tuple.of(round, need, village));
    assertThat(app.refused("DELETE FROM match_rounds WHERE id = $1", Tuple.of(round)).getSqlState())
        .isEqualTo("23503");
    assertThat(app.refused("DELETE FROM needs WHERE id = $1", Tuple.of(need)).getSqlState())
        .isEqualTo("23503");
    assertThat(app.refused("DELETE FROM regions WHERE id = $1", Tuple.of(village)).getSqlState())
        .isEqualTo("23503");
    app.run("DELETE FROM regions WHERE id = $1", Tuple.of(village("350524-T01-V86")));
  }

  @Test
  @DisplayName(
      "a need removed while the round's write naming it is under way waits, then is refused")
  void removalRacingTheWrite() {
    long round = round();
    long need = need();
    PgException e =
        HeldRows.whileHeld(
            app,
            SHORT,
            "SELECT $1::bigint, $2::bigint, $3::text",
            Tuple.of(round, need, TestFixture.VILLAGE),
            () ->
                app.pool()
                    .preparedQuery("DELETE FROM needs WHERE id = $1")
                    .execute(Tuple.of(need))
                    .map(r -> (PgException) null)
                    .recover(t -> Future.succeededFuture((PgException) t)));
    assertThat(e).as("the removal went through").isNotNull();
    assertThat(e.getSqlState()).isEqualTo("23503");
  }
}
