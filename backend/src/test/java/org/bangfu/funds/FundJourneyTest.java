package org.bangfu.funds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fund programmes and projects through HTTP: budget → project allocation → disbursement (拨付) →
 * acceptance (验收), each refused beyond what is left naming the field, notices published on approval
 * and acceptance, and concurrent writers never passing a ceiling.
 */
@DisplayName("Fund programmes and projects (资金项目)")
class FundJourneyTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static void assertField(
      HttpResponse<Buffer> r, int status, String error, String field, String code) {
    JsonObject body = ok(r, status);
    assertThat(body.getString("error")).isEqualTo(error);
    JsonObject f = body.getJsonArray("fields").getJsonObject(0);
    assertThat(f.getString("field")).isEqualTo(field);
    assertThat(f.getString("code")).isEqualTo(code);
  }

  static long programme(String name, long budget, String eligibility) {
    return ok(
            app.post(
                "/api/v1/funds/programmes",
                Account.UNITED_FRONT,
                new JsonObject()
                    .put("name", name)
                    .put("source", "city")
                    .put("category", "infrastructure")
                    .put("year", 2018)
                    .put("budget", budget)
                    .put("eligibility", eligibility)
                    .put("eligibleCounties", new JsonArray().add(TestFixture.COUNTY))
                    .put("startsOn", "2018-03-01")
                    .put("endsOn", "2018-12-31")),
            201)
        .getLong("id");
  }

  static HttpResponse<Buffer> project(String village, long programme, long amount) {
    return app.post(
        "/api/v1/funds/projects",
        Account.REVIEWER,
        new JsonObject()
            .put("name", "村道硬化工程")
            .put("regionId", village)
            .put("category", "infrastructure")
            .put("implementer", "安溪县路桥工程有限公司")
            .put("procurement", "public_tender")
            .put("plannedStart", "2018-04-01")
            .put("plannedEnd", "2018-09-30")
            .put("description", "村道硬化 1.2 公里")
            .put(
                "sources",
                new JsonArray()
                    .add(new JsonObject().put("programmeId", programme).put("amount", amount))));
  }

  static long count(String table) {
    return app.pool()
        .query("SELECT count(*) FROM " + table)
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  static JsonObject programmeJson(long id) {
    return ok(app.get("/api/v1/funds/programmes/" + id, Account.AUDITOR), 200);
  }

  static JsonArray notices(String kind, long project) {
    return ok(app.get("/api/v1/public/notices?kind=" + kind, null), 200)
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(n -> n.getString("subjectId").equals(Long.toString(project)))
        .collect(JsonArray::new, JsonArray::add, JsonArray::addAll);
  }

  @Test
  @DisplayName(
      "plan → approve (公示) → disburse → report with photo → accept (公示); over budget and over allocation refused")
  void journey() {
    long g = programme("市级扶贫开发重点村基础设施资金", 1_000_000, "poor_villages");
    JsonObject planned = ok(project(TestFixture.VILLAGE, g, 600_000), 201);
    long id = planned.getLong("id");
    assertThat(planned.getString("status")).isEqualTo("planned");
    assertThat(planned.getLong("budget")).isEqualTo(600_000L);
    assertThat(programmeJson(g).getLong("left")).isEqualTo(400_000L);

    // over the programme's budget, not eligible, outside the region: nothing written
    long projects = count("fund_projects");
    assertField(
        project(TestFixture.VILLAGE, g, 400_001),
        409,
        "programme_budget_exceeded",
        "sources[0].amount",
        "more_than_left");
    assertField(
        project(TestFixture.VILLAGE_SAME_TOWNSHIP, g, 1000),
        400,
        "validation",
        "sources[0].programmeId",
        "not_eligible");
    assertThat(project(TestFixture.OTHER_VILLAGE, g, 1000).statusCode()).isEqualTo(403);
    assertField(
        project(TestFixture.VILLAGE, 999_999, 1000),
        400,
        "validation",
        "sources[0].programmeId",
        "not_found");
    assertThat(count("fund_projects")).isEqualTo(projects);
    assertThat(programmeJson(g).getLong("allocated")).isEqualTo(600_000L);

    // money is paid to approved projects only
    assertThat(
            ok(
                    app.post(
                        "/api/v1/funds/projects/" + id + "/disbursements",
                        Account.REVIEWER,
                        new JsonObject().put("amount", 1000)),
                    409)
                .getString("error"))
        .isEqualTo("project_not_approved");
    JsonObject approved =
        ok(app.post("/api/v1/funds/projects/" + id + "/approve", Account.REVIEWER, null), 200);
    assertThat(approved.getString("status")).isEqualTo("approved");
    JsonArray approval = notices("project_approved", id);
    assertThat(approval).hasSize(1);
    assertThat(approval.getJsonObject(0).getLong("amount")).isEqualTo(600_000L);
    assertThat(approval.getJsonObject(0).getString("source")).isEqualTo("市级扶贫开发重点村基础设施资金");
    assertThat(approval.getJsonObject(0).getString("implementer")).isEqualTo("安溪县路桥工程有限公司");
    assertThat(
            app.post("/api/v1/funds/projects/" + id + "/approve", Account.REVIEWER, null)
                .statusCode())
        .isEqualTo(409);

    // disbursement beyond the allocation: refused naming amount, nothing written
    long paid = count("fund_disbursements");
    assertField(
        app.post(
            "/api/v1/funds/projects/" + id + "/disbursements",
            Account.REVIEWER,
            new JsonObject().put("amount", 600_001)),
        409,
        "disbursement_exceeds_allocation",
        "amount",
        "more_than_left");
    assertThat(count("fund_disbursements")).isEqualTo(paid);
    JsonObject running =
        ok(
            app.post(
                "/api/v1/funds/projects/" + id + "/disbursements",
                Account.REVIEWER,
                new JsonObject().put("amount", 400_000).put("note", "首期工程款")),
            201);
    assertThat(running.getString("status")).isEqualTo("in_progress");
    assertThat(running.getLong("disbursed")).isEqualTo(400_000L);
    assertThat(programmeJson(g).getLong("disbursed")).isEqualTo(400_000L);
    // the audit row names the disbursement it records
    var trail =
        app.pool()
            .preparedQuery(
                "SELECT (a.after->>'disbursement')::bigint AS named,"
                    + " (SELECT max(d.id) FROM fund_disbursements d WHERE d.project_id = $1) AS paid"
                    + " FROM audit_log a WHERE a.entity = 'fund_project' AND a.entity_id = $1::text"
                    + " AND a.action = 'disbursed' ORDER BY a.id DESC LIMIT 1")
            .execute(io.vertx.sqlclient.Tuple.of(id))
            .await()
            .iterator()
            .next();
    assertThat(trail.getLong("named")).isEqualTo(trail.getLong("paid"));

    // the village's secretary reports progress from the phone, with a photo
    String png = org.bangfu.testing.Samples.PNG_BASE64;
    JsonObject reported =
        ok(
            app.post(
                "/api/v1/funds/projects/" + id + "/progress",
                Account.SECRETARY,
                new JsonObject()
                    .put("percent", 60)
                    .put("note", "路基完成，正在浇筑混凝土")
                    .put(
                        "photos",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("name", "路基.png")
                                    .put("contentType", "image/png")
                                    .put("dataBase64", png)))),
            201);
    assertThat(reported.getInteger("progress")).isEqualTo(60);
    long photo =
        reported.getJsonArray("reports").getJsonObject(0).getJsonArray("photos").getLong(0);
    HttpResponse<Buffer> image = app.get("/api/v1/funds/photos/" + photo, Account.REVIEWER);
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(
            app.post(
                    "/api/v1/funds/projects/" + id + "/progress",
                    Account.OTHER_SECRETARY,
                    new JsonObject().put("percent", 10).put("note", "x"))
                .statusCode())
        .isEqualTo(404);
    assertField(
        app.post(
            "/api/v1/funds/projects/" + id + "/progress",
            Account.SECRETARY,
            new JsonObject().put("percent", 101).put("note", "x")),
        400,
        "validation",
        "percent",
        "out_of_range");

    // acceptance (验收) publishes its notice with what was paid
    JsonObject accepted =
        ok(
            app.post(
                "/api/v1/funds/projects/" + id + "/accept",
                Account.REVIEWER,
                new JsonObject().put("note", "经乡镇、村两级验收合格")),
            200);
    assertThat(accepted.getString("status")).isEqualTo("accepted");
    assertThat(notices("project_accepted", id).getJsonObject(0).getLong("amount"))
        .isEqualTo(400_000L);

    // lists: the secretary sees the village's projects, the other secretary none
    assertThat(ok(app.get("/api/v1/funds/projects", Account.SECRETARY), 200).getLong("total"))
        .isGreaterThanOrEqualTo(1);
    assertThat(ok(app.get("/api/v1/funds/projects", Account.OTHER_SECRETARY), 200).getLong("total"))
        .isZero();
    assertThat(app.get("/api/v1/funds/projects", Account.DONOR).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName(
      "concurrent allocations never pass the programme's budget, concurrent disbursements never the allocation")
  void concurrency() throws Exception {
    long g = programme("并发测试资金", 1_000_000, "any");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> plans = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        plans.add(() -> project(TestFixture.VILLAGE_OTHER_TOWNSHIP, g, 100_000).statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(plans)) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
      assertThat(programmeJson(g).getLong("allocated")).isEqualTo(1_000_000L);

      long h = programme("并发拨付测试资金", 500_000, "any");
      long id = ok(project(TestFixture.VILLAGE_OTHER_TOWNSHIP, h, 500_000), 201).getLong("id");
      ok(app.post("/api/v1/funds/projects/" + id + "/approve", Account.REVIEWER, null), 200);
      List<Callable<Integer>> pays = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        pays.add(
            () ->
                app.post(
                        "/api/v1/funds/projects/" + id + "/disbursements",
                        Account.REVIEWER,
                        new JsonObject().put("amount", 60_000))
                    .statusCode());
      }
      List<Integer> paid = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(pays)) {
        paid.add(f.get());
      }
      assertThat(paid).containsOnly(201, 409);
      assertThat(paid.stream().filter(s -> s == 201).count()).isEqualTo(8);
      JsonObject p = ok(app.get("/api/v1/funds/projects/" + id, Account.AUDITOR), 200);
      assertThat(p.getLong("disbursed")).isEqualTo(480_000L);
      assertThat(p.getJsonArray("disbursements")).hasSize(8);
      assertThat(programmeJson(h).getLong("disbursed")).isEqualTo(480_000L);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("对口资金 of a coastal unit shows on its pair's mountain-sea flow")
  void mountainSeaFlows() {
    ok(
        app.post(
            "/api/v1/funds/programmes",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("name", "晋江市对口帮扶长汀县资金")
                .put("source", "paired_county")
                .put("sourceRegionId", "350582")
                .put("category", "industry")
                .put("year", 2018)
                .put("budget", 8_000_000)
                .put("eligibleCounties", new JsonArray().add(TestFixture.PAIRED_COUNTY))
                .put("startsOn", "2018-01-01")
                .put("endsOn", "2018-12-31")),
        201);
    assertField(
        app.post(
            "/api/v1/funds/programmes",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("name", "x")
                .put("source", "paired_county")
                .put("category", "industry")
                .put("year", 2018)
                .put("budget", 1)
                .put("startsOn", "2018-01-01")
                .put("endsOn", "2018-12-31")),
        400,
        "validation",
        "sourceRegionId",
        "required");
    assertThat(
            app.post("/api/v1/funds/programmes", Account.REVIEWER, new JsonObject()).statusCode())
        .isEqualTo(403);
    JsonObject flow =
        ok(app.get("/api/v1/funds/mountain-sea-flows", null), 200)
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(flow.getString("fromName")).isEqualTo("晋江市");
    assertThat(flow.getString("toName")).isEqualTo("长汀县");
    assertThat(flow.getLong("budget")).isEqualTo(8_000_000L);
  }
}
