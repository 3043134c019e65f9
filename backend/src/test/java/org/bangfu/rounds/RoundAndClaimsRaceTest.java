package org.bangfu.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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
 * A match round and donors' claims racing on the same need, pledge and village cap: whatever the
 * interleaving, nothing is promised twice. Every counter equals the sum of the active allocations
 * it counts, and no counter passes its ceiling.
 */
@DisplayName("A round racing claims on the same need and pledge never over-allocates")
class RoundAndClaimsRaceTest {
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

  static long publishedNeed(long quantity) {
    long id =
        ok(
                app.post(
                    "/api/v1/needs",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("villageId", TestFixture.VILLAGE)
                        .put("category", "education")
                        .put("unit", "CNY")
                        .put("quantity", quantity)
                        .put("priority", 5)
                        .put("title", "助学金")),
                201)
            .getLong("id");
    ok(app.post("/api/v1/needs/" + id + "/submit", Account.SECRETARY, null), 200);
    ok(app.post("/api/v1/needs/" + id + "/publish", Account.REVIEWER, null), 200);
    return id;
  }

  static Row one(String sql, Object... args) {
    return app.pool().preparedQuery(sql).execute(Tuple.from(args)).await().iterator().next();
  }

  @Test
  @DisplayName(
      "a round and 40 claims of 1,000 at once on a 50,000 need, a 45,000 pooled pledge, a 48,000"
          + " cap")
  void raceOnOneNeedAndPledge() {
    for (int attempt = 0; attempt < 2; attempt++) {
      app.pool().query("DELETE FROM village_caps").execute().await();
      long needId = publishedNeed(50_000);
      long pledgeId =
          ok(
                  app.post(
                      "/api/v1/pledges",
                      Account.DONOR,
                      new JsonObject()
                          .put("unit", "CNY")
                          .put("quantity", 45_000)
                          .put("mode", "pooled")),
                  201)
              .getLong("id");
      // the cap counts what the village's CNY needs already hold
      ok(
          app.call(
              io.vertx.core.http.HttpMethod.PUT,
              "/api/v1/villages/" + TestFixture.VILLAGE + "/caps/CNY",
              Account.ADMIN,
              new JsonObject().put("max", 48_000 + heldInVillage())),
          201);

      String donor = app.token(Account.DONOR);
      String unitedFront = app.token(Account.UNITED_FRONT);
      List<Future<HttpResponse<Buffer>>> claims = new ArrayList<>();
      Future<HttpResponse<Buffer>> round =
          app.client()
              .post("/api/v1/match-rounds")
              .bearerTokenAuthentication(unitedFront)
              .sendJsonObject(new JsonObject());
      for (int i = 0; i < 40; i++) {
        claims.add(
            app.client()
                .post("/api/v1/needs/" + needId + "/claims")
                .bearerTokenAuthentication(donor)
                .sendJsonObject(new JsonObject().put("pledgeId", pledgeId).put("quantity", 1_000)));
      }
      Future.join(claims).await();
      Future.join(List.of(round)).await();

      assertThat(round.result().statusCode()).as(round.result().bodyAsString()).isEqualTo(201);
      assertThat(claims).allSatisfy(c -> assertThat(c.result().statusCode()).isIn(201, 409));

      Row need =
          one(
              "SELECT quantity, allocated, (SELECT coalesce(sum(quantity), 0) FROM allocations a"
                  + " WHERE a.need_id = n.id AND a.status IN"
                  + " ('proposed','confirmed','delivered','received','verified')) AS held FROM"
                  + " needs n WHERE id = $1",
              needId);
      Row pledge =
          one(
              "SELECT quantity, allocated, (SELECT coalesce(sum(quantity), 0) FROM allocations a"
                  + " WHERE a.pledge_id = p.id AND a.status IN"
                  + " ('proposed','confirmed','delivered','received','verified')) AS held FROM"
                  + " pledges p WHERE id = $1",
              pledgeId);
      Row cap =
          one(
              "SELECT max, allocated FROM village_caps WHERE village_id = $1 AND unit = 'CNY'",
              TestFixture.VILLAGE);

      assertThat(need.getLong("allocated"))
          .isEqualTo(need.getLong("held"))
          .isLessThanOrEqualTo(50_000);
      assertThat(pledge.getLong("allocated"))
          .isEqualTo(pledge.getLong("held"))
          .isLessThanOrEqualTo(45_000);
      assertThat(cap.getLong("allocated"))
          .isEqualTo(heldInVillage())
          .isLessThanOrEqualTo(cap.getLong("max"));
      // the pledge is the tightest limit, and the round or the claims use all of it
      assertThat(pledge.getLong("allocated")).isEqualTo(45_000);
      long claimed = claims.stream().filter(c -> c.result().statusCode() == 201).count() * 1_000;
      long proposed =
          one(
                  "SELECT coalesce(sum(quantity), 0) AS q FROM allocations WHERE pledge_id = $1 "
                      + "AND source = 'round'",
                  pledgeId)
              .getLong("q");
      assertThat(claimed + proposed).isEqualTo(45_000);
    }
    // and nowhere in the database does a counter differ from its allocations
    assertThat(
            one("SELECT count(*) AS n FROM needs n WHERE n.allocated <> (SELECT"
                    + " coalesce(sum(quantity), 0) FROM allocations a WHERE a.need_id = n.id AND"
                    + " a.status IN ('proposed','confirmed','delivered','received','verified'))")
                .getLong("n"))
        .isZero();
    assertThat(
            one("SELECT count(*) AS n FROM pledges p WHERE p.allocated <> (SELECT"
                    + " coalesce(sum(quantity), 0) FROM allocations a WHERE a.pledge_id = p.id AND"
                    + " a.status IN ('proposed','confirmed','delivered','received','verified'))")
                .getLong("n"))
        .isZero();
  }

  static long heldInVillage() {
    return one(
            "SELECT coalesce(sum(allocated), 0) AS q FROM needs WHERE village_id = $1 AND unit ="
                + " 'CNY'",
            TestFixture.VILLAGE)
        .getLong("q");
  }
}
