package org.bangfu.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Claims that arrive together are written together (one transaction, set-based: each claim decided
 * in arrival order against what the claims before it left, one statement per kind of row, one audit
 * append, one commit), and each donor still gets the answer of their own claim: totals stay exact,
 * a refused claim spoils nobody else's (a batch the database refuses is taken again claim by claim,
 * each under its own savepoint), and a batch that breaks half-way stores nothing and answers nobody
 * 201.
 *
 * <p>To know which claims share a batch, a test holds the audit chain's lock (as a long commit
 * would): a first claim waits for it inside its batch, the next claims queue up behind that batch,
 * and once the node reports them all waiting the lock is let go — they then form the next batch,
 * together.
 */
@DisplayName("Claims written in batches")
class ClaimBatchesTest {
  /** The audit chain's advisory lock (the audit_log trigger takes it for every append). */
  static final long CHAIN_LOCK = 4242001;

  static TestApp app;

  /** A client with room for every claim in flight at once (the default keeps five connections). */
  static WebClient client;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    client =
        WebClient.create(
            app.vertx(),
            new WebClientOptions().setDefaultHost("localhost").setDefaultPort(app.port()),
            new PoolOptions().setHttp1MaxSize(200));
  }

  @AfterAll
  static void stop() {
    client.close();
    app.close();
  }

  @Test
  @DisplayName(
      "150 claims at once on three needs, two pledges (one with a per-need maximum), new money and a"
          + " village cap: every total is the sum of the 201s, no limit passed, the chain intact")
  void raceOverEveryLimit() {
    setCap(TestFixture.VILLAGE, 60_000);
    List<Long> needs =
        List.of(
            need(Account.SECRETARY, TestFixture.VILLAGE, 20_000),
            need(Account.SECRETARY, TestFixture.VILLAGE, 20_000),
            need(Account.SECRETARY, TestFixture.VILLAGE, 30_000));
    long capped = pledge(Account.DONOR, 30_000, 8_000L);
    long plain = pledge(Account.DONOR, 25_000, null);
    Random random = new Random(20181017);
    List<Long> asked = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      long needId = needs.get(random.nextInt(needs.size()));
      long quantity = 500 + random.nextInt(2_500);
      JsonObject body = new JsonObject().put("quantity", quantity);
      switch (random.nextInt(3)) {
        case 0 -> body.put("pledgeId", capped);
        case 1 -> body.put("pledgeId", plain);
        default -> {} // new money
      }
      asked.add(quantity);
      calls.add(send(Account.DONOR, needId, body));
    }
    Future.join(calls).await();

    long granted = 0;
    int created = 0;
    Set<String> limits =
        Set.of(
            "quantity_exceeds_need",
            "quantity_exceeds_pledge",
            "max_per_need_reached",
            "village_cap_reached",
            "need_not_open");
    for (int i = 0; i < calls.size(); i++) {
      HttpResponse<Buffer> r = calls.get(i).result();
      if (r.statusCode() == 201) {
        created++;
        granted += asked.get(i);
        assertThat(r.bodyAsJsonObject().getLong("quantity")).isEqualTo(asked.get(i));
      } else {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
        assertThat(r.bodyAsJsonObject().getString("error")).isIn(limits);
      }
    }
    assertThat(created).as("some claims pass").isPositive().isLessThan(150);

    Long[] ids = needs.toArray(Long[]::new);
    Row totals =
        one(
            "SELECT coalesce(sum(quantity), 0) AS held, count(*) AS n FROM allocations"
                + " WHERE need_id = ANY($1)",
            Tuple.of((Object) ids));
    assertThat(totals.getLong("held")).as("allocated = the sum of the 201s").isEqualTo(granted);
    assertThat(totals.getLong("n")).isEqualTo(created);
    assertThat(
            one(
                    "SELECT allocated FROM village_caps WHERE village_id = $1 AND unit = 'CNY'",
                    Tuple.of(TestFixture.VILLAGE))
                .getLong("allocated"))
        .as("the cap holds what its village's needs hold, and no more than its maximum")
        .isEqualTo(granted)
        .isLessThanOrEqualTo(60_000);
    countersMatchAllocations(ids, new Long[] {capped, plain});
    assertThat(
            one(
                    "SELECT coalesce(max(g), 0) AS most FROM (SELECT sum(quantity) AS g FROM allocations"
                        + " WHERE pledge_id = $1 GROUP BY need_id) x",
                    Tuple.of(capped))
                .getLong("most"))
        .as("the per-need maximum held")
        .isLessThanOrEqualTo(8_000);
    chainIntact();
  }

  @Test
  @DisplayName(
      "a batch of eleven with one claim over the need, one on someone else's pledge and one the"
          + " database refuses: those three are refused with their own codes, the other eight are"
          + " stored")
  void oneRefusalSpoilsNoOther() {
    long blockerNeed = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 5_000);
    long needY = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 10_000);
    long needZ = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 5_000);
    long notMine = pledge(Account.OTHER_DONOR, 10_000, null);
    List<JsonObject> bodies = new ArrayList<>();
    List<Long> targets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(new JsonObject().put("quantity", 1_000));
      targets.add(needY);
    }
    bodies.add(new JsonObject().put("quantity", 5_001)); // 4: over what need Z lacks
    targets.add(needZ);
    bodies.add(new JsonObject().put("quantity", 10).put("pledgeId", notMine)); // 5: not theirs
    targets.add(needZ);
    bodies.add(new JsonObject().put("quantity", 555)); // 6: refused by the database (below)
    targets.add(needY);
    for (int i = 0; i < 4; i++) {
      bodies.add(new JsonObject().put("quantity", 1_000));
      targets.add(needY);
    }
    // a statement of the batch's transaction fails: only that claim's savepoint is rolled back
    sql(
        "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION"
            + " 'refused for the test' USING ERRCODE = 'check_violation'; END $$");
    sql(
        "CREATE TRIGGER test_refuse BEFORE INSERT ON allocations FOR EACH ROW"
            + " WHEN (NEW.quantity = 555) EXECUTE FUNCTION test_refuse()");
    long fallbacks = app.services().claims().fallbacks();
    List<HttpResponse<Buffer>> answers;
    try {
      answers = asOneBatch(blockerNeed, targets, bodies);
    } finally {
      sql("DROP TRIGGER test_refuse ON allocations");
      sql("DROP FUNCTION test_refuse()");
    }

    for (int i : new int[] {0, 1, 2, 3, 7, 8, 9, 10}) {
      assertThat(answers.get(i).statusCode()).as(answers.get(i).bodyAsString()).isEqualTo(201);
    }
    assertThat(answers.get(4).statusCode()).isEqualTo(409);
    assertThat(answers.get(4).bodyAsJsonObject().getString("error"))
        .isEqualTo("quantity_exceeds_need");
    assertThat(answers.get(4).bodyAsJsonObject().getJsonObject("params").getLong("left"))
        .isEqualTo(5_000);
    assertThat(answers.get(5).statusCode()).isEqualTo(403);
    assertThat(app.services().claims().fallbacks())
        .as("the batch the database refused was taken again claim by claim, once")
        .isEqualTo(fallbacks + 1);
    assertThat(answers.get(6).statusCode()).as(answers.get(6).bodyAsString()).isEqualTo(409);
    assertThat(answers.get(6).bodyAsJsonObject().getString("error"))
        .isEqualTo("refused_by_database");
    countersMatchAllocations(new Long[] {needY, needZ}, new Long[] {notMine});
    assertThat(allocated(needY)).isEqualTo(8_000);
    assertThat(allocated(needZ)).isZero();
    assertThat(
            one(
                    "SELECT count(*) AS n FROM pledges WHERE note = $1",
                    Tuple.of("claim of need " + needZ))
                .getLong("n"))
        .as("the refused claim's new pledge was rolled back with it")
        .isZero();
    assertThat(
            one(
                    "SELECT count(*) AS n FROM pledges WHERE note = $1",
                    Tuple.of("claim of need " + needY))
                .getLong("n"))
        .as("eight new pledges for the eight claims stored, none for the refused one")
        .isEqualTo(8);
    chainIntact();
  }

  @Test
  @DisplayName(
      "the database connection dies half-way through a batch: nothing of it is stored, all ten"
          + " callers get 503 with Retry-After, and the same claims then pass")
  void crashMidBatch() {
    long blockerNeed = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 5_000);
    long needW = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 20_000);
    List<JsonObject> bodies = new ArrayList<>();
    List<Long> targets = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      // the sixth claim's allocation kills its own connection (a trigger installed below)
      bodies.add(new JsonObject().put("quantity", i == 5 ? 777 : 1_000));
      targets.add(needW);
    }
    sql(
        "CREATE FUNCTION test_cut_connection() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5); RETURN NEW; END $$");
    sql(
        "CREATE TRIGGER test_cut_connection AFTER INSERT ON allocations FOR EACH ROW"
            + " WHEN (NEW.quantity = 777) EXECUTE FUNCTION test_cut_connection()");
    long fallbacks = app.services().claims().fallbacks();
    List<HttpResponse<Buffer>> answers;
    try {
      answers = asOneBatch(blockerNeed, targets, bodies);
    } finally {
      sql("DROP TRIGGER test_cut_connection ON allocations");
      sql("DROP FUNCTION test_cut_connection()");
    }

    for (HttpResponse<Buffer> r : answers) {
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unavailable");
      assertThat(r.getHeader("Retry-After")).isNotNull();
    }
    assertThat(app.services().claims().fallbacks())
        .as("a batch whose connection died is not taken again")
        .isEqualTo(fallbacks);
    assertThat(allocated(needW)).as("nothing of the broken batch is stored").isZero();
    assertThat(
            one("SELECT count(*) AS n FROM allocations WHERE need_id = $1", Tuple.of(needW))
                .getLong("n"))
        .isZero();
    assertThat(
            one(
                    "SELECT count(*) AS n FROM pledges WHERE note = $1",
                    Tuple.of("claim of need " + needW))
                .getLong("n"))
        .isZero();

    List<Future<HttpResponse<Buffer>>> again = new ArrayList<>();
    for (JsonObject body : bodies) {
      again.add(send(Account.DONOR, needW, body));
    }
    Future.join(again).await();
    again.forEach(f -> assertThat(f.result().statusCode()).isEqualTo(201));
    assertThat(allocated(needW)).isEqualTo(9 * 1_000 + 777);
    countersMatchAllocations(new Long[] {needW}, new Long[0]);
    chainIntact();
  }

  @Test
  @DisplayName(
      "one batch, one need of 5,000: 3,000 then 2,500 then 2,000 then 1 — the first and the third"
          + " pass, the second and the fourth are refused by what the claims before them left, in"
          + " arrival order; the batch is written set-based, nobody's claim taken again alone")
  void claimsOnOneNeedInArrivalOrder() {
    long blockerNeed = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 5_000);
    long needV = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 5_000);
    List<JsonObject> bodies =
        List.of(
            new JsonObject().put("quantity", 3_000),
            new JsonObject().put("quantity", 2_500),
            new JsonObject().put("quantity", 2_000),
            new JsonObject().put("quantity", 1));
    long fallbacks = app.services().claims().fallbacks();

    List<HttpResponse<Buffer>> answers =
        asOneBatch(blockerNeed, List.of(needV, needV, needV, needV), bodies);

    assertThat(answers.get(0).statusCode()).as(answers.get(0).bodyAsString()).isEqualTo(201);
    refused(answers.get(1), "quantity_exceeds_need", 2_000);
    assertThat(answers.get(2).statusCode()).as(answers.get(2).bodyAsString()).isEqualTo(201);
    refused(answers.get(3), "quantity_exceeds_need", 0);
    assertThat(allocated(needV)).isEqualTo(5_000);
    assertThat(one("SELECT status FROM needs WHERE id = $1", Tuple.of(needV)).getString("status"))
        .isEqualTo("allocated");
    assertThat(
            one(
                    "SELECT count(*) AS n FROM pledges WHERE note = $1",
                    Tuple.of("claim of need " + needV))
                .getLong("n"))
        .as("a new pledge for each claim that passed, none for the refused ones")
        .isEqualTo(2);
    assertThat(
            one(
                    "SELECT (after -> 'need' ->> 'allocated')::bigint AS before FROM audit_log"
                        + " WHERE entity = 'allocation' AND entity_id = $1 AND action = 'claim'",
                    Tuple.of(String.valueOf(answers.get(2).bodyAsJsonObject().getLong("id"))))
                .getLong("before"))
        .as("the third claim's audit row shows the need as the first claim left it")
        .isEqualTo(3_000);
    assertThat(app.services().claims().fallbacks())
        .as("written set-based: the database refused nothing")
        .isEqualTo(fallbacks);
    countersMatchAllocations(new Long[] {needV}, new Long[0]);
    chainIntact();
  }

  @Test
  @DisplayName(
      "one batch, the same donor's claims on one pledge: its maximum per need (2,000 then 1,500 of"
          + " 3,000 on one need: the second refused, 1,000 then passes) and its quantity (the rest"
          + " on other needs: the one past it refused) hold in arrival order")
  void oneDonorsClaimsOnOnePledge() {
    long blockerNeed = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 5_000);
    long needA = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 20_000);
    long needB = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 20_000);
    long pledge = pledge(Account.DONOR, 6_000, 3_000L);
    List<Long> targets = List.of(needA, needA, needA, needB, needB);
    List<JsonObject> bodies =
        List.of(
            new JsonObject().put("quantity", 2_000).put("pledgeId", pledge),
            new JsonObject().put("quantity", 1_500).put("pledgeId", pledge), // past 3,000 on A
            new JsonObject().put("quantity", 1_000).put("pledgeId", pledge), // A: 3,000 exactly
            new JsonObject().put("quantity", 2_500).put("pledgeId", pledge), // B: 5,500 of 6,000
            new JsonObject().put("quantity", 600).put("pledgeId", pledge)); // past the pledge
    long fallbacks = app.services().claims().fallbacks();

    List<HttpResponse<Buffer>> answers = asOneBatch(blockerNeed, targets, bodies);

    for (int i : new int[] {0, 2, 3}) {
      assertThat(answers.get(i).statusCode()).as(answers.get(i).bodyAsString()).isEqualTo(201);
    }
    refused(answers.get(1), "max_per_need_reached", 1_000);
    refused(answers.get(4), "quantity_exceeds_pledge", 500);
    assertThat(allocated(needA)).isEqualTo(3_000);
    assertThat(allocated(needB)).isEqualTo(2_500);
    assertThat(
            one("SELECT allocated FROM pledges WHERE id = $1", Tuple.of(pledge))
                .getLong("allocated"))
        .isEqualTo(5_500);
    assertThat(app.services().claims().fallbacks())
        .as("written set-based: the database refused nothing")
        .isEqualTo(fallbacks);
    countersMatchAllocations(new Long[] {needA, needB}, new Long[] {pledge});
    chainIntact();
  }

  /** A 409 with {@code code} naming how much was left. */
  static void refused(HttpResponse<Buffer> answer, String code, long left) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(409);
    JsonObject body = answer.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getJsonObject("params").getLong("left")).isEqualTo(left);
  }

  @Test
  @DisplayName(
      "a claim arriving while another writer holds its need waits for that writer's commit and"
          + " counts what it took: 3,000 asked where 1,000 is left is refused, set-based")
  void aBatchWaitsForTheNeedsLock() {
    long needU = need(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, 5_000);
    long pledge = pledge(Account.DONOR, 4_000, null);
    long fallbacks = app.services().claims().fallbacks();
    SqlConnection other = app.pool().getConnection().await();
    Future<HttpResponse<Buffer>> claim;
    try {
      // another writer (as a round would) takes 4,000 of the need and holds its row until commit
      other.query("BEGIN").execute().await();
      other
          .preparedQuery(
              "INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, status,"
                  + " confirmed_at) VALUES ($1, $2, 'claim', 'CNY', 4000, 'confirmed', now())")
          .execute(Tuple.of(needU, pledge))
          .await();
      other
          .preparedQuery("UPDATE pledges SET allocated = allocated + 4000 WHERE id = $1")
          .execute(Tuple.of(pledge))
          .await();
      other
          .preparedQuery(
              "UPDATE needs SET allocated = allocated + 4000, status = 'partly_allocated'"
                  + " WHERE id = $1")
          .execute(Tuple.of(needU))
          .await();
      claim = send(Account.DONOR, needU, new JsonObject().put("quantity", 3_000));
      until(
          "the claim's batch waits for the need's row",
          () ->
              one(
                          "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND pid <> pg_backend_pid()",
                          Tuple.tuple())
                      .getLong("n")
                  > 0);
      other.query("COMMIT").execute().await();
    } finally {
      other.close().await();
    }

    refused(claim.await(), "quantity_exceeds_need", 1_000);
    assertThat(app.services().claims().fallbacks())
        .as("decided under the need's lock, not refused by the database afterwards")
        .isEqualTo(fallbacks);
    assertThat(allocated(needU)).isEqualTo(4_000);
    countersMatchAllocations(new Long[] {needU}, new Long[] {pledge});
  }

  /**
   * Sends a first claim (new money, 100 on {@code blockerNeed}) while the test holds the chain's
   * lock, so its batch waits; then the claims, which queue up behind it; lets the lock go once all
   * of them wait, so they are written as the next batch, together. Answers their responses, in
   * order (the first claim's answer is checked: 201).
   */
  static List<HttpResponse<Buffer>> asOneBatch(
      long blockerNeed, List<Long> needs, List<JsonObject> bodies) {
    ClaimService service = app.services().claims();
    SqlConnection lock = app.pool().getConnection().await();
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    Future<HttpResponse<Buffer>> first;
    try {
      lock.query("SELECT pg_advisory_lock(" + CHAIN_LOCK + ")").execute().await();
      first = send(Account.DONOR, blockerNeed, new JsonObject().put("quantity", 100));
      until(
          "the first batch waits for the chain",
          () ->
              one(
                          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'"
                              + " AND objid::text::bigint = $1 AND NOT granted",
                          Tuple.of(CHAIN_LOCK))
                      .getLong("n")
                  == 1);
      for (int i = 0; i < bodies.size(); i++) {
        calls.add(send(Account.DONOR, needs.get(i), bodies.get(i)));
      }
      until("every claim waits for the next batch", () -> service.waiting() == bodies.size());
    } finally {
      lock.query("SELECT pg_advisory_unlock(" + CHAIN_LOCK + ")").execute().await();
      lock.close().await();
    }
    assertThat(first.await().statusCode()).isEqualTo(201);
    Future.join(calls).await();
    return calls.stream().map(Future::result).toList();
  }

  static void until(String what, BooleanSupplier condition) {
    for (int i = 0; i < 3_000; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      app.vertx().timer(10, TimeUnit.MILLISECONDS).await();
    }
    fail("waited 30 s for: " + what);
  }

  static Future<HttpResponse<Buffer>> send(Account donor, long needId, JsonObject body) {
    return client
        .post("/api/v1/needs/" + needId + "/claims")
        .bearerTokenAuthentication(app.token(donor))
        .sendJsonObject(body);
  }

  static long need(Account secretary, String village, long quantity) {
    return app.publishedNeed(secretary, village, "education", quantity, 3);
  }

  static long pledge(Account donor, long quantity, Long maxPerNeed) {
    JsonObject body =
        new JsonObject().put("unit", "CNY").put("quantity", quantity).put("mode", "earmarked");
    if (maxPerNeed != null) {
      body.put("maxPerNeed", maxPerNeed);
    }
    HttpResponse<Buffer> r = app.post("/api/v1/pledges", donor, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  static void setCap(String village, long max) {
    HttpResponse<Buffer> r =
        app.call(
            HttpMethod.PUT,
            "/api/v1/villages/" + village + "/caps/CNY",
            Account.REVIEWER,
            new JsonObject().put("max", max));
    assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201);
  }

  /**
   * Every need's and pledge's counter is the sum of its active allocations, within its quantity.
   */
  static void countersMatchAllocations(Long[] needIds, Long[] pledgeIds) {
    Row off =
        one(
            "SELECT (SELECT count(*) FROM needs n WHERE n.id = ANY($1) AND (n.allocated > n.quantity"
                + " OR n.allocated <> (SELECT coalesce(sum(quantity), 0) FROM allocations a"
                + " WHERE a.need_id = n.id AND a.status NOT IN ('declined', 'expired')))) AS needs,"
                + " (SELECT count(*) FROM pledges p WHERE (p.id = ANY($2) OR p.id IN (SELECT pledge_id"
                + " FROM allocations WHERE need_id = ANY($1))) AND (p.allocated > p.quantity"
                + " OR p.allocated <> (SELECT coalesce(sum(quantity), 0) FROM allocations a"
                + " WHERE a.pledge_id = p.id AND a.status NOT IN ('declined', 'expired')))) AS pledges",
            Tuple.of((Object) needIds, (Object) pledgeIds));
    assertThat(off.getLong("needs")).as("needs over-allocated or off their allocations").isZero();
    assertThat(off.getLong("pledges"))
        .as("pledges over-allocated or off their allocations")
        .isZero();
  }

  static long allocated(long needId) {
    return one("SELECT allocated FROM needs WHERE id = $1", Tuple.of(needId)).getLong("allocated");
  }

  static void chainIntact() {
    HttpResponse<Buffer> r = app.get("/api/v1/audit/verify", Account.AUDITOR);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getBoolean("intact")).as(r.bodyAsString()).isTrue();
  }

  static Row one(String sql, Tuple args) {
    return app.pool().preparedQuery(sql).execute(args).await().iterator().next();
  }

  static void sql(String statement) {
    app.pool().query(statement).execute().await();
  }
}
