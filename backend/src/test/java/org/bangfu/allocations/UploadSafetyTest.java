package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.Base64;
import org.bangfu.testing.Samples;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Evidence is taken only as JPEG, PNG, WebP or PDF, read from the file itself, and served so that
 * nothing stored can run script in the application's origin; every upload (receipt, rectification,
 * progress photos) has the upload's size limit, not the 64 KB of an ordinary request.
 */
@DisplayName("Uploads: only photos and PDFs by their content, served inert, every upload's limit")
class UploadSafetyTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject receipt(String name, String claimedType, byte[] data) {
    return new JsonObject()
        .put("note", "收到")
        .put(
            "attachments",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", name)
                        .put("contentType", claimedType)
                        .put("dataBase64", Base64.getEncoder().encodeToString(data))));
  }

  static void refused(long allocation, String name, byte[] data) {
    HttpResponse<Buffer> r =
        app.post(
            "/api/v1/allocations/" + allocation + "/receive",
            Account.SECRETARY,
            receipt(name, "image/jpeg", data));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    JsonObject field = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("field")).isEqualTo("attachments[0].dataBase64");
    assertThat(field.getString("code")).isEqualTo("file_type_not_allowed");
  }

  @Test
  @DisplayName("HTML and SVG are refused whatever type they claim, and nothing is recorded")
  void activeContentRefused() {
    long allocation = ReceiptLimitsTest.delivered(app);
    refused(allocation, "receipt.jpg", Samples.HTML);
    refused(allocation, "receipt.svg", Samples.SVG);
    JsonObject a =
        app.get("/api/v1/allocations/" + allocation, Account.SECRETARY).bodyAsJsonObject();
    assertThat(a.getString("status")).as("still waiting for its receipt").isEqualTo("delivered");
  }

  @Test
  @DisplayName("a PDF is taken and comes back as a PDF, sandboxed and never sniffed")
  void pdfServedInert() {
    long allocation = ReceiptLimitsTest.delivered(app);
    HttpResponse<Buffer> r =
        app.post(
            "/api/v1/allocations/" + allocation + "/receive",
            Account.SECRETARY,
            receipt("收据.pdf", "image/png", Samples.PDF));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> back =
        app.call(HttpMethod.GET, evidencePath(allocation), Account.SECRETARY, null);
    assertThat(back.getHeader("Content-Type"))
        .as("the type the content shows")
        .isEqualTo("application/pdf");
    assertThat(back.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(back.getHeader("Content-Security-Policy")).contains("sandbox");
  }

  @Test
  @DisplayName("a page stored before uploads were checked is served as an opaque download")
  void oldActiveContentDisarmed() {
    long allocation = ReceiptLimitsTest.delivered(app);
    app.post(
        "/api/v1/allocations/" + allocation + "/receive",
        Account.SECRETARY,
        receipt("ok.png", "image/png", Base64.getDecoder().decode(Samples.PNG_BASE64)));
    app.pool()
        .preparedQuery(
            "UPDATE allocation_evidence SET data = $2, content_type = 'text/html'"
                + " WHERE allocation_id = $1 AND data IS NOT NULL")
        .execute(Tuple.of(allocation, Buffer.buffer(Samples.HTML)))
        .await();
    HttpResponse<Buffer> back =
        app.call(HttpMethod.GET, evidencePath(allocation), Account.SECRETARY, null);
    assertThat(back.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(back.getHeader("Content-Disposition")).startsWith("attachment");
    assertThat(back.getHeader("Content-Security-Policy")).contains("sandbox");
  }

  /** The receipt's first file (evidence numbers count the delivery note first). */
  static String evidencePath(long allocation) {
    JsonArray evidence =
        app.get("/api/v1/allocations/" + allocation, Account.SECRETARY)
            .bodyAsJsonObject()
            .getJsonArray("evidence");
    for (int i = 0; i < evidence.size(); i++) {
      JsonObject e = evidence.getJsonObject(i);
      if (e.getString("name") != null) {
        return "/api/v1/allocations/" + allocation + "/evidence/" + e.getInteger("n");
      }
    }
    throw new AssertionError("no file in " + evidence.encode());
  }

  @Test
  @DisplayName(
      "rectification evidence and progress photos of a megabyte are not refused as too large")
  void everyUploadHasTheUploadLimit() {
    JsonObject big = receipt("整改照片.jpg", "image/jpeg", Samples.jpeg(1024 * 1024, 3));
    HttpResponse<Buffer> rectification =
        app.post("/api/v1/findings/999999/rectifications", Account.SECRETARY, big);
    assertThat(rectification.statusCode()).as("read whole, then: no such finding").isEqualTo(404);
    JsonObject photos =
        new JsonObject()
            .put("percent", 50)
            .put("note", "进度")
            .put("photos", big.getJsonArray("attachments"));
    HttpResponse<Buffer> progress =
        app.post("/api/v1/funds/projects/999999/progress", Account.SECRETARY, photos);
    assertThat(progress.statusCode()).as(progress.bodyAsString()).isIn(403, 404);
  }
}
