package org.bangfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestDatabase;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM ({@link Shutdown}, which the tests' {@code TestApp.stop} runs as the shutdown hook does):
 * the pool closes only after the requests in flight and a running round are done with it.
 */
@DisplayName("A stopping node lets its requests and its match round finish with the database")
class ShutdownTest {

  static final String HOST = "127.0.0.1";

  @Test
  @DisplayName(
      "a request waiting in the database when SIGTERM comes gets its answer, and what it wrote stays")
  void requestInFlightGetsItsAnswer() throws Exception {
    TestApp app = TestApp.start();
    Vertx outside = Vertx.vertx();
    try (Connection holder = superuser(app)) {
      String token = app.token(Account.SECRETARY);
      // the test holds the needs table, so the request's INSERT waits in PostgreSQL
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE needs IN SHARE MODE");
      }
      HttpClient client = outside.createHttpClient();
      Future<Answer> answer = postNeed(client, app.port(), token, "停机时的需求");
      awaitTrue(() -> waitsOnLock(holder), "the request waits for the needs table");

      Future<Void> stopping = app.stopping(); // what SIGTERM does
      boolean refused = refusedWithin(outside, app.port(), 10);
      holder.commit(); // the stop has begun: the request may go on now

      Answer r = answer.await();
      assertThat(r.status()).as("the request in flight got its answer: " + r.body()).isEqualTo(201);
      assertThat(refused).as("new connections were refused while it was in flight").isTrue();
      stopping.await();
      assertThat(count(holder, "SELECT count(*) FROM needs WHERE title = '停机时的需求'")).isEqualTo(1);
    } finally {
      outside.close().await();
      app.close();
    }
  }

  @Test
  @DisplayName(
      "a match round still running when the node stops is marked failed before it leaves, so another node may start one")
  void runningRoundIsFailed() throws Exception {
    TestApp app = TestApp.start();
    // a round this process runs (its owner is this process's connection name)
    long round =
        app.pool()
            .preparedQuery(
                "INSERT INTO match_rounds (round_date, status, started_by) VALUES (current_date,"
                    + " 'running', (SELECT id FROM users WHERE username = $1)) RETURNING id")
            .execute(Tuple.of(Account.ADMIN.username))
            .await()
            .iterator()
            .next()
            .getLong("id");
    app.stop();
    try (Connection c = superuser(app);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT status, error FROM match_rounds WHERE id = " + round)) {
      rs.next();
      assertThat(rs.getString("status")).isEqualTo("failed");
      assertThat(rs.getString("error")).isEqualTo(Shutdown.STOPPED);
      // another node's round may start at once
      s.execute(
          "INSERT INTO match_rounds (round_date, status, owner) "
              + "VALUES (current_date, 'running', 'another node')");
    } finally {
      app.close();
    }
  }

  @Test
  @DisplayName(
      "a request that comes after the pool has closed gets 503 unavailable with Retry-After, not 500")
  void lateRequestIsUnavailable() {
    TestApp app = TestApp.start();
    try {
      String token = app.token(Account.ADMIN);
      app.pool().close().await(); // what Vert.x's own close does first
      HttpResponse<Buffer> r = app.call(HttpMethod.GET, "/api/v1/users", token, null);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unavailable");
      assertThat(r.getHeader("Retry-After")).isEqualTo("5");
    } finally {
      app.close();
    }
  }

  // ------------------------------------------------------------------ helpers

  record Answer(int status, String body) {}

  static Future<Answer> postNeed(HttpClient client, int port, String token, String title) {
    Buffer body =
        new JsonObject()
            .put("villageId", TestFixture.VILLAGE)
            .put("category", "education")
            .put("unit", "CNY")
            .put("quantity", 10000)
            .put("priority", 3)
            .put("title", title)
            .toBuffer();
    return client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(HOST)
                .setPort(port)
                .setURI("/api/v1/needs"))
        .compose(
            (HttpClientRequest req) ->
                req.putHeader("Authorization", "Bearer " + token)
                    .putHeader("Content-Type", "application/json")
                    .send(body)
                    .compose(
                        (HttpClientResponse resp) ->
                            resp.body().map(b -> new Answer(resp.statusCode(), b.toString()))));
  }

  static Connection superuser(TestApp app) throws SQLException {
    DatabaseUrl u = TestDatabase.asSuperuser(app.database());
    return DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
  }

  static boolean waitsOnLock(Connection c) {
    try {
      return count(
              c,
              "SELECT count(*) FROM pg_locks WHERE NOT granted "
                  + "AND relation = 'needs'::regclass AND pid <> pg_backend_pid()")
          > 0;
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Polls a state the test waits for (never a fixed pause), for at most 20 s. */
  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long until = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Whether a new connection to the port is refused (the node has stopped taking requests) within
   * {@code seconds}.
   */
  static boolean refusedWithin(Vertx outside, int port, int seconds) throws InterruptedException {
    var net = outside.createNetClient();
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < until) {
      try {
        net.connect(port, HOST).await().close().await();
      } catch (Exception refused) { // await throws the ConnectException itself
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
