package org.bangfu.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bangfu.expiry.ExpiryJob;
import org.bangfu.jobs.Job;
import org.bangfu.jobs.JobRunner;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Match rounds: one at a time across a cluster, caps respected, never over-allocating next to
 * claims.
 */
@DisplayName("Match rounds")
class MatchRoundTest {
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

  static long publishedNeed(String village, String category, long quantity, int priority) {
    Account sec = village.equals(TestFixture.VILLAGE) ? Account.SECRETARY : Account.OTHER_SECRETARY;
    return app.publishedNeed(sec, village, category, quantity, priority);
  }

  static Row one(String sql, Object... args) {
    return app.pool().preparedQuery(sql).execute(Tuple.from(args)).await().iterator().next();
  }

  @Test
  @DisplayName(
      "a second round while one runs is refused with 409; the lock is a database row, so it holds across nodes")
  void oneAtATime() {
    long running =
        one("INSERT INTO match_rounds (status) VALUES ('running') RETURNING id").getLong("id");
    HttpResponse<Buffer> refused =
        app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject());
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("conflict");
    app.pool()
        .preparedQuery("UPDATE match_rounds SET status = 'done', finished_at = now() WHERE id = $1")
        .execute(Tuple.of(running))
        .await();
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    // a round abandoned by a crashed node does not block for ever
    one(
        "INSERT INTO match_rounds (status, started_at) VALUES ('running', now() - interval '1 hour') RETURNING id");
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    assertThat(one("SELECT count(*) AS n FROM match_rounds WHERE status = 'running'").getLong("n"))
        .isZero();
  }

  @Test
  @DisplayName(
      "rounds fired together: exactly one runs at a time, every other gets 409 or runs after it")
  void concurrentRounds() {
    String token = app.token(Account.UNITED_FRONT);
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(
          app.client()
              .post("/api/v1/match-rounds")
              .bearerTokenAuthentication(token)
              .sendJsonObject(new JsonObject()));
    }
    Future.join(calls).await();
    List<Integer> codes = calls.stream().map(f -> f.result().statusCode()).toList();
    assertThat(codes).allMatch(c -> c == 201 || c == 409);
    assertThat(codes).contains(201);
  }

  @Test
  @DisplayName(
      "a village cap set through the API limits what a round gives and what claims take; it cannot go "
          + "below what is allocated; every change is audited; removed, it limits nothing")
  void villageCap() {
    String caps = "/api/v1/villages/" + TestFixture.VILLAGE + "/caps";
    long need = publishedNeed(TestFixture.VILLAGE, "collective", 80_000, 5);
    // what the village's needs already hold (earlier tests) counts against the cap from the start
    JsonObject first =
        ok(
            app.call(
                HttpMethod.PUT,
                caps + "/CNY",
                Account.REVIEWER,
                new JsonObject().put("max", 1_000_000_000L)),
            201);
    long held = first.getLong("allocated");
    assertThat(held)
        .isEqualTo(
            one(
                    "SELECT coalesce(sum(allocated), 0) AS s FROM needs WHERE village_id = $1",
                    TestFixture.VILLAGE)
                .getLong("s"));
    JsonObject cap =
        ok(
            app.call(
                HttpMethod.PUT,
                caps + "/CNY",
                Account.UNITED_FRONT,
                new JsonObject().put("max", held + 30_000)),
            200);
    assertThat(cap.getLong("remaining")).isEqualTo(30_000);

    ok(
        app.post(
            "/api/v1/pledges",
            Account.OTHER_DONOR,
            new JsonObject()
                .put("unit", "CNY")
                .put("quantity", 500_000)
                .put("categories", new JsonArray().add("collective"))),
        201);
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    assertThat(one("SELECT allocated FROM needs WHERE id = $1", need).getLong("allocated"))
        .isEqualTo(30_000);
    JsonObject seen = ok(app.get(caps, null), 200).getJsonArray("items").getJsonObject(0);
    assertThat(seen.getString("unit")).isEqualTo("CNY");
    assertThat(seen.getLong("allocated")).isEqualTo(held + 30_000).isEqualTo(seen.getLong("max"));
    assertThat(seen.getLong("remaining")).isZero();

    HttpResponse<Buffer> claim =
        app.post(
            "/api/v1/needs/" + need + "/claims",
            Account.DONOR,
            new JsonObject().put("quantity", 1));
    assertThat(claim.statusCode()).isEqualTo(409);
    assertThat(claim.bodyAsJsonObject().getString("message")).contains("cap");

    // below what is already allocated: refused, naming the field, and nothing changes
    HttpResponse<Buffer> below =
        app.call(
            HttpMethod.PUT,
            caps + "/CNY",
            Account.ADMIN,
            new JsonObject().put("max", held + 29_999));
    assertThat(below.statusCode()).isEqualTo(409);
    assertThat(below.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("max");
    assertThat(
            one("SELECT max FROM village_caps WHERE village_id = $1", TestFixture.VILLAGE)
                .getLong("max"))
        .isEqualTo(held + 30_000);

    // raised by 500: a claim of 500 fits, one more yuan does not
    ok(
        app.call(
            HttpMethod.PUT,
            caps + "/CNY",
            Account.REVIEWER,
            new JsonObject().put("max", held + 30_500)),
        200);
    ok(
        app.post(
            "/api/v1/needs/" + need + "/claims",
            Account.DONOR,
            new JsonObject().put("quantity", 500)),
        201);
    assertThat(
            app.post(
                    "/api/v1/needs/" + need + "/claims",
                    Account.DONOR,
                    new JsonObject().put("quantity", 1))
                .statusCode())
        .isEqualTo(409);

    assertThat(app.call(HttpMethod.DELETE, caps + "/CNY", Account.REVIEWER, null).statusCode())
        .isEqualTo(204);
    assertThat(ok(app.get(caps, null), 200).getJsonArray("items")).isEmpty();
    ok(
        app.post(
            "/api/v1/needs/" + need + "/claims",
            Account.DONOR,
            new JsonObject().put("quantity", 1)),
        201);
    JsonArray audit =
        ok(app.get("/api/v1/audit?entity=village_cap&size=100", Account.AUDITOR), 200)
            .getJsonArray("items");
    assertThat(audit.stream().map(a -> ((JsonObject) a).getString("action")).toList())
        .containsExactlyInAnyOrder("create", "update", "update", "delete");
  }

  @Test
  @DisplayName(
      "two rounds started at the same moment over HTTP: exactly one 201 and one 409, and the totals stay exact")
  void twoRoundsAtOnce() {
    long need = publishedNeed(TestFixture.OTHER_VILLAGE, "education", 12_000, 5);
    long pledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.OTHER_DONOR,
                    new JsonObject()
                        .put("unit", "CNY")
                        .put("quantity", 20_000)
                        .put("categories", new JsonArray().add("education"))),
                201)
            .getLong("id");
    long roundsBefore = one("SELECT count(*) AS n FROM match_rounds").getLong("n");
    // the winner will wait on this need's row lock when it writes, so both requests are surely in
    // flight together however fast the engine is (the loser must not wait for the winner to finish)
    SqlConnection blocker = app.pool().getConnection().await();
    Transaction held = blocker.begin().await();
    blocker
        .preparedQuery("SELECT id FROM needs WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(need))
        .await();
    String token = app.token(Account.UNITED_FRONT);
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      calls.add(
          app.client()
              .post("/api/v1/match-rounds")
              .bearerTokenAuthentication(token)
              .sendJsonObject(new JsonObject()));
    }
    try {
      Future.any(calls).timeout(30, TimeUnit.SECONDS).await();
      assertThat(
              calls.stream().filter(Future::isComplete).map(f -> f.result().statusCode()).toList())
          .as("while the first round runs")
          .containsExactly(409);
      assertThat(
              one("SELECT count(*) AS n FROM match_rounds WHERE status = 'running'").getLong("n"))
          .isEqualTo(1);
    } finally {
      held.rollback().compose(v -> blocker.close()).await();
    }
    Future.join(calls).timeout(60, TimeUnit.SECONDS).await();
    List<Integer> codes = calls.stream().map(f -> f.result().statusCode()).sorted().toList();
    assertThat(codes).containsExactly(201, 409);
    JsonObject round =
        calls.stream()
            .map(Future::result)
            .filter(r -> r.statusCode() == 201)
            .findFirst()
            .orElseThrow()
            .bodyAsJsonObject();
    assertThat(round.getString("status")).isEqualTo("done");
    assertThat(one("SELECT count(*) AS n FROM match_rounds").getLong("n"))
        .isEqualTo(roundsBefore + 1);
    Row written =
        one(
            "SELECT count(*) AS n, coalesce(sum(quantity) FILTER (WHERE unit = 'CNY'), 0) AS cny "
                + "FROM allocations WHERE round_id = $1",
            round.getLong("id"));
    assertThat(round.getInteger("allocationCount"))
        .isEqualTo((int) written.getLong("n").longValue());
    assertThat(round.getJsonObject("amountProposed").getLong("CNY", 0L))
        .isEqualTo(written.getLong("cny"));
    Row n =
        one(
            "SELECT allocated, (SELECT coalesce(sum(quantity), 0) FROM allocations a WHERE a.need_id = n.id "
                + "AND a.status IN ('proposed','confirmed','delivered','received','verified')) AS held FROM needs n WHERE id = $1",
            need);
    assertThat(n.getLong("allocated")).isEqualTo(12_000).isEqualTo(n.getLong("held"));
    Row p =
        one(
            "SELECT allocated, (SELECT coalesce(sum(quantity), 0) FROM allocations a WHERE a.pledge_id = p.id "
                + "AND a.status IN ('proposed','confirmed','delivered','received','verified')) AS held FROM pledges p WHERE id = $1",
            pledge);
    assertThat(p.getLong("allocated")).isEqualTo(p.getLong("held")).isLessThanOrEqualTo(20_000);
    Row bad =
        one(
            "SELECT count(*) AS n FROM needs n WHERE n.allocated <> (SELECT coalesce(sum(quantity), 0) FROM allocations a "
                + "WHERE a.need_id = n.id AND a.status IN ('proposed','confirmed','delivered','received','verified'))");
    assertThat(bad.getLong("n")).isZero();
  }

  @Test
  @DisplayName(
      "the expiry timer, deployed once per process, expires an overdue need without any round")
  void expiryTimer() {
    long late = publishedNeed(TestFixture.OTHER_VILLAGE, "ecommerce", 3_000, 2);
    app.pool()
        .preparedQuery("UPDATE needs SET deadline = current_date - 1 WHERE id = $1")
        .execute(Tuple.of(late))
        .await();
    ExpiryJob expiry = new ExpiryJob(app.services().expiry());
    Job soon =
        new Job() {
          public String name() {
            return expiry.name();
          }

          public java.time.Duration every() {
            return java.time.Duration.ofMinutes(1);
          }

          public java.time.Duration firstDelay() {
            return java.time.Duration.ofMillis(50);
          }

          public io.vertx.core.Future<Integer> run(java.time.Instant now) {
            return expiry.run(now);
          }
        };
    String id =
        app.vertx()
            .deployVerticle(
                new JobRunner(java.util.List.of(soon), java.time.Clock.systemDefaultZone()))
            .await();
    try {
      long deadline = System.currentTimeMillis() + 20_000;
      while (!one("SELECT status FROM needs WHERE id = $1", late)
              .getString("status")
              .equals("expired")
          && System.currentTimeMillis() < deadline) {
        app.vertx().timer(100).await();
      }
    } finally {
      app.vertx().undeploy(id).await();
    }
    assertThat(one("SELECT status FROM needs WHERE id = $1", late).getString("status"))
        .isEqualTo("expired");
    assertThat(
            ok(app.get("/api/v1/audit?entity=need&entityId=" + late, Account.AUDITOR), 200)
                .getJsonArray("items")
                .stream()
                .map(
                    a ->
                        ((JsonObject) a).getString("actor")
                            + ":"
                            + ((JsonObject) a).getString("action"))
                .toList())
        .contains("system:expire");
  }

  @Test
  @DisplayName(
      "claims racing a round never over-allocate: counters equal the allocations they hold")
  void claimsRacingARound() {
    long need = publishedNeed(TestFixture.OTHER_VILLAGE, "ecology", 40_000, 4);
    ok(
        app.post(
            "/api/v1/pledges",
            Account.OTHER_DONOR,
            new JsonObject()
                .put("unit", "CNY")
                .put("quantity", 100_000)
                .put("categories", new JsonArray().add("ecology"))),
        201);
    String donor = app.token(Account.DONOR);
    String uf = app.token(Account.UNITED_FRONT);
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    calls.add(
        app.client()
            .post("/api/v1/match-rounds")
            .bearerTokenAuthentication(uf)
            .sendJsonObject(new JsonObject()));
    for (int i = 0; i < 30; i++) {
      calls.add(
          app.client()
              .post("/api/v1/needs/" + need + "/claims")
              .bearerTokenAuthentication(donor)
              .sendJsonObject(new JsonObject().put("quantity", 2000)));
    }
    Future.join(calls).await();
    assertThat(calls.stream().map(f -> f.result().statusCode()).toList())
        .allMatch(c -> c == 201 || c == 409);
    Row n =
        one(
            "SELECT quantity, allocated, (SELECT coalesce(sum(quantity), 0) FROM allocations a WHERE a.need_id = n.id "
                + "AND a.status IN ('proposed','confirmed','delivered','received','verified')) AS held FROM needs n WHERE id = $1",
            need);
    assertThat(n.getLong("allocated"))
        .isEqualTo(n.getLong("held"))
        .isLessThanOrEqualTo(n.getLong("quantity"));
    assertThat(n.getLong("allocated")).isEqualTo(40_000);
    Row bad =
        one(
            "SELECT count(*) AS n FROM pledges p WHERE p.allocated <> (SELECT coalesce(sum(quantity), 0) FROM allocations a "
                + "WHERE a.pledge_id = p.id AND a.status IN ('proposed','confirmed','delivered','received','verified'))");
    assertThat(bad.getLong("n")).isZero();
  }

  @Test
  @DisplayName(
      "a round's proposals wait for their donor as one inbox item per round, saying how many wait,"
          + " due after the proposal days; still there while one waits, met when the last is answered")
  void proposalsWaitForTheirDonors() {
    long first = publishedNeed(TestFixture.VILLAGE, "ecommerce", 3_000, 5);
    long second = publishedNeed(TestFixture.OTHER_VILLAGE, "ecommerce", 2_000, 5);
    long round = roundAfterPledging(5_000);
    long donor = TestFixture.DONOR;
    List<Long> waiting = waitingOf(round);
    assertThat(
            one(
                    "SELECT count(*) FROM allocations WHERE round_id = $1 AND need_id IN ($2, $3)",
                    round,
                    first,
                    second)
                .getLong(0))
        .isEqualTo(2);
    assertThat(waiting.size()).isGreaterThanOrEqualTo(2);
    // one deadline per donor of the round, whatever its number of proposals, every column as the
    // donor's inbox shows it
    Row kept =
        one(
            """
            SELECT count(*) AS n,
                   count(*) FILTER (WHERE d.who_role = 'donor' AND d.who_donor = $3
                     AND d.subject_id = round_proposals_subject($1, $3) AND d.title = $1::bigint::text
                     AND d.who_region IS NULL AND d.who_village IS NULL AND d.who_user IS NULL
                     AND d.place IS NULL AND d.phase = 'on_time'
                     AND d.due_at = d.starts_at + make_interval(days => $2)
                     AND d.amber_at = d.starts_at + make_interval(days => $2) * 0.75
                     AND d.rule_setting = 'proposal_days' AND d.rule_value = $2
                     AND d.rule_unit = 'days') AS right
              FROM deadlines d
             WHERE d.kind = 'proposal_confirm' AND d.state = 'open' AND d.subject_type = 'round_proposals'
               AND split_part(d.subject_id, ':', 1) = $1::bigint::text""",
            round,
            org.bangfu.expiry.Expiry.PROPOSAL_DAYS,
            donor);
    long donors =
        one(
                "SELECT count(DISTINCT p.donor_id) FROM allocations a JOIN pledges p ON p.id = a.pledge_id"
                    + " WHERE a.round_id = $1",
                round)
            .getLong(0);
    assertThat(kept.getLong("n")).isEqualTo(donors);
    assertThat(kept.getLong("right")).isEqualTo(1);
    assertThat(
            one("SELECT count(*) FROM deadlines WHERE subject_type = 'allocation'"
                    + " AND kind = 'proposal_confirm'")
                .getLong(0))
        .isZero();
    assertThat(roundItem(round)).isNotNull();
    assertThat(roundItem(round).getJsonObject("proposals").getLong("waiting"))
        .isEqualTo(waiting.size());

    // each answer but the last leaves the item, one proposal fewer; the last meets it
    for (int i = 0; i < waiting.size(); i++) {
      String step = i % 2 == 0 ? "confirm" : "decline";
      ok(app.post("/api/v1/allocations/" + waiting.get(i) + "/" + step, Account.DONOR, null), 200);
      JsonObject item = roundItem(round);
      if (i < waiting.size() - 1) {
        assertThat(item).as("after " + (i + 1) + " answers").isNotNull();
        assertThat(item.getJsonObject("proposals").getLong("waiting"))
            .isEqualTo(waiting.size() - i - 1);
      } else {
        assertThat(item).as("after the last answer").isNull();
      }
    }
    assertThat(
            one(
                    "SELECT state FROM deadlines WHERE kind = 'proposal_confirm'"
                        + " AND subject_id = round_proposals_subject($1, $2)",
                    round,
                    donor)
                .getString(0))
        .isEqualTo("met");
  }

  @Test
  @DisplayName(
      "an answer to a round's proposal waits while another transaction holds the round's deadline"
          + " (a closing of it) and decides after it; the item closes at the last answer")
  void answerWaitsForTheRoundsDeadline() {
    publishedNeed(TestFixture.VILLAGE, "ecommerce", 1_000, 5);
    publishedNeed(TestFixture.OTHER_VILLAGE, "ecommerce", 1_000, 5);
    long round = roundAfterPledging(2_000);
    List<Long> waiting = waitingOf(round);
    assertThat(waiting.size()).isGreaterThanOrEqualTo(2);
    for (long id : waiting.subList(0, waiting.size() - 2)) {
      ok(app.post("/api/v1/allocations/" + id + "/decline", Account.DONOR, null), 200);
    }
    long other = waiting.get(waiting.size() - 2);
    long last = waiting.get(waiting.size() - 1);
    // another transaction holds the round's deadline, as a closing does, while the donor's answer
    // to one of the two comes in, and commits once that answer waits for it: the answer counts what
    // still waits only after the lock, so it sees what the other transaction committed (here the
    // other proposal still waiting) and leaves the item open
    HttpResponse<Buffer> answer =
        org.bangfu.testing.HeldRows.whileHeld(
            app,
            "SELECT id FROM deadlines WHERE kind = 'proposal_confirm' AND state = 'open'"
                + " AND subject_id = round_proposals_subject($1, $2) AND $3::bigint > 0 FOR UPDATE",
            "SELECT $1::bigint, $2::bigint, $3::bigint",
            Tuple.of(round, TestFixture.DONOR, other),
            () ->
                app.client()
                    .post("/api/v1/allocations/" + last + "/decline")
                    .putHeader("Authorization", "Bearer " + app.token(Account.DONOR))
                    .send());
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(roundItem(round).getJsonObject("proposals").getLong("waiting")).isEqualTo(1);
    ok(app.post("/api/v1/allocations/" + other + "/decline", Account.DONOR, null), 200);
    assertThat(
            one(
                    "SELECT state FROM deadlines WHERE kind = 'proposal_confirm'"
                        + " AND subject_id = round_proposals_subject($1, $2)",
                    round,
                    TestFixture.DONOR)
                .getString(0))
        .isEqualTo("met");
    assertThat(roundItem(round)).isNull();
  }

  /**
   * Whatever ended the proposals (a withdrawal, an expiry), a donor's deadline of a round is open
   * exactly while one of its proposals waits: none open with nothing waiting, none missing, and the
   * ones closed by an end cancelled.
   */
  static void proposalsDeadlinesFollowWhatWaits() {
    Row r =
        one(
            """
            SELECT count(*) FILTER (WHERE d.state = 'open' AND round_proposals_waiting(d.subject_id) = 0) AS stale,
                   (SELECT count(*) FROM (SELECT DISTINCT a.round_id, p.donor_id FROM allocations a
                      JOIN pledges p ON p.id = a.pledge_id WHERE a.status = 'proposed') w
                     WHERE NOT EXISTS (SELECT 1 FROM deadlines x WHERE x.kind = 'proposal_confirm'
                       AND x.state = 'open' AND x.subject_id = round_proposals_subject(w.round_id, w.donor_id)))
                     AS missing,
                   count(*) FILTER (WHERE d.state = 'cancelled') AS cancelled
              FROM deadlines d WHERE d.kind = 'proposal_confirm' AND d.subject_type = 'round_proposals'""");
    assertThat(r.getLong("stale")).as("open with nothing waiting").isZero();
    assertThat(r.getLong("missing")).as("waiting without a deadline").isZero();
    assertThat(r.getLong("cancelled")).as("closed by an end").isPositive();
  }

  /** The donor pledges {@code quantity} yuan for e-commerce needs, then a round runs: its id. */
  static long roundAfterPledging(long quantity) {
    ok(
        app.post(
            "/api/v1/pledges",
            Account.DONOR,
            new JsonObject()
                .put("unit", "CNY")
                .put("quantity", quantity)
                .put("categories", new JsonArray().add("ecommerce"))),
        201);
    return ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201)
        .getLong("id");
  }

  /** The donor's proposals of {@code round} still waiting for an answer, by id. */
  static List<Long> waitingOf(long round) {
    List<Long> waiting = new ArrayList<>();
    app.pool()
        .preparedQuery(
            "SELECT a.id FROM allocations a JOIN pledges p ON p.id = a.pledge_id"
                + " WHERE a.round_id = $1 AND p.donor_id = $2 AND a.status = 'proposed' ORDER BY a.id")
        .execute(Tuple.of(round, TestFixture.DONOR))
        .await()
        .forEach(r -> waiting.add(r.getLong(0)));
    return waiting;
  }

  /** The donor's inbox item of the proposals of {@code round}; null when there is none. */
  static JsonObject roundItem(long round) {
    JsonObject inbox =
        ok(app.get("/api/v1/notifications?kind=proposal_confirm&size=100", Account.DONOR), 200);
    return inbox.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(i -> i.getString("subjectId").startsWith(round + ":"))
        .reduce(
            null,
            (found, i) -> {
              assertThat(found).as("one item per round").isNull();
              return i;
            });
  }

  @Test
  @DisplayName(
      "withdrawing a need or a pledge expires its proposed allocations and frees exactly what they held")
  void withdrawFrees() {
    long need = publishedNeed(TestFixture.VILLAGE, "tourism", 10_000, 5);
    long pledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.DONOR,
                    new JsonObject()
                        .put("unit", "CNY")
                        .put("quantity", 15_000)
                        .put("categories", new JsonArray().add("tourism"))),
                201)
            .getLong("id");
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    assertThat(one("SELECT allocated FROM needs WHERE id = $1", need).getLong("allocated"))
        .isEqualTo(10_000);
    ok(app.post("/api/v1/needs/" + need + "/withdraw", Account.SECRETARY, null), 200);
    assertThat(one("SELECT allocated, status FROM needs WHERE id = $1", need).getString("status"))
        .isEqualTo("withdrawn");
    JsonObject p = ok(app.get("/api/v1/pledges/" + pledge, Account.DONOR), 200);
    assertThat(p.getLong("allocated")).isZero();
    assertThat(p.getLong("remaining")).isEqualTo(15_000);
    // and the other way round: the pledge withdrawn frees the need
    long need2 = publishedNeed(TestFixture.VILLAGE, "tourism", 5_000, 5);
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    assertThat(one("SELECT allocated FROM needs WHERE id = $1", need2).getLong("allocated"))
        .isEqualTo(5_000);
    ok(app.post("/api/v1/pledges/" + pledge + "/withdraw", Account.DONOR, null), 200);
    Row n2 = one("SELECT allocated, status FROM needs WHERE id = $1", need2);
    assertThat(n2.getLong("allocated")).isZero();
    assertThat(n2.getString("status")).isEqualTo("published");
    assertThat(
            one(
                    "SELECT count(*) AS n FROM allocations WHERE pledge_id = $1 AND status = 'expired'",
                    pledge)
                .getLong("n"))
        .isEqualTo(2);
    proposalsDeadlinesFollowWhatWaits();
    HttpResponse<Buffer> again =
        app.post("/api/v1/pledges/" + pledge + "/withdraw", Account.DONOR, null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("message")).contains("withdrawn");
  }

  @Test
  @DisplayName(
      "a pledge past its date expires before the next round: its proposals give back exactly what they held")
  void pledgeExpiry() {
    long need = publishedNeed(TestFixture.VILLAGE, "relocation", 7_000, 4);
    long pledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.DONOR,
                    new JsonObject()
                        .put("unit", "CNY")
                        .put("quantity", 9_000)
                        .put("categories", new JsonArray().add("relocation"))),
                201)
            .getLong("id");
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    assertThat(one("SELECT allocated FROM needs WHERE id = $1", need).getLong("allocated"))
        .isEqualTo(7_000);
    app.pool()
        .preparedQuery("UPDATE pledges SET expires = current_date - 1 WHERE id = $1")
        .execute(Tuple.of(pledge))
        .await();
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    JsonObject p = ok(app.get("/api/v1/pledges/" + pledge, Account.DONOR), 200);
    assertThat(p.getString("status")).isEqualTo("expired");
    assertThat(p.getLong("allocated")).isZero();
    Row n = one("SELECT allocated, status FROM needs WHERE id = $1", need);
    assertThat(n.getLong("allocated")).isZero();
    assertThat(n.getString("status")).isEqualTo("published");
    assertThat(
            one(
                    "SELECT count(*) AS n FROM allocations WHERE pledge_id = $1 AND status = 'expired'",
                    pledge)
                .getLong("n"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a need past its deadline and a proposal nobody confirmed expire, freeing exactly what they held")
  void expiry() {
    long late = publishedNeed(TestFixture.OTHER_VILLAGE, "microcredit", 6_000, 3);
    long stale = publishedNeed(TestFixture.OTHER_VILLAGE, "microcredit", 4_000, 3);
    long pledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.DONOR,
                    new JsonObject()
                        .put("unit", "CNY")
                        .put("quantity", 10_000)
                        .put("categories", new JsonArray().add("microcredit"))),
                201)
            .getLong("id");
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    assertThat(one("SELECT allocated FROM pledges WHERE id = $1", pledge).getLong("allocated"))
        .isEqualTo(10_000);
    app.pool()
        .preparedQuery("UPDATE needs SET deadline = current_date - 1 WHERE id = $1")
        .execute(Tuple.of(late))
        .await();
    app.pool()
        .preparedQuery(
            "UPDATE allocations SET created_at = now() - interval '20 days' WHERE need_id = $1")
        .execute(Tuple.of(stale))
        .await();
    // the next round expires both first; the stale need is then proposed again, the late one not
    ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 201);
    Row l = one("SELECT allocated, status FROM needs WHERE id = $1", late);
    assertThat(l.getString("status")).isEqualTo("expired");
    assertThat(l.getLong("allocated")).isZero();
    assertThat(
            one(
                    "SELECT count(*) AS n FROM allocations WHERE need_id = $1 AND status = 'expired'",
                    stale)
                .getLong("n"))
        .isEqualTo(1);
    assertThat(one("SELECT allocated FROM needs WHERE id = $1", stale).getLong("allocated"))
        .isEqualTo(4_000);
    assertThat(one("SELECT allocated FROM pledges WHERE id = $1", pledge).getLong("allocated"))
        .isEqualTo(4_000);
    // a deadline in the past is refused up front
    HttpResponse<Buffer> past =
        app.post(
            "/api/v1/needs",
            Account.SECRETARY,
            new JsonObject()
                .put("villageId", TestFixture.VILLAGE)
                .put("category", "health")
                .put("unit", "CNY")
                .put("quantity", 1)
                .put("priority", 1)
                .put("title", "x")
                .put("deadline", "2018-10-17"));
    assertThat(past.statusCode()).isEqualTo(400);
    proposalsDeadlinesFollowWhatWaits();
  }

  @Test
  @DisplayName("the audit trail is append-only, and editing a row behind its back is detected")
  void tamperEvidence() {
    publishedNeed(TestFixture.VILLAGE, "health", 1_000, 1);
    var refused =
        app.pool()
            .query("UPDATE audit_log SET actor = 'someone' WHERE id = 1")
            .execute()
            .otherwiseEmpty()
            .await();
    assertThat(refused).isNull();
    assertThat(ok(app.get("/api/v1/audit/verify", Account.AUDITOR), 200).getBoolean("intact"))
        .isTrue();
    long victim = one("SELECT max(id) - 1 AS id FROM audit_log").getLong("id");
    app.pool()
        .query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
        .execute()
        .await();
    app.pool()
        .preparedQuery("UPDATE audit_log SET after = '{\"status\":\"forged\"}' WHERE id = $1")
        .execute(Tuple.of(victim))
        .await();
    app.pool()
        .query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        .execute()
        .await();
    JsonObject check = ok(app.get("/api/v1/audit/verify", Account.AUDITOR), 200);
    assertThat(check.getBoolean("intact")).isFalse();
    assertThat(check.getLong("firstBrokenId")).isEqualTo(victim);
  }
}
