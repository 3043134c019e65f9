package org.bangfu.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Campaigns run by the united front: who may enrol, when, and pairings approved before they count.
 */
@DisplayName("Campaign rules")
class CampaignRulesTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static LocalDate today() {
    return LocalDate.ofInstant(app.clock().instant(), CampaignService.ZONE);
  }

  static JsonObject open(String code, LocalDate starts, LocalDate ends, String... types) {
    JsonObject body =
        new JsonObject()
            .put("code", code)
            .put("name", "活动 " + code)
            .put("startsOn", starts.toString())
            .put("donorTypes", new JsonArray(java.util.List.of(types)));
    if (ends != null) {
      body.put("endsOn", ends.toString());
    }
    HttpResponse<Buffer> r = app.post("/api/v1/campaigns", Account.UNITED_FRONT, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static String code(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getString("error");
  }

  @Test
  @DisplayName(
      "百侨助百村 admits overseas Chinese only: an enterprise is refused with campaign_donor_type")
  void donorTypes() {
    long id = open("qiao-only", today().minusDays(1), null, "overseas").getLong("id");
    HttpResponse<Buffer> r =
        app.post("/api/v1/campaigns/" + id + "/enrolments", Account.DONOR, new JsonObject());
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(code(r)).isEqualTo("campaign_donor_type");
    assertThat(
            app.post(
                    "/api/v1/campaigns/" + id + "/enrolments",
                    Account.OTHER_DONOR,
                    new JsonObject())
                .statusCode())
        .isEqualTo(201);
    HttpResponse<Buffer> again =
        app.post("/api/v1/campaigns/" + id + "/enrolments", Account.OTHER_DONOR, new JsonObject());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(code(again)).isEqualTo("already_enrolled");
    assertThat(
            app.get("/api/v1/campaigns/" + id, null).bodyAsJsonObject().getLong("donorsEnrolled"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "dates and closing: not before the start, not after the end, not once closed; nothing written")
  void dates() {
    long later = open("later", today().plusDays(3), null).getLong("id");
    HttpResponse<Buffer> early =
        app.post("/api/v1/campaigns/" + later + "/enrolments", Account.DONOR, new JsonObject());
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(code(early)).isEqualTo("campaign_not_started");
    assertThat(app.get("/api/v1/campaigns/" + later, null).bodyAsJsonObject().getString("state"))
        .isEqualTo("upcoming");

    long shortOne = open("short", today().minusDays(1), today().plusDays(1)).getLong("id");
    app.clock().advance(Duration.ofDays(3));
    try {
      HttpResponse<Buffer> late =
          app.post(
              "/api/v1/campaigns/" + shortOne + "/enrolments", Account.DONOR, new JsonObject());
      assertThat(late.statusCode()).isEqualTo(409);
      assertThat(code(late)).isEqualTo("campaign_ended");
      assertThat(
              app.get("/api/v1/campaigns/" + shortOne, null)
                  .bodyAsJsonObject()
                  .getLong("donorsEnrolled"))
          .isZero();
    } finally {
      app.clock().advance(Duration.ofDays(-3));
    }

    long closing = open("closing", today().minusDays(1), null).getLong("id");
    assertThat(
            app.post("/api/v1/campaigns/" + closing + "/close", Account.DONOR, null).statusCode())
        .isEqualTo(403);
    JsonObject closed =
        app.post("/api/v1/campaigns/" + closing + "/close", Account.UNITED_FRONT, null)
            .bodyAsJsonObject();
    assertThat(closed.getString("state")).isEqualTo("closed");
    HttpResponse<Buffer> r =
        app.post("/api/v1/campaigns/" + closing + "/enrolments", Account.DONOR, new JsonObject());
    assertThat(code(r)).isEqualTo("campaign_closed");
    assertThat(
            app.post("/api/v1/campaigns/" + closing + "/reopen", Account.UNITED_FRONT, null)
                .bodyAsJsonObject()
                .getString("state"))
        .isEqualTo("open");
    assertThat(
            app.post(
                    "/api/v1/campaigns/" + closing + "/enrolments", Account.DONOR, new JsonObject())
                .statusCode())
        .isEqualTo(201);

    HttpResponse<Buffer> bad =
        app.post(
            "/api/v1/campaigns",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("code", "Bad Code")
                .put("name", "x")
                .put("startsOn", "2018-01-01"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("code"))
        .isEqualTo("bad_code");
  }

  @Test
  @DisplayName("a donor's pairing is pending and is no tie until the united front approves it")
  void pairingApproval() {
    long id = open("pairs", today().minusDays(1), null).getLong("id");
    app.post("/api/v1/campaigns/" + id + "/enrolments", Account.DONOR, new JsonObject());
    HttpResponse<Buffer> asked =
        app.post(
            "/api/v1/campaigns/" + id + "/pairings",
            Account.DONOR,
            new JsonObject().put("villageId", TestFixture.OTHER_VILLAGE));
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(201);
    JsonObject pairing = asked.bodyAsJsonObject();
    assertThat(pairing.getString("status")).isEqualTo("pending");
    assertThat(pairing.getString("villageName")).isNotBlank();
    JsonObject progress =
        app.get("/api/v1/campaigns/" + id + "/progress", Account.UNITED_FRONT).bodyAsJsonObject();
    assertThat(progress.getJsonObject("totals").getLong("villagesPaired")).isZero();
    HttpResponse<Buffer> twice =
        app.post(
            "/api/v1/campaigns/" + id + "/pairings",
            Account.DONOR,
            new JsonObject().put("villageId", TestFixture.OTHER_VILLAGE));
    assertThat(code(twice)).isEqualTo("already_paired");

    JsonArray pending =
        app.get("/api/v1/campaigns/" + id + "/pairings?status=pending", Account.UNITED_FRONT)
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(pending).hasSize(1);
    long requestId = pairing.getLong("id");
    assertThat(
            app.post("/api/v1/campaign-pairings/" + requestId + "/approve", Account.DONOR, null)
                .statusCode())
        .isEqualTo(403);
    JsonObject approved =
        app.post("/api/v1/campaign-pairings/" + requestId + "/approve", Account.UNITED_FRONT, null)
            .bodyAsJsonObject();
    assertThat(approved.getString("status")).isEqualTo("approved");
    progress =
        app.get("/api/v1/campaigns/" + id + "/progress", Account.UNITED_FRONT).bodyAsJsonObject();
    assertThat(progress.getJsonObject("totals").getLong("villagesPaired")).isEqualTo(1);
    HttpResponse<Buffer> again =
        app.post("/api/v1/campaign-pairings/" + requestId + "/decline", Account.UNITED_FRONT, null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(code(again)).isEqualTo("pairing_not_pending");
    // the donor sees its own pairings only
    JsonArray mine =
        app.get("/api/v1/campaigns/" + id + "/pairings", Account.OTHER_DONOR)
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(mine).isEmpty();
  }

  @Test
  @DisplayName("a pledge's campaign must be open: the rule the pledge service calls")
  void pledgeRule() {
    long closing = open("pledge-rule", today().minusDays(1), today().plusDays(2)).getLong("id");
    CampaignService service = app.services().campaigns();
    service.requireOpenForPledge(app.pool(), closing).await();
    app.clock().advance(Duration.ofDays(5));
    try {
      Throwable e =
          service
              .requireOpenForPledge(app.pool(), closing)
              .map(v -> (Throwable) null)
              .recover(io.vertx.core.Future::succeededFuture)
              .await();
      assertThat(e).isInstanceOf(org.bangfu.support.DomainException.class);
      assertThat(((org.bangfu.support.DomainException) e).code()).isEqualTo("campaign_ended");
    } finally {
      app.clock().advance(Duration.ofDays(-5));
    }
  }
}
