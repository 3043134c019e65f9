package org.bangfu.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The money rules read the application's clock, not the machine's: deadlines, pledge expiry, "not
 * in the past", a round's date and the age of a proposal all follow it as it moves.
 */
@DisplayName("Business time follows the application clock")
class BusinessTimeTest {
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

  static long need(
      Account sec, String village, String category, long quantity, LocalDate deadline) {
    JsonObject body =
        new JsonObject()
            .put("villageId", village)
            .put("category", category)
            .put("unit", "CNY")
            .put("quantity", quantity)
            .put("priority", 5)
            .put("title", "需求");
    if (deadline != null) {
      body.put("deadline", deadline.toString());
    }
    long id = ok(app.post("/api/v1/needs", sec, body), 201).getLong("id");
    ok(app.post("/api/v1/needs/" + id + "/submit", sec, null), 200);
    ok(app.post("/api/v1/needs/" + id + "/publish", Account.ADMIN, null), 200);
    return id;
  }

  static HttpResponse<Buffer> claim(long need, long pledge, long quantity) {
    return app.post(
        "/api/v1/needs/" + need + "/claims",
        Account.DONOR,
        new JsonObject().put("pledgeId", pledge).put("quantity", quantity));
  }

  static String error(HttpResponse<Buffer> r, int status) {
    return ok(r, status).getString("error");
  }

  @Test
  @DisplayName(
      "a deadline passes, a pledge expires, the past is refused and a proposal grows stale as the"
          + " clock moves")
  void rulesFollowTheClock() {
    LocalDate t0 = LocalDate.now(app.clock());
    long withDeadline =
        need(Account.SECRETARY, TestFixture.VILLAGE, "education", 10_000, t0.plusDays(2));
    long open = need(Account.SECRETARY, TestFixture.VILLAGE, "health", 1_000, null);
    long forRound =
        need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, "industry", 5_000, null);
    long earmarked =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.DONOR,
                    new JsonObject()
                        .put("unit", "CNY")
                        .put("quantity", 50_000)
                        .put("mode", "earmarked")
                        .put("expires", t0.plusDays(3).toString())),
                201)
            .getLong("id");
    ok(
        app.post(
            "/api/v1/pledges",
            Account.DONOR,
            new JsonObject()
                .put("unit", "CNY")
                .put("quantity", 3_000)
                .put("mode", "pooled")
                .put("categories", new JsonArray().add("industry"))),
        201);

    // a round on the clock's day proposes the pooled pledge to the industry need
    JsonObject round =
        ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    assertThat(round.getString("date")).isEqualTo(t0.toString());
    assertThat(needAllocated(forRound)).isEqualTo(3_000);

    ok(claim(withDeadline, earmarked, 100), 201);
    app.clock().advance(Duration.ofDays(3));
    assertThat(error(claim(withDeadline, earmarked, 100), 409)).isEqualTo("need_past_deadline");
    ok(claim(open, earmarked, 100), 201); // the pledge's last day is today

    app.clock().advance(Duration.ofDays(1));
    assertThat(error(claim(open, earmarked, 100), 409)).isEqualTo("pledge_expired");
    // a deadline two days after the first day is in the past now
    JsonObject refused =
        ok(
            app.post(
                "/api/v1/needs",
                Account.SECRETARY,
                new JsonObject()
                    .put("villageId", TestFixture.VILLAGE)
                    .put("category", "health")
                    .put("unit", "CNY")
                    .put("quantity", 10)
                    .put("priority", 1)
                    .put("title", "过期")
                    .put("deadline", t0.plusDays(2).toString())),
            400);
    assertThat(refused.getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("deadline");

    // nobody confirmed the proposal: 15 days on, expiry gives back what it held
    app.clock().advance(Duration.ofDays(11));
    app.services().expiry().run().await();
    assertThat(needAllocated(forRound)).isZero();
    assertThat(
            app.pool()
                .preparedQuery("SELECT status FROM allocations WHERE need_id = $1")
                .execute(Tuple.of(forRound))
                .await()
                .iterator()
                .next()
                .getString("status"))
        .isEqualTo("expired");
    // the donor's claims stand; the expired pledge is closed
    assertThat(needAllocated(withDeadline)).isEqualTo(100);
    assertThat(ok(app.get("/api/v1/pledges/" + earmarked, Account.DONOR), 200).getString("status"))
        .isEqualTo("expired");
  }

  static long needAllocated(long id) {
    return app.pool()
        .preparedQuery("SELECT allocated FROM needs WHERE id = $1")
        .execute(Tuple.of(id))
        .await()
        .iterator()
        .next()
        .getLong("allocated");
  }
}
