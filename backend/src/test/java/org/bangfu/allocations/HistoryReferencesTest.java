package org.bangfu.allocations;

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
 * An allocation's history names an allocation and a user that exist, as with foreign keys, though
 * they are checked once per statement (a round writes 20,000 history rows to a statement): a row
 * naming one that does not exist is refused, and an allocation its history names cannot be removed,
 * not even by a removal racing the history being written.
 */
@DisplayName("An allocation's history: its allocation and user, checked per statement")
class HistoryReferencesTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static final String STEP =
      "INSERT INTO allocation_history (allocation_id, status, by_user) VALUES ($1, 'proposed', $2)";

  private static long user() {
    return app.one("SELECT min(id) FROM users", Tuple.tuple());
  }

  /** An allocation nothing else names yet. */
  private static long allocation() {
    long need =
        app.one(
            "INSERT INTO needs (village_id, category, unit, quantity, priority, title)"
                + " VALUES ($1, 'health', 'CNY', 10000, 3, '药品') RETURNING id",
            Tuple.of(TestFixture.VILLAGE));
    long pledge =
        app.one(
            "INSERT INTO pledges (donor_id, unit, quantity, mode) VALUES ($1, 'CNY', 10000,"
                + " 'pooled') RETURNING id",
            Tuple.of(TestFixture.DONOR));
    return app.one(
        "INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, status)"
            + " VALUES ($1, $2, 'claim', 'CNY', 100, 'proposed') RETURNING id",
        Tuple.of(need, pledge));
  }

  @Test
  @DisplayName("a history row naming an allocation or a user that does not exist is refused")
  void missingReferencesRefused() {
    long allocation = allocation();
    app.pool().preparedQuery(STEP).execute(Tuple.of(allocation, user())).await();
    PgException a = app.refused(STEP, Tuple.of(987654321L, user()));
    assertThat(a.getSqlState()).isEqualTo("23503");
    assertThat(a.getConstraint()).isEqualTo("allocation_history_allocation_id_fkey");
    PgException u = app.refused(STEP, Tuple.of(allocation, 987654321L));
    assertThat(u.getSqlState()).isEqualTo("23503");
    assertThat(u.getConstraint()).isEqualTo("allocation_history_by_user_fkey");
  }

  @Test
  @DisplayName("an allocation its history names cannot be removed; one without history can")
  void namedAllocationStays() {
    long named = allocation();
    app.pool().preparedQuery(STEP).execute(Tuple.of(named, user())).await();
    assertThat(
            app.refused("DELETE FROM allocations WHERE id = $1", Tuple.of(named)).getConstraint())
        .isEqualTo("allocation_history_allocation_id_fkey");
    app.pool()
        .preparedQuery("DELETE FROM allocations WHERE id = $1")
        .execute(Tuple.of(allocation()))
        .await();
  }

  @Test
  @DisplayName("an allocation removed while its history is being written waits, then is refused")
  void removalRacingTheHistory() {
    long allocation = allocation();
    PgException e =
        HeldRows.whileHeld(
            app,
            STEP,
            "SELECT $1::bigint, $2::bigint",
            Tuple.of(allocation, user()),
            () ->
                app.pool()
                    .preparedQuery("DELETE FROM allocations WHERE id = $1")
                    .execute(Tuple.of(allocation))
                    .map(r -> (PgException) null)
                    .recover(t -> Future.succeededFuture((PgException) t)));
    assertThat(e).as("the removal went through").isNotNull();
    assertThat(e.getSqlState()).isEqualTo("23503");
  }
}
