package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the API answers a request that no route takes (a wrong method on a known path, an unknown
 * path below a known first segment, an unknown first segment, a trailing slash) and that the routes
 * of every first segment are still found: the answers of the one routing table, kept when its
 * routes were grouped by their first path segment.
 */
@DisplayName("The API's routing: the same route for each request, the same 404 for none")
class RoutingAnswersTest {

  static TestApp app;
  static long need;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 6000, 3);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, Account as) {
    return app.call(method, path, as, method == HttpMethod.GET ? null : new JsonObject());
  }

  private static void assertNotFound(HttpResponse<Buffer> r, String what) {
    assertThat(r.statusCode()).as(what + ": " + r.bodyAsString()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("error")).as(what).isEqualTo("not_found");
    assertThat(r.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
  }

  @Test
  @DisplayName("a method no route of a known path takes: the API's JSON 404, as for any path")
  void wrongMethod() {
    assertNotFound(call(HttpMethod.DELETE, "/api/v1/needs/" + need, Account.ADMIN), "DELETE need");
    assertNotFound(call(HttpMethod.PUT, "/api/v1/needs", Account.ADMIN), "PUT needs");
    assertNotFound(call(HttpMethod.GET, "/api/v1/needs/" + need + "/submit", Account.ADMIN), "GET");
  }

  @Test
  @DisplayName("unknown paths: below a known first segment, an unknown segment, the API's root")
  void unknownPaths() {
    assertNotFound(call(HttpMethod.GET, "/api/v1/needs/" + need + "/nothing", Account.DONOR), "a");
    assertNotFound(call(HttpMethod.GET, "/api/v1/nothing/" + need, Account.DONOR), "b");
    assertNotFound(call(HttpMethod.GET, "/api/v1/Needs/" + need, Account.DONOR), "case");
    assertNotFound(call(HttpMethod.GET, "/api/v1/needsx/" + need, Account.DONOR), "prefix");
    assertNotFound(call(HttpMethod.GET, "/api/v1/", null), "root");
    assertNotFound(call(HttpMethod.GET, "/api/v1", null), "root without slash");
  }

  @Test
  @DisplayName("each feature's routes answer, whatever their first segment and its place in order")
  void routesFound() {
    assertThat(call(HttpMethod.GET, "/api/v1/needs/" + need, Account.DONOR).statusCode())
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1/needs/" + need + "/", Account.DONOR).statusCode())
        .as("a trailing slash")
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1//needs/" + need, Account.DONOR).statusCode())
        .as("a doubled slash")
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1/me", Account.DONOR).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1/public/board", null).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1/public/audit-log/heads", null).statusCode())
        .isNotEqualTo(404);
    assertThat(call(HttpMethod.GET, "/api/v1/openapi.yaml", null).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("an upload path refuses the public before its body, above the other bodies' limit")
  void uploads() {
    // 100 KB: over every other request's 64 KB, within an upload's limit; without a token the
    // upload's own route refuses it (401) before the body is read, where the others' limit would
    // have answered 413
    JsonObject big = new JsonObject().put("note", "x".repeat(100 * 1024));
    HttpResponse<Buffer> r =
        app.call(HttpMethod.POST, "/api/v1/allocations/1/receive", (String) null, big);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(401);
  }
}
