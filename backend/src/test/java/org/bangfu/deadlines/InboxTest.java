package org.bangfu.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangfu.config.OversightConfig;
import org.bangfu.testing.Samples;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every kind of deadline through the workflows' own API: each reaches the inbox of the people it
 * concerns — and of nobody else but the admins — when its step opens it, and leaves when the step
 * that meets it is taken; open screens hear of it, only those it concerns.
 */
@DisplayName("The inbox: every kind of deadline reaches the people it concerns, and no one else")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxTest {
  static TestApp app;
  static HttpClient http;

  /** Every account by name: the fixture's, a city desk and another county's desk. */
  static final Map<String, String> TOKENS = new LinkedHashMap<>();

  static long need;
  static long allocation;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    http = app.vertx().createHttpClient();
    for (Account a : Account.values()) {
      TOKENS.put(a.name(), app.token(a));
    }
    TOKENS.put("CITY", reviewer("t-city", TestFixture.CITY));
    TOKENS.put("OTHER_COUNTY", reviewer("t-yongchun", TestFixture.OTHER_COUNTY));
  }

  @AfterAll
  static void stop() {
    http.close().await();
    app.close();
  }

  static String reviewer(String username, String region) {
    ok(
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", username)
                .put("displayName", "扶贫办 " + region)
                .put("role", "reviewer")
                .put("regionId", region)
                .put("password", TestFixture.PASSWORD)),
        201);
    return app.token(username, TestFixture.PASSWORD);
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static long id(String sql, Object... args) {
    return app.pool()
        .preparedQuery(sql)
        .execute(Tuple.from(args))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  /** Whose inbox holds the deadline of {@code kind} about {@code subject}. */
  static List<String> holders(String kind, long subject) {
    return holders(kind, Long.toString(subject));
  }

  static List<String> holders(String kind, String subject) {
    List<String> out = new ArrayList<>();
    TOKENS.forEach(
        (name, token) -> {
          JsonArray items =
              ok(
                      app.call(
                          HttpMethod.GET,
                          "/api/v1/notifications?kind=" + kind + "&size=100",
                          token,
                          null),
                      200)
                  .getJsonArray("items");
          if (items.stream()
              .map(JsonObject.class::cast)
              .anyMatch(i -> i.getString("subjectId").equals(subject))) {
            out.add(name);
          }
        });
    return out;
  }

  /** The deadline is in exactly these inboxes (and the admin's, who may act at every step). */
  static void onlyFor(String kind, long subject, String... owners) {
    onlyFor(kind, Long.toString(subject), owners);
  }

  static void onlyFor(String kind, String subject, String... owners) {
    List<String> expected = new ArrayList<>(List.of(owners));
    if (owners.length > 0) {
      expected.add(Account.ADMIN.name());
    }
    assertThat(holders(kind, subject))
        .as(kind + " about " + subject)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  static String today(int plusDays) {
    return app.clock()
        .instant()
        .atZone(OversightConfig.CHINA)
        .toLocalDate()
        .plusDays(plusDays)
        .toString();
  }

  @Test
  @Order(1)
  @DisplayName("a need to review goes to the county, a need sent back to its village")
  void needs() {
    need =
        ok(
                app.post(
                    "/api/v1/needs",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("villageId", TestFixture.VILLAGE)
                        .put("category", "education")
                        .put("unit", "CNY")
                        .put("quantity", 30000)
                        .put("priority", 4)
                        .put("title", "贫困学生学费")),
                201)
            .getLong("id");
    onlyFor("need_review", need);
    ok(app.post("/api/v1/needs/" + need + "/submit", Account.SECRETARY, null), 200);
    onlyFor("need_review", need, "REVIEWER");
    ok(
        app.post(
            "/api/v1/needs/" + need + "/reject",
            Account.REVIEWER,
            new JsonObject().put("reason", "请补充学生在读证明")),
        200);
    onlyFor("need_review", need);
    onlyFor("need_returned", need, "SECRETARY");
    ok(app.post("/api/v1/needs/" + need + "/submit", Account.SECRETARY, null), 200);
    onlyFor("need_returned", need);
    onlyFor("need_review", need, "REVIEWER");
    ok(app.post("/api/v1/needs/" + need + "/publish", Account.REVIEWER, null), 200);
    onlyFor("need_review", need);
  }

  @Test
  @Order(2)
  @DisplayName("a pairing request goes to the united front")
  void pairing() {
    String c = "/api/v1/campaigns/" + TestFixture.CAMPAIGN;
    ok(app.post(c + "/enrolments", Account.DONOR, new JsonObject()), 201);
    long request =
        ok(
                app.post(
                    c + "/pairings",
                    Account.DONOR,
                    new JsonObject().put("villageId", TestFixture.VILLAGE)),
                201)
            .getLong("id");
    onlyFor("pairing_approve", request, "UNITED_FRONT");
    ok(
        app.post("/api/v1/campaign-pairings/" + request + "/approve", Account.UNITED_FRONT, null),
        200);
    onlyFor("pairing_approve", request);
  }

  @Test
  @Order(3)
  @DisplayName(
      "a proposal goes to its donor, a delivery to the village, a receipt to the county; an alert "
          + "to the auditors; the notice of a verified gift and an objection to it to the county")
  void allocation() {
    ok(
        app.post(
            "/api/v1/pledges",
            Account.DONOR,
            new JsonObject()
                .put("unit", "CNY")
                .put("quantity", 30000)
                .put("categories", new JsonArray().add("education"))
                .put("mode", "pooled")
                .put("note", "助学")),
        201);
    long round =
        ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201)
            .getLong("id");
    allocation = id("SELECT id FROM allocations WHERE round_id = $1 AND need_id = $2", round, need);
    // the donor's proposals of the round wait as one item, about the round and the donor
    String proposals = round + ":" + TestFixture.DONOR;
    onlyFor("proposal_confirm", proposals, "DONOR");
    ok(app.post("/api/v1/allocations/" + allocation + "/confirm", Account.DONOR, null), 200);
    // (any other proposal of the round to the donor declined: the item goes with the last answer)
    long others;
    while ((others =
            id(
                "SELECT coalesce(min(a.id), 0) FROM allocations a JOIN pledges p ON p.id = a.pledge_id"
                    + " WHERE a.round_id = $1 AND p.donor_id = $2 AND a.status = 'proposed'",
                round,
                TestFixture.DONOR))
        > 0) {
      onlyFor("proposal_confirm", proposals, "DONOR");
      ok(app.post("/api/v1/allocations/" + others + "/decline", Account.DONOR, null), 200);
    }
    onlyFor("proposal_confirm", proposals);

    // confirmed and not delivered for 40 days: the auditors have an alert to handle
    app.services().supervision().run(app.clock().instant().plus(Duration.ofDays(40))).await();
    long alert =
        id(
            "SELECT id FROM alerts WHERE rule = 'allocation_not_delivered' AND subject_id = $1",
            Long.toString(allocation));
    onlyFor("alert_handle", alert, "AUDITOR");
    ok(
        app.post(
            "/api/v1/alerts/" + alert + "/resolve",
            Account.AUDITOR,
            new JsonObject().put("status", "explained").put("note", "已与企业核实，下周转账")),
        200);
    onlyFor("alert_handle", alert);

    ok(
        app.post(
            "/api/v1/allocations/" + allocation + "/deliver",
            Account.DONOR,
            new JsonObject().put("note", "已转账")),
        200);
    onlyFor("delivery_receive", allocation, "SECRETARY");
    ok(
        app.post(
            "/api/v1/allocations/" + allocation + "/receive",
            Account.SECRETARY,
            new JsonObject()
                .put("note", "学费已交")
                .put(
                    "attachments",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("name", "receipt.jpg")
                                .put("contentType", "image/jpeg")
                                .put("dataBase64", Samples.jpegBase64())))),
        200);
    onlyFor("delivery_receive", allocation);
    onlyFor("receipt_verify", allocation, "REVIEWER");
    ok(app.post("/api/v1/allocations/" + allocation + "/verify", Account.REVIEWER, null), 200);
    onlyFor("receipt_verify", allocation);

    long notice =
        id(
            "SELECT id FROM notices WHERE subject_type = 'allocation' AND subject_id = $1",
            Long.toString(allocation));
    onlyFor("notice_window", notice, "REVIEWER");
    long objection =
        ok(
                app.post(
                    "/api/v1/public/notices/" + notice + "/objections",
                    null,
                    new JsonObject().put("text", "受助学生不是本村贫困户")),
                201)
            .getLong("id");
    onlyFor("objection_answer", objection, "REVIEWER");
    ok(
        app.post(
            "/api/v1/objections/" + objection + "/answer",
            Account.REVIEWER,
            new JsonObject().put("answer", "经核实，该生为本村建档立卡户子女")),
        200);
    onlyFor("objection_answer", objection);
  }

  @Test
  @Order(4)
  @DisplayName("a status application goes to the township, then to the county")
  void application() {
    // a household enters the register with the application of its status (township, county,
    // notice)
    JsonObject registered =
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
                    .put("members", 4)
                    .put("labourCapacity", 2)
                    .put("gaps", new JsonArray().add("housing"))),
            201);
    long application = registered.getJsonObject("application").getLong("id");
    String path = "/api/v1/status-applications/" + application;
    onlyFor("application_review", application, "TOWNSHIP_REVIEWER");
    ok(
        app.post(
            path + "/review", Account.TOWNSHIP_REVIEWER, new JsonObject().put("decision", "pass")),
        200);
    onlyFor("application_review", application);
    onlyFor("application_approve", application, "REVIEWER");
    long notice =
        ok(
                app.post(
                    path + "/approve", Account.REVIEWER, new JsonObject().put("decision", "pass")),
                200)
            .getLong("noticeId");
    onlyFor("application_approve", application);
    // the approved change waits for its village notice, whose window the county watches
    onlyFor("notice_window", notice, "REVIEWER");
  }

  @Test
  @DisplayName("a monitoring case: its home check the village's, its decision the county's desk's")
  void monitorCase() {
    long id =
        ok(
                app.post(
                    "/api/v1/monitor/leads",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("name", "吴某")
                        .put("idNumber", "350524196808080011")
                        .put("visitReason", "illness")),
                201)
            .getLong("id");
    onlyFor("monitor_check", id, "SECRETARY");
    onlyFor("monitor_decision", id, "REVIEWER");
  }

  @Test
  @Order(5)
  @DisplayName("a finding goes to its responsible unit: the village, the county or the donor")
  void findings() {
    long inspection =
        ok(
                app.post(
                    "/api/v1/inspections",
                    Account.UNITED_FRONT,
                    new JsonObject()
                        .put("title", "2018年社会扶贫专项督查")
                        .put("periodFrom", today(-90))
                        .put("periodTo", today(0))
                        .put("counties", new JsonArray().add(TestFixture.COUNTY))),
                201)
            .getLong("id");
    Map<String, String> subjects =
        Map.of(
            "village", TestFixture.VILLAGE,
            "county", TestFixture.COUNTY,
            "donor", Long.toString(TestFixture.DONOR));
    Map<String, String> owners =
        Map.of("village", "SECRETARY", "county", "REVIEWER", "donor", "DONOR");
    for (String kind : List.of("village", "county", "donor")) {
      long finding =
          ok(
                  app.post(
                      "/api/v1/inspections/" + inspection + "/findings",
                      Account.UNITED_FRONT,
                      new JsonObject()
                          .put("subjectKind", kind)
                          .put("subjectId", subjects.get(kind))
                          .put("severity", "serious")
                          .put("problem", "扶贫资金项目未按规定公告公示")
                          .put("deadline", today(20))),
                  201)
              .getLong("id");
      onlyFor("finding_rectify", finding, owners.get(kind));
    }
  }

  @Test
  @Order(6)
  @DisplayName("a pledge about to expire with something left warns its donor; withdrawing ends it")
  void pledgeExpiring() {
    long pledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.DONOR,
                    new JsonObject()
                        .put("unit", "CNY")
                        .put("quantity", 5000)
                        .put("categories", new JsonArray().add("health"))
                        .put("mode", "earmarked")
                        .put("expires", today(5))
                        .put("note", "医疗救助")),
                201)
            .getLong("id");
    onlyFor("pledge_expiring", pledge);
    app.clock().advance(Duration.ofMinutes(2)); // the deadline job is due
    app.runDueJobs();
    onlyFor("pledge_expiring", pledge, "DONOR");
    ok(app.post("/api/v1/pledges/" + pledge + "/withdraw", Account.DONOR, null), 200);
    onlyFor("pledge_expiring", pledge);
  }

  @Test
  @Order(7)
  @DisplayName("a 12317 report goes to its county's desk")
  void report() {
    JsonObject filed =
        ok(
            app.post(
                "/api/v1/public/reports",
                null,
                new JsonObject()
                    .put("subjectKind", "need")
                    .put("subjectId", Long.toString(need))
                    .put("category", "false_data")
                    .put("content", "学费补助发给了非贫困户")),
            201);
    long report =
        id("SELECT id FROM reports WHERE tracking_no = $1", filed.getString("trackingNumber"));
    onlyFor("report_ack", report, "REVIEWER");
    onlyFor("report_answer", report, "REVIEWER");
  }

  /** An open stream of changes and what it has received so far. */
  record Stream(HttpClientResponse response, List<String> chunks) {
    String text() {
      return String.join("", chunks);
    }
  }

  static Stream open(String token) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("localhost")
            .setPort(app.port())
            .setURI("/api/v1/events")
            .putHeader("Authorization", "Bearer " + token);
    List<String> chunks = new CopyOnWriteArrayList<>();
    HttpClientResponse response = http.request(options).compose(r -> r.send()).await();
    assertThat(response.statusCode()).isEqualTo(200);
    response.handler(b -> chunks.add(b.toString()));
    return new Stream(response, chunks);
  }

  static void waitFor(Stream s, String text) {
    long until = System.currentTimeMillis() + 5_000;
    while (!s.text().contains(text) && System.currentTimeMillis() < until) {
      app.vertx().timer(20).await();
    }
  }

  @Test
  @Order(8)
  @DisplayName(
      "open screens hear of a deadline when it opens and is met: its desk or village does, "
          + "another county's and another village's do not")
  void live() {
    Map<String, Stream> streams = new LinkedHashMap<>();
    for (String name :
        List.of("REVIEWER", "OTHER_COUNTY", "TOWNSHIP_REVIEWER", "SECRETARY", "OTHER_SECRETARY")) {
      streams.put(name, open(TOKENS.get(name)));
    }
    app.vertx().timer(300).await(); // the streams are registered
    long next =
        ok(
                app.post(
                    "/api/v1/needs",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("villageId", TestFixture.VILLAGE)
                        .put("category", "housing")
                        .put("unit", "CNY")
                        .put("quantity", 8000)
                        .put("priority", 3)
                        .put("title", "危房加固")),
                201)
            .getLong("id");
    ok(app.post("/api/v1/needs/" + next + "/submit", Account.SECRETARY, null), 200);
    waitFor(streams.get("REVIEWER"), "\"need_review\"");
    ok(
        app.post(
            "/api/v1/needs/" + next + "/reject",
            Account.REVIEWER,
            new JsonObject().put("reason", "金额请核实")),
        200);
    waitFor(streams.get("SECRETARY"), "\"need_returned\"");
    app.vertx().timer(300).await(); // anything misdirected has had its time to arrive

    assertThat(streams.get("REVIEWER").text())
        .contains("deadline.opened", "\"need_review\"", "deadline.met");
    assertThat(streams.get("SECRETARY").text()).contains("deadline.opened", "\"need_returned\"");
    for (String other : Set.of("OTHER_COUNTY", "OTHER_SECRETARY")) {
      assertThat(streams.get(other).text()).as(other).doesNotContain("deadline.");
    }
    // the county desk's deadline is news to the county, not to the village nor to a township;
    // the village's own is news to the reviewers over it too (what they may see of a village)
    assertThat(streams.get("SECRETARY").text()).doesNotContain("\"need_review\"");
    assertThat(streams.get("TOWNSHIP_REVIEWER").text()).doesNotContain("\"need_review\"");
    streams.values().forEach(s -> s.response().request().connection().close());
  }
}
