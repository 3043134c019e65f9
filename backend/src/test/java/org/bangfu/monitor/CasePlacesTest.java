package org.bangfu.monitor;

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
 * A case's county, village and household always exist, as with foreign keys, though they are
 * checked once per statement: a case naming a place that does not exist is refused (the whole
 * statement, however many cases it writes), and a place a case names cannot be removed — not even
 * by a removal racing a case that is being written.
 */
class CasePlacesTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static final String CASE =
      "INSERT INTO monitor_cases (county_id, village_id, household_id, person_digest, person_name,"
          + " opened_at, check_due, decision_due) VALUES ($1, $2, $3, $4, '张三', now(),"
          + " now() + interval '2 days', now() + interval '15 days') RETURNING id";

  static final String TWO_CASES =
      "INSERT INTO monitor_cases (county_id, village_id, person_digest, person_name, opened_at, check_due,"
          + " decision_due) SELECT '350524', v, d, '李四', now(), now() + interval '2 days',"
          + " now() + interval '15 days' FROM unnest($1::text[], $2::bytea[]) AS x(v, d)";

  private static int digests;

  private static byte[] digest() {
    byte[] d = new byte[32];
    d[0] = 7;
    d[1] = (byte) ++digests;
    return d;
  }

  private static Tuple caseOf(String county, String village, Long household) {
    return Tuple.of(county, village, household, io.vertx.core.buffer.Buffer.buffer(digest()));
  }

  private static String freshVillage(String id) {
    app.pool()
        .preparedQuery(
            "INSERT INTO regions (id, parent_id, level, name) VALUES ($1, '350524-T01', 'village', '新村')")
        .execute(Tuple.of(id))
        .await();
    return id;
  }

  private static long freshHousehold() {
    return app.one(
        "INSERT INTO households (village_id, head_name, id_number_enc, id_number_digest, status, members,"
            + " labour_capacity) VALUES ($1, '王五', '\\x00'::bytea, $2, 'marginal', 2, 1) RETURNING id",
        Tuple.of(TestFixture.VILLAGE, io.vertx.core.buffer.Buffer.buffer(digest())));
  }

  @Test
  @DisplayName("a case naming a county, village or household that does not exist is refused")
  void missingPlacesRefused() {
    assertThat(app.one(CASE, caseOf("350524", TestFixture.VILLAGE, null))).isPositive();
    PgException county =
        app.refused(app.pool().preparedQuery(CASE).execute(caseOf("359999", null, null)));
    assertThat(county.getSqlState()).isEqualTo("23503");
    assertThat(county.getConstraint()).isEqualTo("monitor_cases_county_id_fkey");
    PgException village =
        app.refused(
            app.pool().preparedQuery(CASE).execute(caseOf("350524", "350524-T01-V99", null)));
    assertThat(village.getConstraint()).isEqualTo("monitor_cases_village_id_fkey");
    PgException household =
        app.refused(app.pool().preparedQuery(CASE).execute(caseOf("350524", null, 987_654_321L)));
    assertThat(household.getConstraint()).isEqualTo("monitor_cases_household_id_fkey");
  }

  @Test
  @DisplayName("one wrong place among many cases of a statement refuses them all")
  void wholeStatementRefused() {
    long before = countCases();
    PgException e =
        app.refused(
            app.pool()
                .preparedQuery(TWO_CASES)
                .execute(
                    Tuple.of(
                        new String[] {TestFixture.VILLAGE, "350524-T01-V98"},
                        (Object)
                            new io.vertx.core.buffer.Buffer[] {
                              io.vertx.core.buffer.Buffer.buffer(digest()),
                              io.vertx.core.buffer.Buffer.buffer(digest())
                            })));
    assertThat(e.getSqlState()).isEqualTo("23503");
    assertThat(countCases()).isEqualTo(before);
  }

  @Test
  @DisplayName("a case's village changed to one that does not exist is refused")
  void changedPlaceRefused() {
    long id = app.one(CASE, caseOf("350524", null, null));
    PgException e =
        app.refused(
            app.pool()
                .preparedQuery(
                    "UPDATE monitor_cases SET village_id = '350524-T01-V97' WHERE id = $1")
                .execute(Tuple.of(id)));
    assertThat(e.getConstraint()).isEqualTo("monitor_cases_village_id_fkey");
  }

  @Test
  @DisplayName("a region or household a case names cannot be removed; unnamed ones can")
  void namedPlacesStay() {
    String named = freshVillage("350524-T01-V81");
    long household = freshHousehold();
    app.one(CASE, caseOf("350524", named, household));
    assertThat(
            app.refused(
                    app.pool()
                        .preparedQuery("DELETE FROM regions WHERE id = $1")
                        .execute(Tuple.of(named)))
                .getSqlState())
        .isEqualTo("23503");
    assertThat(
            app.refused(
                    app.pool()
                        .preparedQuery("DELETE FROM households WHERE id = $1")
                        .execute(Tuple.of(household)))
                .getSqlState())
        .isEqualTo("23503");
    String unnamed = freshVillage("350524-T01-V82");
    app.pool()
        .preparedQuery("DELETE FROM regions WHERE id = $1")
        .execute(Tuple.of(unnamed))
        .await();
    assertThat(
            app.refused(app.pool().query("TRUNCATE households, regions CASCADE").execute())
                .getSqlState())
        .isEqualTo("23503");
  }

  @Test
  @DisplayName("a region removed while a case naming it is being written waits, then is refused")
  void removalRacingACase() {
    String village = freshVillage("350524-T01-V83");
    PgException e =
        HeldRows.whileHeld(
            app,
            CASE,
            "SELECT $1::text, $2::text, $3::bigint, $4::bytea",
            caseOf("350524", village, null),
            () ->
                app.pool()
                    .preparedQuery("DELETE FROM regions WHERE id = $1")
                    .execute(Tuple.of(village))
                    .map(r -> (PgException) null)
                    .recover(t -> Future.succeededFuture((PgException) t)));
    assertThat(e).as("the removal went through").isNotNull();
    assertThat(e.getSqlState()).isEqualTo("23503");
    assertThat(
            app.pool()
                .preparedQuery("SELECT count(*) FROM regions WHERE id = $1")
                .execute(Tuple.of(village))
                .await()
                .iterator()
                .next()
                .getLong(0))
        .isEqualTo(1);
  }

  private static long countCases() {
    return app.pool()
        .query("SELECT count(*) FROM monitor_cases")
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }
}
