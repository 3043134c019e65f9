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
 * From a department's warning file to help, through the API with the clock moved, inside the 15
 * days of the national rule: the file is screened, matched to the register and de-duplicated; the
 * county triages; the village checks at home and reviews; the notice runs 5 days; the township
 * reviews; the county confirms; a need is drafted for the secretary and proposed to the household's
 * hometown donor with the reason; the secretary confirms; the donor claims; the first help is seen.
 */
@DisplayName("防返贫: a warning file becomes help within 15 days of the first lead")
class MonitorJourneyTest {
  static TestApp app;
  static final String HEAD_ID = IdNumbers.withCheck("35052419700303003");
  static final String STRANGER_ID = IdNumbers.withCheck("35052419850505005");
  static final String STRANGER_BELOW_ID = IdNumbers.withCheck("35052419900909009");

  /** A tiny JPEG: the home check's photo. */
  static final String JPEG = "/9j/4AAQSkZJRgABAQ==";

  @BeforeAll
  static void start() {
    app = TestApp.start();
    // the overseas donor's hometown is the secretary's village: it should be asked first
    app.pool()
        .preparedQuery(
            "UPDATE donors SET hometown_county = $1, hometown_township = $2, hometown_village = $3 WHERE id = $4")
        .execute(
            Tuple.of(
                TestFixture.COUNTY,
                TestFixture.TOWNSHIP,
                TestFixture.VILLAGE,
                TestFixture.OTHER_DONOR))
        .await();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static int year() {
    return app.clock().instant().atZone(ZoneId.of("Asia/Shanghai")).getYear();
  }

  static String today() {
    return LocalDate.ofInstant(app.clock().instant(), ZoneId.of("Asia/Shanghai")).toString();
  }

  /** A household registered as marginal through its application and notice. */
  static long registeredHousehold() {
    JsonObject h =
        ok(
            app.post(
                "/api/v1/households",
                Account.SECRETARY,
                new JsonObject()
                    .put("headName", "郑某")
                    .put("idNumber", HEAD_ID)
                    .put("phone", "13800002222")
                    .put("status", "marginal")
                    .put("incomePerHead", 5200)
                    .put("members", 3)
                    .put("labourCapacity", 1)),
            201);
    String path = "/api/v1/status-applications/" + h.getJsonObject("application").getLong("id");
    ok(
        app.post(
            path + "/review", Account.TOWNSHIP_REVIEWER, new JsonObject().put("decision", "pass")),
        200);
    ok(
        app.post(path + "/approve", Account.REVIEWER, new JsonObject().put("decision", "pass")),
        200);
    app.clock().advance(Duration.ofDays(8));
    app.runDueJobs();
    return h.getLong("id");
  }

  static HttpResponse<Buffer> upload(String department, String csv) {
    return app.client()
        .post("/api/v1/monitor/warning-files?department=" + department + "&fileName=yibao.csv")
        .bearerTokenAuthentication(app.token(Account.REVIEWER))
        .putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer(csv))
        .await();
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

  @Test
  @DisplayName("warning file → triage → home check → notice → decision → need → proposal → help")
  void warningToHelp() {
    ok(
        app.call(
            HttpMethod.PUT,
            "/api/v1/monitor/thresholds/35/" + year(),
            Account.ADMIN,
            new JsonObject()
                .put("incomeLine", 7500)
                .put("effectiveFrom", year() + "-01-01")
                .put("source", "省防返贫监测收入参考线")),
        200);
    long household = registeredHousehold();

    // 1. the medical insurance office's monthly file: screened, matched, de-duplicated, queued
    String csv =
        "身份证号,姓名,自付金额,说明\n"
            + HEAD_ID
            + ",郑某,8600,住院自付\n"
            + HEAD_ID
            + ",郑某,3000,门诊\n"
            + STRANGER_ID
            + ",黄某,25000,住院自付\n"
            + STRANGER_BELOW_ID
            + ",许某,12000,住院自付\n"
            + "350524199001011230,错号,9000,\n"
            + STRANGER_ID
            + ",黄某,,\n";
    Instant firstLead = app.clock().instant();
    JsonObject batch = ok(upload("medical", csv), 201);
    assertThat(batch.getInteger("rowsTotal")).isEqualTo(6);
    assertThat(batch.getInteger("rowsRejected")).as("a bad ID, a missing amount").isEqualTo(2);
    assertThat(batch.getInteger("rowsBelow")).as("under the medical lines").isEqualTo(2);
    assertThat(batch.getInteger("matched")).isEqualTo(1);
    assertThat(batch.getInteger("newCases")).isEqualTo(2);
    assertThat(batch.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getInteger("row")))
        .containsExactlyInAnyOrder(6, 7);
    // the same person again next day joins the case: no second case
    JsonObject again = ok(upload("medical", "身份证号,姓名,金额\n" + HEAD_ID + ",郑某,9100\n"), 201);
    assertThat(again.getInteger("newCases")).isZero();
    assertThat(again.getInteger("joinedCases")).isEqualTo(1);

    // 2. the county's triage queue, most at stake first
    JsonArray queue =
        ok(app.get("/api/v1/monitor/cases?state=triage", Account.REVIEWER), 200)
            .getJsonArray("items");
    assertThat(queue).hasSize(2);
    JsonObject mine =
        queue.stream()
            .map(o -> (JsonObject) o)
            .filter(c -> Long.valueOf(household).equals(c.getLong("householdId")))
            .findFirst()
            .orElseThrow();
    assertThat(mine.getInteger("leads")).isEqualTo(2);
    assertThat(mine.getString("idNumber")).doesNotContain(HEAD_ID.substring(6, 14));
    String path = "/api/v1/monitor/cases/" + mine.getLong("id");
    assertThat(app.get(path, Account.OTHER_SECRETARY).statusCode()).isEqualTo(404);
    assertThat(app.get(path, Account.DONOR).statusCode()).isEqualTo(403);
    // each case's home check is in the inbox of whoever owes it: the village's secretary where the
    // household is known, the county's desk while the person's village is not
    long stranger =
        queue.stream()
            .map(o -> (JsonObject) o)
            .filter(c -> !Long.valueOf(household).equals(c.getLong("householdId")))
            .findFirst()
            .orElseThrow()
            .getLong("id");
    assertThat(
            MonitorRulesTest.inboxItem(app, Account.SECRETARY, "monitor_check", mine.getLong("id")))
        .isNotNull();
    assertThat(MonitorRulesTest.inboxItem(app, Account.REVIEWER, "monitor_check", stranger))
        .isNotNull();
    assertThat(MonitorRulesTest.inboxItem(app, Account.SECRETARY, "monitor_check", stranger))
        .isNull();
    ok(
        app.post(path + "/triage", Account.REVIEWER, new JsonObject().put("decision", "accept")),
        200);

    // 3. the home check, with a photo
    app.clock().advance(Duration.ofDays(1));
    JsonObject checked =
        ok(
            app.post(
                path + "/check",
                Account.SECRETARY,
                new JsonObject()
                    .put("atRisk", true)
                    .put("visitedOn", today())
                    .put("incomePerHead", 4300)
                    .put("finding", "主要劳动力住院，医疗支出大")
                    .put("kind", "marginal")
                    .put("risks", new JsonArray().add("illness"))
                    .put(
                        "photos",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("name", "visit.jpg")
                                    .put("contentType", "image/jpeg")
                                    .put("dataBase64", JPEG)))),
            200);
    assertThat(checked.getString("state")).isEqualTo("checked");
    assertThat(checked.getLong("incomeLine")).isEqualTo(7500);
    assertThat(checked.getBoolean("hasPhoto")).isTrue();

