package org.bangfu.funds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.HeldRows;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fund ledger's row locks, not only its CHECKs: while another writer holds a programme or a
 * project's source and spends it, a new project or a disbursement waits and is refused with the
 * ceiling it passes, never by a CHECK on figures read before the other writer committed.
 */
@DisplayName("The fund ledger's locks: a write decides on what a concurrent writer left")
class FundLedgerLocksTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    FundJourneyTest.app = app; // its helpers (programme, project) post through this app
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static void refusedWith(HttpResponse<Buffer> r, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("error"))
        .as("refused on fresh figures, not by a CHECK on stale ones")
        .isEqualTo(code);
  }

  @Test
  @DisplayName(
      "a programme spent by another writer meanwhile: a new project is refused as over budget")
  void programmeHeld() {
    long programme = FundJourneyTest.programme("危房改造专项", 100_000, "any");
    HttpResponse<Buffer> r =
        HeldRows.whileHeld(
            app,
            "SELECT id FROM fund_programmes WHERE id = $1 FOR UPDATE",
            "UPDATE fund_programmes SET allocated = budget WHERE id = $1",
            Tuple.of(programme),
            () ->
                app.client()
                    .post("/api/v1/funds/projects")
                    .bearerTokenAuthentication(app.token(Account.REVIEWER))
                    .sendJsonObject(projectBody(programme, 10_000)));
    refusedWith(r, "programme_budget_exceeded");
  }

  @Test
  @DisplayName("a project's source paid out by another writer meanwhile: a disbursement is refused")
  void sourceHeld() {
    long programme = FundJourneyTest.programme("村道硬化专项", 1_000_000, "any");
    long project =
        FundJourneyTest.ok(FundJourneyTest.project(TestFixture.VILLAGE, programme, 600_000), 201)
            .getLong("id");
    FundJourneyTest.ok(
        app.post("/api/v1/funds/projects/" + project + "/approve", Account.REVIEWER, null), 200);
    HttpResponse<Buffer> r =
        HeldRows.whileHeld(
            app,
            // another payment locks as the fund ledger does: programme, project, source
            "SELECT g.id FROM fund_programmes g, fund_projects p, fund_project_sources s"
                + " WHERE g.id = $1 AND p.id = $2 AND s.project_id = $2 AND s.programme_id = $1"
                + " FOR UPDATE",
            "WITH g AS (UPDATE fund_programmes SET disbursed = disbursed + 600000 WHERE id = $1),"
                + " p AS (UPDATE fund_projects SET disbursed = 600000 WHERE id = $2)"
                + " UPDATE fund_project_sources SET disbursed = amount"
                + " WHERE project_id = $2 AND programme_id = $1",
            Tuple.of(programme, project),
            () ->
                app.client()
                    .post("/api/v1/funds/projects/" + project + "/disbursements")
                    .bearerTokenAuthentication(app.token(Account.REVIEWER))
                    .sendJsonObject(new JsonObject().put("amount", 1_000).put("note", "工程款")));
    refusedWith(r, "disbursement_exceeds_allocation");
  }

  static JsonObject projectBody(long programme, long amount) {
    return new JsonObject()
        .put("name", "危房改造")
        .put("regionId", TestFixture.VILLAGE)
        .put("category", "infrastructure")
        .put("implementer", "安溪县建筑工程有限公司")
        .put("procurement", "public_tender")
        .put("plannedStart", "2018-04-01")
        .put("plannedEnd", "2018-09-30")
        .put("description", "危房改造")
        .put(
            "sources",
            new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("programmeId", programme).put("amount", amount)));
  }
}
