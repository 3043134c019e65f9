package org.bangfu.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.bangfu.testing.Samples;
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
 * Steps that publish can be taken back, on the record, through the API: a verification needs a
 * receipt file or an exception (which supervision still flags); a receipt goes back to the village
 * with a reason and comes back re-submitted; a mistaken verification is revoked within its notice
 * window by a reviewer of the village's region, with a published correction, and refused after it.
 */
@DisplayName("Verifications need evidence, receipts can be returned, verifications revoked")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReversibleStepsTest {
  static TestApp app;
  static String otherCountyReviewer;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    ok(
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "t-reviewer-yc")
                .put("displayName", "永春县扶贫办")
                .put("role", "reviewer")
                .put("password", "reviewer-password")
                .put("regionId", TestFixture.OTHER_COUNTY)),
        201);
    otherCountyReviewer = app.token("t-reviewer-yc", "reviewer-password");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** A donor's claim on a new need of the secretary's village, delivered; its id. */
  static long delivered(long yuan) {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", yuan, 3);
    long id =
        ok(
                app.post(
                    "/api/v1/needs/" + need + "/claims",
                    Account.DONOR,
                    new JsonObject().put("quantity", yuan)),
                201)
            .getLong("id");
    ok(
        app.post(
            "/api/v1/allocations/" + id + "/deliver",
            Account.DONOR,
            new JsonObject().put("note", "已转账")),
        200);
    return id;
  }

  static JsonObject receiptWithPhoto(String note) {
    return Samples.receiptWithPhoto(note);
  }

  static JsonObject receive(long id, JsonObject receipt) {
    return ok(app.post("/api/v1/allocations/" + id + "/receive", Account.SECRETARY, receipt), 200);
  }

  static HttpResponse<Buffer> step(long id, String step, Account as, JsonObject body) {
    return app.post("/api/v1/allocations/" + id + "/" + step, as, body);
  }

  static JsonObject reason(String why) {
    return new JsonObject().put("reason", why);
  }

  static List<JsonObject> notices(long allocation) {
    return ok(app.get("/api/v1/public/notices?kind=allocation_verified&size=100", null), 200)
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(n -> n.getString("subjectId").equals(Long.toString(allocation)))
        .toList();
  }

  static List<String> alertsOf(String rule) {
    return ok(app.get("/api/v1/alerts?rule=" + rule + "&size=100", Account.AUDITOR), 200)
        .getJsonArray("items")
        .stream()
        .map(o -> ((JsonObject) o).getString("subjectId"))
        .toList();
  }

  static List<String> trail(String entity, long id) {
    return ok(app.get("/api/v1/audit?entity=" + entity + "&entityId=" + id, Account.AUDITOR), 200)
        .getJsonArray("items")
        .stream()
        .map(o -> ((JsonObject) o).getString("action"))
        .toList();
  }

  static List<Long> board() {
    return ok(app.get("/api/v1/public/board?size=100", null), 200).getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("id"))
        .toList();
  }

  @Test
  @Order(1)
  @DisplayName(
      "a receipt without a file is not verified; with an exception it is, and supervision still flags it")
  void exceptionStillAlerts() {
    long bare = delivered(3000);
    receive(bare, new JsonObject().put("note", "已收到，收据未带回"));
    HttpResponse<Buffer> refused = step(bare, "verify", Account.REVIEWER, null);
    assertThat(refused.statusCode()).isEqualTo(409);
    JsonObject error = refused.bodyAsJsonObject();
    assertThat(error.getString("error")).isEqualTo("evidence_required");
    assertThat(error.getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("exception");
    assertThat(
            ok(app.get("/api/v1/allocations/" + bare, Account.REVIEWER), 200).getString("status"))
        .isEqualTo("received");
    assertThat(notices(bare)).as("nothing went on public notice").isEmpty();

    JsonObject exception =
        new JsonObject().put("kind", "handed_over_in_person").put("reason", "村委会当面交付学费，村民代表林某见证");
    JsonObject verified =
        ok(
            step(bare, "verify", Account.REVIEWER, new JsonObject().put("exception", exception)),
            200);
    assertThat(verified.getString("status")).isEqualTo("verified");
    assertThat(verified.getJsonObject("exception").getString("kind"))
        .isEqualTo("handed_over_in_person");
    assertThat(notices(bare)).hasSize(1);
    assertThat(trail("allocation", bare)).contains("verify");

    // a receipt with its file is verified without an exception, and raises nothing
    long withFile = delivered(2000);
    receive(withFile, receiptWithPhoto("学费已交"));
    ok(step(withFile, "verify", Account.REVIEWER, null), 200);

    app.clock().advance(Duration.ofHours(2));
    app.runDueJobs();
    List<String> flagged = alertsOf("receipt_without_evidence");
    assertThat(flagged)
        .as("an exception explains a missing file; it is no file")
        .contains(Long.toString(bare))
        .doesNotContain(Long.toString(withFile));
  }

  @Test
  @Order(2)
  @DisplayName(
      "a receipt returned with a reason reaches the secretary, keeps its evidence and comes back")
  void returnedAndResubmitted() {
    long id = delivered(4000);
    int evidence = receive(id, receiptWithPhoto("收到")).getJsonArray("evidence").size();

    assertThat(step(id, "return", Account.SECRETARY, reason("自己退回")).statusCode()).isEqualTo(403);
    assertThat(
            app.call(
                    io.vertx.core.http.HttpMethod.POST,
                    "/api/v1/allocations/" + id + "/return",
                    otherCountyReviewer,
                    reason("照片看不清"))
                .statusCode())
        .as("another county's reviewer")
        .isEqualTo(403);
    JsonObject returned = ok(step(id, "return", Account.REVIEWER, reason("收据照片看不清，请重新拍照上传")), 200);
    assertThat(returned.getString("status")).isEqualTo("delivered");
    assertThat(returned.getString("returnedReason")).isEqualTo("收据照片看不清，请重新拍照上传");
    assertThat(returned.getJsonArray("evidence").size())
        .as("the evidence is kept")
        .isEqualTo(evidence);
    JsonObject last =
        returned.getJsonArray("history").getJsonObject(returned.getJsonArray("history").size() - 1);
    assertThat(last.getString("status")).isEqualTo("delivered");
    assertThat(last.getString("back")).isEqualTo("returned");
    assertThat(last.getString("note")).isEqualTo("收据照片看不清，请重新拍照上传");
    assertThat(trail("allocation", id)).contains("return");

    // the secretary's list of deliveries to receive says why it came back
    JsonObject mine =
        ok(app.get("/api/v1/allocations?status=delivered&size=100", Account.SECRETARY), 200)
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(a -> a.getLong("id") == id)
            .findFirst()
            .orElseThrow();
    assertThat(mine.getString("returnedReason")).isEqualTo("收据照片看不清，请重新拍照上传");

    JsonObject again = receive(id, receiptWithPhoto("重新拍照上传"));
    assertThat(again.getString("status")).isEqualTo("received");
    assertThat(again.getValue("returnedReason")).isNull();
    assertThat(again.getJsonArray("evidence").size()).isEqualTo(evidence + 2);
    ok(step(id, "verify", Account.REVIEWER, null), 200);
  }

  @Test
  @Order(3)
  @DisplayName(
      "a verification is revoked in its window with a published correction, by its county's reviewer only, and not after")
  void revokedWithCorrection() {
    long id = delivered(5000);
    receive(id, receiptWithPhoto("收到"));
    ok(step(id, "verify", Account.REVIEWER, null), 200);
    JsonObject verified = ok(app.get("/api/v1/allocations/" + id, Account.REVIEWER), 200);
    assertThat(verified.getString("revocableUntil")).isNotNull();
    long noticeId = notices(id).get(0).getLong("id");
    assertThat(board()).contains(id);

    assertThat(
            app.call(
                    io.vertx.core.http.HttpMethod.POST,
                    "/api/v1/allocations/" + id + "/revoke",
                    otherCountyReviewer,
                    reason("核实有误"))
                .statusCode())
        .as("another county's reviewer")
        .isEqualTo(403);
    assertThat(step(id, "revoke", Account.SECRETARY, reason("核实有误")).statusCode()).isEqualTo(403);

    JsonObject revoked = ok(step(id, "revoke", Account.REVIEWER, reason("误将他村收据当作本村收据核实")), 200);
    assertThat(revoked.getString("status")).isEqualTo("received");
    JsonObject last =
        revoked.getJsonArray("history").getJsonObject(revoked.getJsonArray("history").size() - 1);
    assertThat(last.getString("back")).isEqualTo("revoked");
    assertThat(trail("allocation", id)).contains("revoke");
    assertThat(trail("notice", noticeId)).contains("corrected");

    JsonObject notice = ok(app.get("/api/v1/public/notices/" + noticeId, null), 200);
    assertThat(notice.getString("correction")).isEqualTo("误将他村收据当作本村收据核实");
    assertThat(notice.getString("correctedAt")).isNotNull();
    assertThat(
            ok(app.get("/api/v1/public/notices?corrected=true", null), 200)
                .getJsonArray("items")
                .stream()
                .map(o -> ((JsonObject) o).getLong("id"))
                .toList())
        .contains(noticeId);
    assertThat(board()).as("no longer verified, no longer on the board").doesNotContain(id);

    // verified again: a new notice, the corrected one stays as it was
    ok(step(id, "verify", Account.REVIEWER, null), 200);
    List<JsonObject> both = notices(id);
    assertThat(both).hasSize(2);
    assertThat(board()).contains(id);

    // after the window the verification stands
    app.clock().advance(Duration.ofDays(11));
    HttpResponse<Buffer> late = step(id, "revoke", Account.REVIEWER, reason("核实有误"));
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.bodyAsJsonObject().getString("error")).isEqualTo("revoke_window_passed");
    assertThat(ok(app.get("/api/v1/allocations/" + id, Account.REVIEWER), 200).getString("status"))
        .isEqualTo("verified");
    assertThat(ok(app.get("/api/v1/audit/verify", Account.AUDITOR), 200).getBoolean("intact"))
        .isTrue();
  }
}
