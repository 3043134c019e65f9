package org.bangfu.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 12317 line's limits as an attacker meets them: reports sent at once from one address stop at
 * the day's limit (others still file), a report about a record the public cannot see answers
 * exactly as one about a record that does not exist, and forty tracking look-ups sent at once get
 * no further than the ten the limit allows. Each client is its own loopback address.
 */
@DisplayName("12317 limits: filings per address, no existence oracle, look-ups under a burst")
class ReportLimitsTest {
  static final int PER_DAY = 5;
  static TestApp app;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            TestApp.Data.FIXTURE, Map.of("BANGFU_REPORTS_PER_DAY", Integer.toString(PER_DAY)));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A client whose requests come from {@code address} (a loopback address of its own). */
  static WebClient from(String address) {
    return WebClient.create(
        app.vertx(),
        new WebClientOptions()
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(app.port())
            .setLocalAddress(address)
            .setKeepAlive(false),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(100));
  }

  static HttpResponse<Buffer> file(WebClient client, JsonObject body) {
    return client.post("/api/v1/public/reports").sendJsonObject(body).await();
  }

  /** One report from a client of its own at {@code address}. */
  static HttpResponse<Buffer> fileFrom(String address, JsonObject body) {
    WebClient client = from(address);
    try {
      return file(client, body);
    } finally {
      client.close();
    }
  }

  static JsonObject report(String content) {
    return new JsonObject().put("category", "misuse").put("content", content);
  }

  static JsonObject about(String kind, Object id) {
    return report("关于" + kind).put("subjectKind", kind).put("subjectId", String.valueOf(id));
  }

  static long count(String sql) {
    return app.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  /** Sends every request at once and counts the answers by status. */
  static Map<Integer, List<HttpResponse<Buffer>>> atOnce(
      int n, java.util.function.IntFunction<Future<HttpResponse<Buffer>>> send) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sent.add(send.apply(i));
    }
    Future.join(sent).await();
    return sent.stream()
        .map(Future::result)
        .collect(Collectors.groupingBy(HttpResponse::statusCode));
  }

  @Test
  @DisplayName(
      "twenty reports sent at once from one address: the day's five are filed, the rest 429")
  void filingLimitPerAddress() {
    WebClient flood = from("127.0.0.11");
    long before = count("SELECT count(*) FROM reports");
    Map<Integer, List<HttpResponse<Buffer>>> answers =
        atOnce(
            20, i -> flood.post("/api/v1/public/reports").sendJsonObject(report("第" + i + "次举报")));
    assertThat(answers.keySet()).containsExactlyInAnyOrder(201, 429);
    assertThat(answers.get(201)).as("filed").hasSize(PER_DAY);
    assertThat(answers.get(429)).as("refused").hasSize(20 - PER_DAY);
    assertThat(count("SELECT count(*) FROM reports")).isEqualTo(before + PER_DAY);
    HttpResponse<Buffer> refused = answers.get(429).get(0);
    JsonObject body = refused.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("report_limit");
    assertThat(body.getJsonObject("params").getInteger("max")).isEqualTo(PER_DAY);
    long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
    assertThat(retryAfter)
        .isBetween(Duration.ofHours(23).toSeconds(), Duration.ofDays(1).toSeconds());

    // another address files as usual; the address itself is kept only as a keyed digest
    WebClient other = from("127.0.0.12");
    assertThat(file(other, report("另一位举报人")).statusCode()).isEqualTo(201);
    assertThat(
            count(
                "SELECT count(*) FROM report_filing_throttle"
                    + " WHERE position(convert_to('127.0.0', 'UTF8') IN address_digest) > 0"))
        .isZero();

    // a day later the first address may file again
    app.clock().advance(Duration.ofDays(1).plusMinutes(1));
    assertThat(file(flood, report("第二天")).statusCode()).isEqualTo(201);
    flood.close();
    other.close();
  }

  @Test
  @DisplayName(
      "a report about a draft need, an unverified allocation or an unseen donor answers as an unknown id")
  void hiddenRecordsAnswerAsUnknown() {
    long draft = draftNeed();
    long published = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 900, 3);
    long confirmed = allocation(published, TestFixture.OTHER_DONOR, "confirmed");
    long verified = allocation(published, TestFixture.DONOR, "verified");
    long reports = count("SELECT count(*) FROM reports");

    String unknownNeed = oracleAnswer("need", 999_999, 50);
    String unknownAllocation = oracleAnswer("allocation", 999_999, 51);
    String unknownDonor = oracleAnswer("donor", 999_999, 52);
    assertThat(oracleAnswer("need", draft, 53)).isEqualTo(unknownNeed);
    assertThat(oracleAnswer("allocation", confirmed, 54)).isEqualTo(unknownAllocation);
    assertThat(oracleAnswer("donor", TestFixture.OTHER_DONOR, 55)).isEqualTo(unknownDonor);
    submit(draft);
    assertThat(oracleAnswer("need", draft, 56))
        .as("submitted, not yet public")
        .isEqualTo(unknownNeed);
    assertThat(count("SELECT count(*) FROM reports")).isEqualTo(reports);

    // what the public board shows may be reported, and goes to its county
    for (JsonObject body :
        List.of(
            about("need", published),
            about("allocation", verified),
            about("donor", TestFixture.DONOR))) {
      HttpResponse<Buffer> r = fileFrom("127.0.0.57", body);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }
    assertThat(
            count(
                "SELECT count(*) FROM reports WHERE county_id = '"
                    + TestFixture.COUNTY
                    + "' AND subject_kind IN ('need', 'allocation')"))
        .isEqualTo(2);
  }

  /**
   * The answer to a report about {@code kind} {@code id}, from an address of its own, with the id
   * taken out: what an unknown and a hidden record must share, byte for byte.
   */
  static String oracleAnswer(String kind, long id, int address) {
    HttpResponse<Buffer> r = fileFrom("127.0.0." + address, about(kind, id));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("validation");
    assertThat(body.getJsonArray("fields").getJsonObject(0).getString("code"))
        .isEqualTo("subject_not_found");
    assertThat(r.bodyAsString()).doesNotContain(TestFixture.COUNTY, "安溪");
    return r.bodyAsString().replace(Long.toString(id), "{id}");
  }

  static long draftNeed() {
    return app.post(
            "/api/v1/needs",
            Account.SECRETARY,
            new JsonObject()
                .put("villageId", TestFixture.VILLAGE)
                .put("category", "housing")
                .put("unit", "CNY")
                .put("quantity", 5000)
                .put("priority", 3)
                .put("title", "草稿需求"))
        .bodyAsJsonObject()
        .getLong("id");
  }

  static void submit(long need) {
    assertThat(app.post("/api/v1/needs/" + need + "/submit", Account.SECRETARY, null).statusCode())
        .isEqualTo(200);
  }

  /** An allocation of 100 yuan to {@code need} from a pledge of {@code donor}, in that status. */
  static long allocation(long need, long donor, String status) {
    return app.pool()
        .preparedQuery(
            """
            WITH pl AS (INSERT INTO pledges (donor_id, unit, quantity, allocated, mode)
                        VALUES ($2, 'CNY', 100, 100, 'pooled') RETURNING id),
                 n AS (UPDATE needs SET allocated = allocated + 100 WHERE id = $1 RETURNING id)
            INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, status, confirmed_at,
                                     delivered_at, received_at, verified_at)
            SELECT n.id, pl.id, 'claim', 'CNY', 100, $3, now(),
                   CASE WHEN $3 = 'verified' THEN now() END, CASE WHEN $3 = 'verified' THEN now() END,
                   CASE WHEN $3 = 'verified' THEN now() END
              FROM n, pl RETURNING id""")
        .execute(io.vertx.sqlclient.Tuple.of(need, donor, status))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  @Test
  @DisplayName(
      "forty wrong look-ups at once: ten are checked, thirty refused, and the right one waits")
  void lookupLimitUnderBurst() {
    JsonObject filed = fileFrom("127.0.0.30", report("查询测试")).bodyAsJsonObject();
    JsonObject right =
        new JsonObject()
            .put("trackingNumber", filed.getString("trackingNumber"))
            .put("secret", filed.getString("secret"));
    JsonObject wrong = right.copy().put("secret", "guess");
    WebClient guesser = from("127.0.0.31");
    Map<Integer, List<HttpResponse<Buffer>>> answers =
        atOnce(40, i -> guesser.post("/api/v1/public/reports/track").sendJsonObject(wrong.copy()));
    assertThat(answers.get(400)).as("checked").hasSize(ReportService.LOOKUP_LOCK_AFTER);
    assertThat(answers.get(429)).as("refused").hasSize(40 - ReportService.LOOKUP_LOCK_AFTER);
    assertThat(answers.get(429).get(0).getHeader("Retry-After")).isNotNull();
    track(guesser, right, 429); // locked: not even the right secret is looked at

    // the reporter elsewhere is not locked out, and right answers never add up to a lock
    WebClient reporter = from("127.0.0.32");
    for (int i = 0; i < ReportService.LOOKUP_LOCK_AFTER + 5; i++) {
      track(reporter, right, 200);
    }
    app.clock().advance(ReportService.LOOKUP_LOCK.plusMinutes(1));
    track(guesser, right, 200);
    guesser.close();
    reporter.close();
  }

  static void track(WebClient client, JsonObject credentials, int status) {
    HttpResponse<Buffer> r =
        client.post("/api/v1/public/reports/track").sendJsonObject(credentials).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
  }
}
