package org.bangfu.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rounds that explain themselves: villages not yet helped come first (by default) and the round
 * says what that cost; the needs left short, each with the engine's reason; the proposals one row
 * per need and donor. Each test works in units of its own, so the rounds of one test leave nothing
 * the others' rounds could give or take (fairness is per village and unit).
 */
@DisplayName("Rounds: fairness, needs left short and rows per donor")
class RoundExplainedTest {
  /** The settings as shipped (fairness on), with a floor of ¥1,000. */
  static TestApp fair;

  /** Fairness turned off by the setting, the same floor. */
  static TestApp plain;

  @BeforeAll
  static void start() {
    fair = TestApp.start(TestApp.Data.FIXTURE, Map.of("BANGFU_ROUND_FLOORS", "CNY=1000"));
    plain =
        TestApp.start(
            TestApp.Data.FIXTURE,
            Map.of("BANGFU_ROUND_FAIRNESS", "off", "BANGFU_ROUND_FLOORS", "CNY=1000"));
  }

  @AfterAll
  static void stop() {
    fair.close();
    plain.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** A need posted by the village's secretary, submitted and published; its id. */
  static long need(
      TestApp app, String village, String category, String unit, long quantity, int priority) {
    Account sec = village.equals(TestFixture.VILLAGE) ? Account.SECRETARY : Account.OTHER_SECRETARY;
    JsonObject body =
        new JsonObject()
            .put("villageId", village)
            .put("category", category)
            .put("unit", unit)
            .put("quantity", quantity)
            .put("priority", priority)
            .put("title", "需求 " + category + " " + unit);
    long id = ok(app.post("/api/v1/needs", sec, body), 201).getLong("id");
    ok(app.post("/api/v1/needs/" + id + "/submit", sec, null), 200);
    ok(app.post("/api/v1/needs/" + id + "/publish", Account.ADMIN, null), 200);
    return id;
  }

  static long pledge(TestApp app, Account donor, String unit, long quantity, JsonObject more) {
    JsonObject body = new JsonObject().put("unit", unit).put("quantity", quantity).mergeIn(more);
    return ok(app.post("/api/v1/pledges", donor, body), 201).getLong("id");
  }

  static JsonObject categories(String... categories) {
    return new JsonObject().put("categories", new JsonArray(List.of((Object[]) categories)));
  }

  /** Runs a round (201: done within the wait) and reads it back as its page does. */
  static JsonObject round(TestApp app, JsonObject body) {
    long id = ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, body), 201).getLong("id");
    return ok(app.get("/api/v1/match-rounds/" + id, Account.AUDITOR), 200);
  }

  /** What a round proposed to each need, from its rows (one per need and donor). */
  static Map<Long, Long> toNeeds(JsonObject round) {
    Map<Long, Long> out = new HashMap<>();
    for (Object o : round.getJsonArray("rows")) {
      JsonObject row = (JsonObject) o;
      out.merge(row.getLong("needId"), row.getLong("quantity"), Long::sum);
    }
    return out;
  }

  /** Every need a round left short, read page by page (two to a page), by need id. */
  static Map<Long, JsonObject> unmatched(TestApp app, JsonObject round) {
    Map<Long, JsonObject> out = new HashMap<>();
    for (int page = 1; ; page++) {
      JsonObject p =
          ok(
              app.get(
                  "/api/v1/match-rounds/" + round.getLong("id") + "/unmatched?size=2&page=" + page,
                  Account.UNITED_FRONT),
              200);
      assertThat(p.getLong("total")).isEqualTo(round.getInteger("unmatchedCount").longValue());
      JsonArray items = p.getJsonArray("items");
      items.forEach(o -> out.put(((JsonObject) o).getLong("needId"), (JsonObject) o));
      if (items.size() < 2) {
        return out;
      }
    }
  }

  @Test
  @DisplayName(
      "by default a village not yet helped comes first: of 7,000 kg the empty village gets 2,000; "
          + "the round says so and what it cost (200,000 of 4,500,000); a round started without "
          + "fairness gives all 7,000 to the higher priority")
  void villagesNotYetHelpedComeFirst() {
    String rice = "item:大米";
    long first = need(fair, TestFixture.VILLAGE, "industry", rice, 10_000, 5);
    long empty = need(fair, TestFixture.OTHER_VILLAGE, "industry", rice, 10_000, 2);
    pledge(fair, Account.OTHER_DONOR, rice, 7_000, categories("industry"));

    JsonObject round = round(fair, new JsonObject());
    assertThat(toNeeds(round)).containsEntry(first, 5_000L).containsEntry(empty, 2_000L);
    JsonObject fairness = round.getJsonObject("fairness");
    assertThat(fairness.getBoolean("applied")).isTrue();
    // the plain optimum: 5,000 × (500 + 200) + 2,000 × 500; with fairness 2,000 go at 200 + 200
    assertThat(fairness.getLong("objectiveWithoutFairness")).isEqualTo(4_500_000L);
    assertThat(fairness.getLong("objective")).isEqualTo(4_300_000L);
    assertThat(round.getLong("objective")).isEqualTo(4_300_000L);
    assertThat(fairness.getLong("cost")).isEqualTo(200_000L);
    assertThat(fairness.getInteger("villagesChanged")).isEqualTo(2);
    JsonObject helped = fairness.getJsonArray("villages").getJsonObject(0);
    assertThat(helped.getString("villageId")).isEqualTo(TestFixture.OTHER_VILLAGE);
    assertThat(helped.getString("villageName")).isNotBlank();
    assertThat(helped.getString("unit")).isEqualTo(rice);
    assertThat(helped.getLong("demand")).isEqualTo(10_000L);
    assertThat(helped.getLong("allocated")).isEqualTo(2_000L);
    assertThat(helped.getLong("allocatedWithoutFairness")).isZero();

    // the same round in another unit, started without fairness: the plain optimum
    String flour = "item:面粉";
    long first2 = need(fair, TestFixture.VILLAGE, "industry", flour, 10_000, 5);
    long empty2 = need(fair, TestFixture.OTHER_VILLAGE, "industry", flour, 10_000, 2);
    pledge(fair, Account.OTHER_DONOR, flour, 7_000, categories("industry"));
    JsonObject without = round(fair, new JsonObject().put("fairness", false));
    assertThat(toNeeds(without)).containsEntry(first2, 7_000L).doesNotContainKey(empty2);
    assertThat(without.getJsonObject("fairness")).isEqualTo(new JsonObject().put("applied", false));
    assertThat(without.getLong("objective")).isEqualTo(4_500_000L);

    // not a yes or no: refused, naming the field, and no round runs
    HttpResponse<Buffer> bad =
        fair.post(
            "/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject().put("fairness", "ja"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("fairness");
  }

  @Test
  @DisplayName(
      "with BANGFU_ROUND_FAIRNESS=off the round is the plain optimum: all 7,000 to the higher"
          + " priority, and the round says fairness was not applied")
  void settingOff() {
    String rice = "item:大米";
    long first = need(plain, TestFixture.VILLAGE, "industry", rice, 10_000, 5);
    long empty = need(plain, TestFixture.OTHER_VILLAGE, "industry", rice, 10_000, 2);
    pledge(plain, Account.OTHER_DONOR, rice, 7_000, categories("industry"));

    JsonObject round = round(plain, new JsonObject());
    assertThat(toNeeds(round)).containsEntry(first, 7_000L).doesNotContainKey(empty);
    assertThat(round.getLong("objective")).isEqualTo(4_500_000L);
    assertThat(round.getJsonObject("fairness")).isEqualTo(new JsonObject().put("applied", false));
    // the listed round says the same
    JsonObject listed =
        ok(plain.get("/api/v1/match-rounds", Account.UNITED_FRONT), 200)
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(listed.getLong("id")).isEqualTo(round.getLong("id"));
    assertThat(listed.getJsonObject("fairness").getBoolean("applied")).isFalse();
  }

  @Test
  @DisplayName(
      "the needs a round leaves short are listed page by page with the engine's reason: no pledge of"
          + " the unit, none for the category, none in scope, the village cap reached (also when the"
          + " full cap keeps the need out of the next round), below the floor; a small piece that"
          + " completes its need is given")
  void unmatchedWithReasons() {
    long noUnit = need(plain, TestFixture.VILLAGE, "housing", "item:棉被", 10, 3);
    // jobs: one pledge for employment, in the secretary's county only
    pledge(
        plain,
        Account.OTHER_DONOR,
        "job",
        5,
        categories("employment").put("scope", new JsonArray().add(TestFixture.COUNTY)));
    long noCategory = need(plain, TestFixture.VILLAGE, "housing", "job", 3, 3);
    long noScope = need(plain, TestFixture.OTHER_VILLAGE, "employment", "job", 4, 3);
    long capped = need(plain, TestFixture.VILLAGE, "employment", "job", 10, 3);
    ok(
        plain.call(
            HttpMethod.PUT,
            "/api/v1/villages/" + TestFixture.VILLAGE + "/caps/job",
            Account.UNITED_FRONT,
            new JsonObject().put("max", 2)),
        201);
    // ¥600 for health: ¥300 completes one need (kept, though below the ¥1,000 floor); the ¥300
    // left would be a sliver of a ¥5,000 need the round leaves short, so it stays with its pledge
    pledge(plain, Account.OTHER_DONOR, "CNY", 600, categories("health"));
    long completed = need(plain, TestFixture.OTHER_VILLAGE, "health", "CNY", 300, 5);
    long belowFloor = need(plain, TestFixture.VILLAGE, "health", "CNY", 5_000, 3);

    JsonObject round = round(plain, new JsonObject());
    assertThat(round.getJsonObject("floors")).isEqualTo(new JsonObject().put("CNY", 1000));
    Map<Long, Long> given = toNeeds(round);
    assertThat(given).containsEntry(completed, 300L).containsEntry(capped, 2L);
    assertThat(given).doesNotContainKeys(belowFloor, noUnit, noCategory, noScope);

    Map<Long, JsonObject> left = unmatched(plain, round);
    assertThat(left)
        .containsKeys(noUnit, noCategory, noScope, capped, belowFloor)
        .doesNotContainKey(completed);
    assertThat(left.get(noUnit).getString("reason")).isEqualTo("no-pledge-of-unit");
    assertThat(left.get(noCategory).getString("reason")).isEqualTo("no-pledge-for-category");
    assertThat(left.get(noScope).getString("reason")).isEqualTo("no-pledge-in-scope");
    assertThat(left.get(capped).getString("reason")).isEqualTo("village-cap-reached");
    assertThat(left.get(capped).getLong("allocated")).isEqualTo(2L);
    assertThat(left.get(capped).getLong("remaining")).isEqualTo(8L);
    assertThat(left.get(belowFloor).getString("reason")).isEqualTo("below-floor");
    assertThat(left.get(belowFloor).getLong("remaining")).isEqualTo(5_000L);
    assertThat(left.get(noScope).getString("villageName")).isNotBlank();
    assertThat(left.get(noScope).getString("needTitle")).isEqualTo("需求 employment job");

    // the next round: the cap is full, so the need sits out, and is still listed with why
    JsonObject next = round(plain, new JsonObject());
    JsonObject stillCapped = unmatched(plain, next).get(capped);
    assertThat(stillCapped.getString("reason")).isEqualTo("village-cap-reached");
    assertThat(stillCapped.getLong("allocated")).isZero();
    assertThat(stillCapped.getLong("remaining")).isEqualTo(8L);

    assertThat(
            plain.get("/api/v1/match-rounds/999999/unmatched", Account.UNITED_FRONT).statusCode())
        .isEqualTo(404);
  }

  @Test
  @DisplayName(
      "a donor giving one need from two pledges shows as one row with both pledges; the round's"
          + " allocations still name a pledge each")
  void oneRowPerNeedAndDonor() {
    String bags = "item:书包";
    long p1 = pledge(plain, Account.OTHER_DONOR, bags, 30, categories("education"));
    long p2 = pledge(plain, Account.OTHER_DONOR, bags, 30, categories("education"));
    long p3 = pledge(plain, Account.DONOR, bags, 10, categories("education"));
    long need = need(plain, TestFixture.VILLAGE, "education", bags, 70, 4);

    JsonObject round = round(plain, new JsonObject());
    long perPledge =
        round.getJsonArray("allocations").stream()
            .filter(o -> ((JsonObject) o).getLong("needId") == need)
            .count();
    assertThat(perPledge).isEqualTo(3);
    List<JsonObject> rows = new ArrayList<>();
    round.getJsonArray("rows").stream()
        .map(o -> (JsonObject) o)
        .filter(r -> r.getLong("needId") == need)
        .forEach(rows::add);
    assertThat(rows).hasSize(2);
    assertThat(rows.stream().map(r -> r.getLong("donorId"))).doesNotHaveDuplicates();
    JsonObject twoPledges =
        rows.stream()
            .filter(r -> r.getLong("donorId") == TestFixture.OTHER_DONOR)
            .findFirst()
            .get();
    assertThat(twoPledges.getLong("quantity")).isEqualTo(60L);
    assertThat(twoPledges.getJsonArray("pledgeIds")).isEqualTo(new JsonArray().add(p1).add(p2));
    assertThat(twoPledges.getJsonArray("allocationIds")).hasSize(2);
    assertThat(twoPledges.getJsonArray("statuses")).isEqualTo(new JsonArray().add("proposed"));
    assertThat(twoPledges.getString("donorName")).isNotBlank();
    JsonObject onePledge =
        rows.stream().filter(r -> r.getLong("donorId") == TestFixture.DONOR).findFirst().get();
    assertThat(onePledge.getLong("quantity")).isEqualTo(10L);
    assertThat(onePledge.getJsonArray("pledgeIds")).isEqualTo(new JsonArray().add(p3));
  }
}
