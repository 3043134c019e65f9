package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bangfu.Main;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestDatabase;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The application reaches its PostgreSQL through a TCP relay the test can cut (the port then
 * refuses connections and every open connection is dropped) and restore, as when the database goes
 * down and comes back.
 */
@DisplayName("PostgreSQL down: 503 with Retry-After, never 500 or 401, and back when it returns")
class DatabaseDownTest {

  /** A TCP relay to PostgreSQL on a fixed port of its own. */
  static final class Relay {
    private final Vertx vertx;
    private final int target;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private NetServer server;
    private int port;

    Relay(Vertx vertx, int target) {
      this.vertx = vertx;
      this.target = target;
      this.client = vertx.createNetClient();
    }

    int start(int onPort) {
      server =
          vertx
              .createNetServer()
              .connectHandler(
                  in -> {
                    in.pause();
                    client
                        .connect(target, "localhost")
                        .onSuccess(
                            out -> {
                              open.add(in);
                              open.add(out);
                              in.pipeTo(out);
                              out.pipeTo(in);
                              in.resume();
                            })
                        .onFailure(err -> in.close());
                  });
      port = server.listen(onPort, "127.0.0.1").await().actualPort();
      return port;
    }

    /** The database is gone: the port refuses, every open connection is dropped. */
    void cut() {
      server.close().await();
      open.forEach(NetSocket::close);
      open.clear();
    }

    void restore() {
      start(port);
    }
  }

  static Vertx vertx;
  static Relay relay;
  static WebClient http;
  static String token;

  @BeforeAll
  static void start() {
    DatabaseUrl real = TestDatabase.create();
    var metrics = Main.newMetricsRegistry();
    vertx = Main.vertx(TestApp.config(Map.of()), metrics).await();
    Pool setup = PoolFactory.create(vertx, real, 2);
    TestFixture.load(setup).await();
    setup.close().await();
    relay = new Relay(vertx, real.port());
    int relayPort = relay.start(0);
    DatabaseUrl viaRelay =
        new DatabaseUrl("127.0.0.1", relayPort, real.database(), real.user(), real.password());
    Main.Running running = Main.boot(vertx, TestApp.config(Map.of()), viaRelay, metrics).await();
    http =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(running.port()));
    token = login().bodyAsJsonObject().getString("token");
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  static HttpResponse<Buffer> login() {
    return http.post("/api/v1/auth/login")
        .sendJsonObject(
            new JsonObject()
                .put("username", TestFixture.Account.AUDITOR.username)
                .put("password", TestFixture.PASSWORD))
        .await();
  }

  static HttpResponse<Buffer> me() {
    return http.get("/api/v1/me").bearerTokenAuthentication(token).send().await();
  }

  static void assertUnavailable(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After"))
        .isEqualTo(Integer.toString(DatabaseTrouble.RETRY_AFTER_SECONDS));
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unavailable");
  }

  @Test
  @DisplayName(
      "while the database is gone: reads, sign-in and a valid token all get 503; readiness says so; then service returns")
  void downThenBack() throws Exception {
    assertThat(me().statusCode()).isEqualTo(200);
    assertThat(http.get("/health/ready").send().await().statusCode()).isEqualTo(200);

    relay.cut();
    assertUnavailable(me()); // a valid token is not a 401 because the database did not answer
    assertUnavailable(login());
    assertUnavailable(http.get("/api/v1/public/board").send().await());
    assertUnavailable(http.get("/api/v1/regions").send().await());
    assertThat(http.get("/health/ready").send().await().statusCode()).isEqualTo(503);
    assertThat(http.get("/health/live").send().await().statusCode()).isEqualTo(200);

    relay.restore();
    long deadline = System.nanoTime() + 15_000_000_000L;
    int ready = 0;
    while (System.nanoTime() < deadline && ready != 200) {
      ready = http.get("/health/ready").send().await().statusCode();
      if (ready != 200) {
        Thread.sleep(200);
      }
    }
    assertThat(ready).as("ready again once the database is back").isEqualTo(200);
    assertThat(me().statusCode()).isEqualTo(200);
    assertThat(login().statusCode()).isEqualTo(200);
  }
}
