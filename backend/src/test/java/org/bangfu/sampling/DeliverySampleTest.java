package org.bangfu.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 * Proof of delivery by sample, end to end on the fixture: three allocations are verified this
 * month; when the next month begins (by the application's clock) the scheduled job draws the
 * sample, sized by Cochran's formula, with a seed that draws it again; the township's reviewer (not
 * the county reviewer who verified it, not the village) answers; "not received" opens a case on the
 * report desk at once and holds the reliability figures of the donor and of the village until the
 * case is decided; the received rate is published.
 */
@DisplayName(
    "Proof of delivery by sample: drawn by the job, answered independently, not received opens a case")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliverySampleTest {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static TestApp app;
  static final List<Long> verified = new ArrayList<>();
  static JsonObject sample;
  static JsonArray checks;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    for (int i = 0; i < 3; i++) {
      verified.add(org.bangfu.testing.Gifts.verified(app, 1000 + i));
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** Moves the application's clock to an hour into the next month (Beijing time). */
  static void toNextMonth() {
    Instant now = app.clock().instant();
    Instant next =
        YearMonth.from(now.atZone(CHINA))
            .plusMonths(1)
            .atDay(1)
            .atStartOfDay(CHINA)
            .toInstant()
            .plus(Duration.ofHours(1));
    app.clock().advance(Duration.between(now, next));
  }

  @Test
  @Order(1)
  @DisplayName(
      "the job draws last month's sample once, sized by the formula, and the seed draws it again")
  void drawnByTheJob() {
    assertThat(ok(app.get("/api/v1/public/delivery-samples", null), 200).getJsonArray("items"))
        .isEmpty();
    toNextMonth();
    app.runDueJobs();
    JsonArray samples =
        ok(app.get("/api/v1/public/delivery-samples", null), 200).getJsonArray("items");
    assertThat(samples).hasSize(1);
    sample = samples.getJsonObject(0);
    assertThat(sample.getString("kind")).isEqualTo("month");
    assertThat(sample.getInteger("population")).isEqualTo(3);
    assertThat(sample.getInteger("size")).isEqualTo(SampleSize.of(3)).isEqualTo(3);
    assertThat(sample.getDouble("confidence")).isEqualTo(0.95);
    assertThat(sample.getDouble("margin")).isEqualTo(0.05);
    checks =
        ok(
                app.get(
                    "/api/v1/public/delivery-samples/" + sample.getLong("id") + "/checks", null),
                200)
            .getJsonArray("items");
    List<Long> drawn = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      assertThat(checks.getJsonObject(i).getString("status")).isEqualTo("pending");
      assertThat(checks.getJsonObject(i).containsKey("note")).isFalse();
      drawn.add(checks.getJsonObject(i).getLong("allocationId"));
    }
    // anyone re-draws it from the frame (the month's verified allocations) and the published seed
    assertThat(SampleDraw.draw(sample.getString("seed"), verified, 3)).isEqualTo(drawn);
    // the job runs again: nothing is drawn twice
    app.clock().advance(Duration.ofHours(2));
    app.runDueJobs();
    assertThat(ok(app.get("/api/v1/public/delivery-samples", null), 200).getJsonArray("items"))
        .hasSize(1);
  }

  @Test
  @Order(2)
  @DisplayName(
      "the village, the donor and the reviewer who verified it cannot answer; the township's reviewer can")
  void onlyIndependentCheckers() {
    long check = checks.getJsonObject(0).getLong("id");
    JsonObject answer = new JsonObject().put("status", "received");
    assertThat(
            app.post("/api/v1/delivery-checks/" + check + "/answer", Account.SECRETARY, answer)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            app.post("/api/v1/delivery-checks/" + check + "/answer", Account.DONOR, answer)
                .statusCode())
        .isEqualTo(403);
    HttpResponse<Buffer> own =
        app.post("/api/v1/delivery-checks/" + check + "/answer", Account.REVIEWER, answer);
    assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(403);
    assertThat(own.bodyAsJsonObject().getString("error")).isEqualTo("check_own_verification");
    // the township's desk lists it
    JsonArray desk =
        ok(app.get("/api/v1/delivery-checks?status=pending", Account.TOWNSHIP_REVIEWER), 200)
            .getJsonArray("items");
    assertThat(desk).hasSize(3);
    // each check is a deadline of the township's desk: due 30 days after the draw, in its inbox
    JsonObject row = desk.getJsonObject(0);
    assertThat(Instant.parse(row.getString("dueAt")))
        .isEqualTo(Instant.parse(sample.getString("drawnAt")).plus(Duration.ofDays(30)));
    assertThat(inboxHas(Account.TOWNSHIP_REVIEWER, check)).isTrue();
    assertThat(inboxHas(Account.DONOR, check)).isFalse();
    JsonObject done =
        ok(
            app.post(
                "/api/v1/delivery-checks/" + check + "/answer", Account.TOWNSHIP_REVIEWER, answer),
            200);
    assertThat(done.getString("status")).isEqualTo("received");
    assertThat(done.getString("answeredBy")).isEqualTo(Account.TOWNSHIP_REVIEWER.username);
    assertThat(done.getString("dueAt")).as("answered: nothing due").isNull();
    assertThat(inboxHas(Account.TOWNSHIP_REVIEWER, check)).isFalse();
    // answered once
    assertThat(
            app.post("/api/v1/delivery-checks/" + check + "/answer", Account.AUDITOR, answer)
                .statusCode())
        .isEqualTo(409);
  }

  @Test
  @Order(3)
  @DisplayName(
      "\"not received\" opens a case at once and holds both sides' reliability until it is decided")
  void notReceivedOpensACaseAndHolds() {
    JsonObject donorBefore =
        ok(app.get("/api/v1/reliability/donors/" + TestFixture.DONOR, Account.AUDITOR), 200);
    assertThat(donorBefore.getBoolean("held")).isFalse();
    assertThat(donorBefore.getDouble("onTimeShare")).isNotNull();
    long check = checks.getJsonObject(1).getLong("id");
    long allocation = checks.getJsonObject(1).getLong("allocationId");
    assertThat(
            app.post(
                    "/api/v1/delivery-checks/" + check + "/answer",
                    Account.TOWNSHIP_REVIEWER,
                    new JsonObject().put("status", "not_received"))
                .statusCode())
        .as("a note is required")
        .isEqualTo(400);
    JsonObject done =
        ok(
            app.post(
                "/api/v1/delivery-checks/" + check + "/answer",
                Account.TOWNSHIP_REVIEWER,
                new JsonObject().put("status", "not_received").put("note", "村委会称未见到这笔款")),
            200);
    long reportId = done.getLong("reportId");
    JsonObject report = ok(app.get("/api/v1/reports/" + reportId, Account.AUDITOR), 200);
    assertThat(report.getString("subjectKind")).isEqualTo("allocation");
    assertThat(report.getString("subjectId")).isEqualTo(String.valueOf(allocation));
    assertThat(report.getString("countyId")).isEqualTo(TestFixture.COUNTY);
    assertThat(report.getString("status")).isEqualTo("received");
    assertThat(report.getString("content")).contains("未收到").contains("村委会称未见到这笔款");
    // the county's desk has it
    JsonArray desk = ok(app.get("/api/v1/reports", Account.REVIEWER), 200).getJsonArray("items");
    assertThat(desk.stream().map(o -> ((JsonObject) o).getLong("id"))).contains(reportId);

    JsonObject donor =
        ok(app.get("/api/v1/reliability/donors/" + TestFixture.DONOR, Account.AUDITOR), 200);
    assertThat(donor.getBoolean("held")).isTrue();
    assertThat(donor.getLong("heldCases")).isEqualTo(1);
    assertThat(donor.getValue("onTimeShare")).isNull();
    JsonObject village =
        ok(app.get("/api/v1/reliability/villages/" + TestFixture.VILLAGE, Account.AUDITOR), 200);
    assertThat(village.getBoolean("held")).isTrue();
    assertThat(village.getValue("onTimeShare")).isNull();
    // another donor's figures are not held
    assertThat(
            ok(
                    app.get(
                        "/api/v1/reliability/donors/" + TestFixture.OTHER_DONOR, Account.AUDITOR),
                    200)
                .getBoolean("held"))
        .isFalse();

    // the case is decided: accepted, investigated, answered; the figures come back
    ok(app.post("/api/v1/reports/" + reportId + "/accept", Account.REVIEWER, null), 200);
    ok(app.post("/api/v1/reports/" + reportId + "/investigate", Account.REVIEWER, null), 200);
    ok(
        app.post(
            "/api/v1/reports/" + reportId + "/answer",
            Account.REVIEWER,
            new JsonObject().put("finding", "unfounded").put("answer", "经入户核实，款项已于次日到账。")),
        200);
    donor = ok(app.get("/api/v1/reliability/donors/" + TestFixture.DONOR, Account.AUDITOR), 200);
    assertThat(donor.getBoolean("held")).isFalse();
    assertThat(donor.getDouble("onTimeShare")).isNotNull();
    assertThat(
            ok(app.get("/api/v1/reliability/villages/" + TestFixture.VILLAGE, Account.AUDITOR), 200)
                .getBoolean("held"))
        .isFalse();
  }

  @Test
  @Order(4)
  @DisplayName("the received rate is published: received with problems counts as received")
  void receivedRatePublished() {
    long check = checks.getJsonObject(2).getLong("id");
    ok(
        app.post(
            "/api/v1/delivery-checks/" + check + "/answer",
            Account.AUDITOR,
            new JsonObject().put("status", "problems").put("note", "到账晚了两周")),
        200);
    JsonObject results =
        ok(app.get("/api/v1/public/delivery-samples/" + sample.getLong("id"), null), 200)
            .getJsonObject("results");
    assertThat(results.getLong("checked")).isEqualTo(3);
    assertThat(results.getLong("received")).isEqualTo(1);
    assertThat(results.getLong("problems")).isEqualTo(1);
    assertThat(results.getLong("notReceived")).isEqualTo(1);
    assertThat(results.getDouble("receivedRate"))
        .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    JsonObject board =
        ok(app.get("/api/v1/public/board/totals", null), 200).getJsonObject("sampling");
    assertThat(board.getDouble("receivedRate"))
        .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    // the public sees what was found, never the notes or who answered
    String pub =
        app.get("/api/v1/public/delivery-samples/" + sample.getLong("id") + "/checks", null)
            .bodyAsString();
    assertThat(pub)
        .doesNotContain("到账晚了两周")
        .doesNotContain("answeredBy")
        .doesNotContain(Account.AUDITOR.username);
  }

  @Test
  @Order(5)
  @DisplayName(
      "a round is sampled once its proposals are settled, or 90 days after it finished if they are not")
  void roundSampledWhenSettledOrLate() {
    ok(
        app.post(
            "/api/v1/pledges",
            Account.DONOR,
            new JsonObject()
                .put("unit", "CNY")
                .put("quantity", 2_000)
                .put("mode", "pooled")
                .put("categories", new JsonArray().add("industry").add("education"))),
        201);
    JsonObject round =
        ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    long roundId = round.getLong("id");
    // its proposals are still open: not yet
    app.runDueJobs();
    assertThat(roundSamples(roundId)).isEmpty();
    app.clock().advance(Duration.ofDays(91));
    app.runDueJobs();
    assertThat(roundSamples(roundId)).hasSize(1);
    app.clock().advance(Duration.ofHours(2));
    app.runDueJobs();
    assertThat(roundSamples(roundId)).as("drawn once").hasSize(1);
  }

  static List<JsonObject> roundSamples(long roundId) {
    JsonArray items =
        ok(app.get("/api/v1/public/delivery-samples?size=100", null), 200).getJsonArray("items");
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject s = items.getJsonObject(i);
      if ("round".equals(s.getString("kind"))
          && String.valueOf(roundId).equals(s.getString("period"))) {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether {@code who}'s inbox holds the deadline of the sample check {@code check}. */
  static boolean inboxHas(Account who, long check) {
    JsonArray items =
        ok(app.get("/api/v1/notifications?kind=delivery_check&size=100", who), 200)
            .getJsonArray("items");
    return items.stream()
        .map(JsonObject.class::cast)
        .anyMatch(i -> i.getString("subjectId").equals(Long.toString(check)));
  }
}
