package org.bangfu.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.bangfu.testing.Samples;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every supervision rule in both directions, as it runs: the ledger is given two subjects, one just
 * past the rule's threshold and one just inside it, the clock is moved, the scheduler runs the due
 * jobs (the supervision job among them) and {@code GET /alerts} must name the first and not the
 * second; moving the clock on by the margin then raises the second too. Each rule has its own
 * threshold here, so a rule reading another's would be caught.
 */
@DisplayName("Supervision: each rule fires past its threshold and not just inside it")
class SupervisionRulesTest {
  static final int DELIVERY_DAYS = 30;
  static final int RECEIPT_DAYS = 12;
  static final int VERIFY_DAYS = 9;
  static final int PROGRESS_DAYS = 20;
  static final int PLEDGE_EXPIRY_DAYS = 14;
  static final long HOUSEHOLD_YUAN = 50_000;
  static final int BEHIND_PCT = 35;
  static final Duration MARGIN = Duration.ofMinutes(30);

  static TestApp app;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            TestApp.Data.FIXTURE,
            Map.of(
                "BANGFU_ALERT_DELIVERY_DAYS", Integer.toString(DELIVERY_DAYS),
                "BANGFU_ALERT_RECEIPT_DAYS", Integer.toString(RECEIPT_DAYS),
                "BANGFU_ALERT_VERIFY_DAYS", Integer.toString(VERIFY_DAYS),
                "BANGFU_ALERT_PROGRESS_DAYS", Integer.toString(PROGRESS_DAYS),
                "BANGFU_ALERT_PLEDGE_EXPIRY_DAYS", Integer.toString(PLEDGE_EXPIRY_DAYS),
                "BANGFU_ALERT_HOUSEHOLD_YEAR_YUAN", Long.toString(HOUSEHOLD_YUAN),
                "BANGFU_ALERT_PROGRAMME_BEHIND_PCT", Integer.toString(BEHIND_PCT)));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  // ---------------------------------------------------------------- running and reading

  /** Moves the clock (at least the job's hour, so it is due) and runs the due jobs. */
  static void moveAndRun(Duration d) {
    assertThat(d).isGreaterThanOrEqualTo(Duration.ofHours(1));
    app.clock().advance(d);
    app.runDueJobs();
  }

  /** The subjects of the alerts of {@code rule}, as an auditor reads them. */
  static List<String> alerted(String rule) {
    HttpResponse<Buffer> r = app.get("/api/v1/alerts?rule=" + rule + "&size=100", Account.AUDITOR);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("subjectId"))
        .toList();
  }

  static Instant now() {
    return app.clock().instant();
  }

  /** The date in China once the clock has moved by {@code ahead}. */
  static LocalDate chinaDate(Duration ahead) {
    return now().plus(ahead).atZone(SupervisionService.CHINA).toLocalDate();
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

  /**
   * A published need of the fixture's village, a pledge of {@code donor} and an allocation of
   * {@code quantity} yuan between them in {@code status}, each of its step times at {@code at}.
   */
  static long allocation(String status, Instant at, long donor, Long household, long quantity) {
    return id(
        """
        WITH n AS (INSERT INTO needs (village_id, household_id, category, unit, quantity, allocated,
                                      priority, title, status)
                   VALUES ($1, $2, 'education', 'CNY', $3, $3, 3, '助学金', 'allocated') RETURNING id),
             p AS (INSERT INTO pledges (donor_id, unit, quantity, allocated, mode)
                   VALUES ($4, 'CNY', $3, $3, 'pooled') RETURNING id)
        INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, status, confirmed_at,
                                 delivered_at, received_at, verified_at)
        SELECT n.id, p.id, 'claim', 'CNY', $3, $5, $6,
               CASE WHEN $5 IN ('delivered', 'received', 'verified') THEN $6 END,
               CASE WHEN $5 IN ('received', 'verified') THEN $6 END,
               CASE WHEN $5 = 'verified' THEN $6 END
          FROM n, p RETURNING id""",
        TestFixture.VILLAGE,
        household,
        quantity,
        donor,
        status,
        at.atOffset(ZoneOffset.UTC));
  }

  static long allocation(String status, Instant at) {
    return allocation(status, at, TestFixture.DONOR, null, 8_000);
  }

  /**
   * A rule on an allocation's age in one status: one allocation stepped into it the threshold less
   * the margin ago (past it once the clock moves an hour), one the threshold less three margins ago
   * (just inside); then the second passes its threshold too.
   */
  static void ageRule(String rule, String status, int days) {
    Instant threshold = now().minus(Duration.ofDays(days));
    long past = allocation(status, threshold.plus(MARGIN));
    long inside = allocation(status, threshold.plus(MARGIN.multipliedBy(3)));
    moveAndRun(Duration.ofHours(1));
    assertThat(alerted(rule)).contains(Long.toString(past)).doesNotContain(Long.toString(inside));
    moveAndRun(Duration.ofHours(1));
    assertThat(alerted(rule)).contains(Long.toString(past), Long.toString(inside));
  }

  // ---------------------------------------------------------------- allocations

  @Test
  @DisplayName("allocation_not_delivered: confirmed and not delivered within the delivery days")
  void notDelivered() {
    ageRule("allocation_not_delivered", "confirmed", DELIVERY_DAYS);
  }

  @Test
  @DisplayName("allocation_not_received: delivered and not received within the receipt days")
  void notReceived() {
    ageRule("allocation_not_received", "delivered", RECEIPT_DAYS);
  }

  @Test
  @DisplayName("allocation_not_verified: received and not verified within the verification days")
  void notVerified() {
    ageRule("allocation_not_verified", "received", VERIFY_DAYS);
  }

  @Test
  @DisplayName(
      "receipt_without_evidence: a receipt with a note alone fires, one with a photo does not")
  void withoutEvidence() {
    long noteOnly = allocation("delivered", now());
    long withPhoto = allocation("delivered", now());
    receive(noteOnly, new JsonObject().put("note", "已收到，村委会签收"));
    receive(
        withPhoto,
        new JsonObject()
            .put("note", "已收到，照片附后")
            .put(
                "attachments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "签收单.jpg")
                            .put("contentType", "image/jpeg")
                            .put("dataBase64", Samples.jpegBase64()))));
    moveAndRun(Duration.ofHours(1));
    assertThat(alerted("receipt_without_evidence"))
        .contains(Long.toString(noteOnly))
        .doesNotContain(Long.toString(withPhoto));
    moveAndRun(Duration.ofDays(3));
    assertThat(alerted("receipt_without_evidence")).doesNotContain(Long.toString(withPhoto));
  }

  static void receive(long allocation, JsonObject receipt) {
    HttpResponse<Buffer> r =
        app.post("/api/v1/allocations/" + allocation + "/receive", Account.SECRETARY, receipt);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- projects

  /** A project of the fixture's village in {@code status}, with its dates and last report. */
  static long project(String status, LocalDate start, LocalDate end, Instant lastReport) {
    return id(
        """
        INSERT INTO fund_projects (name, region_id, category, budget, allocated, disbursed, implementer,
                                   procurement, planned_start, planned_end, status, created_at,
                                   approved_at, last_report_at)
        VALUES ('村道硬化', $1, 'infrastructure', 100000, 100000, $2, '村股份经济合作社', 'inquiry',
                $3, $4, $5, $6, $6, $7) RETURNING id""",
        TestFixture.VILLAGE,
        status.equals("in_progress") ? 50_000L : 0L,
        start,
        end,
        status,
        now().minus(Duration.ofDays(60)).atOffset(ZoneOffset.UTC),
        lastReport == null ? null : lastReport.atOffset(ZoneOffset.UTC));
  }

  @Test
  @DisplayName("project_without_progress: in progress with no report for the progress days")
  void withoutProgress() {
    Instant threshold = now().minus(Duration.ofDays(PROGRESS_DAYS));
    LocalDate start = chinaDate(Duration.ofDays(-60));
    LocalDate end = chinaDate(Duration.ofDays(300));
    long past = project("in_progress", start, end, threshold.plus(MARGIN));
    long inside = project("in_progress", start, end, threshold.plus(MARGIN.multipliedBy(3)));
    moveAndRun(Duration.ofHours(1));
    assertThat(alerted("project_without_progress"))
        .contains(Long.toString(past))
        .doesNotContain(Long.toString(inside));
    moveAndRun(Duration.ofHours(1));
    assertThat(alerted("project_without_progress")).contains(Long.toString(inside));
  }

  @Test
  @DisplayName("project_overdue: approved and past its planned end (China's date), not on it")
  void overdue() {
    Duration ahead = Duration.ofHours(1);
    LocalDate today = chinaDate(ahead);
    LocalDate start = today.minusDays(90);
    long past = project("approved", start, today.minusDays(1), now());
    long inside = project("in_progress", start, today, now());
    moveAndRun(ahead);
    assertThat(alerted("project_overdue"))
        .contains(Long.toString(past))
        .doesNotContain(Long.toString(inside));
    moveAndRun(Duration.ofDays(1));
    assertThat(alerted("project_overdue")).contains(Long.toString(inside));
  }

  // ---------------------------------------------------------------- households

  static long household(String idNumber) {
    HttpResponse<Buffer> r =
        app.post(
            "/api/v1/households",
            Account.SECRETARY,
            new JsonObject()
                .put("headName", "黄某")
                .put("idNumber", idNumber)
                .put("status", "in_poverty")
                .put("members", 3)
                .put("labourCapacity", 1));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  @Test
  @DisplayName(
      "household_many_sources: two sources above the yearly yuan fire; at the yuan, or one source, not")
  void manySources() {
    long over = household("350524198505050017");
    long atLimit = household("35052419860606002X");
    long oneSource = household("350524198707070016");
    Duration ahead = Duration.ofHours(1);
    Instant received = now().plus(ahead); // this year, whatever the date the clock has reached
    allocation("received", received, TestFixture.DONOR, over, 30_000);
    allocation("received", received, TestFixture.OTHER_DONOR, over, HOUSEHOLD_YUAN - 30_000 + 1);
    allocation("received", received, TestFixture.DONOR, atLimit, 30_000);
    allocation("received", received, TestFixture.OTHER_DONOR, atLimit, HOUSEHOLD_YUAN - 30_000);
    allocation("received", received, TestFixture.DONOR, oneSource, 40_000);
    allocation("verified", received, TestFixture.DONOR, oneSource, 40_000);
    moveAndRun(ahead);
    int year = received.atZone(SupervisionService.CHINA).getYear();
    assertThat(alerted("household_many_sources"))
        .contains(over + ":" + year)
        .doesNotContain(atLimit + ":" + year, oneSource + ":" + year);
  }

  // ---------------------------------------------------------------- programmes

  /** A programme of the county, {@code days} long, begun {@code gone} days before today. */
  static long programme(LocalDate today, int gone, int days, long disbursed) {
    return id(
        """
        INSERT INTO fund_programmes (name, source, category, year, budget, allocated, disbursed,
                                     eligibility, eligible_counties, starts_on, ends_on, created_at)
        VALUES ('产业发展资金', 'city', 'industry', $1, 100000, 100000, $2, 'any', ARRAY[$3],
                $4, $5, $6) RETURNING id""",
        today.getYear(),
        disbursed,
        TestFixture.COUNTY,
        today.minusDays(gone),
        today.minusDays(gone).plusDays(days),
        now().atOffset(ZoneOffset.UTC));
  }

  @Test
  @DisplayName(
      "programme_behind and programme_ahead: more than the points off schedule, not at them")
  void offSchedule() {
    Duration ahead = Duration.ofHours(1);
    LocalDate today = chinaDate(ahead);
    // 100 days long: each day gone is one point of the schedule
    long behind = programme(today, BEHIND_PCT + 1, 100, 0);
    long behindAtLimit = programme(today, BEHIND_PCT, 100, 0);
    long onTime = programme(today, 50, 100, 50_000);
    long ahead1 = programme(today, 10, 100, (10 + BEHIND_PCT + 1) * 1_000L);
    long aheadAtLimit = programme(today, 10, 100, (10 + BEHIND_PCT) * 1_000L);
    moveAndRun(ahead);
    assertThat(alerted("programme_behind"))
        .contains(Long.toString(behind))
        .doesNotContain(
            Long.toString(behindAtLimit), Long.toString(onTime), Long.toString(aheadAtLimit));
    assertThat(alerted("programme_ahead"))
        .contains(Long.toString(ahead1))
        .doesNotContain(
            Long.toString(aheadAtLimit), Long.toString(onTime), Long.toString(behindAtLimit));
    // a day later the one at the limit is a point behind
    moveAndRun(Duration.ofDays(1));
    assertThat(alerted("programme_behind")).contains(Long.toString(behindAtLimit));
  }

  // ---------------------------------------------------------------- pledges

  static long pledge(LocalDate expires, long allocated) {
    return id(
        """
        INSERT INTO pledges (donor_id, unit, quantity, allocated, mode, expires)
        VALUES ($1, 'CNY', 10000, $2, 'pooled', $3) RETURNING id""",
        TestFixture.DONOR,
        allocated,
        expires);
  }

  @Test
  @DisplayName("pledge_expiring: unused and expiring within the days; not later, not used up")
  void pledgeExpiring() {
    Duration ahead = Duration.ofHours(1);
    LocalDate today = chinaDate(ahead);
    long expiring = pledge(today.plusDays(PLEDGE_EXPIRY_DAYS), 0);
    long later = pledge(today.plusDays(PLEDGE_EXPIRY_DAYS + 1), 0);
    long usedUp = pledge(today.plusDays(1), 10_000);
    moveAndRun(ahead);
    assertThat(alerted("pledge_expiring"))
        .contains(Long.toString(expiring))
        .doesNotContain(Long.toString(later), Long.toString(usedUp));
    moveAndRun(Duration.ofDays(1));
    assertThat(alerted("pledge_expiring")).contains(Long.toString(later));
  }

  @Test
  @DisplayName("every rule of SupervisionService.rules is tested here")
  void everyRuleCovered() {
    List<String> tested =
        List.of(
            "allocation_not_delivered",
            "allocation_not_received",
            "receipt_without_evidence",
            "allocation_not_verified",
            "project_without_progress",
            "project_overdue",
            "household_many_sources",
            "programme_behind",
            "programme_ahead",
            "pledge_expiring");
    assertThat(
            SupervisionService.rules(app.appContext().config().funds(), now()).stream()
                .map(SupervisionRepository.Rule::name))
        .containsExactlyInAnyOrderElementsOf(tested);
  }
}
