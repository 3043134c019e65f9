package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bangfu.config.Cidr;
import org.bangfu.config.ConfigException;
import org.bangfu.signin.Throttle;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The client's address is the connection's peer, or what a trusted proxy forwards; nobody else can
 * choose it by sending X-Forwarded-For. Behind a load balancer each user has their own sign-in
 * limit; without one, rotating the header does not escape it. {@code /metrics} is for operators.
 */
@DisplayName("Client addresses behind trusted proxies, and metrics for operators only")
class ClientAddressTest {

  static final ClientAddress BEHIND_LB =
      new ClientAddress(List.of(Cidr.parse("T", "10.0.0.0/8"), Cidr.parse("T", "127.0.0.1")));

  @Test
  @DisplayName("the forwarded address is believed only from a trusted proxy")
  void resolution() {
    assertThat(BEHIND_LB.resolve("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    assertThat(BEHIND_LB.resolve("198.51.100.1", List.of("203.0.113.9")))
        .as("an untrusted peer's header is ignored")
        .isEqualTo("198.51.100.1");
    assertThat(BEHIND_LB.resolve("10.1.2.3", List.of("1.2.3.4, 203.0.113.9, 10.9.9.9")))
        .as(
            "the right-most hop that is not a proxy: what the client wrote left of it is not believed")
        .isEqualTo("203.0.113.9");
    assertThat(BEHIND_LB.resolve("10.1.2.3", List.of("not-an-address"))).isEqualTo("10.1.2.3");
    assertThat(new ClientAddress(List.of()).resolve("127.0.0.1", List.of("203.0.113.9")))
        .as("no trusted proxy configured")
        .isEqualTo("127.0.0.1");
    assertThat(Cidr.parse("T", "2001:db8::/32").contains(new byte[16])).isFalse();
    assertThatThrownBy(() -> Cidr.parse("BANGFU_TRUSTED_PROXIES", "proxy.example.org"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("BANGFU_TRUSTED_PROXIES");
  }

  static WebClient client(TestApp app, String localAddress) {
    return WebClient.create(
        app.vertx(),
        new WebClientOptions()
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(app.port())
            .setLocalAddress(localAddress)
            .setKeepAlive(false),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(100));
  }

  /**
   * {@code count} wrong sign-ins for different accounts at once, each with its forwarded header.
   */
  static Map<Integer, Long> signIns(WebClient client, int count, boolean rotate) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String forwarded = rotate ? "203.0.113." + (i % 250 + 1) : "203.0.113.77";
      sent.add(
          client
              .post("/api/v1/auth/login")
              .putHeader("X-Forwarded-For", forwarded)
              .sendJsonObject(
                  new JsonObject().put("username", "nobody-" + i).put("password", "x")));
    }
    Future.join(sent).await();
    return sent.stream()
        .collect(Collectors.groupingBy(f -> f.result().statusCode(), Collectors.counting()));
  }

  @Test
  @DisplayName(
      "behind a trusted load balancer one user's failed sign-ins do not lock out the others")
  void perUserLimitBehindTheProxy() {
    try (TestApp app =
        TestApp.start(TestApp.Data.FIXTURE, Map.of("BANGFU_TRUSTED_PROXIES", "127.0.0.0/8"))) {
      WebClient lb = client(app, "127.0.0.5");
      int limit = Throttle.ADDRESS_LIMITS.lockAfter();
      Map<Integer, Long> one = signIns(lb, limit + 5, false);
      assertThat(one.get(429)).as("the forwarded client is locked").isEqualTo(5L);
      HttpResponse<Buffer> other =
          lb.post("/api/v1/auth/login")
              .putHeader("X-Forwarded-For", "203.0.113.78")
              .sendJsonObject(new JsonObject().put("username", "someone").put("password", "x"))
              .await();
      assertThat(other.statusCode()).as("another user behind the same proxy").isEqualTo(401);
      lb.close();
    }
  }

  @Test
  @DisplayName("without a trusted proxy, a rotating X-Forwarded-For does not escape the limit")
  void headerIgnoredFromUntrustedPeers() {
    try (TestApp app = TestApp.start()) {
      WebClient attacker = client(app, "127.0.0.6");
      int limit = Throttle.ADDRESS_LIMITS.lockAfter();
      Map<Integer, Long> answers = signIns(attacker, limit + 5, true);
      assertThat(answers.get(429)).isEqualTo(5L);
      attacker.close();
    }
  }

  @Test
  @DisplayName("/metrics: this machine without a proxy, or the operators' token; nobody else")
  void metricsForOperators() {
    try (TestApp app =
        TestApp.start(TestApp.Data.EMPTY, Map.of("BANGFU_TRUSTED_PROXIES", "127.0.0.0/8"))) {
      WebClient local = client(app, "127.0.0.1");
      assertThat(local.get("/metrics").send().await().statusCode()).isEqualTo(200);
      assertThat(
              local
                  .get("/metrics")
                  .putHeader("X-Forwarded-For", "203.0.113.9")
                  .send()
                  .await()
                  .statusCode())
          .as("from outside, through the load balancer")
          .isEqualTo(403);
      local.close();
    }
    String token = "metrics-token-for-prometheus";
    try (TestApp app = TestApp.start(TestApp.Data.EMPTY, Map.of("BANGFU_METRICS_TOKEN", token))) {
      WebClient local = client(app, "127.0.0.1");
      assertThat(local.get("/metrics").send().await().statusCode()).isEqualTo(403);
      assertThat(local.get("/metrics").bearerTokenAuthentication(token).send().await().statusCode())
          .isEqualTo(200);
      local.close();
    }
  }
}
