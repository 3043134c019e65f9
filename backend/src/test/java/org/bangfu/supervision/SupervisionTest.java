package org.bangfu.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fund supervision through HTTP with the clock moved: a disbursed project without a progress report
 * and a confirmed allocation not delivered raise alerts only once the configured days have passed;
 * an auditor closes one with a note; the dashboard counts them by county.
 */
@DisplayName("Online fund supervision (在线监管): alerts")
class SupervisionTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE, java.util.Map.of("BANGFU_ALERT_PROGRESS_DAYS", "20"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static List<JsonObject> alerts(String rule) {
    return ok(app.get("/api/v1/alerts?rule=" + rule, Account.AUDITOR), 200)
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  @Test
  @DisplayName(
      "no progress for N days and no delivery for N days raise alerts; an auditor closes one")
  void raiseAndClose() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    long g =
        ok(
                app.post(
                    "/api/v1/funds/programmes",
                    Account.UNITED_FRONT,
                    new JsonObject()
                        .put("name", "村集体经济发展资金")
                        .put("source", "city")
                        .put("category", "collective")
                        .put("year", today.getYear())
                        .put("budget", 2_000_000)
                        .put("startsOn", today.minusDays(10).toString())
                        .put("endsOn", today.plusDays(355).toString())),
                201)
            .getLong("id");
    long p =
        ok(
                app.post(
                    "/api/v1/funds/projects",
                    Account.REVIEWER,
                    new JsonObject()
                        .put("name", "茶叶加工厂房")
                        .put("regionId", TestFixture.VILLAGE)
                        .put("category", "collective")
                        .put("implementer", "洋坑村股份经济合作社")
                        .put("procurement", "inquiry")
                        .put("plannedStart", today.toString())
                        .put("plannedEnd", today.plusDays(300).toString())
                        .put(
                            "sources",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("programmeId", g)
                                        .put("amount", 500_000)))),
                201)
            .getLong("id");
    ok(app.post("/api/v1/funds/projects/" + p + "/approve", Account.REVIEWER, null), 200);
    ok(
        app.post(
            "/api/v1/funds/projects/" + p + "/disbursements",
            Account.REVIEWER,
            new JsonObject().put("amount", 200_000)),
        201);
    long allocation =
        app.pool()
            .query(
                """
        WITH n AS (INSERT INTO needs (village_id, category, unit, quantity, allocated, priority, title, status)
                   VALUES ('350524-T01-V01', 'education', 'CNY', 8000, 8000, 3, '助学金', 'allocated') RETURNING id),
             pl AS (INSERT INTO pledges (donor_id, unit, quantity, allocated, mode)
                    VALUES (1, 'CNY', 8000, 8000, 'pooled') RETURNING id)
        INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, status, confirmed_at)
        SELECT n.id, pl.id, 'claim', 'CNY', 8000, 'confirmed', now() FROM n, pl RETURNING id""")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong(0);

    // nothing is late yet
    ok(app.post("/api/v1/alerts/run", Account.AUDITOR, null), 200);
    assertThat(alerts("project_without_progress")).isEmpty();
    assertThat(alerts("allocation_not_delivered")).isEmpty();

    // 21 days later: the project has had no report for 20 days (configured), the allocation not yet
    // 30
    app.clock().advance(Duration.ofDays(21));
    assertThat(ok(app.post("/api/v1/alerts/run", Account.AUDITOR, null), 200).getInteger("raised"))
        .isGreaterThanOrEqualTo(1);
    List<JsonObject> stalled = alerts("project_without_progress");
    assertThat(stalled).hasSize(1);
    assertThat(stalled.get(0).getString("subjectId")).isEqualTo(Long.toString(p));
    assertThat(stalled.get(0).getString("countyName")).isEqualTo("安溪县");
    // the auditors' handling is due 10 days (BANGFU_ALERT_HANDLE_DAYS) after it was raised
    assertThat(java.time.Instant.parse(stalled.get(0).getString("dueAt")))
        .isEqualTo(
            java.time.Instant.parse(stalled.get(0).getString("raisedAt"))
                .plus(Duration.ofDays(10)));
    assertThat(alerts("allocation_not_delivered")).isEmpty();

    // 31 days: the allocation too; running again raises nothing twice
    app.clock().advance(Duration.ofDays(10));
    ok(app.post("/api/v1/alerts/run", Account.AUDITOR, null), 200);
    List<JsonObject> late = alerts("allocation_not_delivered");
    assertThat(late).hasSize(1);
    assertThat(late.get(0).getString("subjectId")).isEqualTo(Long.toString(allocation));
    ok(app.post("/api/v1/alerts/run", Account.AUDITOR, null), 200);
    assertThat(alerts("project_without_progress")).hasSize(1);

    // the dashboard counts them by county
    JsonObject anxi =
        ok(app.get("/api/v1/alerts/by-county", Account.UNITED_FRONT), 200)
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("countyId").equals(TestFixture.COUNTY))
            .findFirst()
            .orElseThrow();
    assertThat(anxi.getLong("open")).isGreaterThanOrEqualTo(2);

    // an auditor closes one with a note; bad input and a second close are refused
    long id = stalled.get(0).getLong("id");
    JsonObject bad =
        ok(
            app.post(
                "/api/v1/alerts/" + id + "/resolve",
                Account.AUDITOR,
                new JsonObject().put("status", "closed").put("note", " ")),
            400);
    assertThat(bad.getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("note");
    assertThat(
            app.post(
                    "/api/v1/alerts/" + id + "/resolve",
                    Account.REVIEWER,
                    new JsonObject().put("status", "closed").put("note", "x"))
                .statusCode())
        .isEqualTo(403);
    JsonObject closed =
        ok(
            app.post(
                "/api/v1/alerts/" + id + "/resolve",
                Account.AUDITOR,
                new JsonObject().put("status", "closed").put("note", "已督促村里补报进度，照片已上传")),
            200);
    assertThat(closed.getString("status")).isEqualTo("closed");
    assertThat(closed.getString("dueAt")).as("handled: nothing due").isNull();
    assertThat(closed.getString("note")).contains("补报进度");
    assertThat(
            ok(
                    app.post(
                        "/api/v1/alerts/" + id + "/resolve",
                        Account.AUDITOR,
                        new JsonObject().put("status", "explained").put("note", "x")),
                    409)
                .getString("error"))
        .isEqualTo("alert_not_open");
    // a closed alert is not raised again
    ok(app.post("/api/v1/alerts/run", Account.AUDITOR, null), 200);
    assertThat(alerts("project_without_progress")).hasSize(1);
    assertThat(
            ok(
                    app.get(
                        "/api/v1/alerts?status=open&rule=project_without_progress",
                        Account.AUDITOR),
                    200)
                .getLong("total"))
        .isZero();
    // reviewers see their region's alerts only
    assertThat(ok(app.get("/api/v1/alerts", Account.REVIEWER), 200).getLong("total"))
        .isGreaterThanOrEqualTo(2);
    assertThat(app.get("/api/v1/alerts", Account.DONOR).statusCode()).isEqualTo(403);
  }
}
