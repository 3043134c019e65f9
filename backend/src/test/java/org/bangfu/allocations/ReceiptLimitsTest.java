package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A receipt's evidence limits (at most 4 attachments of at most 5 MB each) fit inside the API's
 * request body limit: a receipt exactly at the limit goes through and its files come back whole;
 * one past it is a 400 naming the attachment, never a 413 or a 500.
 */
@DisplayName(
    "Receipt evidence: 4 attachments of 5 MB go through; more is refused, naming the field")
class ReceiptLimitsTest {
  static final int FIVE_MB = 5 * 1024 * 1024;
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
    assertThat(r.statusCode())
        .as(r.bodyAsString().length() > 500 ? r.bodyAsString().substring(0, 500) : r.bodyAsString())
        .isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** A need of the secretary's village claimed and delivered by the donor: ready to be received. */
  static long delivered() {
    return delivered(app);
  }

  /** As {@link #delivered()}, in {@code app}. */
  static long delivered(TestApp app) {
    long need =
        ok(
                app.post(
                    "/api/v1/needs",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("villageId", TestFixture.VILLAGE)
                        .put("category", "housing")
                        .put("unit", "CNY")
                        .put("quantity", 20_000)
                        .put("priority", 4)
                        .put("title", "危房改造")),
                201)
            .getLong("id");
    ok(app.post("/api/v1/needs/" + need + "/submit", Account.SECRETARY, null), 200);
    ok(app.post("/api/v1/needs/" + need + "/publish", Account.REVIEWER, null), 200);
    long allocation =
        ok(
                app.post(
                    "/api/v1/needs/" + need + "/claims",
                    Account.DONOR,
                    new JsonObject().put("quantity", 20_000)),
                201)
            .getLong("id");
    ok(
        app.post(
            "/api/v1/allocations/" + allocation + "/deliver",
            Account.DONOR,
            new JsonObject().put("note", "已转账")),
        200);
    return allocation;
  }

  static JsonObject file(String name, byte[] data) {
    return new JsonObject()
        .put("name", name)
        .put("contentType", "image/jpeg")
        .put("dataBase64", Base64.getEncoder().encodeToString(data));
  }

  static byte[] bytes(int size, int seed) {
    return org.bangfu.testing.Samples.jpeg(size, seed);
  }

  @Test
  @DisplayName("four photos of exactly 5 MB each are received, and each comes back byte for byte")
  void atTheLimit() {
    long allocation = delivered();
    JsonArray files = new JsonArray();
    for (int i = 0; i < 4; i++) {
      files.add(file("photo-" + i + ".jpg", bytes(FIVE_MB, i)));
    }
    JsonObject received =
        ok(
            app.post(
                "/api/v1/allocations/" + allocation + "/receive",
                Account.SECRETARY,
                new JsonObject().put("note", "村委会已收到，照片四张").put("attachments", files)),
            200);
    assertThat(received.getString("status")).isEqualTo("received");
    // the delivery note, the receipt's note, four photos
    assertThat(received.getJsonArray("evidence")).hasSize(6);
    for (int n = 3; n <= 6; n++) {
      HttpResponse<Buffer> back =
          app.get("/api/v1/allocations/" + allocation + "/evidence/" + n, Account.DONOR);
      assertThat(back.statusCode()).isEqualTo(200);
      assertThat(back.getHeader("Content-Type")).isEqualTo("image/jpeg");
      assertThat(Arrays.equals(back.body().getBytes(), bytes(FIVE_MB, n - 3)))
          .as("photo %d intact", n - 3)
          .isTrue();
    }
  }

  @Test
  @DisplayName(
      "a fifth attachment, or one byte over 5 MB, is a 400 naming the field, and nothing is recorded")
  void pastTheLimit() {
    long allocation = delivered();
    JsonArray five = new JsonArray();
    for (int i = 0; i < 5; i++) {
      five.add(file("p" + i + ".jpg", bytes(1000, i)));
    }
    HttpResponse<Buffer> tooMany =
        app.post(
            "/api/v1/allocations/" + allocation + "/receive",
            Account.SECRETARY,
            new JsonObject().put("note", "收到").put("attachments", five));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(field(tooMany)).isEqualTo("attachments");

    JsonArray big =
        new JsonArray()
            .add(file("ok.jpg", bytes(1000, 0)))
            .add(file("big.jpg", bytes(FIVE_MB + 1, 1)));
    HttpResponse<Buffer> tooBig =
        app.post(
            "/api/v1/allocations/" + allocation + "/receive",
            Account.SECRETARY,
            new JsonObject().put("note", "收到").put("attachments", big));
    assertThat(tooBig.statusCode()).isEqualTo(400);
    assertThat(field(tooBig)).isEqualTo("attachments[1].dataBase64");
    assertThat(tooBig.bodyAsJsonObject().getString("message")).contains("5 MB");

    JsonObject still = ok(app.get("/api/v1/allocations/" + allocation, Account.SECRETARY), 200);
    assertThat(still.getString("status")).isEqualTo("delivered");
    assertThat(still.getJsonArray("evidence")).hasSize(1);
  }

  static String field(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field");
  }
}
