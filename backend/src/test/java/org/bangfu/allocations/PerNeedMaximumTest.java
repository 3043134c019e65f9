package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A pledge's maximum per need counts what the pledge already gives the need: a second claim that
 * would pass it is refused by the ledger's check (naming the limit), and a write that goes around
 * the ledger is refused by the database itself.
 */
@DisplayName("A pledge's maximum per need, in the ledger and in the database")
class PerNeedMaximumTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** An earmarked pledge of 20,000 yuan giving at most 3,000 to one need. */
  static long pledge() {
    return ok(
            app.post(
                "/api/v1/pledges",
                Account.DONOR,
                new JsonObject()
                    .put("unit", "CNY")
                    .put("quantity", 20_000)
                    .put("mode", "earmarked")
                    .put("maxPerNeed", 3_000)),
            201)
        .getLong("id");
  }

  static HttpResponse<Buffer> claim(long need, long pledge, long quantity) {
    return app.post(
        "/api/v1/needs/" + need + "/claims",
        Account.DONOR,
        new JsonObject().put("pledgeId", pledge).put("quantity", quantity));
  }

  static long sumGiven(long need, long pledge) {
    Row r =
        app.pool()
            .preparedQuery(
                "SELECT coalesce(sum(quantity), 0) AS given FROM allocations"
                    + " WHERE need_id = $1 AND pledge_id = $2"
                    + " AND status NOT IN ('declined', 'expired')")
            .execute(Tuple.of(need, pledge))
            .await()
            .iterator()
            .next();
    return r.getLong("given");
  }

  @Test
  @DisplayName("a second claim counts what the pledge already gives the need")
  void secondClaimCountsTheFirst() {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 10_000, 3);
    long pledge = pledge();
    ok(claim(need, pledge, 2_000), 201);
    HttpResponse<Buffer> second = claim(need, pledge, 2_000);
    assertThat(second.statusCode()).as(second.bodyAsString()).isIn(400, 409);
    assertThat(second.bodyAsJsonObject().getString("error")).isEqualTo("max_per_need_reached");
    assertThat(second.bodyAsJsonObject().getJsonObject("params").getLong("given"))
        .isEqualTo(2_000L);
    assertThat(sumGiven(need, pledge)).isEqualTo(2_000);
    ok(claim(need, pledge, 1_000), 201);
    assertThat(sumGiven(need, pledge)).isEqualTo(3_000);
  }

  @Test
  @DisplayName("the database refuses an allocation past the maximum written around the ledger")
  void databaseHoldsTheMaximum() {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "health", 10_000, 3);
    long pledge = pledge();
    long first = ok(claim(need, pledge, 3_000), 201).getLong("id");
    assertThatThrownBy(
            () ->
                app.pool()
                    .preparedQuery(
                        "INSERT INTO allocations (need_id, pledge_id, source, unit, quantity,"
                            + " status) SELECT need_id, pledge_id, 'claim', unit, 1, 'confirmed'"
                            + " FROM allocations WHERE id = $1")
                    .execute(Tuple.of(first))
                    .await())
        .isInstanceOf(PgException.class)
        .hasMessageContaining("maximum per need");
    assertThatThrownBy(
            () ->
                app.pool()
                    .preparedQuery("UPDATE pledges SET max_per_need = 2000 WHERE id = $1")
                    .execute(Tuple.of(pledge))
                    .await())
        .as("nor may the maximum be lowered below what is given")
        .isInstanceOf(PgException.class)
        .hasMessageContaining("maximum");
    assertThat(sumGiven(need, pledge)).isEqualTo(3_000);
  }
}
