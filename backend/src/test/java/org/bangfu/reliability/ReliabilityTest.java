package org.bangfu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 帮扶信誉 from the ledger: a donor delivers one claim at once and leaves another undelivered past the
 * 30-day window; the village records receipt of the delivered one in time and it is verified; a
 * founded report and an open finding count against them.
 */
@DisplayName("Reliability of donors and villages from the ledger, reports and findings")
class ReliabilityTest {
  static TestApp app;

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

  static long publishedNeed() {
    long id =
        ok(
                app.post(
                    "/api/v1/needs",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("villageId", TestFixture.VILLAGE)
                        .put("category", "education")
                        .put("unit", "CNY")
                        .put("quantity", 10000)
                        .put("priority", 3)
                        .put("title", "助学金")),
                201)
            .getLong("id");
    ok(app.post("/api/v1/needs/" + id + "/submit", Account.SECRETARY, null), 200);
    ok(app.post("/api/v1/needs/" + id + "/publish", Account.REVIEWER, null), 200);
    return id;
  }

  @Test
  @DisplayName(
      "on-time shares, delays, founded reports and open findings, with the figures behind them")
  void figures() {
    long needA = publishedNeed();
    long needB = publishedNeed();
    long a =
        ok(
                app.post(
                    "/api/v1/needs/" + needA + "/claims",
                    Account.DONOR,
                    new JsonObject().put("quantity", 5000)),
                201)
            .getLong("id");
    ok(
        app.post(
            "/api/v1/needs/" + needB + "/claims",
            Account.DONOR,
            new JsonObject().put("quantity", 3000)),
        201);
    ok(
        app.post(
            "/api/v1/allocations/" + a + "/deliver",
            Account.DONOR,
            new JsonObject().put("note", "已转账")),
        200);
    JsonObject receipt =
        new JsonObject()
            .put("note", "已收到")
            .put(
                "attachments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "r.jpg")
                            .put("contentType", "image/jpeg")
                            .put("dataBase64", org.bangfu.testing.Samples.jpegBase64())));
    ok(app.post("/api/v1/allocations/" + a + "/receive", Account.SECRETARY, receipt), 200);
    ok(app.post("/api/v1/allocations/" + a + "/verify", Account.REVIEWER, null), 200);

    // a founded report about the village
    JsonObject filed =
        ok(
            app.post(
                "/api/v1/public/reports",
                null,
                new JsonObject()
                    .put("subjectKind", "village")
                    .put("subjectId", TestFixture.VILLAGE)
                    .put("category", "misuse")
                    .put("content", "资金未按用途使用")),
            201);
    long report =
        ok(app.get("/api/v1/reports", Account.REVIEWER), 200)
            .getJsonArray("items")
            .getJsonObject(0)
            .getLong("id");
    for (String step : new String[] {"accept", "investigate"}) {
      ok(app.post("/api/v1/reports/" + report + "/" + step, Account.REVIEWER, null), 200);
    }
    ok(
        app.post(
            "/api/v1/reports/" + report + "/answer",
            Account.REVIEWER,
            new JsonObject().put("finding", "founded").put("answer", "属实").put("measures", "已纠正")),
        200);
    assertThat(filed.getString("trackingNumber")).isNotBlank();
    // an open finding against the donor
    long inspection =
        ok(
                app.post(
                    "/api/v1/inspections",
                    Account.UNITED_FRONT,
                    new JsonObject()
                        .put("title", "督查")
                        .put("periodFrom", "2018-01-01")
                        .put("periodTo", "2018-12-31")
                        .put("counties", new JsonArray().add(TestFixture.COUNTY))),
                201)
            .getLong("id");
    ok(
        app.post(
            "/api/v1/inspections/" + inspection + "/findings",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("subjectKind", "donor")
                .put("subjectId", "" + TestFixture.DONOR)
                .put("severity", "minor")
                .put("problem", "认领后未按期到位")
                .put("deadline", "2099-12-31")),
        201);

    // 32 days on: the undelivered claim is 2 days late
    app.clock().advance(Duration.ofDays(32));
    JsonObject donor =
        ok(app.get("/api/v1/reliability/donors/" + TestFixture.DONOR, Account.DONOR), 200);
    assertThat(donor.getLong("confirmed")).isEqualTo(2);
    assertThat(donor.getLong("due")).isEqualTo(2);
    assertThat(donor.getLong("onTime")).isEqualTo(1);
    assertThat(donor.getDouble("onTimeShare")).isEqualTo(0.5);
    assertThat(donor.getDouble("meanDelayDays")).isCloseTo(1.0, within(0.1));
    assertThat(donor.getLong("openFindings")).isEqualTo(1);
    assertThat(donor.getJsonArray("allocations")).hasSize(2);
    assertThat(
            donor.getJsonArray("allocations").stream()
                .map(o -> ((JsonObject) o).getBoolean("onTime")))
        .containsExactlyInAnyOrder(true, false);
    assertThat(
            app.get("/api/v1/reliability/donors/" + TestFixture.DONOR, Account.OTHER_DONOR)
                .statusCode())
        .isEqualTo(403);

    JsonObject village =
        ok(app.get("/api/v1/reliability/villages/" + TestFixture.VILLAGE, Account.SECRETARY), 200);
    assertThat(village.getLong("delivered")).isEqualTo(1);
    assertThat(village.getLong("onTime")).isEqualTo(1);
    assertThat(village.getDouble("onTimeShare")).isEqualTo(1.0);
    assertThat(village.getLong("foundedReports")).isEqualTo(1);
    assertThat(village.getJsonArray("deliveries")).hasSize(1);
    assertThat(
            app.get("/api/v1/reliability/villages/" + TestFixture.VILLAGE, Account.OTHER_SECRETARY)
                .statusCode())
        .isEqualTo(403);

    // the lists agree with the detail
    JsonObject donors = ok(app.get("/api/v1/reliability/donors", Account.UNITED_FRONT), 200);
    JsonObject first = donors.getJsonArray("items").getJsonObject(0);
    assertThat(first.getLong("donorId")).isEqualTo(TestFixture.DONOR);
    assertThat(first.getDouble("onTimeShare")).isEqualTo(0.5);
    JsonObject villages = ok(app.get("/api/v1/reliability/villages", Account.REVIEWER), 200);
    assertThat(villages.getJsonArray("items").getJsonObject(0).getString("villageId"))
        .isEqualTo(TestFixture.VILLAGE);
    assertThat(app.get("/api/v1/reliability/donors", Account.DONOR).statusCode()).isEqualTo(403);
  }
}
