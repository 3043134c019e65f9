package org.bangfu.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.HeldRows;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A lead's case and department file always exist, as with foreign keys, though they are checked
 * once per statement: a lead naming a case or file that does not exist is refused, and a case or
 * file a lead names cannot be removed — not even by a removal racing a lead being written.
 */
class LeadParentsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static final String LEAD =
      "INSERT INTO monitor_leads (case_id, channel, department, batch_id, row_no, risk, received_at)"
          + " VALUES ($1, 'department', 'civil_affairs', $2, 2, 'other', now()) RETURNING id";

  private static int digests;

  /** A case of its own (nothing else names it). */
  private static long freshCase() {
    byte[] d = new byte[32];
    d[0] = 9;
    d[1] = (byte) ++digests;
    return app.one(
        "INSERT INTO monitor_cases (county_id, person_digest, person_name, opened_at, check_due,"
            + " decision_due) VALUES ('350524', $1, '赵六', now(), now() + interval '2 days',"
            + " now() + interval '15 days') RETURNING id",
        Tuple.of(Buffer.buffer(d)));
  }

  private static long freshBatch() {
    return app.one(
        "INSERT INTO monitor_warning_batches (county_id, department, format, received_at)"
            + " VALUES ('350524', 'civil_affairs', 'csv', now()) RETURNING id",
        Tuple.tuple());
  }

  private static PgException refused(String sql, Tuple args) {
    PgException e = app.refused(sql, args);
    assertThat(e.getSqlState()).isEqualTo("23503");
    return e;
  }

  @Test
  @DisplayName("a lead naming a case or file that does not exist is refused")
  void missingParentsRefused() {
    long c = freshCase();
    long b = freshBatch();
    assertThat(app.one(LEAD, Tuple.of(c, b))).isPositive();
    assertThat(refused(LEAD, Tuple.of(987_654_321L, b)).getConstraint())
        .isEqualTo("monitor_leads_case_id_fkey");
    assertThat(refused(LEAD, Tuple.of(c, 987_654_321L)).getConstraint())
        .isEqualTo("monitor_leads_batch_id_fkey");
    long lead = app.one(LEAD, Tuple.of(c, b));
    assertThat(
            refused("UPDATE monitor_leads SET case_id = 987654321 WHERE id = $1", Tuple.of(lead))
                .getConstraint())
        .isEqualTo("monitor_leads_case_id_fkey");
  }

  @Test
  @DisplayName("a case or file a lead names cannot be removed; unnamed ones can")
  void namedParentsStay() {
    long c = freshCase();
    long b = freshBatch();
    app.one(LEAD, Tuple.of(c, b));
    refused("DELETE FROM monitor_cases WHERE id = $1", Tuple.of(c));
    refused("DELETE FROM monitor_warning_batches WHERE id = $1", Tuple.of(b));
    long unnamed = freshCase();
    app.pool()
        .preparedQuery("DELETE FROM monitor_cases WHERE id = $1")
        .execute(Tuple.of(unnamed))
        .await();
    refused("TRUNCATE monitor_cases, monitor_warning_batches CASCADE", Tuple.tuple());
  }

  @Test
  @DisplayName("a case removed while a lead naming it is being written waits, then is refused")
  void removalRacingALead() {
    long c = freshCase();
    long b = freshBatch();
    PgException e =
        HeldRows.whileHeld(
            app,
            LEAD,
            "SELECT $1::bigint, $2::bigint",
            Tuple.of(c, b),
            () ->
                app.pool()
                    .preparedQuery("DELETE FROM monitor_cases WHERE id = $1")
                    .execute(Tuple.of(c))
                    .map(r -> (PgException) null)
                    .recover(t -> Future.succeededFuture((PgException) t)));
    assertThat(e).as("the removal went through").isNotNull();
    assertThat(e.getSqlState()).isEqualTo("23503");
    assertThat(app.one("SELECT count(*) FROM monitor_cases WHERE id = $1", Tuple.of(c)))
        .isEqualTo(1);
  }
}
