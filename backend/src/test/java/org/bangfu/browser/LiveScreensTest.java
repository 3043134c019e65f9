package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bangfu.Main;
import org.bangfu.config.AppConfig;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.PoolFactory;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestDatabase;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Live screens across a cluster: a village secretary's screen open on node A shows, within two
 * seconds and without reloading, a delivery a donor reported through node B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Live screens across two nodes")
class LiveScreensTest {
  final List<Vertx> nodes = new ArrayList<>();
  final List<Main.Running> running = new ArrayList<>();
  Pool pool;
  WebClient client;
  Browser browser;

  AppConfig config(String clusterName, int port, int[] ports) {
    Map<String, String> env = new HashMap<>();
    env.put("BANGFU_CLUSTER", "true");
    env.put("BANGFU_CLUSTER_HOST", "127.0.0.1");
    env.put("BANGFU_CLUSTER_PORT", Integer.toString(port));
    env.put("BANGFU_CLUSTER_MEMBERS", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1]);
    env.put("BANGFU_CLUSTER_NAME", clusterName);
    return TestApp.config(env);
  }

  @BeforeAll
  void start() throws Exception {
    DatabaseUrl db = TestDatabase.create();
    Vertx setup = Vertx.vertx();
    Pool fixture = PoolFactory.create(setup, db, 2);
    TestFixture.load(fixture).await();
    fixture.close().await();
    setup.close().await();
    String clusterName = "bangfu-live-" + UUID.randomUUID();
    int[] ports;
    try (var a = new java.net.ServerSocket(0);
        var b = new java.net.ServerSocket(0)) {
      ports = new int[] {a.getLocalPort(), b.getLocalPort()};
    }
    for (int i = 0; i < 2; i++) {
      AppConfig config = config(clusterName, ports[i], ports);
      var metrics = Main.newMetricsRegistry();
      Vertx vertx = Main.vertx(config, metrics).await();
      nodes.add(vertx);
      running.add(Main.boot(vertx, config, db, metrics).await());
    }
    pool = running.get(1).pool();
    client = WebClient.create(nodes.get(1));
    browser = Browser.open("http://localhost:" + running.get(0).port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    for (Vertx v : nodes) {
      v.close().await();
    }
  }

  String token(TestFixture.Account a) {
    return client
        .post(running.get(1).port(), "localhost", "/api/v1/auth/login")
        .sendJsonObject(
            new JsonObject().put("username", a.username).put("password", TestFixture.PASSWORD))
        .await()
        .bodyAsJsonObject()
        .getString("token");
  }

  @Test
  @DisplayName(
      "a delivery reported through node B appears on the secretary's screen on node A within 2 s")
  void deliveryAppears() {
    long need =
        pool.preparedQuery(
                "INSERT INTO needs (village_id, category, unit, quantity, priority, title, status, "
                    + "published_at) VALUES ($1, 'education', 'CNY', 8000, 3, '校服', 'published', now()) RETURNING id")
            .execute(Tuple.of(TestFixture.VILLAGE))
            .await()
            .iterator()
            .next()
            .getLong("id");
    String donor = token(TestFixture.Account.DONOR);
    int nodeB = running.get(1).port();
    long allocation =
        client
            .post(nodeB, "localhost", "/api/v1/needs/" + need + "/claims")
            .bearerTokenAuthentication(donor)
            .sendJsonObject(new JsonObject().put("quantity", 8000))
            .await()
            .bodyAsJsonObject()
            .getLong("id");

    browser.signIn(TestFixture.Account.SECRETARY.username, TestFixture.PASSWORD, "/village");
    browser.waitForText("[data-test=stat-awaiting]", "0");
    Browser.pause(
        Duration.ofMillis(1500)); // the screen's stream is open and registered cluster-wide

    assertThat(
            client
                .post(nodeB, "localhost", "/api/v1/allocations/" + allocation + "/deliver")
                .bearerTokenAuthentication(donor)
                .sendJsonObject(new JsonObject())
                .await()
                .statusCode())
        .isEqualTo(200);
    long reported = System.currentTimeMillis();
    browser.waitForText("[data-test=stat-awaiting]", "1");
    assertThat(System.currentTimeMillis() - reported)
        .as("ms until the screen showed it")
        .isLessThan(2_000);
  }
}
