package org.bangfu.reports;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A 12317 report through the API: filed anonymously about a need, routed to the need's county,
 * escalated to the city when the clock passes its deadline, accepted, investigated, answered; the
 * reporter reads the answer with the tracking secret and asks once for a review, which is answered
 * again as a new version. Who reported is seen by auditors only.
 */
@DisplayName("12317 reports: filed, routed, escalated, answered, tracked, reviewed")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportJourneyTest {
  static TestApp app;
  static long needId;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    // a published need: a report may name only what the public can see
    needId = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "housing", 20000, 3);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static long reportCount() {
    return app.pool()
        .query("SELECT count(*) FROM reports")
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  static JsonObject file(JsonObject body, Account as) {
    return ok(app.post("/api/v1/public/reports", as, body), 201);
  }

  static void assertField(HttpResponse<Buffer> r, int status, String field, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    JsonArray fields = r.bodyAsJsonObject().getJsonArray("fields");
    assertThat(fields).as(r.bodyAsString()).isNotNull();
    assertThat(fields.getJsonObject(0).getString("field")).isEqualTo(field);
    assertThat(fields.getJsonObject(0).getString("code")).isEqualTo(code);
  }

  @Test
  @Order(1)
  @DisplayName(
      "a report is routed to its county, escalates when overdue, is answered, tracked and reviewed")
  void journey() {
    JsonObject filed =
        file(
            new JsonObject()
                .put("subjectKind", "need")
                .put("subjectId", "" + needId)
                .put("category", "false_data")
                .put("content", "危房改造补助发给了非贫困户"),
            null);
    String tracking = filed.getString("trackingNumber");
    String secret = filed.getString("secret");
    assertThat(tracking).startsWith("12317-");
    assertThat(secret.length()).isGreaterThanOrEqualTo(43); // 256 bits in base64url
    assertThat(filed.getJsonObject("report").getString("status")).isEqualTo("received");

    // routed: the county's reviewer sees it on the desk with its content; the township reviewer
    // does not
    JsonObject desk = ok(app.get("/api/v1/reports?status=received", Account.REVIEWER), 200);
    assertThat(desk.getLong("total")).isEqualTo(1);
    JsonObject onDesk = desk.getJsonArray("items").getJsonObject(0);
    assertThat(onDesk.getString("countyId")).isEqualTo(TestFixture.COUNTY);
    assertThat(onDesk.getString("content")).contains("危房改造");
    assertThat(onDesk.getBoolean("overdue")).isFalse();
    assertThat(onDesk.containsKey("reporter")).isFalse();
    long id = onDesk.getLong("id");
    assertThat(ok(app.get("/api/v1/reports", Account.TOWNSHIP_REVIEWER), 200).getLong("total"))
        .isZero();
    assertThat(
            app.post("/api/v1/reports/" + id + "/accept", Account.TOWNSHIP_REVIEWER, null)
                .statusCode())
        .isEqualTo(403);

    // the clock passes the acknowledgement deadline (3 working days): overdue, escalated by the job
    app.clock().advance(Duration.ofDays(6));
    assertThat(ok(app.get("/api/v1/reports?overdue=true", Account.REVIEWER), 200).getLong("total"))
        .isEqualTo(1);
    assertThat(ok(app.get("/api/v1/reports/" + id, Account.REVIEWER), 200).getString("level"))
        .as("nothing escalates before the scheduler runs")
        .isEqualTo("county");
    app.runDueJobs(); // the scheduler's due jobs at the moved clock, the escalation among them
    JsonObject escalated = ok(app.get("/api/v1/reports/" + id, Account.REVIEWER), 200);
    assertThat(escalated.getString("level")).isEqualTo("city");
    assertThat(escalated.getBoolean("escalated")).isTrue();
    assertThat(escalated.getBoolean("overdue")).isTrue();
    assertThat(
            ok(
                    app.post(
                        "/api/v1/public/reports/track",
                        null,
                        new JsonObject().put("trackingNumber", tracking).put("secret", secret)),
                    200)
                .getBoolean("overdue"))
        .isTrue();

    // handled: an answer before investigating is refused, then accept → investigate → answer
    assertThat(
            app.post(
                    "/api/v1/reports/" + id + "/answer",
                    Account.REVIEWER,
                    new JsonObject().put("finding", "founded").put("answer", "属实"))
                .statusCode())
        .isEqualTo(409);
    assertThat(
            ok(app.post("/api/v1/reports/" + id + "/accept", Account.REVIEWER, null), 200)
                .getString("status"))
        .isEqualTo("accepted");
    ok(app.post("/api/v1/reports/" + id + "/investigate", Account.REVIEWER, null), 200);
    assertField(
        app.post(
            "/api/v1/reports/" + id + "/answer",
            Account.REVIEWER,
            new JsonObject().put("finding", "founded")),
        400,
        "answer",
        "required");
    JsonObject answered =
        ok(
            app.post(
                "/api/v1/reports/" + id + "/answer",
                Account.REVIEWER,
                new JsonObject()
                    .put("finding", "partly_founded")
                    .put("answer", "经核查，补助对象认定有误")
                    .put("measures", "追回补助，约谈村干部")),
            200);
    assertThat(answered.getString("status")).isEqualTo("answered");
    assertThat(answered.getBoolean("overdue")).isFalse();

    // the reporter reads the answer with the secret; nothing about who reported, nor the content
    JsonObject tracked =
        ok(
            app.post(
                "/api/v1/public/reports/track",
                null,
                new JsonObject()
                    .put("trackingNumber", tracking.toLowerCase())
                    .put("secret", secret)),
            200);
    assertThat(tracked.getString("status")).isEqualTo("answered");
    assertThat(tracked.getJsonObject("answer").getString("finding")).isEqualTo("partly_founded");
    assertThat(tracked.getJsonObject("answer").getString("measures")).contains("追回补助");
    assertThat(tracked.getBoolean("canRequestReview")).isTrue();
    assertThat(tracked.encode()).doesNotContain("危房改造补助", "content", "reporter", "t-reviewer");

    // a wrong secret is refused naming the field; the same answer for an unknown number
    assertField(
        app.post(
            "/api/v1/public/reports/track",
            null,
            new JsonObject().put("trackingNumber", tracking).put("secret", secret + "x")),
        400,
        "secret",
        "tracking_mismatch");
    assertField(
        app.post(
            "/api/v1/public/reports/track",
            null,
            new JsonObject().put("trackingNumber", "12317-X").put("secret", secret)),
        400,
        "secret",
        "tracking_mismatch");

    // the reporter asks for a review, once
    JsonObject review =
        ok(
            app.post(
                "/api/v1/public/reports/review",
                null,
                new JsonObject()
                    .put("trackingNumber", tracking)
                    .put("secret", secret)
                    .put("reason", "补助仍未追回")),
            200);
    assertThat(review.getString("status")).isEqualTo("review_requested");
    assertThat(review.getBoolean("canRequestReview")).isFalse();
    assertThat(
            ok(
                    app.post(
                        "/api/v1/public/reports/review",
                        null,
                        new JsonObject()
                            .put("trackingNumber", tracking)
                            .put("secret", secret)
                            .put("reason", "再次")),
                    409)
                .getString("error"))
        .isEqualTo("review_already_requested");

    // reviewed: a second answer is a new version, the first stays
    ok(app.post("/api/v1/reports/" + id + "/investigate", Account.REVIEWER, null), 200);
    ok(
        app.post(
            "/api/v1/reports/" + id + "/answer",
            Account.REVIEWER,
            new JsonObject()
                .put("finding", "founded")
                .put("answer", "复核属实，补助已追回")
                .put("measures", "退回资金，给予诫勉谈话")),
        200);
    JsonObject closed =
        ok(app.post("/api/v1/reports/" + id + "/close", Account.REVIEWER, null), 200);
    assertThat(closed.getString("status")).isEqualTo("closed");
    assertThat(closed.getJsonArray("answers")).hasSize(2);
    assertThat(closed.getJsonArray("answers").getJsonObject(0).getString("finding"))
        .isEqualTo("partly_founded");
    assertThat(
            ok(
                    app.post(
                        "/api/v1/public/reports/track",
                        null,
                        new JsonObject().put("trackingNumber", tracking).put("secret", secret)),
                    200)
                .getJsonObject("answer")
                .getInteger("version"))
        .isEqualTo(2);

    // every step is in the audit trail
    JsonObject trail =
        ok(
            app.get("/api/v1/audit?entity=report&entityId=" + id + "&size=50", Account.AUDITOR),
            200);
    assertThat(trail.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("action")))
        .contains("file", "escalate", "accept", "investigate", "answer", "request_review", "close");
  }

  @Test
  @Order(2)
  @DisplayName("who reported is stored sealed and shown to auditors only")
  void reporterIdentity() {
    JsonObject filed =
        file(
            new JsonObject()
                .put("subjectKind", "village")
                .put("subjectId", TestFixture.VILLAGE)
                .put("category", "work_style")
                .put("content", "村干部优亲厚友")
                .put("anonymous", false)
                .put("name", "林某某")
                .put("contact", "13800001111"),
            Account.DONOR);
    long id =
        ok(app.get("/api/v1/reports?status=received", Account.AUDITOR), 200)
            .getJsonArray("items")
            .stream()
            .map(o -> (JsonObject) o)
            .filter(o -> o.getString("trackingNumber").equals(filed.getString("trackingNumber")))
            .findFirst()
            .orElseThrow()
            .getLong("id");
    JsonObject asAuditor = ok(app.get("/api/v1/reports/" + id, Account.AUDITOR), 200);
    assertThat(asAuditor.getJsonObject("reporter").getString("name")).isEqualTo("林某某");
    assertThat(asAuditor.getJsonObject("reporter").getString("contact")).isEqualTo("13800001111");
    assertThat(asAuditor.getJsonObject("reporter").getString("account"))
        .isEqualTo(Account.DONOR.username);
    String asReviewer = app.get("/api/v1/reports/" + id, Account.REVIEWER).bodyAsString();
    assertThat(asReviewer).contains("优亲厚友").doesNotContain("林某某", "13800001111", "reporter");
    assertThat(app.get("/api/v1/reports/" + id, Account.DONOR).statusCode()).isEqualTo(403);
    assertThat(app.get("/api/v1/reports/" + id, Account.UNITED_FRONT).statusCode()).isEqualTo(403);
    String tracked =
        app.post(
                "/api/v1/public/reports/track",
                null,
                new JsonObject()
                    .put("trackingNumber", filed.getString("trackingNumber"))
                    .put("secret", filed.getString("secret")))
            .bodyAsString();
    assertThat(tracked).doesNotContain("林某某", "13800001111", Account.DONOR.username);
    // sealed in the database: the clear text is nowhere in the row
    String row =
        app.pool()
            .query("SELECT reporter_enc::text || content FROM reports WHERE id = " + id)
            .execute()
            .await()
            .iterator()
            .next()
            .getString(0);
    assertThat(row).doesNotContain("林某某", "13800001111");
  }

  @Test
  @Order(3)
  @DisplayName("bad reports are refused naming the field, and nothing is written")
  void badInput() {
    long before = reportCount();
    assertField(
        app.post("/api/v1/public/reports", null, new JsonObject().put("category", "misuse")),
        400,
        "content",
        "required");
    assertField(
        app.post(
            "/api/v1/public/reports",
            null,
            new JsonObject().put("category", "misuse").put("content", "x".repeat(5001))),
        400,
        "content",
        "too_long");
    assertField(
        app.post(
            "/api/v1/public/reports",
            null,
            new JsonObject()
                .put("category", "misuse")
                .put("content", "某村")
                .put("subjectKind", "need")
                .put("subjectId", "999999")),
        400,
        "subjectId",
        "subject_not_found");
    assertField(
        app.post(
            "/api/v1/public/reports",
            null,
            new JsonObject()
                .put("category", "misuse")
                .put("content", "某村")
                .put("subjectKind", "village")
                .put("subjectId", TestFixture.COUNTY)),
        400,
        "subjectId",
        "subject_not_found");
    assertField(
        app.post(
            "/api/v1/public/reports",
            null,
            new JsonObject()
                .put("category", "misuse")
                .put("content", "某村")
                .put("subjectKind", "donor")
                .put("subjectId", "abc")),
        400,
        "subjectId",
        "subject_not_found");
    assertField(
        app.post(
            "/api/v1/public/reports",
            null,
            new JsonObject().put("category", "misuse").put("content", "某村").put("name", "张三")),
        400,
        "name",
        "not_with_anonymous");
    assertField(
        app.post(
            "/api/v1/public/reports",
            null,
            new JsonObject()
                .put("category", "misuse")
                .put("content", "某村")
                .put("countyId", "350524-T01")),
        400,
        "countyId",
        "county_not_found");
    assertThat(reportCount()).isEqualTo(before);

    // a report about no record, naming a county: routed there; naming none: the city takes it
    file(
        new JsonObject()
            .put("category", "other")
            .put("content", "扶贫资金公示不全")
            .put("countyId", TestFixture.OTHER_COUNTY),
        null);
    JsonObject cityLevel =
        file(new JsonObject().put("category", "other").put("content", "无具体对象"), null);
    assertThat(cityLevel.getJsonObject("report").getString("level")).isEqualTo("city");
    // the county reviewer of 安溪 neither sees nor answers 永春's report
    JsonObject all =
        ok(app.get("/api/v1/reports?county=" + TestFixture.OTHER_COUNTY, Account.AUDITOR), 200);
    long other = all.getJsonArray("items").getJsonObject(0).getLong("id");
    assertThat(
            app.get("/api/v1/reports?county=" + TestFixture.OTHER_COUNTY, Account.REVIEWER)
                .statusCode())
        .as("another county's filter is refused, as another county's village is")
        .isEqualTo(403);
    assertThat(
            app.post("/api/v1/reports/" + other + "/accept", Account.REVIEWER, null).statusCode())
        .isEqualTo(403);
    assertThat(ok(app.get("/api/v1/reports/" + other, Account.AUDITOR), 200).getString("status"))
        .isEqualTo("received");
  }

  @Test
  @Order(4)
  @DisplayName("guessing tracking secrets is slowed, then refused for the address")
  void throttled() {
    app.clock()
        .advance(
            ReportService.LOOKUP_WINDOW.plusMinutes(
                1)); // the earlier tests' failures are forgotten
    JsonObject guess =
        new JsonObject().put("trackingNumber", "12317-20181017-AAAAAAAA").put("secret", "guess");
    for (int i = 0; i < ReportService.LOOKUP_LOCK_AFTER; i++) {
      assertThat(app.post("/api/v1/public/reports/track", null, guess).statusCode()).isEqualTo(400);
    }
    assertThat(app.post("/api/v1/public/reports/track", null, guess).statusCode()).isEqualTo(429);
    app.clock().advance(ReportService.LOOKUP_LOCK.plusMinutes(1));
    assertThat(app.post("/api/v1/public/reports/track", null, guess).statusCode()).isEqualTo(400);
  }
}
