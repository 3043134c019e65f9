package org.bangfu.needs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A need's page ({@code GET /api/v1/needs/{id}}) byte for byte, for a donor with ties to its
 * county, for the public and for its village's secretary, with every response header: the fields,
 * their order, the privacy filter's markers in the public texts, the security headers. Whatever
 * makes the read path faster must answer exactly this.
 */
@DisplayName(
    "A need's page answers the same bytes and headers for a donor, the public, the village")
class NeedPageBytesTest {
  static TestApp app;
  static long id;
  static JsonObject stored;

  /** What the secretary wrote: a phone number and an illness in the free text, quotes, a slash. */
  static final String DESCRIPTION = "户主患有糖尿病，联系电话 13912345678，\"急需\" 资助/帮扶";

  @BeforeAll
  static void start() {
    app = TestApp.start();
    // a village of the county paired with the donor's home county: the donor's page says why
    JsonObject body =
        new JsonObject()
            .put("villageId", "350821-T01-V01")
            .put("category", "education")
            .put("unit", "CNY")
            .put("quantity", 12000)
            .put("priority", 2)
            .put("deadline", "2099-03-01")
            .put("title", "助学金：高中三年")
            .put("description", DESCRIPTION);
    HttpResponse<Buffer> posted = app.post("/api/v1/needs", Account.ADMIN, body);
    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(201);
    id = posted.bodyAsJsonObject().getLong("id");
    app.post("/api/v1/needs/" + id + "/submit", Account.ADMIN, null);
    app.post("/api/v1/needs/" + id + "/publish", Account.ADMIN, null);
    stored = app.get("/api/v1/needs/" + id, Account.ADMIN).bodyAsJsonObject();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The page's JSON with this run's id and times put in (nothing else may differ). */
  static String expected(String template) {
    return template
        .replace("@ID", Long.toString(id))
        .replace("@CREATED", stored.getString("createdAt"))
        .replace("@UPDATED", stored.getString("updatedAt"));
  }

  static final String PLACE =
      "\"villageId\":\"350821-T01-V01\",\"villageName\":\"南塘村\",\"townshipId\":\"350821-T01\","
          + "\"townshipName\":\"河田镇\",\"countyId\":\"350821\",\"countyName\":\"长汀县\",";

  static final String AMOUNTS =
      "\"category\":\"education\",\"unit\":\"CNY\",\"quantity\":12000,\"allocated\":0,"
          + "\"remaining\":12000,\"priority\":2,\"deadline\":\"2099-03-01\","
          + "\"title\":\"助学金：高中三年\",";

  static final String PUBLIC_DESCRIPTION =
      "\"description\":\"户主［健康信息已隐去］，联系电话 ［电话已隐去］，\\\"急需\\\" 资助/帮扶\",";

  static final String TIMES =
      "\"status\":\"published\",\"rejectReason\":null,"
          + "\"createdAt\":\"@CREATED\",\"updatedAt\":\"@UPDATED\"";

  @Test
  @DisplayName("a donor paired with the county: the public page, filtered, with why it suits them")
  void donor() {
    assertPage(Account.DONOR, PUBLIC_DESCRIPTION, ",\"reasons\":[\"paired-county\"]}");
  }

  @Test
  @DisplayName("the public, not signed in: the same page without reasons")
  void anyone() {
    assertPage(null, PUBLIC_DESCRIPTION, "}");
  }

  @Test
  @DisplayName("the admin (an insider): the text as written, unfiltered")
  void insider() {
    assertPage(
        Account.ADMIN, "\"description\":\"户主患有糖尿病，联系电话 13912345678，\\\"急需\\\" 资助/帮扶\",", "}");
  }

  /** The need's page as {@code as} reads it, byte for byte, with the API's headers. */
  private static void assertPage(Account as, String description, String end) {
    HttpResponse<Buffer> r = app.get("/api/v1/needs/" + id, as);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            expected(
                "{\"id\":@ID,"
                    + PLACE
                    + "\"householdId\":null,\"householdLevel\":false,"
                    + AMOUNTS
                    + description
                    + TIMES
                    + end));
    assertThat(headers(r)).isEqualTo(apiHeaders(r));
  }

  @Test
  @DisplayName("a browser that accepts compressed answers: the same bytes, not compressed")
  void browser() {
    // below the server's threshold for compression (a page of some 600 bytes saved about 150 of
    // the same one packet, at the cost of a deflater per answer): the bytes and headers as above
    HttpResponse<Buffer> r =
        app.client()
            .get("/api/v1/needs/" + id)
            .bearerTokenAuthentication(app.token(Account.DONOR))
            .putHeader("Accept-Encoding", "gzip, deflate, br, zstd")
            .send()
            .await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Encoding")).isNull();
    assertThat(headers(r)).isEqualTo(apiHeaders(r));
    assertThat(r.bodyAsString())
        .isEqualTo(app.get("/api/v1/needs/" + id, Account.DONOR).bodyAsString());
  }

  @Test
  @DisplayName("an unknown need: 404 with the security headers")
  void refusals() {
    HttpResponse<Buffer> missing = app.get("/api/v1/needs/" + (id + 1000), Account.DONOR);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    assertThat(headers(missing)).containsAllEntriesOf(securityHeaders());
  }

  /** Every header, names in lower case (their order on the wire is not part of the answer). */
  static Map<String, String> headers(HttpResponse<Buffer> r) {
    Map<String, String> all = new TreeMap<>();
    r.headers()
        .forEach(e -> all.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + ", " + b));
    return all;
  }

  static Map<String, String> apiHeaders(HttpResponse<Buffer> r) {
    Map<String, String> all = new TreeMap<>(securityHeaders());
    all.put("content-type", "application/json; charset=utf-8");
    all.put("cache-control", "no-store");
    all.put("content-length", Integer.toString(r.body().length()));
    return all;
  }

  static Map<String, String> securityHeaders() {
    Map<String, String> h = new TreeMap<>();
    h.put(
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'self' blob:; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'");
    h.put("x-frame-options", "DENY");
    h.put("x-content-type-options", "nosniff");
    h.put("referrer-policy", "no-referrer");
    h.put("cross-origin-opener-policy", "same-origin");
    h.put("permissions-policy", "camera=(), microphone=(), geolocation=()");
    return h;
  }
}
