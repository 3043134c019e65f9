package org.bangfu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bangfu.households.IdNumbers;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A household's status change goes through the one public notice path: its window comes from
 * BANGFU_NOTICE_WINDOW_DAYS_HOUSEHOLD_STATUS (3 days here), an objection holds it until a reviewer
 * answers, a founded objection withdraws the notice and rejects the change, and the notice names no
 * one.
 */
@DisplayName("Status changes on the one notice path: its window from configuration, objections")
class StatusNoticeTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            TestApp.Data.FIXTURE, Map.of("BANGFU_NOTICE_WINDOW_DAYS_HOUSEHOLD_STATUS", "3"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** A household registered as marginal, its application reviewed and approved: in its notice. */
  static JsonObject inNotice(String name, String idFirst17) {
    JsonObject h =
        ok(
            app.post(
                "/api/v1/households",
                Account.SECRETARY,
                new JsonObject()
                    .put("headName", name)
                    .put("idNumber", IdNumbers.withCheck(idFirst17))
                    .put("phone", "13911112222")
                    .put("status", "marginal")
                    .put("members", 2)
                    .put("labourCapacity", 1)),
            201);
    String path = "/api/v1/status-applications/" + h.getJsonObject("application").getLong("id");
    ok(
        app.post(
            path + "/review", Account.TOWNSHIP_REVIEWER, new JsonObject().put("decision", "pass")),
        200);
    return ok(
        app.post(path + "/approve", Account.REVIEWER, new JsonObject().put("decision", "pass")),
        200);
  }

  /** The deadlines about a record, oldest first, as kind:state:setting=value. */
  static List<String> deadlines(String type, long id) {
    return app
        .pool()
        .preparedQuery(
            "SELECT kind, state, rule_setting, rule_value FROM deadlines"
                + " WHERE subject_type = $1 AND subject_id = $2 ORDER BY id")
        .execute(Tuple.of(type, Long.toString(id)))
        .await()
        .stream()
        .map(
            r ->
                r.getString("kind")
                    + ":"
                    + r.getString("state")
                    + ":"
                    + r.getString("rule_setting")
                    + "="
                    + r.getInteger("rule_value"))
        .toList();
  }

  static String status(long household) {
    return ok(app.get("/api/v1/households/" + household, Account.SECRETARY), 200)
        .getString("status");
  }

  @Test
  @DisplayName("the window is the configured 3 days; an objection holds the change until answered")
  void objectionHoldsTheChange() {
    JsonObject a = inNotice("潘某", "35052419720202002");
    long household = a.getLong("householdId");
    JsonObject notice = ok(app.get("/api/v1/public/notices/" + a.getLong("noticeId"), null), 200);
    assertThat(notice.getString("kind")).isEqualTo("household_status");
    assertThat(
            Duration.between(
                Instant.parse(notice.getString("publishedAt")),
                Instant.parse(notice.getString("windowEndsAt"))))
        .isEqualTo(Duration.ofDays(3));
    assertThat(notice.encode()).doesNotContain("潘某").doesNotContain("13911112222");
    // the application's steps and the notice's window are deadlines of the engine
    assertThat(deadlines("status_application", a.getLong("id")))
        .containsExactly(
            "application_review:met:BANGFU_APPLICATION_REVIEW_DAYS=10",
            "application_approve:met:BANGFU_APPLICATION_APPROVE_DAYS=10");
    assertThat(deadlines("notice", a.getLong("noticeId")))
        .containsExactly("notice_window:open:BANGFU_NOTICE_WINDOW_DAYS_HOUSEHOLD_STATUS=3");

    JsonObject objection =
        ok(
            app.post(
                "/api/v1/public/notices/" + a.getLong("noticeId") + "/objections",
                null,
                new JsonObject().put("text", "该户家中有经商收入，请核实")),
            201);
    app.clock().advance(Duration.ofDays(4));
    app.runDueJobs();
    assertThat(status(household)).as("held by its objection").isEqualTo("applicant");
    ok(
        app.post(
            "/api/v1/objections/" + objection.getLong("id") + "/answer",
            Account.REVIEWER,
            new JsonObject().put("answer", "经核实，经商收入已停止，认定成立")),
        200);
    app.clock().advance(Duration.ofMinutes(11));
    app.runDueJobs();
    assertThat(status(household)).isEqualTo("marginal");
    JsonObject applied =
        ok(app.get("/api/v1/status-applications/" + a.getLong("id"), Account.SECRETARY), 200);
    assertThat(applied.getString("state")).isEqualTo("effective");
    assertThat(applied.getInteger("objections")).isEqualTo(1);
    assertThat(deadlines("notice", a.getLong("noticeId")))
        .as("met when the notice closed")
        .containsExactly("notice_window:met:BANGFU_NOTICE_WINDOW_DAYS_HOUSEHOLD_STATUS=3");
  }

  @Test
  @DisplayName("a founded objection withdraws the notice and rejects the change")
  void foundedObjectionWithdraws() {
    JsonObject a = inNotice("韦某", "35052419730303003");
    long household = a.getLong("householdId");
    ok(
        app.post(
            "/api/v1/public/notices/" + a.getLong("noticeId") + "/objections",
            null,
            new JsonObject().put("text", "该户已举家外迁")),
        201);
    assertThat(
            app.post(
                    "/api/v1/status-applications/" + a.getLong("id") + "/withdraw",
                    Account.TOWNSHIP_REVIEWER,
                    new JsonObject().put("reason", "异议属实"))
                .statusCode())
        .as("the county decides")
        .isEqualTo(403);
    JsonObject rejected =
        ok(
            app.post(
                "/api/v1/status-applications/" + a.getLong("id") + "/withdraw",
                Account.REVIEWER,
                new JsonObject().put("reason", "异议属实：该户已外迁")),
            200);
    assertThat(rejected.getString("state")).isEqualTo("rejected");
    JsonObject notice = ok(app.get("/api/v1/public/notices/" + a.getLong("noticeId"), null), 200);
    assertThat(notice.getString("status")).isEqualTo("withdrawn");
    assertThat(notice.getString("withdrawnReason")).contains("异议属实");
    assertThat(deadlines("notice", a.getLong("noticeId")))
        .as("nothing waits for a withdrawn notice's window")
        .containsExactly("notice_window:cancelled:BANGFU_NOTICE_WINDOW_DAYS_HOUSEHOLD_STATUS=3");
    app.clock().advance(Duration.ofDays(10));
    app.runDueJobs();
    assertThat(status(household)).isEqualTo("applicant");
  }
}
