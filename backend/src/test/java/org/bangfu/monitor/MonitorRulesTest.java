package org.bangfu.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.bangfu.households.IdNumbers;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The monitor's rules one by one: a self-report made without an account and followed by its
 * tracking code, limited per address; the same person through two channels is one case; a case late
 * on its decision escalates once, however often the job runs; the green channel helps first and
 * keeps its paperwork as a debt; a risk closes only by rules, after its own notice.
 */
@DisplayName("防返贫: self-reports, one case per person, escalation once, green channel, closing")
class MonitorRulesTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    // the reports' limit counts each address behind the proxy (this machine) on its own
    app =
        TestApp.start(
            TestApp.Data.FIXTURE, java.util.Map.of("BANGFU_TRUSTED_PROXIES", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

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

  static HttpResponse<Buffer> report(String from, JsonObject body) {
    return app.client()
        .post("/api/v1/public/monitor/reports")
        .putHeader("X-Forwarded-For", from)
        .sendJsonObject(body)
        .await();
  }

  static JsonObject selfReport(String id) {
    return new JsonObject()
        .put("name", "吴某")
        .put("phone", "13900001111")
        .put("idNumber", id)
        .put("hardship", "丈夫突发重病住院，家中无收入")
        .put("villageId", TestFixture.VILLAGE)
        .put("risk", "illness");
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

  /** The case of a person (by the masked ID number's ends) among the county's cases in a state. */
  static JsonObject caseOf(String id, String state) {
    String masked = id.substring(0, 6) + "********" + id.substring(14);
    return ok(app.get("/api/v1/monitor/cases?size=100&state=" + state, Account.REVIEWER), 200)
        .getJsonArray("items")
        .stream()
        .map(o -> (JsonObject) o)
        .filter(c -> masked.equals(c.getString("idNumber")))
        .findFirst()
        .orElseThrow();
  }

  static String today() {
    return LocalDate.ofInstant(app.clock().instant(), ZoneId.of("Asia/Shanghai")).toString();
  }

  @Test
  @DisplayName("a self-report without an account, followed by its tracking number and secret")
  void selfReportAndTracking() {
    String id = IdNumbers.withCheck("35052419811111111");
    refused(
        report("10.1.1.1", selfReport(id).put("idNumber", "350524198111111110")),
        400,
        "idNumber",
        "invalid");
    refused(
        report("10.1.1.1", selfReport(id).put("villageId", TestFixture.COUNTY)),
        400,
        "villageId",
        "unknown_village");
    refused(
        report("10.1.1.1", selfReport(id).put("bank", "6222021234567890123")),
        400,
        "bank",
        "unknown_field");
    JsonObject filed = ok(report("10.1.1.1", selfReport(id)), 201);
    String tracking = filed.getString("trackingNumber");
    String secret = filed.getString("secret");
    assertThat(tracking).matches("JC-\\d{8}-[0-9A-Z]{8}");
    JsonObject track = new JsonObject().put("trackingNumber", tracking).put("secret", secret);
    JsonObject seen = ok(app.post("/api/v1/public/monitor/reports/track", null, track), 200);
    assertThat(seen.getString("stage")).isEqualTo("received");
    assertThat(seen.encode()).doesNotContain("吴某").doesNotContain(id).doesNotContain("重病");
    refused(
        app.post(
            "/api/v1/public/monitor/reports/track",
            null,
            track.copy().put("secret", "WRONGSECRET2")),
        400,
        "secret",
        "tracking_mismatch");

    // the county accepts it: the reporter reads that a home check is coming
    JsonObject queued = caseOf(id, "triage");
    assertThat(queued.getJsonArray("channels").getList()).containsExactly("self_report");
    assertThat(queued.getString("villageId")).isEqualTo(TestFixture.VILLAGE);
    ok(
        app.post(
            "/api/v1/monitor/cases/" + queued.getLong("id") + "/triage",
            Account.REVIEWER,
            new JsonObject().put("decision", "accept")),
        200);
    assertThat(
            ok(app.post("/api/v1/public/monitor/reports/track", null, track), 200)
                .getString("stage"))
        .isEqualTo("checking");

    // the same person through a cadre's visit is the same case
    JsonObject viaCadre =
        ok(
            app.post(
                "/api/v1/monitor/leads",
                Account.SECRETARY,
                new JsonObject()
                    .put("name", "吴某")
                    .put("idNumber", id)
                    .put("visitReason", "illness")),
            201);
    assertThat(viaCadre.getLong("id")).isEqualTo(queued.getLong("id"));
    assertThat(viaCadre.getInteger("leads")).isEqualTo(2);
    assertThat(viaCadre.getJsonArray("channels").getList()).containsExactly("cadre", "self_report");
    refused(
        app.post(
            "/api/v1/monitor/leads",
            Account.OTHER_SECRETARY,
            new JsonObject()
                .put("name", "吴某")
                .put("idNumber", id)
                .put("villageId", TestFixture.VILLAGE)
                .put("visitReason", "illness")),
        400,
        "villageId",
        "not_your_village");
  }

  @Test
  @DisplayName("one address files at most three reports a day, however many are sent at once")
  void reportsPerAddress() {
    for (int i = 0; i < 3; i++) {
      ok(report("10.2.2.2", selfReport(IdNumbers.withCheck("3505241970010100" + i))), 201);
    }
    refused(
        report("10.2.2.2", selfReport(IdNumbers.withCheck("35052419700101009"))), 429, null, null);
    // another address is not counted with it
    ok(report("10.3.3.3", selfReport(IdNumbers.withCheck("35052419700101008"))), 201);
    app.clock().advance(Duration.ofHours(25));
    ok(report("10.2.2.2", selfReport(IdNumbers.withCheck("35052419700101007"))), 201);
  }

  /** The item of the user's inbox about the case, of a deadline kind; null when there is none. */
  static JsonObject inboxItem(Account who, String kind, long caseId) {
    return inboxItem(app, who, kind, caseId);
  }

  static JsonObject inboxItem(TestApp app, Account who, String kind, long caseId) {
    return ok(app.get("/api/v1/notifications?kind=" + kind + "&size=100", who), 200)
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(i -> i.getString("subjectId").equals(Long.toString(caseId)))
        .findFirst()
        .orElse(null);
  }

  @Test
  @DisplayName("a case late on its decision escalates to the city once, however often the job runs")
  void lateEscalatesOnce() {
    JsonObject c =
        ok(
            app.post(
                "/api/v1/monitor/leads",
                Account.SECRETARY,
                new JsonObject()
                    .put("name", "何某")
                    .put("idNumber", IdNumbers.withCheck("35052419660606006"))
                    .put("visitReason", "unstable_work")),
            201);
    long id = c.getLong("id");
    // the case's clocks are the deadline engine's: the county's decision in its desk's inbox, the
    // home check in the village's, and nobody else's
    JsonObject decision = inboxItem(Account.REVIEWER, "monitor_decision", id);
    assertThat(decision).as("the county's decision in its inbox").isNotNull();
    assertThat(decision.getString("section")).isEqualTo("todo");
    assertThat(decision.getJsonObject("rule").getString("setting"))
        .isEqualTo("BANGFU_MONITOR_DECISION_DAYS");
    assertThat(inboxItem(Account.SECRETARY, "monitor_check", id)).isNotNull();
    assertThat(inboxItem(Account.SECRETARY, "monitor_decision", id)).isNull();
    assertThat(inboxItem(Account.OTHER_COUNTY_REVIEWER, "monitor_decision", id)).isNull();
    app.clock().advance(Duration.ofDays(12));
    app.runDueJobs();
    JsonObject soon = ok(app.get("/api/v1/monitor/cases/" + id, Account.REVIEWER), 200);
    assertThat(soon.getBoolean("dueSoon")).as("three quarters of the window gone").isTrue();
    assertThat(soon.getBoolean("late")).isFalse();
    assertThat(inboxItem(Account.REVIEWER, "monitor_decision", id).getString("section"))
        .as("amber in the inbox")
        .isEqualTo("soon");
    app.clock().advance(Duration.ofDays(4));
    app.runDueJobs();
    app.clock().advance(Duration.ofHours(1));
    app.runDueJobs();
    JsonObject late = ok(app.get("/api/v1/monitor/cases/" + id, Account.REVIEWER), 200);
    assertThat(late.getBoolean("late")).isTrue();
    assertThat(late.getString("escalatedTo")).isEqualTo(TestFixture.CITY);
    JsonObject red = inboxItem(Account.REVIEWER, "monitor_decision", id);
    assertThat(red.getString("section")).isEqualTo("late");
    assertThat(red.getBoolean("escalated")).isTrue();
    assertThat(
            count(
                "SELECT count(*) FROM deadlines WHERE kind = 'monitor_decision' AND subject_id = $1"
                    + " AND escalation_level = 1 AND escalated_region = $2",
                Long.toString(id),
                TestFixture.CITY))
        .as("the deadline escalated once, to the city's desk")
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM audit_log WHERE entity = 'monitor_case' AND entity_id = $1 AND action = 'escalate'",
                Long.toString(id)))
        .as("escalated once")
        .isEqualTo(1);
    assertThat(
            late.getJsonArray("events").stream()
                .filter(e -> ((JsonObject) e).getString("step").equals("escalated"))
                .count())
        .isEqualTo(1);
  }

  @Test
  @DisplayName("the green channel helps first; its procedure follows as a debt with its date")
  void greenChannel() {
    JsonObject c =
        ok(
            app.post(
                "/api/v1/monitor/leads",
                Account.SECRETARY,
                new JsonObject()
                    .put("name", "蔡某")
                    .put("idNumber", IdNumbers.withCheck("35052419770707007"))
                    .put("visitReason", "disaster")
                    .put("detail", "台风损毁房屋")),
            201);
    String path = "/api/v1/monitor/cases/" + c.getLong("id");
    refused(
        app.post(path + "/green", Account.SECRETARY, new JsonObject().put("reason", "台风")),
        403,
        null,
        null);
    JsonObject green =
        ok(
            app.post(
                path + "/green",
                Account.REVIEWER,
                new JsonObject()
                    .put("reason", "台风损毁住房，先行救助")
                    .put("help", new JsonObject().put("category", "housing").put("yuan", 20000))),
            200);
    assertThat(green.getBoolean("green")).isTrue();
    assertThat(green.getString("state")).as("still to be checked and decided").isEqualTo("triage");
    assertThat(green.getString("needStatus")).as("help first").isEqualTo("submitted");
    assertThat(green.getString("paperworkDue")).isNotNull();
    JsonObject owed = inboxItem(Account.REVIEWER, "monitor_paperwork", c.getLong("id"));
    assertThat(owed).as("the procedure owed, in the county's inbox").isNotNull();
    assertThat(Instant.parse(owed.getString("dueAt")))
        .isEqualTo(Instant.parse(green.getString("paperworkDue")));
    app.clock().advance(Duration.ofDays(31));
    JsonObject debt = ok(app.get(path, Account.REVIEWER), 200);
    assertThat(debt.getBoolean("paperworkOverdue")).isTrue();
    assertThat(
            inboxItem(Account.REVIEWER, "monitor_paperwork", c.getLong("id")).getString("section"))
        .isEqualTo("late");
    refused(
        app.post(path + "/green", Account.REVIEWER, new JsonObject().put("reason", "again")),
        409,
        null,
        null);
  }

  @Test
  @DisplayName("a risk closes by rules only: the income line, no gap, no new lead, then its notice")
  void closingByRules() {
    int year = app.clock().instant().atZone(ZoneId.of("Asia/Shanghai")).getYear();
    ok(
        app.call(
            HttpMethod.PUT,
            "/api/v1/monitor/thresholds/35/" + year,
            Account.ADMIN,
            new JsonObject()
                .put("incomeLine", 7500)
                .put("effectiveFrom", year + "-01-01")
                .put("source", "省防返贫监测收入参考线")),
        200);
    assertThat(
            app.call(
                    HttpMethod.PUT,
                    "/api/v1/monitor/thresholds/35/" + year,
                    Account.REVIEWER,
                    new JsonObject())
                .statusCode())
        .isEqualTo(403);
    String id = IdNumbers.withCheck("35052419880808008");
    JsonObject c =
        ok(
            app.post(
                "/api/v1/monitor/leads",
                Account.SECRETARY,
                new JsonObject()
                    .put("name", "彭某")
                    .put("idNumber", id)
                    .put("visitReason", "low_income")),
            201);
    String path = "/api/v1/monitor/cases/" + c.getLong("id");
    ok(
        app.post(path + "/triage", Account.REVIEWER, new JsonObject().put("decision", "accept")),
        200);
    ok(
        app.post(
            path + "/check",
            Account.SECRETARY,
            new JsonObject()
                .put("atRisk", true)
                .put("visitedOn", today())
                .put("incomePerHead", 5000)
                .put("finding", "务工收入中断")
                .put("kind", "sudden")),
        200);
    ok(app.post(path + "/notice", Account.SECRETARY, null), 200);
    app.clock().advance(Duration.ofDays(6));
    app.runDueJobs();
    ok(
        app.post(
            path + "/township",
            Account.TOWNSHIP_REVIEWER,
            new JsonObject().put("decision", "pass")),
        200);
    JsonObject confirmed =
        ok(
            app.post(
                path + "/decide",
                Account.REVIEWER,
                new JsonObject().put("decision", "confirm").put("kind", "sudden")),
            200);
    long household = confirmed.getLong("householdId");
    assertThat(
            ok(app.get("/api/v1/households/" + household, Account.SECRETARY), 200)
                .getString("status"))
        .as("a person not in the register entered it, monitored")
        .isEqualTo("monitored");

    refused(
        app.post(
            path + "/closure",
            Account.SECRETARY,
            new JsonObject().put("incomePerHead", 6000).put("note", "务工恢复")),
        400,
        "incomePerHead",
        "under_income_line");
    ok(
        app.post(
            "/api/v1/households/" + household + "/gaps",
            Account.SECRETARY,
            new JsonObject().put("gap", "water").put("found", "自来水未通")),
        201);
    refused(
        app.post(
            path + "/closure",
            Account.SECRETARY,
            new JsonObject().put("incomePerHead", 9000).put("note", "务工恢复")),
        400,
        "gaps",
        "open_gaps");
    JsonArray gaps =
        ok(app.get("/api/v1/households/" + household + "/gaps", Account.SECRETARY), 200)
            .getJsonArray("items");
    ok(
        app.post(
            "/api/v1/household-gaps/" + gaps.getJsonObject(0).getLong("id") + "/close",
            Account.SECRETARY,
            new JsonObject().put("note", "自来水入户")),
        200);
    JsonObject closing =
        ok(
            app.post(
                path + "/closure",
                Account.SECRETARY,
                new JsonObject().put("incomePerHead", 9000).put("note", "务工恢复")),
            200);
    assertThat(closing.getString("state")).isEqualTo("closing");
    app.clock().advance(Duration.ofDays(8));
    app.runDueJobs();
    assertThat(ok(app.get(path, Account.REVIEWER), 200).getString("state")).isEqualTo("closed");
    assertThat(
            ok(app.get("/api/v1/households/" + household, Account.SECRETARY), 200)
                .getString("status"))
        .isEqualTo("cleared");
  }
}
