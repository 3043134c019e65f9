package org.bangfu.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
 * The whole journey of a donation through HTTP, every role on the real PostgreSQL, with the
 * campaign's progress checked at each step: a secretary posts a need, the reviewer publishes it, a
 * donor enrols, pairs, pledges and claims, a match round proposes the rest, the donor confirms and
 * delivers, the village records receipt with evidence, the reviewer verifies, and the public board
 * and the audit trail show it.
 */
@DisplayName("The journey of a donation, end to end")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DonationJourneyTest {
  static TestApp app;
  static final String C = "/api/v1/campaigns/" + TestFixture.CAMPAIGN;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static JsonObject totals() {
    return ok(app.get(C + "/progress", Account.UNITED_FRONT), 200).getJsonObject("totals");
  }

  static long cny(JsonObject totals, String stage) {
    return totals.getJsonObject(stage).getLong("CNY", 0L);
  }

  @Test
  @Order(1)
  @DisplayName(
      "need → review → pledge → claim → round → confirm → deliver → receive → verify, with progress at each step")
  void wholeJourney() {
    // 0. nothing yet
    JsonObject t = totals();
    assertThat(t.getLong("donorsEnrolled")).isZero();
    assertThat(cny(t, "pledged")).isZero();

    // 1. the secretary registers a household and posts a household-level need (draft)
    JsonObject household =
        ok(
            app.post(
                "/api/v1/households",
                Account.SECRETARY,
                new JsonObject()
                    .put("villageId", TestFixture.VILLAGE)
                    .put("headName", "王大山")
                    .put("idNumber", "350524198001010011")
                    .put("phone", "13812345678")
                    .put("address", "洋坑村3组12号")
                    .put("status", "in_poverty")
                    .put("members", 4)
                    .put("labourCapacity", 2)
                    .put("gaps", new JsonArray().add("education"))
                    .put("linkedCadre", "李书记")),
            201);
    assertThat(household.getString("idNumber")).isEqualTo("350524********0011");
    assertThat(household.getString("phone")).isEqualTo("138****5678");
    assertThat(household.getString("address")).doesNotContain("12号");

    JsonObject need =
        ok(
            app.post(
                "/api/v1/needs",
                Account.SECRETARY,
                new JsonObject()
                    .put("villageId", TestFixture.VILLAGE)
                    .put("householdId", household.getLong("id"))
                    .put("category", "education")
                    .put("unit", "CNY")
                    .put("quantity", 50000)
                    .put("priority", 4)
                    .put("deadline", "2099-12-31")
                    .put("title", "两个孩子的学费")
                    .put("description", "初中和高中")),
            201);
    long needId = need.getLong("id");
    assertThat(need.getString("status")).isEqualTo("draft");
    // a draft is invisible to donors and the public
    assertThat(app.get("/api/v1/needs/" + needId, Account.DONOR).statusCode()).isEqualTo(404);
    assertThat(app.get("/api/v1/needs/" + needId, null).statusCode()).isEqualTo(404);

    // 2. submit, the county reviewer publishes
    assertThat(
            ok(app.post("/api/v1/needs/" + needId + "/submit", Account.SECRETARY, null), 200)
                .getString("status"))
        .isEqualTo("submitted");
    assertThat(
            app.post("/api/v1/needs/" + needId + "/publish", Account.SECRETARY, null).statusCode())
        .isEqualTo(403);
    assertThat(
            ok(app.post("/api/v1/needs/" + needId + "/publish", Account.REVIEWER, null), 200)
                .getString("status"))
        .isEqualTo("published");
    JsonObject publicNeed = ok(app.get("/api/v1/needs/" + needId, null), 200);
    assertThat(publicNeed.getValue("householdId")).isNull();
    assertThat(publicNeed.getBoolean("householdLevel")).isTrue();

    // 3. the donor enrols in 百企帮百村 and pairs with the village
    ok(app.post(C + "/enrolments", Account.DONOR, new JsonObject()), 201);
    JsonObject asked =
        ok(
            app.post(
                C + "/pairings",
                Account.DONOR,
                new JsonObject().put("villageId", TestFixture.VILLAGE)),
            201);
    assertThat(asked.getString("status")).isEqualTo("pending");
    assertThat(totals().getLong("villagesPaired")).as("a pending pairing is no tie yet").isZero();
    ok(
        app.post(
            "/api/v1/campaign-pairings/" + asked.getLong("id") + "/approve",
            Account.UNITED_FRONT,
            null),
        200);
    t = totals();
    assertThat(t.getLong("donorsEnrolled")).isEqualTo(1);
    assertThat(t.getLong("villagesPaired")).isEqualTo(1);
    assertThat(t.getLong("needsOpen")).isEqualTo(1);
    // the need now tells the donor why it suits them
    JsonObject forDonor = ok(app.get("/api/v1/needs/" + needId, Account.DONOR), 200);
    assertThat(forDonor.getJsonArray("reasons").getList()).contains("paired-village");

    // 4. a pooled pledge of 100,000 yuan for education
    JsonObject pledge =
        ok(
            app.post(
                "/api/v1/pledges",
                Account.DONOR,
                new JsonObject()
                    .put("campaignId", TestFixture.CAMPAIGN)
                    .put("unit", "CNY")
                    .put("quantity", 100000)
                    .put("categories", new JsonArray().add("education"))
                    .put("mode", "pooled")
                    .put("note", "助学")),
            201);
    long pledgeId = pledge.getLong("id");
    assertThat(pledge.getLong("remaining")).isEqualTo(100000);
    assertThat(cny(totals(), "pledged")).isEqualTo(100000);

    // 5. the donor claims 10,000 of the need from the pledge: confirmed at once
    JsonObject claim =
        ok(
            app.post(
                "/api/v1/needs/" + needId + "/claims",
                Account.DONOR,
                new JsonObject().put("pledgeId", pledgeId).put("quantity", 10000)),
            201);
    assertThat(claim.getString("status")).isEqualTo("confirmed");
    assertThat(claim.getString("source")).isEqualTo("claim");
    assertThat(claim.getJsonArray("reasons").getList()).contains("paired-village");
    t = totals();
    assertThat(cny(t, "allocated")).isEqualTo(10000);
    assertThat(cny(t, "confirmed")).isEqualTo(10000);
    assertThat(t.getLong("needsPartlyCovered")).isEqualTo(1);
    assertThat(ok(app.get("/api/v1/needs/" + needId, null), 200).getLong("remaining"))
        .isEqualTo(40000);

    // 6. the united front runs a match round: it proposes the remaining 40,000 from the pool
    assertThat(app.post("/api/v1/match-rounds", Account.DONOR, new JsonObject()).statusCode())
        .isEqualTo(403);
    JsonObject round =
        ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    assertThat(round.getString("status")).isEqualTo("done");
    assertThat(round.getInteger("allocationCount")).isEqualTo(1);
    assertThat(round.getJsonObject("amountProposed").getLong("CNY")).isEqualTo(40000);
    assertThat(round.getLong("objective")).isPositive();
    JsonObject proposed =
        ok(app.get("/api/v1/allocations?roundId=" + round.getLong("id"), Account.DONOR), 200)
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(proposed.getString("status")).isEqualTo("proposed");
    assertThat(proposed.getJsonArray("reasons").getList()).contains("paired-village");
    long proposedId = proposed.getLong("id");
    t = totals();
    assertThat(cny(t, "allocated")).isEqualTo(50000);
    assertThat(cny(t, "proposed")).as("a proposal is not counted as confirmed").isEqualTo(40000);
    assertThat(cny(t, "confirmed")).isEqualTo(10000);
    assertThat(t.getLong("needsFullyCovered")).isEqualTo(1);
    assertThat(ok(app.get("/api/v1/pledges/" + pledgeId, Account.DONOR), 200).getLong("remaining"))
        .isEqualTo(50000);

    // 7. the donor confirms the proposal, then delivers both
    assertThat(
            app.post("/api/v1/allocations/" + proposedId + "/confirm", Account.OTHER_DONOR, null)
                .statusCode())
        .isIn(403, 404);
    ok(app.post("/api/v1/allocations/" + proposedId + "/confirm", Account.DONOR, null), 200);
    assertThat(cny(totals(), "confirmed")).isEqualTo(50000);
    // an illegal transition: a confirmed allocation cannot be confirmed again
    assertThat(
            app.post("/api/v1/allocations/" + proposedId + "/confirm", Account.DONOR, null)
                .statusCode())
        .isEqualTo(409);
    for (long id : new long[] {claim.getLong("id"), proposedId}) {
      ok(
          app.post(
              "/api/v1/allocations/" + id + "/deliver",
              Account.DONOR,
              new JsonObject().put("note", "已转账")),
          200);
    }
    assertThat(cny(totals(), "delivered")).isEqualTo(50000);

    // 8. the village records receipt with evidence; another village's secretary cannot
    String photo = org.bangfu.testing.Samples.jpegBase64();
    JsonObject receipt =
        new JsonObject()
            .put("note", "学费已交")
            .put(
                "attachments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "receipt.jpg")
                            .put("contentType", "image/jpeg")
                            .put("dataBase64", photo)));
    assertThat(
            app.post(
                    "/api/v1/allocations/" + proposedId + "/receive",
                    Account.OTHER_SECRETARY,
                    receipt)
                .statusCode())
        .isIn(403, 404);
    for (long id : new long[] {claim.getLong("id"), proposedId}) {
      JsonObject received =
          ok(app.post("/api/v1/allocations/" + id + "/receive", Account.SECRETARY, receipt), 200);
      assertThat(received.getJsonArray("evidence").size())
          .isEqualTo(3); // delivery note, receipt note, photo
    }
    assertThat(ok(app.get("/api/v1/needs/" + needId, null), 200).getString("status"))
        .isEqualTo("fulfilled");
    HttpResponse<Buffer> file =
        app.get("/api/v1/allocations/" + proposedId + "/evidence/3", Account.REVIEWER);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body().getBytes()).isEqualTo(java.util.Base64.getDecoder().decode(photo));

    // 9. the reviewer verifies; the need is verified and the public board shows it
    for (long id : new long[] {claim.getLong("id"), proposedId}) {
      ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
    }
    t = totals();
    assertThat(cny(t, "verified")).isEqualTo(50000);
    assertThat(t.getLong("needsFullyCovered")).isEqualTo(1);
    assertThat(ok(app.get("/api/v1/needs/" + needId, null), 200).getString("status"))
        .isEqualTo("verified");
    // each verified allocation is published as a public notice (公示), open for objections
    assertThat(
            ok(app.get("/api/v1/public/notices?kind=allocation_verified", null), 200)
                .getLong("total"))
        .isEqualTo(2);
    JsonObject board = ok(app.get("/api/v1/public/board", null), 200);
    assertThat(board.getLong("total")).isEqualTo(2);
    assertThat(board.encode())
        .doesNotContain("王大山")
        .doesNotContain("01010011")
        .doesNotContain("1234567");

    // 10. the full progress: by county, by category, by month
    JsonObject full = ok(app.get(C + "/progress", Account.UNITED_FRONT), 200);
    JsonObject county =
        full.getJsonArray("byCounty").stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("countyId").equals(TestFixture.COUNTY))
            .findFirst()
            .orElseThrow();
    assertThat(county.getJsonObject("verified").getLong("CNY")).isEqualTo(50000);
    JsonObject education =
        full.getJsonArray("byCategory").stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("category").equals("education"))
            .findFirst()
            .orElseThrow();
    assertThat(education.getJsonObject("allocated").getLong("CNY")).isEqualTo(50000);
    assertThat(full.getJsonArray("byMonth")).isNotEmpty();
    // the public gets the totals only
    JsonObject pub = ok(app.get(C + "/progress", null), 200);
    assertThat(pub.containsKey("byCounty")).isFalse();
    assertThat(cny(pub.getJsonObject("totals"), "verified")).isEqualTo(50000);

    // 11. the auditor follows the allocation in the audit trail, and the chain is intact
    JsonObject trail =
        ok(app.get("/api/v1/audit?entity=allocation&entityId=" + proposedId, Account.AUDITOR), 200);
    assertThat(
            trail.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("action"))
                .toList())
        .contains("propose", "confirm", "deliver", "receive", "verify");
    assertThat(app.get("/api/v1/audit", Account.DONOR).statusCode()).isEqualTo(403);
    assertThat(ok(app.get("/api/v1/audit/verify", Account.AUDITOR), 200).getBoolean("intact"))
        .isTrue();
    JsonObject detail = ok(app.get("/api/v1/allocations/" + proposedId, Account.AUDITOR), 200);
    assertThat(
            detail.getJsonArray("history").stream()
                .map(o -> ((JsonObject) o).getString("status"))
                .toList())
        .containsExactly("proposed", "confirmed", "delivered", "received", "verified");

    // 12. a claim with new money counts in the campaign where the donor pairs with the village
    long second = publishedNeed(8000);
    ok(
        app.post(
            "/api/v1/needs/" + second + "/claims",
            Account.DONOR,
            new JsonObject().put("quantity", 8000)),
        201);
    t = totals();
    assertThat(cny(t, "pledged")).isEqualTo(108000);
    assertThat(cny(t, "allocated")).isEqualTo(58000);
    assertThat(cny(t, "confirmed")).isEqualTo(58000);
    assertThat(cny(t, "verified")).isEqualTo(50000);
    assertThat(t.getLong("needsFullyCovered")).isEqualTo(2);
  }

  @Test
  @Order(2)
  @DisplayName(
      "declining a proposed allocation frees exactly what it held on the need and the pledge")
  void declineFrees() {
    long needId = publishedNeed(30000);
    JsonObject pledge =
        ok(
            app.post(
                "/api/v1/pledges",
                Account.OTHER_DONOR,
                new JsonObject().put("unit", "CNY").put("quantity", 20000).put("mode", "pooled")),
            201);
    JsonObject round = ok(app.post("/api/v1/match-rounds", Account.ADMIN, new JsonObject()), 201);
    JsonObject a =
        ok(
                app.get(
                    "/api/v1/allocations?pledgeId="
                        + pledge.getLong("id")
                        + "&roundId="
                        + round.getLong("id"),
                    Account.OTHER_DONOR),
                200)
            .getJsonArray("items")
            .getJsonObject(0);
    long held = a.getLong("quantity");
    JsonObject needBefore = ok(app.get("/api/v1/needs/" + a.getLong("needId"), null), 200);
    JsonObject pledgeBefore =
        ok(app.get("/api/v1/pledges/" + pledge.getLong("id"), Account.OTHER_DONOR), 200);
    ok(
        app.post("/api/v1/allocations/" + a.getLong("id") + "/decline", Account.OTHER_DONOR, null),
        200);
    JsonObject needAfter = ok(app.get("/api/v1/needs/" + a.getLong("needId"), null), 200);
    JsonObject pledgeAfter =
        ok(app.get("/api/v1/pledges/" + pledge.getLong("id"), Account.OTHER_DONOR), 200);
    assertThat(needAfter.getLong("allocated")).isEqualTo(needBefore.getLong("allocated") - held);
    assertThat(pledgeAfter.getLong("remaining"))
        .isEqualTo(pledgeBefore.getLong("remaining") + held);
    assertThat(pledgeAfter.getLong("remaining")).isEqualTo(20000);
    // declined once is final
    assertThat(
            app.post(
                    "/api/v1/allocations/" + a.getLong("id") + "/confirm",
                    Account.OTHER_DONOR,
                    null)
                .statusCode())
        .isEqualTo(409);
    assertThat(needId).isPositive();
  }

  /** A published need in the secretary's village; returns its id. */
  static long publishedNeed(long quantity) {
    long id =
        ok(
                app.post(
                    "/api/v1/needs",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("villageId", TestFixture.VILLAGE)
                        .put("category", "infrastructure")
                        .put("unit", "CNY")
                        .put("quantity", quantity)
                        .put("priority", 5)
                        .put("title", "村道硬化")),
                201)
            .getLong("id");
    ok(app.post("/api/v1/needs/" + id + "/submit", Account.SECRETARY, null), 200);
    ok(app.post("/api/v1/needs/" + id + "/publish", Account.REVIEWER, null), 200);
    return id;
  }
}