    // 4. the village's review: a 5-day notice that names no one
    JsonObject noticed = ok(app.post(path + "/notice", Account.SECRETARY, null), 200);
    long notice = noticed.getLong("noticeId");
    JsonObject pub = ok(app.get("/api/v1/public/notices/" + notice, null), 200);
    assertThat(pub.getString("kind")).isEqualTo("monitor_identification");
    assertThat(pub.encode())
        .doesNotContain("郑某")
        .doesNotContain("住院")
        .doesNotContain("13800002222");
    assertThat(
            Duration.between(
                Instant.parse(pub.getString("publishedAt")),
                Instant.parse(pub.getString("windowEndsAt"))))
        .isEqualTo(Duration.ofDays(5));
    app.clock().advance(Duration.ofDays(5).plusHours(1));
    app.runDueJobs();

    // 5. the township, then the county
    assertThat(ok(app.get(path, Account.REVIEWER), 200).getString("state")).isEqualTo("township");
    assertThat(
            MonitorRulesTest.inboxItem(
                app, Account.TOWNSHIP_REVIEWER, "monitor_township", mine.getLong("id")))
        .as("the township's review in its inbox")
        .isNotNull();
    ok(
        app.post(
            path + "/township",
            Account.TOWNSHIP_REVIEWER,
            new JsonObject().put("decision", "pass")),
        200);
    JsonObject decided =
        ok(
            app.post(
                path + "/decide",
                Account.REVIEWER,
                new JsonObject()
                    .put("decision", "confirm")
                    .put("kind", "marginal")
                    .put("note", "因病支出骤增")
                    .put("help", new JsonObject().put("yuan", 15000))),
            200);
    assertThat(decided.getString("state")).isEqualTo("confirmed");
    assertThat(
            app
                .pool()
                .preparedQuery(
                    "SELECT kind, state FROM deadlines WHERE subject_type = 'monitor_case'"
                        + " AND subject_id = $1 ORDER BY id")
                .execute(io.vertx.sqlclient.Tuple.of(Long.toString(mine.getLong("id"))))
                .await()
                .stream()
                .map(r -> r.getString("kind") + ":" + r.getString("state"))
                .toList())
        .as("every step of the case met, nothing left in an inbox")
        .containsExactlyInAnyOrder(
            "monitor_check:met", "monitor_decision:met", "monitor_township:met");
    assertThat(
            ok(app.get("/api/v1/households/" + household, Account.SECRETARY), 200)
                .getString("status"))
        .isEqualTo("monitored");
    long need = decided.getLong("needId");
    assertThat(decided.getString("needStatus")).isEqualTo("draft");
    JsonObject proposal = decided.getJsonArray("proposals").getJsonObject(0);
    assertThat(proposal.getLong("donorId")).isEqualTo(TestFixture.OTHER_DONOR);
    assertThat(proposal.getJsonArray("reasons").getList()).contains("hometown-village");
    assertThat(proposal.getString("words")).contains("家乡就在本村");
    assertThat(proposal.getString("state")).isEqualTo("drafted");
    assertThat(Duration.between(firstLead, Instant.parse(decided.getString("decidedAt"))).toDays())
        .as("decided within 15 days of the first lead")
        .isLessThan(15);

