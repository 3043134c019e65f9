package org.bangfu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.bangfu.monitor.TrackingCodes;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The monitor's demo month")
class MonitorDemoTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject get(String path, String username) {
    HttpResponse<Buffer> r =
        app.call(HttpMethod.GET, path, app.token(username, DemoContext.DEMO_PASSWORD), null);
    assertThat(r.statusCode()).as(path + ": " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static long one(String sql) {
    Row r = app.pool().query(sql).execute().await().iterator().next();
    return r.getLong(0);
  }

  @Test
  @DisplayName("安溪's desk shows cases at every step before the decision")
  void everyStep() {
    for (String state :
        List.of(
            "triage", "dismissed", "checking", "not_at_risk", "checked", "notice", "rejected")) {
      JsonObject page = get("/api/v1/monitor/cases?size=5&state=" + state, "fpb-anxi");
      assertThat(page.getLong("total")).as(state).isPositive();
      page.getJsonArray("items").stream()
          .map(o -> (JsonObject) o)
          .forEach(c -> assertThat(c.getString("countyId")).isEqualTo("350524"));
    }
    JsonObject notice =
        get("/api/v1/monitor/cases?size=1&state=notice", "fpb-anxi")
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(notice.getLong("noticeId")).isNotNull();
    assertThat(notice.getString("name")).doesNotMatch(".*[0-9]{17}.*");
    JsonArray confirmed =
        get("/api/v1/monitor/cases?size=20&state=confirmed", "fpb-anxi").getJsonArray("items");
    assertThat(confirmed.stream().map(o -> (JsonObject) o))
        .as("one confirmed case helped, one not yet")
        .anyMatch(c -> c.getString("helpConfirmedAt") != null)
        .anyMatch(c -> c.getString("helpConfirmedAt") == null)
        .allMatch(c -> "monitored".equals(c.getString("householdStatus")));
    JsonObject closed =
        get("/api/v1/monitor/cases?size=1&state=closed", "fpb-anxi")
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(closed.getString("householdStatus")).isIn("cleared", "exited");
  }

  @Test
  @DisplayName("department warnings wait in triage with their clock, counted per file")
  void warningsQueued() {
    Instant now = app.clock().instant();
    JsonArray triage =
        get("/api/v1/monitor/cases?size=50&state=triage", "fpb-yongchun").getJsonArray("items");
    assertThat(triage).hasSizeGreaterThan(20);
    for (Object o : triage) {
      JsonObject c = (JsonObject) o;
      assertThat(c.getJsonArray("channels").getList()).contains("department");
      assertThat(Instant.parse(c.getString("decisionDue"))).isAfter(now);
      assertThat(c.getString("idNumber")).contains("********");
    }
    JsonArray batches =
        get("/api/v1/monitor/warning-batches?size=50", "fpb-anxi").getJsonArray("items");
    assertThat(batches).hasSize(5);
    long rows = 0;
    long rejected = 0;
    long matched = 0;
    long joined = 0;
    for (Object o : batches) {
      JsonObject b = (JsonObject) o;
      rows += b.getLong("rowsTotal");
      rejected += b.getLong("rowsRejected");
      matched += b.getLong("matched");
      joined += b.getLong("joinedCases");
    }
    long sent =
        MonitorDemoSection.BATCHES.stream()
            .filter(b -> b.county().equals(MonitorDemoSection.ANXI))
            .mapToLong(MonitorDemoSection.Batch::rows)
            .sum();
    assertThat(rows).isEqualTo(sent + MonitorDemoSection.FLOW);
    assertThat(rejected).isPositive();
    assertThat(matched).isPositive();
    assertThat(joined).isPositive();
    assertThat(one("SELECT count(*) FROM monitor_warning_batches")).isEqualTo(10);
  }

  @Test
  @DisplayName("the green channel's case has its help drafted and its paperwork owed")
  void greenChannel() {
    long id = one("SELECT id FROM monitor_cases WHERE green");
    JsonObject c = get("/api/v1/monitor/cases/" + id, "fpb-anxi");
    JsonObject theCase = c.containsKey("case") ? c.getJsonObject("case") : c;
    assertThat(theCase.getBoolean("green")).isTrue();
    assertThat(Instant.parse(theCase.getString("paperworkDue"))).isAfter(app.clock().instant());
    assertThat(theCase.getLong("needId")).isNotNull();
  }

  @Test
  @DisplayName("the case accepted and never checked is late, and the deadline job sends it up")
  void lateCase() {
    long id =
        one(
            "SELECT id FROM monitor_cases WHERE state = 'checking' AND decision_due < now()"
                + " ORDER BY id LIMIT 1");
    app.clock().advance(Duration.ofMinutes(2));
    app.runDueJobs();
    JsonObject c = get("/api/v1/monitor/cases/" + id, "fpb-anxi");
    JsonObject theCase = c.containsKey("case") ? c.getJsonObject("case") : c;
    assertThat(theCase.getBoolean("late")).isTrue();
    assertThat(theCase.getString("escalatedTo")).isEqualTo("3505");
  }

  @Test
  @DisplayName("a household finds its own report by the tracking number and secret")
  void selfReportTracked() {
    String tracking =
        app.pool()
            .query("SELECT tracking_number FROM monitor_self_reports ORDER BY id LIMIT 1")
            .execute()
            .await()
            .iterator()
            .next()
            .getString(0);
    TrackingCodes codes = new TrackingCodes(new Random(MonitorDemoServices.CODES_SEED));
    String replayed = codes.trackingNumber(LocalDate.of(2020, 1, 1));
    String secret = codes.secret();
    assertThat(tracking).endsWith(replayed.substring(replayed.lastIndexOf('-')));
    HttpResponse<Buffer> r =
        app.call(
            HttpMethod.POST,
            "/api/v1/public/monitor/reports/track",
            (String) null,
            new JsonObject().put("trackingNumber", tracking).put("secret", secret));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("stage")).isIn("received", "checking", "deciding");
    assertThat(one("SELECT count(*) FROM monitor_self_reports")).isEqualTo(4);
  }
}
