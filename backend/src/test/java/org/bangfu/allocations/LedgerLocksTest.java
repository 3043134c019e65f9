package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.HeldRows;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ledger's row locks, not only the CHECK constraints, keep claims right: while another writer
 * holds a need or a pledge and changes it, a claim waits for it and then decides on what that
 * writer left, refusing with the limit it passes. Without the locks the claim would decide on what
 * it read before the other writer committed: it would be refused by a CHECK instead (the totals
 * saved, the reason lost), or, for a pledge's maximum per need, which no CHECK can see across two
 * transactions, let through.
 */
@DisplayName("The ledger's locks: a claim decides on what a concurrent writer left")
class LedgerLocksTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long earmarkedPledge(long quantity, Long maxPerNeed) {
    JsonObject body =
        new JsonObject().put("unit", "CNY").put("quantity", quantity).put("mode", "earmarked");
    if (maxPerNeed != null) {
      body.put("maxPerNeed", maxPerNeed);
    }
    HttpResponse<Buffer> r = app.post("/api/v1/pledges", Account.DONOR, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  static HttpResponse<Buffer> claimWhileHeld(
      String lockSql, String changeSql, Tuple args, long need, JsonObject claim) {
    return HeldRows.whileHeld(
        app,
        lockSql,
        changeSql,
        args,
        () ->
            app.client()
                .post("/api/v1/needs/" + need + "/claims")
                .bearerTokenAuthentication(app.token(Account.DONOR))
                .sendJsonObject(claim));
  }

  static void refusedWith(HttpResponse<Buffer> r, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("error"))
        .as("refused by the ledger's check on fresh figures, not by a CHECK on stale ones")
        .isEqualTo(code);
  }

  @Test
  @DisplayName("a need filled by another writer meanwhile: the claim is refused as too much")
  void needHeld() {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "industry", 10_000, 3);
    HttpResponse<Buffer> r =
        claimWhileHeld(
            "SELECT id FROM needs WHERE id = $1 FOR UPDATE",
            "UPDATE needs SET allocated = quantity WHERE id = $1",
            Tuple.of(need),
            need,
            new JsonObject().put("quantity", 1_000));
    refusedWith(r, "quantity_exceeds_need");
  }

  @Test
  @DisplayName("a pledge spent by another writer meanwhile: the claim is refused as too much")
  void pledgeHeld() {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "industry", 10_000, 3);
    long pledge = earmarkedPledge(5_000, null);
    HttpResponse<Buffer> r =
        claimWhileHeld(
            "SELECT id FROM pledges WHERE id = $1 FOR UPDATE",
            "UPDATE pledges SET allocated = quantity WHERE id = $1",
            Tuple.of(pledge),
            need,
            new JsonObject().put("pledgeId", pledge).put("quantity", 1_000));
    refusedWith(r, "quantity_exceeds_pledge");
  }

  @Test
  @DisplayName(
      "a pledge's maximum per need given by another writer meanwhile: the claim is refused, never over it")
  void maximumPerNeedHeld() {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "industry", 10_000, 3);
    long pledge = earmarkedPledge(20_000, 3_000L);
    HttpResponse<Buffer> r =
        claimWhileHeld(
            // another claim locks as the ledger does: the need, then the pledge
            "SELECT n.id FROM needs n, pledges p WHERE p.id = $1 AND n.id = $2 FOR UPDATE",
            "INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, status)"
                + " SELECT $2, $1, 'claim', 'CNY', 3000, 'confirmed'",
            Tuple.of(pledge, need),
            need,
            new JsonObject().put("pledgeId", pledge).put("quantity", 1_000));
    refusedWith(r, "max_per_need_reached");
    long given =
        app.pool()
            .preparedQuery(
                "SELECT sum(quantity) AS g FROM allocations WHERE pledge_id = $1 AND need_id = $2"
                    + " AND status NOT IN ('declined', 'expired')")
            .execute(Tuple.of(pledge, need))
            .await()
            .iterator()
            .next()
            .getLong("g");
    assertThat(given).isEqualTo(3_000);
  }
}