    // 6. the secretary confirms the help; the donor hears of it (the village, never the household)
    ok(app.post(path + "/help", Account.SECRETARY, null), 200);
    JsonObject proposals = ok(app.get("/api/v1/monitor/proposals", Account.OTHER_DONOR), 200);
    assertThat(proposals.getJsonArray("items")).hasSize(1);
    assertThat(proposals.encode()).doesNotContain("郑某").doesNotContain(HEAD_ID);
    assertThat(ok(app.get("/api/v1/monitor/proposals", Account.DONOR), 200).getJsonArray("items"))
        .isEmpty();
    ok(app.post("/api/v1/needs/" + need + "/publish", Account.REVIEWER, null), 200);
    app.clock().advance(Duration.ofDays(1));
    ok(
        app.post(
            "/api/v1/needs/" + need + "/claims",
            Account.OTHER_DONOR,
            new JsonObject().put("quantity", 15000)),
        201);
    app.runDueJobs();
    JsonObject helped = ok(app.get(path, Account.REVIEWER), 200);
    assertThat(helped.getString("firstHelpAt")).isNotNull();
    assertThat(Duration.between(firstLead, Instant.parse(helped.getString("firstHelpAt"))).toDays())
        .as("helped within 15 days of the first lead")
        .isLessThan(15);

    // 7. the figures: counts and days, never a person
    JsonObject figures = ok(app.get("/api/v1/monitor/figures", Account.UNITED_FRONT), 200);
    assertThat(figures.getLong("leads")).isEqualTo(3);
    assertThat(figures.getLong("confirmed")).isEqualTo(1);
    assertThat(figures.getDouble("decisionDaysP50")).isLessThan(15.0);
    assertThat(figures.getDouble("helpDaysP95")).isLessThan(15.0);
    assertThat(figures.encode()).doesNotContain("郑某");
    assertThat(count("SELECT count(*) FROM audit_log WHERE entity = 'monitor_warning_batch'"))
        .isEqualTo(2);
  }
}
