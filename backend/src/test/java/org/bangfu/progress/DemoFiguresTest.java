package org.bangfu.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.bangfu.demo.DemoContext;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every figure of the dashboard and the auditor's desk against a count written directly in SQL on
 * the demo data: nothing proposed counts as confirmed, the 山海协作 campaign shows what its donors gave
 * their partner counties, totals cover everything, not a page.
 */
@DisplayName("Figures on the demo data agree with SQL")
class DemoFiguresTest {
  static TestApp app;
  static String unitedFront;
  static String auditor;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
    unitedFront = app.token("tongzhan", DemoContext.DEMO_PASSWORD);
    auditor = app.token("shenji", DemoContext.DEMO_PASSWORD);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long sql(String sql, Object... args) {
    return app.pool()
        .preparedQuery(sql)
        .execute(Tuple.from(args))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  static long campaign(String code) {
    return sql("SELECT id FROM campaigns WHERE code = $1", code);
  }

  static JsonObject get(String path, String token) {
    var r = app.call(HttpMethod.GET, path, token, null);
    assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static long cny(JsonObject group, String stage) {
    return group.getJsonObject(stage).getLong("CNY", 0L);
  }

  /** Yuan of the campaign's allocations in the given statuses, written as plainly as SQL allows. */
  static long campaignYuan(long campaign, String statuses) {
    return sql(
        """
                SELECT coalesce(sum(a.quantity), 0) FROM allocations a
                  JOIN pledges p ON p.id = a.pledge_id JOIN donors d ON d.id = p.donor_id JOIN needs n ON n.id = a.need_id
                 WHERE a.unit = 'CNY' AND a.status = ANY (string_to_array($2, ','))
                   AND (p.campaign_id = $1
                        OR (d.id IN (SELECT donor_id FROM campaign_enrolments WHERE campaign_id = $1)
                            AND ((n.village_id IN (SELECT village_id FROM campaign_pairings WHERE campaign_id = $1 AND donor_id = d.id))
                                 OR (split_part(n.village_id, '-', 1), d.home_county) IN
                                    (SELECT rp.to_id, rp.from_id FROM region_pairings rp JOIN campaigns c
                                         ON c.region_pairing_kind = rp.kind WHERE c.id = $1))))""",
        campaign,
        statuses);
  }

  @Test
  @DisplayName("山海协作: its enrolled donors' gifts to the paired counties count, and match the flows")
  void mountainSea() {
    long shxz = campaign("shxz");
    JsonObject p = get("/api/v1/campaigns/" + shxz + "/progress", unitedFront);
    long confirmed = campaignYuan(shxz, "confirmed,delivered,received,verified");
    assertThat(confirmed).as("the demo has confirmed help to the paired counties").isPositive();
    assertThat(cny(p.getJsonObject("totals"), "confirmed")).isEqualTo(confirmed);
    assertThat(cny(p.getJsonObject("totals"), "proposed"))
        .isEqualTo(campaignYuan(shxz, "proposed"));
    assertThat(cny(p.getJsonObject("totals"), "verified"))
        .isEqualTo(campaignYuan(shxz, "verified"));
    long flows =
        p.getJsonArray("pairingFlows").stream()
            .map(JsonObject.class::cast)
            .mapToLong(f -> cny(f, "confirmed"))
            .sum();
    long direct =
        sql(
            """
                SELECT coalesce(sum(a.quantity), 0) FROM allocations a
                  JOIN pledges p ON p.id = a.pledge_id JOIN donors d ON d.id = p.donor_id JOIN needs n ON n.id = a.need_id
                  JOIN region_pairings rp ON rp.from_id = d.home_county AND rp.to_id = split_part(n.village_id, '-', 1)
                 WHERE rp.kind = 'mountain_sea' AND a.unit = 'CNY' AND a.status IN ('confirmed','delivered','received','verified')
                   AND d.id IN (SELECT donor_id FROM campaign_enrolments WHERE campaign_id = $1)""",
            shxz);
    assertThat(flows).isEqualTo(direct).isPositive();
    assertThat(p.getJsonObject("totals").getLong("donorsEnrolled"))
        .isEqualTo(sql("SELECT count(*) FROM campaign_enrolments WHERE campaign_id = $1", shxz));
  }

  @Test
  @DisplayName(
      "每个活动: proposed, confirmed, delivered and verified apart; by county on the receiving county only")
  void stagesApart() {
    for (String code : new String[] {"bqbbc", "bhfbc", "bqzbc", "shxz"}) {
      long id = campaign(code);
      JsonObject p = get("/api/v1/campaigns/" + id + "/progress", unitedFront);
      JsonObject totals = p.getJsonObject("totals");
      assertThat(cny(totals, "proposed"))
          .as(code + " proposed")
          .isEqualTo(campaignYuan(id, "proposed"));
      assertThat(cny(totals, "confirmed"))
          .as(code + " confirmed")
          .isEqualTo(campaignYuan(id, "confirmed,delivered,received,verified"));
      assertThat(cny(totals, "delivered"))
          .as(code + " delivered")
          .isEqualTo(campaignYuan(id, "delivered,received,verified"));
      assertThat(cny(totals, "verified"))
          .as(code + " verified")
          .isEqualTo(campaignYuan(id, "verified"));
      JsonArray counties = p.getJsonArray("byCounty");
      long byCounty =
          counties.stream().map(JsonObject.class::cast).mapToLong(c -> cny(c, "confirmed")).sum();
      assertThat(byCounty).as(code + " by county adds up").isEqualTo(cny(totals, "confirmed"));
      assertThat(
              counties.stream().map(JsonObject.class::cast).mapToLong(c -> cny(c, "pledged")).sum())
          .as(code + ": pledges are by origin, not on the receiving county's chart")
          .isZero();
      long byOrigin =
          p.getJsonArray("byOrigin").stream()
              .map(JsonObject.class::cast)
              .mapToLong(c -> cny(c, "confirmed"))
              .sum();
      assertThat(byOrigin).as(code + " by origin adds up").isEqualTo(cny(totals, "confirmed"));
    }
    long bqbbc = campaign("bqbbc");
    assertThat(
            cny(
                get("/api/v1/campaigns/" + bqbbc + "/progress", unitedFront)
                    .getJsonObject("totals"),
                "proposed"))
        .as("the demo has proposals waiting")
        .isPositive();
  }

  @Test
  @DisplayName("villages with unmet needs: every open need, not the first page")
  void unmetVillages() {
    JsonObject u = get("/api/v1/progress/unmet-villages", unitedFront);
    long open = sql("SELECT count(*) FROM needs WHERE status IN ('published','partly_allocated')");
    assertThat(open).isGreaterThan(100);
    assertThat(u.getLong("openNeeds")).isEqualTo(open);
    assertThat(u.getLong("total"))
        .isEqualTo(
            sql(
                "SELECT count(DISTINCT village_id) FROM needs WHERE status IN ('published','partly_allocated')"));
    assertThat(
            u.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .mapToLong(v -> v.getLong("openNeeds"))
                .sum())
        .isEqualTo(open);
  }

  @Test
  @DisplayName("auditor's totals: over every allocation the filters match, by status")
  void allocationTotals() {
    JsonObject all = get("/api/v1/progress/allocation-totals", auditor);
    assertThat(all.getLong("count"))
        .isEqualTo(sql("SELECT count(*) FROM allocations"))
        .isGreaterThan(20);
    assertThat(all.getJsonObject("amounts").getLong("CNY"))
        .isEqualTo(sql("SELECT sum(quantity) FROM allocations WHERE unit = 'CNY'"));
    JsonObject verified = get("/api/v1/progress/allocation-totals?status=verified", auditor);
    assertThat(verified.getJsonObject("amounts").getLong("CNY"))
        .isEqualTo(
            sql(
                "SELECT sum(quantity) FROM allocations WHERE unit = 'CNY' AND status = 'verified'"));
    assertThat(all.getJsonObject("byStatus").getJsonObject("proposed").getLong("count"))
        .isEqualTo(sql("SELECT count(*) FROM allocations WHERE status = 'proposed'"));
    long donor =
        sql("SELECT min(p.donor_id) FROM allocations a JOIN pledges p ON p.id = a.pledge_id");
    assertThat(get("/api/v1/progress/allocation-totals?donorId=" + donor, auditor).getLong("count"))
        .isEqualTo(
            sql(
                "SELECT count(*) FROM allocations a JOIN pledges p ON p.id = a.pledge_id WHERE p.donor_id = $1",
                donor));
  }
}
