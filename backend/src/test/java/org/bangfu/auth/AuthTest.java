package org.bangfu.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Base64;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Signing in")
class AuthTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private HttpResponse<Buffer> login(String username, String password) {
    return app.call(
        HttpMethod.POST,
        "/api/v1/auth/login",
        (String) null,
        new JsonObject().put("username", username).put("password", password));
  }

  @Test
  @DisplayName("a secretary signs in and /me says who they are and which village is theirs")
  void loginAndMe() {
    HttpResponse<Buffer> r = login("t-secretary", TestFixture.PASSWORD);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("token")).isNotBlank();
    assertThat(body.getString("expiresAt")).isNotBlank();
    assertThat(body.getJsonObject("user").getString("role")).isEqualTo("village_secretary");

    HttpResponse<Buffer> me = app.call(HttpMethod.GET, "/api/v1/me", body.getString("token"), null);
    assertThat(me.statusCode()).isEqualTo(200);
    JsonObject who = me.bodyAsJsonObject();
    assertThat(who.getString("username")).isEqualTo("t-secretary");
    assertThat(who.getString("villageId")).isEqualTo(TestFixture.VILLAGE);
    assertThat(who.getString("displayName")).isNotBlank();
    assertThat(who.containsKey("passwordHash")).isFalse();
    assertThat(who.getString("reviewerLevel")).as("a secretary is no reviewer").isNull();
  }

  @Test
  @DisplayName(
      "/me says at which level a reviewer works: the township reviews, the county approves")
  void reviewerLevel() {
    JsonObject township = app.get("/api/v1/me", Account.TOWNSHIP_REVIEWER).bodyAsJsonObject();
    assertThat(township.getString("reviewerLevel")).isEqualTo("township");
    JsonObject county = app.get("/api/v1/me", Account.REVIEWER).bodyAsJsonObject();
    assertThat(county.getString("reviewerLevel")).isEqualTo("county");
  }

  @Test
  @DisplayName("the token is short-lived: it expires within the configured hour")
  void tokenLifetime() {
    String token = login("t-auditor", TestFixture.PASSWORD).bodyAsJsonObject().getString("token");
    JsonObject claims =
        new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(3600);
    assertThat(claims.getString("role")).isEqualTo("auditor");
    assertThat(claims.encode()).doesNotContain("password");
  }

  @Test
  @DisplayName("a wrong password is a 401 with a JSON error, the same as an unknown account")
  void wrongPassword() {
    HttpResponse<Buffer> wrong = login("t-admin", "not-the-password");
    HttpResponse<Buffer> unknown = login("nobody-here", "whatever");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    assertThat(wrong.bodyAsJsonObject().getString("message"))
        .isEqualTo(unknown.bodyAsJsonObject().getString("message"));
  }

  @Test
  @DisplayName("/me without a token, or with a forged one, is a 401 with a JSON body")
  void meNeedsToken() {
    HttpResponse<Buffer> none = app.call(HttpMethod.GET, "/api/v1/me", (String) null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");

    String real = app.token(Account.ADMIN);
    String[] parts = real.split("\\.");
    String forgedClaims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1])))
                    .put("role", "admin")
                    .put("sub", "1")
                    .put("username", "t-admin")
                    .put("x", 1)
                    .encode()
                    .getBytes());
    HttpResponse<Buffer> forged =
        app.call(
            HttpMethod.GET, "/api/v1/me", parts[0] + "." + forgedClaims + "." + parts[2], null);
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.bodyAsJsonObject().getString("message")).contains("invalid or expired");
  }

  @Test
  @DisplayName("a login body with a missing or mistyped field is a 400 naming the field")
  void loginValidation() {
    HttpResponse<Buffer> missing =
        app.call(
            HttpMethod.POST,
            "/api/v1/auth/login",
            (String) null,
            new JsonObject().put("username", "t-admin"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(
            missing.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("password");

    HttpResponse<Buffer> typed =
        app.call(
            HttpMethod.POST,
            "/api/v1/auth/login",
            (String) null,
            new JsonObject().put("username", 42).put("password", "x"));
    assertThat(typed.statusCode()).isEqualTo(400);
    assertThat(typed.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("username");

    HttpResponse<Buffer> broken =
        app.call(
            HttpMethod.POST, "/api/v1/auth/login", (String) null, Buffer.buffer("{\"username\": "));
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.bodyAsJsonObject().getString("error")).isEqualTo("validation");
  }

  @Test
  @DisplayName(
      "repeated failures for one account are slowed, then refused with 429 even with the right password")
  void throttling() {
    String user = "t-donor2";
    long slowest = 0;
    int lastStatus = 0;
    for (int i = 0; i < org.bangfu.signin.Throttle.ACCOUNT_LIMITS.lockAfter(); i++) {
      long t0 = System.nanoTime();
      lastStatus = login(user, "wrong-" + i).statusCode();
      slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
    }
    assertThat(lastStatus).isEqualTo(401);
    assertThat(slowest).as("later failures are answered slowly").isGreaterThanOrEqualTo(1000);
    HttpResponse<Buffer> refused = login(user, TestFixture.PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("too_many_requests");
    assertThat(refused.getHeader("Retry-After")).isNotNull();
    // other accounts are not affected
    assertThat(login("t-auditor", TestFixture.PASSWORD).statusCode()).isEqualTo(200);
  }
}
