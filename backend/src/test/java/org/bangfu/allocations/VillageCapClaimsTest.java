package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A village's cap holds for a donor's claims: up to the cap is allocated, one yuan more is refused
 * naming the cap and what is left under it, whichever of the village's needs it is for.
 */
@DisplayName("Claims stay under the village's cap")
class VillageCapClaimsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long pledge() {
    return app.pool()
        .preparedQuery(
            "INSERT INTO pledges (donor_id, unit, quantity, mode) VALUES ($1, 'CNY', 100000, 'pooled') RETURNING id")
        .execute(Tuple.of(TestFixture.DONOR))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  static HttpResponse<Buffer> claim(long need, long pledge, long quantity) {
    return app.post(
        "/api/v1/needs/" + need + "/claims",
        Account.DONOR,
        new JsonObject().put("pledgeId", pledge).put("quantity", quantity));
  }

  @Test
  @DisplayName("a cap of 1,000 yuan: 600 and 400 pass, one more yuan is refused with what is left")
  void capHolds() {
    HttpResponse<Buffer> capped =
        app.call(
            io.vertx.core.http.HttpMethod.PUT,
            "/api/v1/villages/" + TestFixture.VILLAGE + "/caps/CNY",
            Account.REVIEWER,
            new JsonObject().put("max", 1_000));
    assertThat(capped.statusCode()).as(capped.bodyAsString()).isIn(200, 201);
    long pledge = pledge();
    long a = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 5_000, 3);
    long b = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "housing", 5_000, 3);
    assertThat(claim(a, pledge, 600).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> over = claim(b, pledge, 401);
    assertThat(over.statusCode()).as(over.bodyAsString()).isEqualTo(409);
    JsonObject body = over.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("village_cap_reached");
    assertThat(body.getJsonObject("params").getLong("left")).isEqualTo(400);
    assertThat(claim(b, pledge, 400).statusCode()).as("exactly the cap").isEqualTo(201);
    assertThat(claim(b, pledge, 1).statusCode()).isEqualTo(409);

    // the cap is the village's, whatever the need: a third need gets nothing more
    long third = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "health", 2_000, 3);
    assertThat(claim(third, pledge, 1).statusCode()).isEqualTo(409);
    long held =
        app.pool()
            .preparedQuery(
                "SELECT allocated FROM village_caps WHERE village_id = $1 AND unit = 'CNY'")
            .execute(Tuple.of(TestFixture.VILLAGE))
            .await()
            .iterator()
            .next()
            .getLong(0);
    assertThat(held).as("the cap holds what was allocated under it").isEqualTo(1_000);

    // the cap cannot be lowered below what the village's needs already hold
    HttpResponse<Buffer> lower = setCap(999);
    assertThat(lower.statusCode()).as(lower.bodyAsString()).isEqualTo(409);
    assertThat(lower.bodyAsJsonObject().getString("error")).isEqualTo("cap_below_allocated");
    assertThat(lower.bodyAsJsonObject().getJsonObject("params").getLong("held")).isEqualTo(1_000);
    assertThat(setCap(1_000).statusCode()).as("down to exactly what is held").isEqualTo(200);
  }

  static HttpResponse<Buffer> setCap(long max) {
    return app.call(
        io.vertx.core.http.HttpMethod.PUT,
        "/api/v1/villages/" + TestFixture.VILLAGE + "/caps/CNY",
        Account.REVIEWER,
        new JsonObject().put("max", max));
  }
}
