package org.bangfu.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.PoolFactory;

/**
 * The API load generator of {@code scripts/bench-api} (not a test: surefire does not run it).
 * Drives a running Bangfu on 127.0.0.1 with N concurrent keep-alive clients per path, each path for
 * a bounded time and number of requests after a warm-up, and prints p50 / p95 / p99 and requests
 * per second. In the same run, a bare Vert.x + PostgreSQL handler (same JVM as the load generator,
 * its own pool of the server's size) serves the same single-row SELECT and the same list queries as
 * the API, so the API's overhead reads as a ratio. With {@code --server-pid} (bench-api passes it)
 * each load's line also gives the processor time per request ({@link ProcessorTime}): the server's
 * and its event loops' for the API, the bare handler's event loops' for a bare path.
 *
 * <pre>
 * java -cp … org.bangfu.bench.ApiBench --api http://127.0.0.1:18080 --db postgresql://u:p@127.0.0.1:5432/bangfu
 *      [--clients 16] [--seconds 15] [--requests 20000] [--warmup 3] [--pool 8] [--only name,name] [--server-pid PID]
 * </pre>
 */
public final class ApiBench {

  /**
   * The page query of {@code GET /needs/{id}} for a donor, as the need routes run it (copied for
   * the bare handler).
   */
  static final String BARE_NEED =
      """
            SELECT n.id, n.village_id, v.name AS village_name, t.id AS township_id, t.name AS township_name,
                   c.id AS county_id, c.name AS county_name, n.household_id, n.category, n.unit, n.quantity,
                   n.allocated, n.priority, n.deadline, n.title, n.description, n.status, n.reject_reason,
                   n.created_at, n.updated_at
            FROM needs n
              JOIN regions v ON v.id = n.village_id
              LEFT JOIN regions t ON t.id = v.parent_id
              LEFT JOIN regions c ON c.id = t.parent_id
             WHERE n.id = $1 AND n.status IN ('published','partly_allocated','allocated','fulfilled','verified')""";

  /** The two queries of {@code GET /public/board?page=1&size=20} (copied for the bare handler). */
  static final String BOARD_FROM =
      """
              FROM allocations a
              JOIN needs n ON n.id = a.need_id
              JOIN regions v ON v.id = n.village_id
              LEFT JOIN regions t ON t.id = v.parent_id
              LEFT JOIN regions c ON c.id = t.parent_id
              JOIN pledges p ON p.id = a.pledge_id
              JOIN donors d ON d.id = p.donor_id
             WHERE a.status = 'verified'""";

  /** The API's count (capped at Listing.COUNT_CAP, over the allocations alone), bare. */
  static final String BARE_BOARD_COUNT =
      "SELECT count(*) FROM (SELECT 1 FROM allocations a WHERE a.status = 'verified' LIMIT "
          + (org.bangfu.db.Listing.COUNT_CAP + 1)
          + ") capped";

  static final String BARE_BOARD_PAGE =
      """
            SELECT a.id, n.id AS need_id, n.title, v.id AS village_id, v.name AS village_name, c.id AS county_id,
                   c.name AS county_name, d.id AS donor_id, d.name AS donor_name, n.category, a.unit, a.quantity,
                   a.verified_at"""
          + BOARD_FROM
          + " ORDER BY a.verified_at DESC, a.id DESC LIMIT $1 OFFSET $2";

  static final String[] CATEGORIES = {
    "industry",
    "education",
    "health",
    "infrastructure",
    "housing",
    "ecology",
    "tourism",
    "collective"
  };

  record Scenario(
      String name,
      IntFunction<String> token,
      IntFunction<String> path,
      boolean bare,
      IntFunction<JsonObject> body) {
    Scenario(String name, String token, IntFunction<String> path, boolean bare) {
      this(name, i -> token, path, bare, null);
    }
  }

