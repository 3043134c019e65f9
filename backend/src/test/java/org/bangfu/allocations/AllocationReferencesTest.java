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
 * An allocation's need, pledge and round always exist, as with foreign keys, though they are
 * checked once per statement (a round writes 20,000 proposals to a statement): an allocation naming
 * one that does not exist is refused (the whole statement, however many rows it writes), and a
 * need, pledge or round an allocation names cannot be removed — not even by a removal racing the
 * allocation being written.
 */
@DisplayName("An allocation's need, pledge and round, checked per statement")
class AllocationReferencesTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static final String ALLOCATION =
      "INSERT INTO allocations (need_id, pledge_id, round_id, source, unit, quantity, status)"
          + " VALUES ($1, $2, $3, CASE WHEN $3::bigint IS NULL THEN 'claim' ELSE 'round' END,"
          + " 'CNY', 100, 'proposed') RETURNING id";

  static final String MANY =
      "INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, status)"
          + " SELECT n, $2, 'claim', 'CNY', 1, 'proposed' FROM unnest($1::bigint[]) AS n";

  private static long need() {
    return app.one(
        "INSERT INTO needs (village_id, category, unit, quantity, priority, title)"
            + " VALUES ($1, 'education', 'CNY', 10000, 3, '书包') RETURNING id",
        Tuple.of(TestFixture.VILLAGE));
  }

  private static long pledge() {
    return app.one(
        "INSERT INTO pledges (donor_id, unit, quantity, mode) VALUES ($1, 'CNY', 10000, 'pooled')"
            + " RETURNING id",
        Tuple.of(TestFixture.DONOR));
  }

  private static long round() {
    return app.one("INSERT INTO match_rounds (status) VALUES ('done') RETURNING id", Tuple.tuple());
  }

  @Test
  @DisplayName("an allocation naming a need, pledge or round that does not exist is refused")
  void missingReferencesRefused() {
    long need = need();
    long pledge = pledge();
    long round = round();
    assertThat(app.one(ALLOCATION, Tuple.of(need, pledge, round))).isPositive();
    PgException n = app.refused(ALLOCATION, Tuple.of(987_654_321L, pledge, round));
    assertThat(n.getSqlState()).isEqualTo("23503");
    assertThat(n.getConstraint()).isEqualTo("allocations_need_id_fkey");
    PgException p = app.refused(ALLOCATION, Tuple.of(need, 987_654_321L, round));
    assertThat(p.getSqlState()).isEqualTo("23503");
    assertThat(p.getConstraint()).isEqualTo("allocations_pledge_id_fkey");
    PgException r = app.refused(ALLOCATION, Tuple.of(need, pledge, 987_654_321L));
    assertThat(r.getSqlState()).isEqualTo("23503");
    assertThat(r.getConstraint()).isEqualTo("allocations_round_id_fkey");
  }

  @Test
  @DisplayName("one missing need among many allocations of a statement refuses them all")
  void wholeStatementRefused() {
    long pledge = pledge();
    Long[] needs = {need(), need(), 987_654_320L, need()};
    PgException e = app.refused(MANY, Tuple.of(needs, pledge));
    assertThat(e.getSqlState()).isEqualTo("23503");
    assertThat(e.getConstraint()).isEqualTo("allocations_need_id_fkey");
    assertThat(app.one("SELECT count(*) FROM allocations WHERE pledge_id = $1", Tuple.of(pledge)))
        .isZero();
  }

  @Test
  @DisplayName("an allocation moved to a need that does not exist is refused")
  void changedReferenceRefused() {
    long id = app.one(ALLOCATION, Tuple.of(need(), pledge(), null));
    PgException e =
        app.refused("UPDATE allocations SET need_id = 987654319 WHERE id = $1", Tuple.of(id));
    assertThat(e.getSqlState()).isEqualTo("23503");
    assertThat(e.getConstraint()).isEqualTo("allocations_need_id_fkey");
  }

  @Test
  @DisplayName("a need, pledge or round an allocation names cannot be removed; unnamed ones can")
  void namedRowsStay() {
    long need = need();
    long pledge = pledge();
    long round = round();
    app.one(ALLOCATION, Tuple.of(need, pledge, round));
    assertThat(app.refused("DELETE FROM needs WHERE id = $1", Tuple.of(need)).getConstraint())
        .isEqualTo("allocations_need_id_fkey");
    assertThat(app.refused("DELETE FROM pledges WHERE id = $1", Tuple.of(pledge)).getConstraint())
        .isEqualTo("allocations_pledge_id_fkey");
    assertThat(
            app.refused("DELETE FROM match_rounds WHERE id = $1", Tuple.of(round)).getConstraint())
        .isEqualTo("allocations_round_id_fkey");
    assertThat(
            app.refused("UPDATE needs SET id = 987654318 WHERE id = $1", Tuple.of(need))
                .getSqlState())
        .isEqualTo("23503");
    long unnamedNeed = need();
    long unnamedPledge = pledge();
    long unnamedRound = round();
    app.pool()
        .preparedQuery("DELETE FROM needs WHERE id = $1")
        .execute(Tuple.of(unnamedNeed))
        .await();
    app.pool()
        .preparedQuery("DELETE FROM pledges WHERE id = $1")
        .execute(Tuple.of(unnamedPledge))
        .await();
    app.pool()
        .preparedQuery("DELETE FROM match_rounds WHERE id = $1")
        .execute(Tuple.of(unnamedRound))
        .await();
    assertThat(
            app.refused(app.pool().query("TRUNCATE match_rounds CASCADE").execute()).getSqlState())
        .isEqualTo("23503");
    assertThat(app.one("SELECT count(*) FROM needs WHERE id = $1", Tuple.of(need))).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a need removed while an allocation naming it is being written waits, then is refused")
  void removalRacingAnAllocation() {
    long need = need();
    long pledge = pledge();
    PgException e =
        HeldRows.whileHeld(
            app,
            ALLOCATION,
            "SELECT $1::bigint, $2::bigint, $3::bigint",
            Tuple.of(need, pledge, null),
            () ->
                app.pool()
                    .preparedQuery("DELETE FROM needs WHERE id = $1")
                    .execute(Tuple.of(need))
                    .map(r -> (PgException) null)
                    .recover(t -> Future.succeededFuture((PgException) t)));
    assertThat(e).as("the removal went through").isNotNull();
    assertThat(e.getSqlState()).isEqualTo("23503");
    assertThat(app.one("SELECT count(*) FROM needs WHERE id = $1", Tuple.of(need))).isEqualTo(1);
  }
}
