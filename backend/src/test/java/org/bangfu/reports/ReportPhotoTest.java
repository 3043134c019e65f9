package org.bangfu.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bangfu.testing.Samples;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A 12317 report with a photo: JPEG, PNG or WebP by its content, one, at most 2 MB; the county's
 * desk sees it, the tracking page and other desks do not; anything else is refused and nothing is
 * filed.
 */
@DisplayName("12317 reports with a photo")
class ReportPhotoTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject report(JsonArray photos) {
    return new JsonObject()
        .put("category", "misuse")
        .put("content", "村口的路灯款被挪作他用")
        .put("subjectKind", "village")
        .put("subjectId", TestFixture.VILLAGE)
        .put("photos", photos);
  }

  private static JsonArray photo(String name, byte[] data) {
    return new JsonArray()
        .add(
            new JsonObject()
                .put("name", name)
                .put("contentType", "image/jpeg")
                .put("dataBase64", Base64.getEncoder().encodeToString(data)));
  }

  private static long reports() {
    return app.pool()
        .query("SELECT count(*) FROM reports")
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  @Test
  @DisplayName("the county's desk sees the photo as sent; the tracking answer does not show it")
  void filedWithPhoto() {
    byte[] jpeg = Samples.jpeg(300_000, 3);
    HttpResponse<Buffer> filed =
        app.post("/api/v1/public/reports", null, report(photo("路灯.jpg", jpeg)));
    assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
    JsonObject body = filed.bodyAsJsonObject();
    assertThat(body.getJsonObject("report").containsKey("hasPhoto")).isFalse();
    long id =
        app.pool()
            .query("SELECT max(id) FROM reports")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong(0);

    JsonObject desk = app.get("/api/v1/reports/" + id, Account.REVIEWER).bodyAsJsonObject();
    assertThat(desk.getBoolean("hasPhoto")).isTrue();
    HttpResponse<Buffer> got = app.get("/api/v1/reports/" + id + "/photo", Account.REVIEWER);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.getHeader("Content-Type")).startsWith("image/jpeg");
    assertThat(Arrays.equals(got.bodyAsBuffer().getBytes(), jpeg)).isTrue();
    assertThat(app.get("/api/v1/reports/" + id + "/photo", Account.AUDITOR).statusCode())
        .isEqualTo(200);
    assertThat(app.get("/api/v1/reports/" + id + "/photo", Account.TOWNSHIP_REVIEWER).statusCode())
        .as("a desk that does not handle the report")
        .isEqualTo(403);
    assertThat(app.get("/api/v1/reports/" + id + "/photo", Account.DONOR).statusCode())
        .isEqualTo(403);

    HttpResponse<Buffer> plain =
        app.post("/api/v1/public/reports", null, report(new JsonArray()).copy());
    assertThat(plain.statusCode()).isEqualTo(201);
    long plainId = id + 1;
    assertThat(
            app.get("/api/v1/reports/" + plainId, Account.REVIEWER)
                .bodyAsJsonObject()
                .getBoolean("hasPhoto"))
        .isFalse();
    assertThat(app.get("/api/v1/reports/" + plainId + "/photo", Account.REVIEWER).statusCode())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("not a photo, two photos or too large: a 400 naming the photo, nothing filed")
  void refused() {
    long before = reports();
    record Bad(JsonArray photos, String field, String code) {}
    byte[] big = Samples.jpeg(2 * 1024 * 1024 + 1, 5);
    JsonArray two = photo("a.jpg", Samples.jpeg(100, 1));
    two.add(photo("b.jpg", Samples.jpeg(100, 2)).getJsonObject(0));
    for (Bad b :
        List.of(
            new Bad(photo("a.svg", Samples.SVG), "photos[0].dataBase64", "file_type_not_allowed"),
            new Bad(photo("a.html", Samples.HTML), "photos[0].dataBase64", "file_type_not_allowed"),
            new Bad(photo("a.pdf", Samples.PDF), "photos[0].dataBase64", "file_type_not_allowed"),
            new Bad(photo("big.jpg", big), "photos[0].dataBase64", "file_too_large"),
            new Bad(two, "photos", "too_many_items"))) {
      HttpResponse<Buffer> r = app.post("/api/v1/public/reports", null, report(b.photos()));
      assertThat(r.statusCode()).as(b.field()).isEqualTo(400);
      JsonObject field = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
      assertThat(field.getString("field")).isEqualTo(b.field());
      assertThat(field.getString("code")).isEqualTo(b.code());
    }
    JsonArray huge = photo("huge.jpg", Samples.jpeg(2_500_000, 9));
    assertThat(app.post("/api/v1/public/reports", null, report(huge)).statusCode())
        .as("a body over the report's limit is refused unread")
        .isEqualTo(413);
    assertThat(reports()).isEqualTo(before);
  }
}
