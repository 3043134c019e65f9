package org.bangfu.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Nothing is promised twice, whoever clicks at the same time: many donors' claims fired at once at
 * one need and one pledge leave totals that are exact, and the database agrees with the sum of the
 * allocations.
 */
@DisplayName("Concurrent claims never over-allocate")
class ConcurrentClaimsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long publishedNeed(long quantity) {
    JsonObject need =
        app.post(
                "/api/v1/needs",
                Account.SECRETARY,
                new JsonObject()
                    .put("villageId", TestFixture.VILLAGE)
                    .put("category", "industry")
                    .put("unit", "CNY")
                    .put("quantity", quantity)
                    .put("priority", 3)
                    .put("title", "茶园改造"))
            .bodyAsJsonObject();
    long id = need.getLong("id");
    assertThat(app.post("/api/v1/needs/" + id + "/submit", Account.SECRETARY, null).statusCode())
        .isEqualTo(200);
    assertThat(app.post("/api/v1/needs/" + id + "/publish", Account.REVIEWER, null).statusCode())
        .isEqualTo(200);
    return id;
  }

  /** Fires {@code n} claims at once (all in flight together) and answers their status codes. */
  static List<Integer> fire(int n, long needId, JsonObject body) {
    String token = app.token(Account.DONOR);
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(
          app.client()
              .post("/api/v1/needs/" + needId + "/claims")
              .bearerTokenAuthentication(token)
              .sendJsonObject(body));
    }
    Future.join(calls).await();
    return calls.stream().map(f -> f.result().statusCode()).toList();
  }

  static Row row(String sql, Object id) {
    return app.pool()
        .preparedQuery(sql)
        .execute(io.vertx.sqlclient.Tuple.of(id))
        .await()
        .iterator()
        .next();
  }

  @Test
  @DisplayName(
      "60 claims of 1,000 at once on a 50,000 need from a 45,000 pledge: exactly 45 succeed, totals exact")
  void pledgeLimits() {
    long needId = publishedNeed(50_000);
    long pledgeId =
        app.post(
                "/api/v1/pledges",
                Account.DONOR,
                new JsonObject()
                    .put("unit", "CNY")
                    .put("quantity", 45_000)
                    .put("mode", "earmarked"))
            .bodyAsJsonObject()
            .getLong("id");

    List<Integer> codes =
        fire(60, needId, new JsonObject().put("pledgeId", pledgeId).put("quantity", 1000));

    assertThat(codes.stream().filter(c -> c == 201).count()).isEqualTo(45);
    assertThat(codes.stream().filter(c -> c == 409).count()).isEqualTo(15);
    Row pledge =
        row(
            "SELECT quantity, allocated, status, (SELECT sum(quantity) FROM allocations WHERE pledge_id = p.id) AS held "
                + "FROM pledges p WHERE id = $1",
            pledgeId);
    assertThat(pledge.getLong("allocated")).isEqualTo(45_000);
    assertThat(pledge.getLong("held")).isEqualTo(45_000);
    assertThat(pledge.getString("status")).isEqualTo("exhausted");
    Row need =
        row(
            "SELECT allocated, status, (SELECT sum(quantity) FROM allocations WHERE need_id = n.id) AS held "
                + "FROM needs n WHERE id = $1",
            needId);
    assertThat(need.getLong("allocated")).isEqualTo(45_000);
    assertThat(need.getLong("held")).isEqualTo(45_000);
    assertThat(need.getString("status")).isEqualTo("partly_allocated");
  }

  @Test
  @DisplayName(
      "60 claims of 1,000 with new money at once on a 50,000 need: exactly 50 succeed, the need is full")
  void needLimits() {
    long needId = publishedNeed(50_000);

    List<Integer> codes = fire(60, needId, new JsonObject().put("quantity", 1000));

    assertThat(codes.stream().filter(c -> c == 201).count()).isEqualTo(50);
    assertThat(codes.stream().filter(c -> c == 409).count()).isEqualTo(10);
    Row need =
        row(
            "SELECT allocated, status, (SELECT sum(quantity) FROM allocations WHERE need_id = n.id) AS held, "
                + "(SELECT count(*) FROM allocations WHERE need_id = n.id) AS n FROM needs n WHERE id = $1",
            needId);
    assertThat(need.getLong("allocated")).isEqualTo(50_000);
    assertThat(need.getLong("held")).isEqualTo(50_000);
    assertThat(need.getLong("n")).isEqualTo(50);
    assertThat(need.getString("status")).isEqualTo("allocated");
    // a refused claim with new money leaves no orphan pledge behind (its transaction rolled back)
    Row pledges =
        row("SELECT count(*) AS n FROM pledges WHERE note = $1", "claim of need " + needId);
    assertThat(pledges.getLong("n")).isEqualTo(50);
  }

  @Test
  @DisplayName("the database itself refuses a counter past its quantity, whatever the code does")
  void databaseInvariant() {
    long needId = publishedNeed(10);
    var failure =
        app.pool()
            .preparedQuery("UPDATE needs SET allocated = 11 WHERE id = $1")
            .execute(io.vertx.sqlclient.Tuple.of(needId))
            .otherwiseEmpty();
    assertThat(failure.await()).isNull();
    assertThat(row("SELECT allocated FROM needs WHERE id = $1", needId).getLong("allocated"))
        .isZero();
  }
}
