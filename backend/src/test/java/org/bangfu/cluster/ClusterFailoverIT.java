package org.bangfu.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.PoolFactory;
import org.bangfu.testing.TestDatabase;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Bangfu nodes as separate processes (the packaged jar) on 127.0.0.1, clustered over
 * Hazelcast, sharing one PostgreSQL; a client spreads requests over them and retries on another
 * node what a dead node refused. Nodes are killed with SIGKILL during a burst of claims, during a
 * match round, and while holding the scheduler; afterwards nothing is lost or counted twice.
 */
@DisplayName("Three nodes as processes: a node killed mid-work costs nobody anything")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {
  static final String JWT = "cluster-it-secret-cluster-it-secret-0123456789";
  static Vertx vertx;
  static DatabaseUrl db;
  static Pool pool;
  static WebClient client;
  static final List<Node> nodes = new ArrayList<>();
  static Path dataDir;

  record Node(String name, int port, Process process) {
    boolean alive() {
      return process.isAlive();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    db = TestDatabase.create();
    pool = PoolFactory.create(vertx, db, 4);
    TestFixture.load(pool).await();
    client =
        WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2000).setIdleTimeout(30));
    dataDir = Files.createTempDirectory("bangfu-cluster-it");
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    String dataKey = Base64.getEncoder().encodeToString(key);
    // the audit-signing key too, so no node writes a key file while another reads it
    var ed25519 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String auditKey =
        Base64.getEncoder().encodeToString(ed25519.getPrivate().getEncoded())
            + ":"
            + Base64.getEncoder().encodeToString(ed25519.getPublic().getEncoded());
    int[] hz = {freePort(), freePort(), freePort()};
    String members = "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1] + ",127.0.0.1:" + hz[2];
    String clusterName =
        "it-" + System.nanoTime(); // one name for the three, unlike any other run's
    for (int i = 0; i < 3; i++) {
      int port = freePort();
      Map<String, String> env = new HashMap<>();
      env.put(
          "DATABASE_URL",
          "postgresql://"
              + db.user()
              + ":"
              + db.password()
              + "@"
              + db.host()
              + ":"
              + db.port()
              + "/"
              + db.database());
      env.put("BANGFU_PORT", String.valueOf(port));
      env.put("BANGFU_HOST", "127.0.0.1");
      env.put("BANGFU_HTTP_INSTANCES", "1");
      env.put("BANGFU_DB_POOL_SIZE", "4");
      env.put("BANGFU_DEMO_DATA", "off");
      env.put("BANGFU_JWT_SECRET", JWT);
      env.put("BANGFU_DATA_KEY", dataKey);
      env.put("BANGFU_AUDIT_KEY", auditKey);
      env.put("BANGFU_DATA_DIR", dataDir.toString());
      env.put("BANGFU_CLUSTER", "true");
      env.put("BANGFU_CLUSTER_HOST", "127.0.0.1");
      env.put("BANGFU_CLUSTER_PORT", String.valueOf(hz[i]));
      env.put("BANGFU_CLUSTER_MEMBERS", members);
      env.put("BANGFU_CLUSTER_NAME", clusterName);
      env.put("BANGFU_NODE_NAME", "node" + (i + 1));
      nodes.add(new Node("node" + (i + 1), port, spawn(env, "node" + (i + 1))));
    }
    for (Node n : nodes) {
      waitReady(n);
    }
  }

  static Process spawn(Map<String, String> env, String name) throws Exception {
    String jar = System.getProperty("bangfu.jar", "target/bangfu.jar");
    assertThat(new File(jar)).as("the packaged jar").exists();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-jar",
            jar,
            "serve");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dataDir.resolve(name + ".log").toFile());
    return pb.start();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void waitReady(Node n) throws Exception {
    long until =
        System.currentTimeMillis() + 240_000; // three JVMs and Hazelcast on a busy 2-core machine
    while (System.currentTimeMillis() < until) {
      try {
        if (client.get(n.port(), "127.0.0.1", "/health/ready").send().await().statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) { // await() rethrows the connect failure as it is
        // not listening yet
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException(
        n.name() + " did not become ready; see " + dataDir.resolve(n.name() + ".log"));
  }

  @AfterAll
  static void stop() {
    for (Node n : nodes) {
      n.process().destroy();
    }
    for (Node n : nodes) {
      try {
        n.process().waitFor(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      n.process().destroyForcibly();
    }
    if (pool != null) {
      pool.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  /**
   * What one request came to: the answer (null when no node answered) and how many attempts were
   * lost on the way — sent to a node that died before answering, so each may or may not have been
   * carried out (in flight).
   */
  record Outcome(HttpResponse<Buffer> answer, int lost) {}

  /** A request sent to the next node; a failed connection is tried on the next one. */
  static Outcome send(String method, String path, String token, JsonObject body, int turn) {
    int lost = 0;
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(Math.floorMod(turn + i, nodes.size()));
      try {
        var req =
            client.request(
                io.vertx.core.http.HttpMethod.valueOf(method), n.port(), "127.0.0.1", path);
        if (token != null) {
          req.bearerTokenAuthentication(token);
        }
        return new Outcome((body == null ? req.send() : req.sendJsonObject(body)).await(), lost);
      } catch (Exception failed) { // await() rethrows the connect failure as it is
        lost++; // the node is gone (or going): try the next one
      }
    }
    return new Outcome(null, lost);
  }

  static HttpResponse<Buffer> call(
      String method, String path, String token, JsonObject body, int turn) {
    Outcome o = send(method, path, token, body, turn);
    if (o.answer() == null) {
      throw new IllegalStateException("no node answered " + method + " " + path);
    }
    return o.answer();
  }

  static String token(String username) {
    return call(
            "POST",
            "/api/v1/auth/login",
            null,
            new JsonObject().put("username", username).put("password", TestFixture.PASSWORD),
            0)
        .bodyAsJsonObject()
        .getString("token");
  }

  static long insertNeed(long quantity) {
    return pool.preparedQuery(
            "INSERT INTO needs (village_id, category, unit, quantity, priority, title, status, "
                + "published_at) VALUES ($1, 'education', 'CNY', $2, 3, '集群测试', 'published', now()) RETURNING id")
        .execute(Tuple.of(TestFixture.VILLAGE, quantity))
        .await()
        .iterator()
        .next()
        .getLong("id");
  }

  static long insertPledge(long donor, long quantity, String mode) {
    return pool.preparedQuery(
            "INSERT INTO pledges (donor_id, unit, quantity, mode) VALUES ($1, 'CNY', $2, $3) "
                + "RETURNING id")
        .execute(Tuple.of(donor, quantity, mode))
        .await()
        .iterator()
        .next()
        .getLong("id");
  }

  static void assertLedgerHolds() {
    Row bad =
        pool.query(
                """
        SELECT (SELECT count(*) FROM needs n WHERE n.allocated <> coalesce((SELECT sum(quantity) FROM allocations a
                  WHERE a.need_id = n.id AND a.status IN ('proposed','confirmed','delivered','received','verified')), 0)) AS needs,
               (SELECT count(*) FROM pledges p WHERE p.allocated <> coalesce((SELECT sum(quantity) FROM allocations a
                  WHERE a.pledge_id = p.id AND a.status IN ('proposed','confirmed','delivered','received','verified')), 0)) AS pledges""")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(bad.getLong("needs"))
        .as("needs whose counter differs from their allocations")
        .isZero();
    assertThat(bad.getLong("pledges"))
        .as("pledges whose counter differs from their allocations")
        .isZero();
    HttpResponse<Buffer> verify =
        call("GET", "/api/v1/audit/verify", token(TestFixture.Account.AUDITOR.username), null, 0);
    assertThat(verify.bodyAsJsonObject().getBoolean("intact"))
        .as("the audit chain verifies")
        .isTrue();
  }

  /** A claim as sent: which need, how much (every claim of the burst asks a different amount). */
  record Claim(long need, long quantity) {}

  /** An allocation as stored. */
  record Stored(long id, long need, long pledge, long quantity, String unit, String status) {}

  static List<Stored> storedOf(long pledge) {
    List<Stored> out = new ArrayList<>();
    pool.preparedQuery(
            "SELECT id, need_id, pledge_id, quantity, unit, status FROM allocations WHERE pledge_id = $1")
        .execute(Tuple.of(pledge))
        .await()
        .forEach(
            r ->
                out.add(
                    new Stored(
                        r.getLong("id"),
                        r.getLong("need_id"),
                        r.getLong("pledge_id"),
                        r.getLong("quantity"),
                        r.getString("unit"),
                        r.getString("status"))));
    return out;
  }

  @Test
  @Order(1)
  @DisplayName(
      "a node killed during a burst of claims: what was acknowledged is stored as answered, nothing else but what was in flight")
  void claimsBurst() throws Exception {
    String donor = token(TestFixture.Account.DONOR.username);
    long pledge = insertPledge(TestFixture.DONOR, 1_000_000, "pooled");
    List<Long> needs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      needs.add(insertNeed(50_000));
    }
    Map<Long, Claim> asked = new ConcurrentHashMap<>(); // acknowledged id → the claim sent
    Map<Long, JsonObject> answers = new ConcurrentHashMap<>(); // acknowledged id → its answer
    List<Claim> inFlight = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refused = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(6);
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      int client = c;
      work.add(
          clients.submit(
              () -> {
                for (int k = 0; k < 20; k++) {
                  Claim claim =
                      new Claim(
                          needs.get((client * 7 + k) % needs.size()), 1_000 + client * 20 + k);
                  Outcome o =
                      send(
                          "POST",
                          "/api/v1/needs/" + claim.need() + "/claims",
                          donor,
                          new JsonObject()
                              .put("pledgeId", pledge)
                              .put("quantity", claim.quantity()),
                          client + k);
                  for (int lost = 0; lost < o.lost(); lost++) {
                    inFlight.add(claim);
                  }
                  if (o.answer() != null && o.answer().statusCode() == 201) {
                    JsonObject answer = o.answer().bodyAsJsonObject();
                    asked.put(answer.getLong("id"), claim);
                    answers.put(answer.getLong("id"), answer);
                  } else {
                    refused.incrementAndGet();
                  }
                }
              }));
    }
    Thread.sleep(400);
    nodes.get(1).process().destroyForcibly(); // SIGKILL in the middle of the burst
    for (Future<?> f : work) {
      f.get(120, TimeUnit.SECONDS);
    }
    clients.shutdown();
    assertThat(answers).as("claims answered 2xx").isNotEmpty();
    List<Stored> stored = storedOf(pledge);
    assertAcknowledgedStored(pledge, asked, answers, stored);
    assertOnlyAcknowledgedOrInFlight(answers.keySet(), inFlight, stored);
    long held =
        pool.preparedQuery("SELECT allocated FROM pledges WHERE id = $1")
            .execute(Tuple.of(pledge))
            .await()
            .iterator()
            .next()
            .getLong("allocated");
    assertThat(held)
        .as("the pledge holds the sum of its allocations")
        .isEqualTo(stored.stream().mapToLong(Stored::quantity).sum());
    for (long need : needs) {
      long allocated =
          pool.preparedQuery("SELECT allocated FROM needs WHERE id = $1")
              .execute(Tuple.of(need))
              .await()
              .iterator()
              .next()
              .getLong(0);
      assertThat(allocated)
          .as("need %d holds the sum of its allocations", need)
          .isEqualTo(
              stored.stream().filter(a -> a.need() == need).mapToLong(Stored::quantity).sum());
    }
    assertLedgerHolds();
  }

  /** Every 2xx answer is stored exactly as answered: the need, the pledge, the quantity asked. */
  static void assertAcknowledgedStored(
      long pledge, Map<Long, Claim> asked, Map<Long, JsonObject> answers, List<Stored> stored) {
    Map<Long, Stored> byId = new HashMap<>();
    stored.forEach(a -> byId.put(a.id(), a));
    assertThat(byId).as("allocation ids are unique").hasSameSizeAs(stored);
    for (var e : answers.entrySet()) {
      JsonObject answer = e.getValue();
      Claim claim = asked.get(e.getKey());
      Stored row = byId.get(e.getKey());
      assertThat(row).as("acknowledged allocation %d is stored", e.getKey()).isNotNull();
      assertThat(answer.getLong("needId")).isEqualTo(claim.need()).isEqualTo(row.need());
      assertThat(answer.getLong("pledgeId")).isEqualTo(pledge).isEqualTo(row.pledge());
      assertThat(answer.getLong("quantity")).isEqualTo(claim.quantity()).isEqualTo(row.quantity());
      assertThat(answer.getString("unit")).isEqualTo("CNY").isEqualTo(row.unit());
      assertThat(answer.getString("status")).isEqualTo("confirmed").isEqualTo(row.status());
    }
  }

  /**
   * Nothing is stored that was not acknowledged, except what was in flight when a node died: each
   * stored allocation without an answer matches one lost attempt (need and amount), once.
   */
  static void assertOnlyAcknowledgedOrInFlight(
      Set<Long> acknowledged, List<Claim> inFlight, List<Stored> stored) {
    List<Claim> unclaimed = new ArrayList<>(inFlight);
    for (Stored a : stored) {
      if (acknowledged.contains(a.id())) {
        continue;
      }
      assertThat(unclaimed.remove(new Claim(a.need(), a.quantity())))
          .as("allocation %s was neither acknowledged nor in flight (lost: %s)", a, inFlight)
          .isTrue();
    }
  }

  @Test
  @Order(2)
  @DisplayName(
      "a node killed during a round: the round is failed or finished and a new one starts on another node")
  void roundSurvivesNode() throws Exception {
    for (int i = 0; i < 30; i++) {
      insertNeed(20_000 + i);
    }
    insertPledge(TestFixture.OTHER_DONOR, 300_000, "pooled");
    String unitedFront = token(TestFixture.Account.UNITED_FRONT.username);
    Node victim = nodes.get(2);
    var running =
        client
            .post(victim.port(), "127.0.0.1", "/api/v1/match-rounds")
            .bearerTokenAuthentication(unitedFront)
            .sendJsonObject(new JsonObject());
    Thread.sleep(150);
    victim.process().destroyForcibly();
    try {
      running.await();
    } catch (Exception expected) {
      // the node died under the request
    }
    int status = 0;
    HttpResponse<Buffer> answered = null;
    long until = System.currentTimeMillis() + 30_000;
    while (status != 201 && System.currentTimeMillis() < until) {
      answered =
          client
              .post(nodes.get(0).port(), "127.0.0.1", "/api/v1/match-rounds")
              .bearerTokenAuthentication(unitedFront)
              .sendJsonObject(new JsonObject())
              .await();
      status = answered.statusCode();
      if (status != 201) {
        Thread.sleep(500);
      }
    }
    assertThat(status).as("a new round runs within 30 s").isEqualTo(201);
    assertRoundStoredAsAnswered(answered.bodyAsJsonObject());
    long stillRunning =
        pool.query("SELECT count(*) FROM match_rounds WHERE status = 'running'")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong(0);
    assertThat(stillRunning).as("no round is left running").isZero();
    assertLedgerHolds();
  }

  /**
   * The round that was answered is stored as answered: done, with as many proposals as it said and
   * the amounts it said; a round of the dead node left no proposal unless it finished.
   */
  static void assertRoundStoredAsAnswered(JsonObject round) {
    long id = round.getLong("id");
    Row stored =
        pool.preparedQuery(
                """
                SELECT r.status, r.allocation_count,
                       (SELECT count(*) FROM allocations a WHERE a.round_id = r.id) AS proposals,
                       (SELECT coalesce(sum(a.quantity), 0) FROM allocations a
                         WHERE a.round_id = r.id AND a.unit = 'CNY') AS yuan
                  FROM match_rounds r WHERE r.id = $1""")
            .execute(Tuple.of(id))
            .await()
            .iterator()
            .next();
    assertThat(stored.getString("status")).isEqualTo(round.getString("status")).isEqualTo("done");
    assertThat(stored.getLong("proposals"))
        .isEqualTo(round.getLong("allocationCount"))
        .isEqualTo(stored.getInteger("allocation_count").longValue());
    assertThat(stored.getLong("yuan"))
        .as("the yuan proposed, as answered")
        .isEqualTo(round.getJsonObject("amountProposed").getLong("CNY", 0L));
    long orphans =
        pool.query(
                "SELECT count(*) FROM allocations a JOIN match_rounds r ON r.id = a.round_id"
                    + " WHERE r.status <> 'done'")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong(0);
    assertThat(orphans).as("proposals of a round that did not finish").isZero();
  }

  @Test
  @Order(3)
  @DisplayName("the node running the scheduled jobs is killed: the last one left takes them over")
  void schedulerMoves() throws Exception {
    Node survivor = nodes.get(0);
    long until = System.currentTimeMillis() + 30_000;
    double owner = 0;
    while (System.currentTimeMillis() < until) {
      String metrics =
          client.get(survivor.port(), "127.0.0.1", "/metrics").send().await().bodyAsString();
      owner =
          metrics
              .lines()
              .filter(l -> l.startsWith("bangfu_jobs_owner"))
              .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
              .sum();
      if (owner == 1) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(owner).as("the surviving node runs the scheduled jobs within 30 s").isEqualTo(1);
  }
}