  /** A load's figures; {@code cpu} its processor time per request (null when not measured). */
  record Result(
      String name,
      int requests,
      int errors,
      double seconds,
      long[] latenciesNanos,
      ProcessorTime.PerRequest cpu) {
    double rps() {
      return requests / seconds;
    }

    double percentile(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
      return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, i))] / 1e6;
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final String host;
  private final int port;

  /** Per scenario, the answers of its last load that came from the server's kept answers. */
  private final Map<String, AtomicInteger> kept = new ConcurrentHashMap<>();

  /** Processor time per load, with {@code --server-pid} (set once the bare handler runs). */
  private ProcessorTime cpu;

  private long serverPid;

  private final int clients;
  private final double seconds;
  private final int maxRequests;
  private final double warmup;

  ApiBench(URI api, int clients, double seconds, int maxRequests, double warmup) {
    this.host = api.getHost();
    this.port = api.getPort();
    this.clients = clients;
    this.seconds = seconds;
    this.maxRequests = maxRequests;
    this.warmup = warmup;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setKeepAlive(true).setConnectTimeout(5000).setIdleTimeout(0),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(clients));
  }

  public static void main(String[] args) throws Exception {
    String api = arg(args, "--api", "http://127.0.0.1:18080");
    String db = arg(args, "--db", null);
    int clients = Integer.parseInt(arg(args, "--clients", "16"));
    double seconds = Double.parseDouble(arg(args, "--seconds", "15"));
    int requests = Integer.parseInt(arg(args, "--requests", "20000"));
    double warmup = Double.parseDouble(arg(args, "--warmup", "3"));
    int poolSize = Integer.parseInt(arg(args, "--pool", "8"));
    String password = arg(args, "--password", "bangfu2018");
    List<String> only =
        arg(args, "--only", null) == null ? null : List.of(arg(args, "--only", null).split(","));
    URI uri = URI.create(api);
    if (!List.of("127.0.0.1", "localhost").contains(uri.getHost())) {
      System.err.println("bench-api: drives 127.0.0.1 only, not " + uri.getHost());
      System.exit(2);
    }
    if (db == null) {
      System.err.println(
          "bench-api: --db postgresql://… is needed (ids to ask for, and the bare handler)");
      System.exit(2);
    }
    DatabaseUrl database = DatabaseUrl.parse("--db", db);
    ApiBench bench = new ApiBench(uri, clients, seconds, requests, warmup);
    bench.serverPid = Long.parseLong(arg(args, "--server-pid", "0"));
    try {
      bench.run(database, poolSize, password, only);
    } finally {
      bench.vertx.close().await();
    }
    System.exit(0);
  }

  private static String arg(String[] args, String name, String otherwise) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return otherwise;
  }

  void run(DatabaseUrl db, int poolSize, String password, List<String> only) throws Exception {
    Pool lookups = PoolFactory.create(vertx, db, 2);
    long campaign = one(lookups, "SELECT id FROM campaigns WHERE code = 'bqbbc'").getLong(0);
    String reviewerCounty =
        one(
                lookups,
                """
                SELECT region_county(village_id), count(*) FROM needs WHERE status = 'submitted'
                 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1""")
            .getString(0);
    String reviewer =
        one(
                lookups,
                "SELECT username FROM users WHERE role = 'reviewer' AND region_id = $1 "
                    + "ORDER BY id LIMIT 1",
                reviewerCounty)
            .getString(0);
    String donor =
        one(lookups, "SELECT username FROM users WHERE role = 'donor' ORDER BY id DESC LIMIT 1")
            .getString(0);
    long[] needIds =
        longs(
            lookups,
            "SELECT id FROM needs TABLESAMPLE SYSTEM (5) WHERE status IN "
                + "('published','partly_allocated','allocated','fulfilled','verified') LIMIT 2000");
    List<String> counties = new ArrayList<>();
    lookups
        .query("SELECT id FROM regions WHERE level = 'county' ORDER BY md5(id) LIMIT 40")
        .execute()
        .await()
        .forEach(r -> counties.add(r.getString(0)));
    long needCount = one(lookups, "SELECT count(*) FROM needs").getLong(0);
    // claims: open needs in yuan with room, each claimed by a rotating set of donors with new money
    long[] openNeeds =
        longs(
            lookups,
            "SELECT id FROM needs TABLESAMPLE SYSTEM (5) WHERE status IN ('published','partly_allocated')"
                + " AND unit = 'CNY' AND quantity - allocated >= 100 LIMIT 20000");
    List<String> claimers = new ArrayList<>();
    lookups
        .query(
            "SELECT u.username FROM users u JOIN donors d ON d.id = u.donor_id"
                + " WHERE u.role = 'donor' AND u.active AND d.verified ORDER BY u.id DESC LIMIT 64")
        .execute()
        .await()
        .forEach(r -> claimers.add(r.getString(0)));
    lookups.close().await();
    System.out.printf(
        Locale.ROOT,
        "data: %,d needs; reviewer %s (%s), donor %s, campaign %d%n",
        needCount,
        reviewer,
        reviewerCounty,
        donor,
        campaign);

    String united = login("tongzhan", password);
    String auditor = login("shenji", password);
    String donorToken = login(donor, password);
    String reviewerToken = login(reviewer, password);
    String[] claimTokens =
        only != null && (only.contains("claim") || only.contains("browse-claims"))
            ? claimers.stream().map(u -> login(u, password)).toArray(String[]::new)
            : new String[0];

    Vertx bareVertx = Vertx.vertx();
    int barePort = bareServer(bareVertx, db, poolSize);
    if (serverPid > 0) {
      cpu = new ProcessorTime(serverPid, bareVertx);
    }

    List<Scenario> scenarios =
        List.of(
            new Scenario(
                "progress", united, i -> "/api/v1/campaigns/" + campaign + "/progress", false),
            new Scenario("board", null, i -> "/api/v1/public/board?page=1&size=20", false),
            new Scenario(
                "browse",
                donorToken,
                i ->
                    "/api/v1/needs?size=20&category="
                        + CATEGORIES[i % CATEGORIES.length]
                        + (i % 2 == 0 ? "" : "&county=" + counties.get(i % counties.size())),
                false),
            new Scenario(
                "review", reviewerToken, i -> "/api/v1/needs?status=submitted&size=100", false),
            new Scenario("audit", auditor, i -> "/api/v1/audit?page=1&size=50", false),
            new Scenario(
                "need", donorToken, i -> "/api/v1/needs/" + needIds[i % needIds.length], false),
            // the same page for the public: no donor's ties, no reasons
            new Scenario(
                "need-public", null, i -> "/api/v1/needs/" + needIds[i % needIds.length], false),
            // the donor's page as a browser asks for it, offering compressed answers
            new Scenario(
                "need-gzip",
                donorToken,
                i -> "/api/v1/needs/" + needIds[i % needIds.length],
                false),
            // the national-size figures a page computes per request
            new Scenario(
                "unmet", united, i -> "/api/v1/progress/unmet-villages?page=1&size=20", false),
            new Scenario("totals", auditor, i -> "/api/v1/progress/allocation-totals", false),
            new Scenario("registry", united, i -> "/api/v1/registry/summary", false),
            new Scenario(
                "rel-donors", united, i -> "/api/v1/reliability/donors?page=1&size=20", false),
            new Scenario(
                "rel-villages", united, i -> "/api/v1/reliability/villages?page=1&size=20", false),
            // a county's villages, or its city's (the first four digits of its code)
            new Scenario(
                "rel-villages-region",
                united,
                i -> {
                  String county = counties.get(i % counties.size());
                  return "/api/v1/reliability/villages?page=1&size=20&region="
                      + (i % 2 == 0 ? county : county.substring(0, 4));
                },
                false),
            new Scenario("board-totals", null, i -> "/api/v1/public/board/totals", false),
            new Scenario(
                "bare-need", null, i -> "/bare/needs/" + needIds[i % needIds.length], true),
            new Scenario("bare-board", null, i -> "/bare/board", true),
            new Scenario(
                "claim",
                i -> claimTokens[i % claimTokens.length],
                i -> "/api/v1/needs/" + openNeeds[i % openNeeds.length] + "/claims",
                false,
                i -> new JsonObject().put("quantity", 1 + i % 50)));
    System.out.printf(
        Locale.ROOT,
        "%d clients per path, at most %.0f s or %d requests each after %.0f s of warm-up%n",
        clients,
        seconds,
        maxRequests,
        warmup);
    System.out.printf(
        Locale.ROOT,
        "%-13s %9s %7s %9s %9s %9s %9s%n",
        "path",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms");
    List<Result> results = new ArrayList<>();
    for (Scenario s : scenarios) {
      // claims write, and the compressed page is a variant: only when asked for by name
      boolean asked = only != null && only.contains(s.name());
      boolean byName = s.body() != null || s.name().endsWith("-gzip");
      if ((only != null && !asked) || (byName && !asked)) {
        continue;
      }
      int p = s.bare() ? barePort : port;
      load(s, p, warmup, Integer.MAX_VALUE);
      Result r = load(s, p, seconds, maxRequests);
      results.add(r);
      print(r, s.name());
    }
    if (only != null && only.contains("browse-claims")) {
      browseWhileClaiming(scenarios, results);
    }
    ratio(results, "need", "bare-need", "single-row GET");
    ratio(results, "board", "bare-board", "list (public board)");
    if (only != null && only.contains("need") && only.contains("bare-need")) {
      pairedRatio(scenario(scenarios, "need"), scenario(scenarios, "bare-need"), barePort);
    }
    bareVertx.close().await();
    if (only != null && only.contains("round")) {
      round(united);
    }
    if (results.stream().anyMatch(r -> r.name().equals("claim"))) {
      Pool check = PoolFactory.create(vertx, db, 1);
      Row over =
          one(
              check,
              """
              SELECT count(*) FILTER (WHERE n.allocated > n.quantity),
                     count(*) FILTER (WHERE n.allocated <> coalesce(s.q, 0))
                FROM needs n
                LEFT JOIN (SELECT need_id, sum(quantity) AS q FROM allocations
                            WHERE status IN ('proposed','confirmed','delivered','received','verified')
                            GROUP BY need_id) s ON s.need_id = n.id
               WHERE n.id = ANY($1)""",
              (Object) java.util.Arrays.stream(openNeeds).boxed().toArray(Long[]::new));
      System.out.printf(
          Locale.ROOT,
          "claims: %d claimed needs over-allocated, %d whose counter differs from its allocations%n",
          over.getLong(0),
          over.getLong(1));
      check.close().await();
    }
  }

  /**
   * A whole match round over everything open, started through the API as the united front and
   * followed until it is done (the server's log says how long it read, solved and wrote).
   */
  private void round(String token) throws InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<Buffer> started =
        client
            .post(port, host, "/api/v1/match-rounds")
            .bearerTokenAuthentication(token)
            .timeout(60_000)
            .sendJsonObject(new JsonObject())
            .await();
    if (started.statusCode() != 201 && started.statusCode() != 202) {
      System.out.println("round: " + started.statusCode() + " " + started.bodyAsString());
      return;
    }
    long id = started.bodyAsJsonObject().getLong("id");
    JsonObject round = started.bodyAsJsonObject();
    int failures = 0;
    while ("running".equals(round.getString("status"))) {
      Thread.sleep(1000);
      try {
        round =
            client
                .get(port, host, "/api/v1/match-rounds/" + id)
                .bearerTokenAuthentication(token)
                .timeout(60_000)
                .send()
                .await()
                .bodyAsJsonObject();
        failures = 0;
      } catch (RuntimeException e) {
        // a kept-alive connection the server closed while idle: ask again, a few times
        if (++failures > 5) {
          throw e;
        }
        System.out.println("round: asking again after " + e);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "round %d: %s, %,d proposals, %,d needs and %,d pledges touched, %.1f s end to end%n",
        id,
        round.getString("status"),
        round.getLong("allocationCount", 0L),
        round.getLong("needsTouched", 0L),
        round.getLong("pledgesTouched", 0L),
        (System.nanoTime() - t0) / 1e9);
  }

  private static Scenario scenario(List<Scenario> scenarios, String name) {
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * The API against the bare handler in alternating slices (API first, then bare first, and so on),
   * so that what else the machine does at a moment (autovacuum, a job) weighs on both alike: the
   * ratio of each pair, and their median.
   */
  private void pairedRatio(Scenario api, Scenario bare, int barePort) throws InterruptedException {
    int pairs = 6;
    double slice = Math.max(2, seconds / 3);
    List<Double> ratios = new ArrayList<>();
    List<Double> server = new ArrayList<>();
    List<Double> serverLoops = new ArrayList<>();
    List<Double> bareLoops = new ArrayList<>();
    for (int k = 0; k < pairs; k++) {
      boolean apiFirst = k % 2 == 0;
      Result first =
          apiFirst ? load(api, port, slice, maxRequests) : load(bare, barePort, slice, maxRequests);
      Result second =
          apiFirst ? load(bare, barePort, slice, maxRequests) : load(api, port, slice, maxRequests);
      Result a = apiFirst ? first : second;
      Result b = apiFirst ? second : first;
      ratios.add(100 * a.rps() / b.rps());
      if (a.cpu() != null) {
        server.add(a.cpu().server());
        serverLoops.add(a.cpu().serverLoops());
        bareLoops.add(b.cpu().bareLoops());
      }
    }
    List<Double> sorted = ratios.stream().sorted().toList();
    double median = (sorted.get(pairs / 2 - 1) + sorted.get(pairs / 2)) / 2;
    System.out.printf(
        Locale.ROOT,
        "ratio single-row GET in %d alternating pairs of %.0f s: median %.0f %% (%.0f–%.0f %%; each: %s)%n",
        pairs,
        slice,
        median,
        sorted.get(0),
        sorted.get(pairs - 1),
        ratios.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
    if (!server.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "cpu per request in the pairs, median: API server %.0f µs (its event loops %.0f µs; each: %s),"
              + " bare handler's event loops %.0f µs (each: %s)%n",
          median(server),
          median(serverLoops),
          serverLoops.stream().map(c -> String.format(Locale.ROOT, "%.0f", c)).toList(),
          median(bareLoops),
          bareLoops.stream().map(c -> String.format(Locale.ROOT, "%.0f", c)).toList());
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void ratio(List<Result> results, String api, String bare, String what) {
    Result a = results.stream().filter(r -> r.name().equals(api)).findFirst().orElse(null);
    Result b = results.stream().filter(r -> r.name().equals(bare)).findFirst().orElse(null);
    if (a != null && b != null) {
      System.out.printf(
          Locale.ROOT,
          "ratio %-20s API %.1f req/s / bare %.1f req/s = %.0f %%%n",
          what,
          a.rps(),
          b.rps(),
          100 * a.rps() / b.rps());
    }
  }

  private Row one(Pool pool, String sql, Object... args) {
    return pool.preparedQuery(sql).execute(Tuple.from(args)).await().iterator().next();
  }

  private long[] longs(Pool pool, String sql) {
    List<Long> out = new ArrayList<>();
    pool.query(sql).execute().await().forEach(r -> out.add(r.getLong(0)));
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private String login(String username, String password) {
    HttpResponse<Buffer> r =
        client
            .post(port, host, "/api/v1/auth/login")
            .sendJsonObject(new JsonObject().put("username", username).put("password", password))
            .await();
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "sign-in as " + username + " gave " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  /**
   * N clients, each sending its next request when the last one answered, until the time or the
   * count runs out.
   */
  /** A result's line, with the share of answers the server says it kept ({@code X-Cache: hit}). */
  void print(Result r, String scenario) {
    AtomicInteger hits = kept.get(scenario);
    System.out.printf(
        Locale.ROOT,
        "%-13s %9d %7d %9.1f %9.1f %9.1f %9.1f%s%s%n",
        r.name(),
        r.requests(),
        r.errors(),
        r.rps(),
        r.percentile(50),
        r.percentile(95),
        r.percentile(99),
        hits == null || hits.get() == 0
            ? ""
            : String.format(Locale.ROOT, "   %.0f %% kept", 100.0 * hits.get() / r.requests()),
        cpu(r));
  }

  /**
   * A load's processor time per request: the server's process and its event loops for the API, the
   * bare handler's event loops for a bare path.
   */
  private static String cpu(Result r) {
    ProcessorTime.PerRequest c = r.cpu();
    if (c == null) {
      return "";
    }
    return r.name().startsWith("bare-")
        ? String.format(Locale.ROOT, "   cpu: bare loops %.0f µs/req", c.bareLoops())
        : String.format(
            Locale.ROOT, "   cpu: server %.0f µs/req, its loops %.0f", c.server(), c.serverLoops());
  }

  /**
   * The donors' browse measured while claims are written side by side (as many clients again): each
   * claim drops the kept browse pages of its need's category.
   */
  private void browseWhileClaiming(List<Scenario> scenarios, List<Result> results)
      throws InterruptedException {
    Scenario browse = scenarios.stream().filter(s -> s.name().equals("browse")).findFirst().get();
    Scenario claim = scenarios.stream().filter(s -> s.name().equals("claim")).findFirst().get();
    AtomicReference<Result> claims = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                claims.set(load(claim, port, warmup + seconds, Integer.MAX_VALUE));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    writer.start();
    load(browse, port, warmup, Integer.MAX_VALUE);
    Result r = load(browse, port, seconds, maxRequests);
    writer.join();
    Result read =
        new Result("browse-clm", r.requests(), r.errors(), r.seconds(), r.latenciesNanos(), null);
    results.add(read);
    results.add(claims.get());
    print(read, "browse");
    print(claims.get(), "claim");
  }

  Result load(Scenario s, int targetPort, double forSeconds, int max) throws InterruptedException {
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    kept.put(s.name(), new AtomicInteger());
    AtomicReference<String> firstError = new AtomicReference<>();
    long[] latencies = new long[Math.min(max, 2_000_000)];
    ProcessorTime.Sample before = cpu == null ? null : cpu.now();
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (forSeconds * 1e9);
    CountDownLatch finished = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      vertx.runOnContext(
          v ->
              next(s, targetPort, issued, done, errors, firstError, latencies, deadline, finished));
    }
    finished.await();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    ProcessorTime.PerRequest used =
        before == null ? null : ProcessorTime.per(before, cpu.now(), done.get());
    if (firstError.get() != null) {
      System.err.println(s.name() + ": first error: " + firstError.get());
    }
    int n = Math.min(done.get(), latencies.length);
    long[] lat = Arrays.copyOf(latencies, n);
    Arrays.sort(lat);
    return new Result(s.name(), n, errors.get(), elapsed, lat, used);
  }

  private void next(
      Scenario s,
      int targetPort,
      AtomicInteger issued,
      AtomicInteger done,
      AtomicInteger errors,
      AtomicReference<String> firstError,
      long[] latencies,
      long deadline,
      CountDownLatch finished) {
    int i = issued.getAndIncrement();
    if (i >= latencies.length || System.nanoTime() > deadline) {
      finished.countDown();
      return;
    }
    HttpRequest<Buffer> req =
        s.body() == null
            ? client.get(targetPort, host, s.path().apply(i))
            : client.post(targetPort, host, s.path().apply(i));
    String token = s.token().apply(i);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    if (s.name().endsWith("-gzip")) {
      // what browsers send; the answer is counted, not decompressed
      req.putHeader("Accept-Encoding", "gzip, deflate, br, zstd");
    }
    long start = System.nanoTime();
    (s.body() == null ? req.send() : req.sendJsonObject(s.body().apply(i)))
        .onComplete(
            ar -> {
              long took = System.nanoTime() - start;
              if (ar.succeeded() && "hit".equals(ar.result().getHeader("X-Cache"))) {
                kept.get(s.name()).incrementAndGet();
              }
              int k = done.getAndIncrement();
              if (k < latencies.length) {
                latencies[k] = took;
              }
              // a claim refused because the need filled up meanwhile (409) is an answer, not an
              // error
              if (ar.failed()
                  || (ar.result().statusCode() != 200
                      && ar.result().statusCode() != 201
                      && !(s.body() != null && ar.result().statusCode() == 409))) {
                errors.incrementAndGet();
                firstError.compareAndSet(
                    null,
                    ar.failed()
                        ? ar.cause().toString()
                        : ar.result().statusCode() + " " + ar.result().bodyAsString());
              }
              next(s, targetPort, issued, done, errors, firstError, latencies, deadline, finished);
            });
  }

  /**
   * The bare handlers: one SELECT (or the list's count and page) and its rows as JSON, nothing
   * else.
   */
  private static int bareServer(Vertx vertx, DatabaseUrl db, int poolSize) {
    Pool pool = PoolFactory.create(vertx, db, poolSize);
    Router router = Router.router(vertx);
    router
        .get("/bare/needs/:id")
        .handler(
            ctx ->
                pool.preparedQuery(BARE_NEED)
                    .execute(Tuple.of(Long.parseLong(ctx.pathParam("id"))))
                    .onSuccess(
                        rows -> {
                          if (rows.size() == 0) {
                            ctx.response().setStatusCode(404).end();
                          } else {
                            ctx.response()
                                .putHeader("Content-Type", "application/json")
                                .end(rows.iterator().next().toJson().encode());
                          }
                        })
                    .onFailure(ctx::fail));
    router
        .get("/bare/board")
        .handler(
            ctx ->
                pool.preparedQuery(BARE_BOARD_COUNT)
                    .execute()
                    .compose(
                        count ->
                            pool.preparedQuery(BARE_BOARD_PAGE)
                                .execute(Tuple.of(20, 0))
                                .map(
                                    rows -> {
                                      JsonArray items = new JsonArray();
                                      rows.forEach(r -> items.add(r.toJson()));
                                      return new JsonObject()
                                          .put("items", items)
                                          .put("total", count.iterator().next().getLong(0));
                                    }))
                    .onSuccess(
                        j ->
                            ctx.response()
                                .putHeader("Content-Type", "application/json")
                                .end(j.encode()))
                    .onFailure(ctx::fail));
    HttpServer server = vertx.createHttpServer().requestHandler(router);
    Future<HttpServer> listening = server.listen(0, "127.0.0.1");
    return listening.await().actualPort();
  }
}
