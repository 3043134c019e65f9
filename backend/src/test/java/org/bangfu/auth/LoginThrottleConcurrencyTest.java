package org.bangfu.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sign-in limits under concurrency, and tokens ended by a password change")
class LoginThrottleConcurrencyTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /**
   * A client of its own, connecting from {@code localAddress} (any 127.x address is this machine).
   */
  private static WebClient clientFrom(String localAddress) {
    return WebClient.create(
        app.vertx(),
        new WebClientOptions()
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(app.port())
            .setLocalAddress(localAddress)
            .setKeepAlive(false),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(100));
  }

  /** Sends every sign-in at once and counts the answers by status. */
  private static Map<Integer, Long> allAtOnce(
      WebClient client, List<JsonObject> bodies, List<HttpResponse<Buffer>> out) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (JsonObject body : bodies) {
      sent.add(client.post("/api/v1/auth/login").sendJsonObject(body));
    }
    Future.join(sent).await();
    sent.forEach(f -> out.add(f.result()));
    return out.stream()
        .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
  }

  @Test
  @DisplayName(
      "50 wrong passwords for one account at once: exactly the limit are checked, the rest get 429")
  void oneAccountAtOnce() {
    WebClient client = clientFrom("127.0.0.2");
    List<JsonObject> bodies = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bodies.add(new JsonObject().put("username", "t-donor").put("password", "wrong-" + i));
    }
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    Map<Integer, Long> byStatus = allAtOnce(client, bodies, answers);

    assertThat(byStatus).containsOnlyKeys(401, 429);
    assertThat(byStatus.get(401)).isEqualTo(org.bangfu.signin.Throttle.ACCOUNT_LIMITS.lockAfter());
    assertThat(byStatus.get(429))
        .isEqualTo(50L - org.bangfu.signin.Throttle.ACCOUNT_LIMITS.lockAfter());
    answers.stream()
        .filter(r -> r.statusCode() == 429)
        .forEach(
            r -> {
              assertThat(Long.parseLong(r.getHeader("Retry-After"))).isBetween(1L, 15 * 60L);
              assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("too_many_requests");
            });
    // locked: even the right password is refused now
    HttpResponse<Buffer> right =
        client
            .post("/api/v1/auth/login")
            .sendJsonObject(
                new JsonObject().put("username", "t-donor").put("password", TestFixture.PASSWORD))
            .await();
    assertThat(right.statusCode()).isEqualTo(429);
    client.close();
  }

  @Test
  @DisplayName(
      "70 wrong sign-ins from one address at once, each for another account: 60 are checked, 10 get 429")
  void oneAddressAtOnce() {
    WebClient client = clientFrom("127.0.0.3");
    List<JsonObject> bodies = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      bodies.add(new JsonObject().put("username", "nobody-" + i).put("password", "guess"));
    }
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    Map<Integer, Long> byStatus = allAtOnce(client, bodies, answers);

    assertThat(byStatus.get(401)).isEqualTo(org.bangfu.signin.Throttle.ADDRESS_LIMITS.lockAfter());
    assertThat(byStatus.get(429))
        .isEqualTo(70L - org.bangfu.signin.Throttle.ADDRESS_LIMITS.lockAfter());
    // another address is not affected
    assertThat(app.token(Account.REVIEWER)).isNotBlank();
    client.close();
  }

  @Test
  @DisplayName(
      "a password change ends the account's tokens; a deactivation too, even after reactivation")
  void passwordChangeEndsTokens() {
    Function<String, Integer> me =
        token -> app.call(HttpMethod.GET, "/api/v1/me", token, null).statusCode();
    String old = app.token(Account.AUDITOR);
    assertThat(me.apply(old)).isEqualTo(200);
    long auditorId = app.get("/api/v1/me", Account.AUDITOR).bodyAsJsonObject().getLong("id");

    HttpResponse<Buffer> changed =
        app.patch(
            "/api/v1/users/" + auditorId,
            Account.ADMIN,
            new JsonObject().put("password", "a-new-password-2"));
    assertThat(changed.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> refused = app.call(HttpMethod.GET, "/api/v1/me", old, null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject().getString("message")).contains("password");

    String fresh = login("t-auditor", "a-new-password-2");
    assertThat(me.apply(fresh)).isEqualTo(200);

    // deactivate and reactivate: the token from before stays dead
    assertThat(
            app.patch(
                    "/api/v1/users/" + auditorId,
                    Account.ADMIN,
                    new JsonObject().put("active", false))
                .statusCode())
        .isEqualTo(200);
    assertThat(me.apply(fresh)).isEqualTo(401);
    assertThat(
            app.patch(
                    "/api/v1/users/" + auditorId,
                    Account.ADMIN,
                    new JsonObject().put("active", true))
                .statusCode())
        .isEqualTo(200);
    assertThat(me.apply(fresh)).isEqualTo(401);
    assertThat(me.apply(login("t-auditor", "a-new-password-2"))).isEqualTo(200);
    // a change of the display name alone keeps the tokens
    String kept = login("t-auditor", "a-new-password-2");
    assertThat(
            app.patch(
                    "/api/v1/users/" + auditorId,
                    Account.ADMIN,
                    new JsonObject().put("displayName", "审计 2"))
                .statusCode())
        .isEqualTo(200);
    assertThat(me.apply(kept)).isEqualTo(200);
  }

  private static String login(String username, String password) {
    HttpResponse<Buffer> r =
        app.client()
            .post("/api/v1/auth/login")
            .sendJsonObject(new JsonObject().put("username", username).put("password", password))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("token");
  }
}
