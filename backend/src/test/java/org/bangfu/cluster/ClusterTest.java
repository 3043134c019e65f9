package org.bangfu.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
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

/**
 * Two clustered nodes (Hazelcast over TCP-IP on 127.0.0.1, no multicast) in this JVM against one
 * database: what one node writes the other serves, tokens from one are good on the other, and the
 * event bus spans both.
 */
@DisplayName("Two clustered nodes on one database")
class ClusterTest {

  static final List<Vertx> nodes = new ArrayList<>();
  static final List<Main.Running> running = new ArrayList<>();
  static WebClient client;

  static AppConfig config(String clusterName, int port, int[] ports) {
    Map<String, String> env = new HashMap<>();
    env.put("BANGFU_CLUSTER", "true");
    env.put("BANGFU_CLUSTER_HOST", "127.0.0.1");
    env.put("BANGFU_CLUSTER_PORT", Integer.toString(port));
    env.put("BANGFU_CLUSTER_MEMBERS", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1]);
    env.put("BANGFU_CLUSTER_NAME", clusterName);
    env.put("BANGFU_JWT_SECRET", ""); // the nodes must share the key kept in PostgreSQL
    AppConfig base = TestApp.config(env);
    return new AppConfig(
        base.port(),
        base.host(),
        base.databaseUrl(),
        base.dataDir(),
        java.util.Optional.empty(),
        base.tokenTtlSeconds(),
        base.dbPoolSize(),
        base.httpInstances(),
        false,
        true,
        base.clusterHost(),
        base.clusterPort(),
        base.clusterMembers(),
        base.clusterName(),
        base.funds(),
        base.oversight(),
        base.roundAnswerSeconds(),
        base.trustedProxies(),
        base.metricsToken(),
        base.jobsTicking(),
        base.deadlines());
  }

  @BeforeAll
  static void start() {
    DatabaseUrl db = TestDatabase.create();
    Vertx setup = Vertx.vertx();
    Pool pool = PoolFactory.create(setup, db, 2);
    TestFixture.load(pool).await();
    pool.close().await();
    setup.close().await();

    String clusterName = "bangfu-test-" + UUID.randomUUID();
    int[] ports = freePorts(); // not 5701: other test runs on this machine must not get in the way
    for (int i = 0; i < 2; i++) {
      AppConfig config = config(clusterName, ports[i], ports);
      var metrics = Main.newMetricsRegistry();
      Vertx vertx = Main.vertx(config, metrics).await();
      nodes.add(vertx);
      running.add(Main.boot(vertx, config, db, metrics).await());
    }
    client = WebClient.create(nodes.get(0));
  }

  private static int[] freePorts() {
    try (var a = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        var b = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      return new int[] {a.getLocalPort(), b.getLocalPort()};
    } catch (java.io.IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    for (Vertx v : nodes) {
      v.close().await();
    }
  }

  private HttpResponse<Buffer> login(int node, String username, String password) {
    return client
        .post(running.get(node).port(), "localhost", "/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("username", username).put("password", password))
        .await();
  }

  @Test
  @DisplayName(
      "a user created through one node signs in through the other, and tokens work on both")
  void sharedState() {
    HttpResponse<Buffer> admin = login(0, TestFixture.Account.ADMIN.username, TestFixture.PASSWORD);
    assertThat(admin.statusCode()).isEqualTo(200);
    String token = admin.bodyAsJsonObject().getString("token");

    HttpResponse<Buffer> created =
        client
            .post(running.get(0).port(), "localhost", "/api/v1/users")
            .bearerTokenAuthentication(token)
            .sendJsonObject(
                new JsonObject()
                    .put("username", "cluster-user")
                    .put("displayName", "集群用户")
                    .put("role", "auditor")
                    .put("password", "cluster-pass-1"))
            .await();
    assertThat(created.statusCode()).isEqualTo(201);

    HttpResponse<Buffer> other = login(1, "cluster-user", "cluster-pass-1");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.bodyAsJsonObject().getJsonObject("user").getString("role"))
        .isEqualTo("auditor");

    HttpResponse<Buffer> me =
        client
            .get(running.get(1).port(), "localhost", "/api/v1/me")
            .bearerTokenAuthentication(token)
            .send()
            .await();
    assertThat(me.statusCode()).as("a token from node 1 is good on node 2").isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("username"))
        .isEqualTo(TestFixture.Account.ADMIN.username);
  }

  @Test
  @DisplayName("an account deactivated through one node loses its tokens on the other at once")
  void deactivationReachesTheOtherNode() throws Exception {
    String admin =
        login(0, TestFixture.Account.ADMIN.username, TestFixture.PASSWORD)
            .bodyAsJsonObject()
            .getString("token");
    long id =
        client
            .post(running.get(0).port(), "localhost", "/api/v1/users")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(
                new JsonObject()
                    .put("username", "cluster-leaver")
                    .put("displayName", "离任用户")
                    .put("role", "auditor")
                    .put("password", "cluster-pass-2"))
            .await()
            .bodyAsJsonObject()
            .getLong("id");
    String token =
        login(1, "cluster-leaver", "cluster-pass-2").bodyAsJsonObject().getString("token");
    assertThat(me(1, token)).isEqualTo(200);
    assertThat(running.get(1).app().accounts().size())
        .as("node 2 answers the token check from its cache")
        .isPositive();
    HttpResponse<Buffer> off =
        client
            .patch(running.get(0).port(), "localhost", "/api/v1/users/" + id)
            .bearerTokenAuthentication(admin)
            .sendJsonObject(new JsonObject().put("active", false))
            .await();
    assertThat(off.statusCode()).isEqualTo(200);
    assertThat(me(0, token)).as("on the node that deactivated it").isEqualTo(401);
    int status = 200;
    for (long end = System.nanoTime() + 3_000_000_000L;
        status == 200 && System.nanoTime() < end; ) {
      status = me(1, token);
      if (status == 200) {
        Thread.sleep(10);
      }
    }
    assertThat(status).as("on the other node").isEqualTo(401);
  }

  private int me(int node, String token) {
    return client
        .get(running.get(node).port(), "localhost", "/api/v1/me")
        .bearerTokenAuthentication(token)
        .send()
        .await()
        .statusCode();
  }

  @Test
  @DisplayName("an event-bus message sent on one node reaches a consumer on the other")
  void eventBus() throws Exception {
    nodes
        .get(1)
        .eventBus()
        .<String>consumer("bangfu.test.ping", msg -> msg.reply("pong from node 2: " + msg.body()))
        .completion()
        .await();
    // registrations propagate through the cluster asynchronously: retry for a while
    String answer = null;
    long deadline = System.currentTimeMillis() + 30_000;
    while (answer == null && System.currentTimeMillis() < deadline) {
      try {
        answer =
            nodes.get(0).eventBus().<String>request("bangfu.test.ping", "hello").await().body();
      } catch (RuntimeException notYet) {
        Thread.sleep(200);
      }
    }
    assertThat(answer).isEqualTo("pong from node 2: hello");
  }

  @Test
  @DisplayName("Hazelcast joins by TCP-IP with the configured members, never by multicast")
  void hazelcastConfig() {
    AppConfig c =
        AppConfig.fromEnv(
            Map.of(
                "BANGFU_CLUSTER",
                "true",
                "BANGFU_CLUSTER_MEMBERS",
                "10.0.0.5, 10.0.0.6:5702",
                "BANGFU_CLUSTER_NAME",
                "prod"));
    Config hz = ClusterSetup.hazelcastConfig(c);
    assertThat(hz.getClusterName()).isEqualTo("prod");
    assertThat(hz.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(hz.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
    assertThat(hz.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .contains("10.0.0.5", "10.0.0.6:5702");
    // ConfigUtil.loadConfig() keeps the maps Vert.x needs for subscriptions and locks
    assertThat(hz.getMapConfigs()).containsKey("__vertx.nodeInfo");
  }

  private String text(int node, String path) {
    return client.get(running.get(node).port(), "localhost", path).send().await().bodyAsString();
  }

  private static double gauge(String metrics, String name) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  @DisplayName("readiness counts both nodes, and exactly one node runs the scheduled jobs")
  void oneScheduler() throws Exception {
    double owners = 0;
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      owners =
          gauge(text(0, "/metrics"), "bangfu_jobs_owner")
              + gauge(text(1, "/metrics"), "bangfu_jobs_owner");
      if (owners == 1) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(owners).as("nodes running the jobs").isEqualTo(1);
    for (int node = 0; node < 2; node++) {
      assertThat(gauge(text(node, "/metrics"), "bangfu_cluster_members")).isEqualTo(2);
      HttpResponse<Buffer> ready =
          client.get(running.get(node).port(), "localhost", "/health/ready").send().await();
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.bodyAsString()).contains("cluster").contains("\"members\":2");
    }
  }

  @Test
  @DisplayName("a change published on one node reaches a browser's stream on the other")
  void liveAcrossNodes() throws Exception {
    var http = nodes.get(1).createHttpClient();
    StringBuffer seen = new StringBuffer();
    var response =
        http.request(
                io.vertx.core.http.HttpMethod.GET,
                running.get(1).port(),
                "localhost",
                "/api/v1/events")
            .compose(r -> r.send())
            .await();
    response.handler(b -> seen.append(b.toString()));
    long deadline = System.currentTimeMillis() + 30_000;
    while (!seen.toString().contains("\"4242\"") && System.currentTimeMillis() < deadline) {
      // the stream's event-bus registration reaches node 1 asynchronously: publish until it arrives
      org.bangfu.events.Events.publish(
          nodes.get(0),
          new org.bangfu.events.Event(
              "need.published",
              "4242",
              "published",
              TestFixture.VILLAGE,
              null,
              org.bangfu.events.Event.Audience.PUBLIC));
      Thread.sleep(300);
    }
    assertThat(seen.toString()).contains("need.published").contains("\"4242\"");
    http.close().await();
  }
}
