package org.bangfu.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A household's whole way through the register, through the API: identified (village → township →
 * county → 7-day notice) → a cadre and a plan with a need → an exit refused while a 两不愁三保障 gap is
 * open → the gap closed → the exit approved and effective after its notice → the county's 回头看 finds
 * it has fallen back, and a return application is made from the visit.
 */
@DisplayName(
    "The register over time: identify → plan and cadre → exit after its notice → 回头看 finds a return")
class RegistryLifecycleTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static int thisYear() {
    return app.clock().instant().atZone(ZoneId.systemDefault()).getYear();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** A refusal: the status, the field named and its code; answers the body. */
  static JsonObject refused(HttpResponse<Buffer> r, int status, String field, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    JsonObject body = r.bodyAsJsonObject();
    if (field != null) {
      JsonObject f = body.getJsonArray("fields").getJsonObject(0);
      assertThat(f.getString("field")).isEqualTo(field);
      assertThat(f.getString("code")).isEqualTo(code);
    }
    return body;
  }

  static long count(String sql, Object... args) {
    return app.pool()
        .preparedQuery(sql)
        .execute(Tuple.from(args))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  /** Runs the due jobs (the notices' closing among them) at the application's clock. */
  static void runNoticeJob() {
    app.runDueJobs();
  }

  /** Through the chain: township review, county approval; answers the application in its notice. */
  static JsonObject reviewAndApprove(long application) {
    String path = "/api/v1/status-applications/" + application;
    // the county cannot skip the township
    refused(
        app.post(path + "/approve", Account.REVIEWER, new JsonObject().put("decision", "pass")),
        409,
        null,
        null);
    ok(
        app.post(
            path + "/review", Account.TOWNSHIP_REVIEWER, new JsonObject().put("decision", "pass")),
        200);
    JsonObject a =
        ok(
            app.post(path + "/approve", Account.REVIEWER, new JsonObject().put("decision", "pass")),
            200);
    assertThat(a.getString("state")).isEqualTo("in_notice");
    assertThat(a.getString("noticeEnds")).isNotNull();
    return a;
  }

  static JsonObject household(long id) {
    return ok(app.get("/api/v1/households/" + id, Account.SECRETARY), 200);
  }

  @Test
  @DisplayName("the lifecycle, with every refusal on the way writing nothing")
  void lifecycle() {
    // the lifecycle spans 24 days of the application's clock and asks for "this year" at its start
    // and its end: in December, start it on 2 January so that no new year falls in between
    LocalDate today = app.clock().instant().atZone(ZoneId.systemDefault()).toLocalDate();
    if (today.getMonthValue() == 12) {
      app.clock()
          .set(
              LocalDate.of(today.getYear() + 1, 1, 2)
                  .atTime(10, 0)
                  .atZone(ZoneId.systemDefault())
                  .toInstant());
    }
    int year = thisYear();
    // a household known to the village enters the register as an applicant: being marginal is
    // applied for, and it is nothing before its notice closes
    refused(
        app.post(
            "/api/v1/households",
            Account.SECRETARY,
            new JsonObject()
                .put("headName", "林某")
                .put("idNumber", "350524197505050012")
                .put("status", "exited")
                .put("members", 4)
                .put("labourCapacity", 2)),
        400,
        "status",
        "not_allowed");
    JsonObject h =
        ok(
            app.post(
                "/api/v1/households",
                Account.SECRETARY,
                new JsonObject()
                    .put("headName", "林某")
                    .put("idNumber", "350524197505050012")
                    .put("phone", "13912345678")
                    .put("address", "洋坑村5组8号")
                    .put("status", "marginal")
                    .put("incomePerHead", 4100)
                    .put("members", 4)
                    .put("labourCapacity", 2)
                    .put("gaps", new JsonArray().add("housing"))),
            201);
    long id = h.getLong("id");
    assertThat(h.getString("status")).isEqualTo("applicant");
    JsonObject registration = h.getJsonObject("application");
    assertThat(registration.getString("toStatus")).isEqualTo("marginal");
    assertThat(registration.getBoolean("registration")).isTrue();
    reviewAndApprove(registration.getLong("id"));
    assertThat(household(id).getString("status")).isEqualTo("applicant");
    app.clock().advance(Duration.ofDays(8));
    runNoticeJob();
    assertThat(household(id).getString("status")).isEqualTo("marginal");

    // 1. identified as poor: an application with its grounds, through the chain and the notice
    JsonObject identify =
        new JsonObject()
            .put("householdId", id)
            .put("toStatus", "in_poverty")
            .put("year", year)
            .put("incomePerHead", 2800)
            .put("unmet", new JsonArray().add("housing"))
            .put("note", "危房，收入低于标准");
    refused(
        app.post("/api/v1/status-applications", Account.OTHER_SECRETARY, identify),
        403,
        "householdId",
        "not_your_village");
    refused(
        app.post(
            "/api/v1/status-applications",
            Account.SECRETARY,
            identify.copy().put("toStatus", "exited")),
        400,
        "toStatus",
        "status_jump_forbidden");
    refused(
        app.post(
            "/api/v1/status-applications",
            Account.SECRETARY,
            identify.copy().put("year", year + 1)),
        400,
        "year",
        "future_year");
    assertThat(count("SELECT count(*) FROM status_applications WHERE NOT registration")).isZero();
    long application =
        ok(app.post("/api/v1/status-applications", Account.SECRETARY, identify), 201).getLong("id");
    refused(
        app.post("/api/v1/status-applications", Account.SECRETARY, identify),
        409,
        "householdId",
        "application_already_open");
    // only the township reviewer of the village reviews
    refused(
        app.post(
            "/api/v1/status-applications/" + application + "/review",
            Account.REVIEWER,
            new JsonObject().put("decision", "pass")),
        403,
        null,
        null);
    reviewAndApprove(application);
    assertThat(household(id).getString("status")).as("not before its notice").isEqualTo("marginal");
    app.clock().advance(Duration.ofDays(6));
    runNoticeJob();
    assertThat(household(id).getString("status"))
        .as("the notice runs 7 days")
        .isEqualTo("marginal");
    app.clock().advance(Duration.ofDays(2));
    runNoticeJob();
    JsonObject poor = household(id);
    assertThat(poor.getString("status")).isEqualTo("in_poverty");
    assertThat(poor.getInteger("identifiedYear")).isEqualTo(year);

    // 2. one cadre in charge and a plan; the housing measure posts a need to the marketplace
    JsonObject cadre =
        ok(
            app.post(
                "/api/v1/cadres",
                Account.TOWNSHIP_REVIEWER,
                new JsonObject()
                    .put("name", "陈建华")
                    .put("unit", "龙门镇农业服务中心")
                    .put("level", "township")
                    .put("phone", "13700001111")),
            201);
    assertThat(cadre.getString("phone")).isEqualTo("137****1111");
    JsonObject second =
        ok(
            app.post(
                "/api/v1/cadres",
                Account.REVIEWER,
                new JsonObject().put("name", "王丽").put("unit", "安溪县扶贫办").put("level", "county")),
            201);
    ok(
        app.post(
            "/api/v1/households/" + id + "/cadre",
            Account.SECRETARY,
            new JsonObject().put("cadreId", cadre.getLong("id"))),
        201);
    refused(
        app.post(
            "/api/v1/households/" + id + "/cadre",
            Account.SECRETARY,
            new JsonObject().put("cadreId", second.getLong("id"))),
        409,
        "cadreId",
        "household_has_cadre");
    long need =
        ok(
                app.post(
                    "/api/v1/needs",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("villageId", TestFixture.VILLAGE)
                        .put("householdId", id)
                        .put("category", "housing")
                        .put("unit", "CNY")
                        .put("quantity", 20000)
                        .put("priority", 5)
                        .put("title", "危房改造")),
                201)
            .getLong("id");
    refused(
        app.post(
            "/api/v1/households/" + id + "/plan/measures",
            Account.SECRETARY,
            new JsonObject().put("kind", "lottery").put("target", "中奖")),
        400,
        "kind",
        "not_allowed");
    JsonObject housing =
        ok(
            app.post(
                "/api/v1/households/" + id + "/plan/measures",
                Account.SECRETARY,
                new JsonObject()
                    .put("kind", "housing")
                    .put("target", "完成危房改造")
                    .put("status", "in_progress")
                    .put("needId", need)),
            201);
    ok(
        app.post(
            "/api/v1/households/" + id + "/plan/measures",
            Account.SECRETARY,
            new JsonObject().put("kind", "industry").put("target", "种植茶叶 5 亩")),
        201);
    ok(
        app.post(
            "/api/v1/households/" + id + "/visits",
            Account.SECRETARY,
            new JsonObject()
                .put(
                    "visitedOn",
                    app.clock().instant().atZone(ZoneId.systemDefault()).toLocalDate().toString())
                .put("what", "核实危房改造进度")),
        201);
    JsonObject plan = ok(app.get("/api/v1/households/" + id + "/plan", Account.SECRETARY), 200);
    assertThat(plan.getJsonObject("cadre").getString("name")).isEqualTo("陈建华");
    assertThat(plan.getJsonArray("measures")).hasSize(2);
    assertThat(plan.getJsonArray("measures").getJsonObject(0).getLong("needId")).isEqualTo(need);
    assertThat(plan.getJsonArray("visits")).hasSize(1);

    // 3. an exit is refused while the housing gap is open
    JsonObject exit =
        new JsonObject()
            .put("householdId", id)
            .put("toStatus", "exited")
            .put("year", year)
            .put("incomePerHead", 6200);
    refused(
        app.post("/api/v1/status-applications", Account.SECRETARY, exit),
        400,
        "gaps",
        "exit_with_open_gaps");
    refused(
        app.post(
            "/api/v1/status-applications",
            Account.SECRETARY,
            exit.copy().put("unmet", new JsonArray().add("medical"))),
        400,
        "unmet",
        "exit_with_open_gaps");
    // the house is renovated: the gap is closed with what was done, not patched away
    refused(
        app.patch(
            "/api/v1/households/" + id,
            Account.SECRETARY,
            new JsonObject().put("gaps", new JsonArray())),
        400,
        "gaps",
        "gaps_by_record");
    JsonArray gaps =
        ok(app.get("/api/v1/households/" + id + "/gaps", Account.SECRETARY), 200)
            .getJsonArray("items");
    assertThat(gaps).hasSize(1);
    ok(
        app.post(
            "/api/v1/household-gaps/" + gaps.getJsonObject(0).getLong("id") + "/close",
            Account.SECRETARY,
            new JsonObject().put("note", "危房改造完成，已验收")),
        200);
    assertThat(household(id).getJsonArray("gaps")).isEmpty();
    ok(
        app.patch(
            "/api/v1/plan-measures/" + housing.getLong("id"),
            Account.SECRETARY,
            new JsonObject().put("status", "done")),
        200);
    // the status itself is never patched
    refused(
        app.patch(
            "/api/v1/households/" + id,
            Account.SECRETARY,
            new JsonObject().put("status", "exited")),
        400,
        "status",
        "status_by_application");
    long exitApplication =
        ok(app.post("/api/v1/status-applications", Account.SECRETARY, exit), 201).getLong("id");
    reviewAndApprove(exitApplication);
    app.clock().advance(Duration.ofDays(8));
    runNoticeJob();
    runNoticeJob();
    JsonObject exited = household(id);
    assertThat(exited.getString("status")).isEqualTo("exited");
    assertThat(exited.getInteger("exitedYear")).isEqualTo(year);

    // the timeline reads every step, in order
    JsonArray timeline =
        ok(app.get("/api/v1/households/" + id + "/timeline", Account.SECRETARY), 200)
            .getJsonArray("items");
    assertThat(timeline.stream().map(o -> ((JsonObject) o).getString("step")).toList())
        .containsExactly(
            "registered",
            "submitted",
            "reviewed",
            "approved",
            "effective",
            "submitted",
            "reviewed",
            "approved",
            "effective",
            "submitted",
            "reviewed",
            "approved",
            "effective");
    // each step names the official who took it; the notice's end is nobody's decision
    JsonObject lastReview = timeline.getJsonObject(timeline.size() - 3);
    assertThat(lastReview.getString("step")).isEqualTo("reviewed");
    assertThat(lastReview.getString("actorName")).isEqualTo("测试 TOWNSHIP_REVIEWER");
    assertThat(timeline.getJsonObject(timeline.size() - 2).getString("actorName"))
        .isEqualTo("测试 REVIEWER");
    assertThat(timeline.getJsonObject(timeline.size() - 1).getString("actorName")).isNull();
    assertThat(count("SELECT count(*) FROM audit_log WHERE entity = 'status_application'"))
        .isEqualTo(9);
    assertThat(count("SELECT count(*) FROM audit_log WHERE entity = 'plan_measure'")).isEqualTo(3);
    assertThat(
            count(
                "SELECT count(*) FROM audit_log WHERE entity = 'household' AND action = 'status'"))
        .as("applied once each")
        .isEqualTo(3);
    // each change was a public notice of its kind, closed, naming no one
    JsonObject notices =
        ok(app.get("/api/v1/public/notices?kind=household_status&size=50", null), 200);
    assertThat(notices.getJsonArray("items")).hasSize(3);
    assertThat(notices.encode()).doesNotContain("林某").doesNotContain("13912345678");
    // 4. 回头看: the county opens its round; the village finds the household has fallen back
    refused(
        app.post(
            "/api/v1/review-rounds",
            Account.REVIEWER,
            new JsonObject().put("year", year + 1).put("incomeLine", 4000)),
        400,
        "year",
        "future_year");
    refused(
        app.post(
            "/api/v1/review-rounds",
            Account.TOWNSHIP_REVIEWER,
            new JsonObject().put("year", year).put("incomeLine", 4000)),
        403,
        null,
        null);
    JsonObject round =
        ok(
            app.post(
                "/api/v1/review-rounds",
                Account.REVIEWER,
                new JsonObject().put("year", year).put("incomeLine", 4000)),
            201);
    assertThat(round.getLong("households")).isEqualTo(1);
    String rounds = "/api/v1/review-rounds/" + round.getLong("id");
    JsonObject failing =
        new JsonObject()
            .put("householdId", id)
            .put(
                "visitedOn",
                app.clock().instant().atZone(ZoneId.systemDefault()).toLocalDate().toString())
            .put("incomePerHead", 3500)
            .put("note", "主要劳力因病失去收入")
            .put(
                "checklist",
                new JsonObject()
                    .put("food", true)
                    .put("clothing", true)
                    .put("education", true)
                    .put("medical", false)
                    .put("housing", true));
    refused(app.post(rounds + "/visits", Account.OTHER_SECRETARY, failing), 404, null, null);
    JsonObject visited = ok(app.post(rounds + "/visits", Account.SECRETARY, failing), 201);
    assertThat(visited.getBoolean("passed")).isFalse();
    refused(
        app.post(rounds + "/visits", Account.SECRETARY, failing),
        409,
        "householdId",
        "application_already_open");
    JsonObject progress = ok(app.get(rounds + "/progress", Account.REVIEWER), 200);
    assertThat(progress.getLong("visited")).isEqualTo(1);
    assertThat(progress.getLong("failed")).isEqualTo(1);
    assertThat(progress.getJsonArray("villages").getJsonObject(0).getLong("failed")).isEqualTo(1);
    long back = visited.getLong("applicationId");
    JsonObject returned =
        ok(app.get("/api/v1/status-applications/" + back, Account.SECRETARY), 200);
    assertThat(returned.getString("toStatus")).isEqualTo("returned");
    assertThat(returned.getJsonArray("unmet").getList()).containsExactly("medical");
    reviewAndApprove(back);
    app.clock().advance(Duration.ofDays(8));
    runNoticeJob();
    assertThat(household(id).getString("status")).isEqualTo("returned");

    // counts only for the united front
    JsonObject summary = ok(app.get("/api/v1/registry/summary", Account.UNITED_FRONT), 200);
    assertThat(summary.getJsonObject("totals").getLong("returned")).isEqualTo(1);
    assertThat(summary.encode()).doesNotContain("林某").doesNotContain("headName");

    // the history is append-only in the database
    assertThatThrownBy(
            () ->
                app.pool()
                    .query("UPDATE household_status_history SET note = 'x'")
                    .execute()
                    .await())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () -> app.pool().query("DELETE FROM household_status_history").execute().await())
        .hasMessageContaining("append-only");
  }
}
