package org.bangfu.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.bangfu.pledgeday.Commendations;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * For donors: a verified allocation's certificate says what the allocation is; the yearly statement
 * and the donor's help list it; and a 10.17 day's commendation list follows its stated rule.
 */
@DisplayName("Certificates, statements and help for donors; the 10.17 wall and commendation list")
class CertificateTest {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
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

  @Test
  @DisplayName(
      "a certificate matches its allocation; none before verification; the statement and help list it")
  void certificateMatchesItsAllocation() {
    long id = org.bangfu.testing.Gifts.received(app, 12_345, null);
    assertThat(app.get("/api/v1/public/certificates/" + id, null).statusCode())
        .as("not yet verified")
        .isEqualTo(404);
    ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);

    JsonObject a = ok(app.get("/api/v1/allocations/" + id, Account.DONOR), 200);
    JsonObject c = ok(app.get("/api/v1/public/certificates/" + id, null), 200);
    assertThat(c.getLong("allocationId")).isEqualTo(id);
    assertThat(c.getLong("donorId")).isEqualTo(a.getLong("donorId"));
    assertThat(c.getString("donorName")).isEqualTo(a.getString("donorName"));
    assertThat(c.getString("needTitle")).isEqualTo(a.getString("needTitle"));
    assertThat(c.getString("villageId")).isEqualTo(a.getString("villageId"));
    assertThat(c.getString("villageName")).isEqualTo(a.getString("villageName"));
    assertThat(c.getString("unit")).isEqualTo(a.getString("unit"));
    assertThat(c.getLong("quantity")).isEqualTo(a.getLong("quantity")).isEqualTo(12_345);
    int year = LocalDate.now(CHINA).getYear();
    assertThat(c.getString("number")).isEqualTo("BF-" + year + "-" + String.format("%08d", id));
    assertThat(c.getString("grantId")).isEqualTo("360G-bangfu-allocation-" + id);
    // the certificate names its notice and the audit record of the verification
    JsonObject notice = ok(app.get("/api/v1/public/notices/" + c.getLong("noticeId"), null), 200);
    assertThat(notice.getString("subjectId")).isEqualTo(String.valueOf(id));
    long record = c.getLong("auditRecord");
    JsonArray trail =
        ok(app.get("/api/v1/audit?entity=allocation&entityId=" + id, Account.AUDITOR), 200)
            .getJsonArray("items");
    assertThat(
            trail.stream()
                .map(o -> (JsonObject) o)
                .filter(e -> e.getString("action").equals("verify"))
                .map(e -> e.getLong("id")))
        .containsExactly(record);
    assertThat(c.getString("proof")).endsWith("?id=" + record);

    JsonObject statement =
        ok(
            app.get("/api/v1/donors/" + TestFixture.DONOR + "/statements/" + year, Account.DONOR),
            200);
    assertThat(
            statement.getJsonArray("lines").stream().map(o -> ((JsonObject) o).getString("number")))
        .contains(c.getString("number"));
    assertThat(statement.getJsonObject("amounts").getLong("CNY")).isGreaterThanOrEqualTo(12_345);
    assertThat(
            app.get(
                    "/api/v1/donors/" + TestFixture.DONOR + "/statements/" + year,
                    Account.OTHER_DONOR)
                .statusCode())
        .isEqualTo(403);

    JsonObject help =
        ok(app.get("/api/v1/donors/" + TestFixture.DONOR + "/help?size=100", Account.DONOR), 200)
            .getJsonArray("items")
            .stream()
            .map(o -> (JsonObject) o)
            .filter(h -> h.getLong("allocationId") == id)
            .findFirst()
            .orElseThrow();
    assertThat(help.getString("status")).isEqualTo("verified");
    assertThat(help.getInteger("evidenceCount"))
        .isEqualTo(3); // the delivery note, the receipt note and its photo
    assertThat(help.getString("lastEvidenceNote")).isEqualTo("已入账");
    assertThat(help.getJsonObject("village").getLong("verifiedCny")).isGreaterThanOrEqualTo(12_345);
  }

  @Test
  @DisplayName(
      "10.17: the wall counts the campaign's pledges; after the day the list follows its rule")
  void pledgeDayAndCommendations() {
    LocalDate today = app.clock().instant().atZone(CHINA).toLocalDate();
    ok(
        app.post(
            "/api/v1/pledge-days",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("campaignId", TestFixture.CAMPAIGN)
                .put("day", today.toString())
                .put("targetCny", 100_000)),
        201);
    long id = org.bangfu.testing.Gifts.received(app, 30_000, TestFixture.CAMPAIGN);
    JsonObject wall =
        ok(app.get("/api/v1/public/pledge-days/" + TestFixture.CAMPAIGN + "/wall", null), 200);
    assertThat(wall.getLong("pledgedCny")).isEqualTo(30_000);
    assertThat(wall.getLong("pledges")).isEqualTo(1);
    assertThat(wall.getString("phase")).isEqualTo("live");
    JsonObject before =
        ok(
            app.get("/api/v1/public/pledge-days/" + TestFixture.CAMPAIGN + "/commendations", null),
            200);
    assertThat(before.getBoolean("available")).isFalse();
    assertThat(before.getJsonObject("rule").getDouble("minOnTimeShare"))
        .isEqualTo(Commendations.MIN_ON_TIME_SHARE);

    ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
    app.clock().advance(Duration.ofDays(2));
    JsonObject after =
        ok(
            app.get("/api/v1/public/pledge-days/" + TestFixture.CAMPAIGN + "/commendations", null),
            200);
    assertThat(after.getBoolean("available")).isTrue();
    JsonObject figures =
        ok(app.get("/api/v1/reliability/donors/" + TestFixture.DONOR, Account.AUDITOR), 200);
    JsonArray commended = after.getJsonArray("commended");
    boolean meetsRule =
        figures.getLong("due") >= Commendations.MIN_DUE
            && figures.getDouble("onTimeShare") >= Commendations.MIN_ON_TIME_SHARE
            && figures.getLong("foundedReports") == 0
            && figures.getLong("openFindings") == 0
            && !figures.getBoolean("held");
    assertThat(meetsRule).as("the donor delivered on time: " + figures).isTrue();
    assertThat(commended).hasSize(1);
    assertThat(commended.getJsonObject(0).getLong("donorId")).isEqualTo(TestFixture.DONOR);
    assertThat(commended.getJsonObject(0).getLong("verifiedCny")).isEqualTo(30_000);
  }
}
