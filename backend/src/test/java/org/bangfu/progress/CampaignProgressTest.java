package org.bangfu.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Campaign progress: the mountain-sea flows and the breakdowns follow the money. */
@DisplayName("Campaign progress")
class CampaignProgressTest {
  static TestApp app;
  static final String PAIRED_VILLAGE =
      "350821-T01-V01"; // 长汀县, paired with 晋江市 (the donor's home county)

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long published(String village, String category, long quantity) {
    long id =
        app.post(
                "/api/v1/needs",
                Account.ADMIN,
                new JsonObject()
                    .put("villageId", village)
                    .put("category", category)
                    .put("unit", "CNY")
                    .put("quantity", quantity)
                    .put("priority", 3)
                    .put("title", "需求"))
            .bodyAsJsonObject()
            .getLong("id");
    app.post("/api/v1/needs/" + id + "/submit", Account.ADMIN, null);
    app.post("/api/v1/needs/" + id + "/publish", Account.ADMIN, null);
    return id;
  }

  static JsonObject find(JsonArray rows, String key, String value) {
    return rows.stream()
        .map(JsonObject.class::cast)
        .filter(r -> value.equals(r.getString(key)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName(
      "money from 晋江市 to a village of 长汀县 shows as a mountain-sea flow, by county and by category")
  void mountainSeaFlow() {
    app.post(
        "/api/v1/campaigns/" + TestFixture.CAMPAIGN + "/enrolments",
        Account.DONOR,
        new JsonObject());
    long need = published(PAIRED_VILLAGE, "ecology", 20_000);
    long other = published(TestFixture.VILLAGE, "education", 5_000);
    JsonObject claim =
        app.post(
                "/api/v1/needs/" + need + "/claims",
                Account.DONOR,
                new JsonObject().put("quantity", 7_000))
            .bodyAsJsonObject();
    assertThat(claim.getJsonArray("reasons").getList()).contains("paired-county");
    app.post(
        "/api/v1/needs/" + other + "/claims",
        Account.DONOR,
        new JsonObject().put("quantity", 5_000));

    JsonObject p =
        app.get("/api/v1/campaigns/" + TestFixture.CAMPAIGN + "/progress", Account.AUDITOR)
            .bodyAsJsonObject();
    JsonObject flow =
        p.getJsonArray("pairingFlows").stream()
            .map(JsonObject.class::cast)
            .filter(f -> f.getString("from").equals("350582") && f.getString("to").equals("350821"))
            .findFirst()
            .orElseThrow();
    assertThat(flow.getString("fromName")).isEqualTo("晋江市");
    assertThat(flow.getJsonObject("allocated").getLong("CNY")).isEqualTo(7_000);
    assertThat(flow.getJsonObject("verified").getLong("CNY", 0L)).isZero();
    assertThat(
            find(p.getJsonArray("byCounty"), "countyId", "350821")
                .getJsonObject("allocated")
                .getLong("CNY"))
        .isEqualTo(7_000);
    assertThat(
            find(p.getJsonArray("byCounty"), "countyId", TestFixture.COUNTY)
                .getJsonObject("allocated")
                .getLong("CNY"))
        .isEqualTo(5_000);
    assertThat(
            find(p.getJsonArray("byCategory"), "category", "ecology")
                .getJsonObject("confirmed")
                .getLong("CNY"))
        .isEqualTo(7_000);
    JsonObject totals = p.getJsonObject("totals");
    assertThat(totals.getJsonObject("pledged").getLong("CNY")).isEqualTo(12_000);
    assertThat(totals.getJsonObject("allocated").getLong("CNY")).isEqualTo(12_000);
    assertThat(totals.getLong("needsPartlyCovered")).isEqualTo(1);
    assertThat(totals.getLong("needsFullyCovered")).isEqualTo(1);
    assertThat(p.getJsonArray("byMonth").getJsonObject(0).getJsonObject("confirmed").getLong("CNY"))
        .isEqualTo(12_000);
    // a donor sees only the totals
    JsonObject forDonor =
        app.get("/api/v1/campaigns/" + TestFixture.CAMPAIGN + "/progress", Account.DONOR)
            .bodyAsJsonObject();
    assertThat(forDonor.containsKey("pairingFlows")).isFalse();
    assertThat(forDonor.getJsonObject("totals").getJsonObject("allocated").getLong("CNY"))
        .isEqualTo(12_000);
  }
}
