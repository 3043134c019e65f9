package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Operations endpoints and errors")
class HttpBasicsTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private HttpResponse<Buffer> get(String path) {
    return app.call(HttpMethod.GET, path, (String) null, null);
  }

  @Test
  @DisplayName("/health/live and /health/ready answer 200 while PostgreSQL answers")
  void health() {
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
  }

  @Test
  @DisplayName("/metrics is Prometheus text with Vert.x's HTTP server metrics")
  void metrics() {
    get("/health/live");
    HttpResponse<Buffer> m = get("/metrics");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(m.bodyAsString()).contains("vertx_http_server_requests_total");
  }

  @Test
  @DisplayName("a large answer is compressed for a client that accepts it, and only then")
  void compression() {
    HttpResponse<Buffer> plain = get("/api/v1/openapi.yaml");
    HttpResponse<Buffer> gzip =
        app.client()
            .get("/api/v1/openapi.yaml")
            .putHeader("Accept-Encoding", "gzip")
            .send()
            .await();
    assertThat(plain.getHeader("Content-Encoding")).isNull();
    assertThat(gzip.getHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(gzip.body().length()).isLessThan(plain.body().length() / 3);
  }

  @Test
  @DisplayName("/api/v1/openapi.yaml serves the OpenAPI 3 document")
  void openApi() {
    HttpResponse<Buffer> doc = get("/api/v1/openapi.yaml");
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.bodyAsString()).startsWith("openapi: 3").contains("/auth/login:");
  }

  @Test
  @DisplayName("unknown API paths get a JSON 404, under /api/v1 and elsewhere under /api")
  void unknownApiPath() {
    for (String path : new String[] {"/api/v1/no-such-thing", "/api/v2/needs", "/api/"}) {
      HttpResponse<Buffer> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    }
  }

  @Test
  @DisplayName("the web app is served, and its own routes (history mode) get index.html")
  void webApp() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        getClass().getClassLoader().getResource("webroot/index.html") != null, "web module built");
    HttpResponse<Buffer> root = get("/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.getHeader("Content-Type")).startsWith("text/html");
    HttpResponse<Buffer> deep = get("/donor/needs/42");
    assertThat(deep.statusCode()).isEqualTo(200);
    assertThat(deep.bodyAsString()).isEqualTo(root.bodyAsString());
    HttpResponse<Buffer> missingFile = get("/assets/no-such-file.js");
    assertThat(missingFile.statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("a non-object JSON body is a 400, not a 500")
  void nonObjectBody() {
    HttpResponse<Buffer> r =
        app.call(HttpMethod.POST, "/api/v1/users", Account.ADMIN, Buffer.buffer("[1,2]"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("validation");
  }

  @Test
  @DisplayName("a query parameter of the wrong type is a 400 naming it")
  void badQueryParam() {
    HttpResponse<Buffer> r =
        app.call(HttpMethod.GET, "/api/v1/users?size=lots", Account.ADMIN, null);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject field = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
    assertThat(field.getString("field")).isEqualTo("size");
    HttpResponse<Buffer> big =
        app.call(HttpMethod.GET, "/api/v1/users?size=1000", Account.ADMIN, null);
    assertThat(big.statusCode()).isEqualTo(400);
    assertThat(big.bodyAsJsonObject().getString("message")).contains("size").contains("100");
  }

  @Test
  @DisplayName("responses carry no stack traces and no server internals")
  void noInternals() {
    HttpResponse<Buffer> r =
        app.call(
            HttpMethod.POST,
            "/api/v1/auth/login",
            (String) null,
            Buffer.buffer("{\"username\": [], \"password\": {}}"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).doesNotContain("Exception").doesNotContain("at org.");
  }
}
