package org.bangfu;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bangfu.app.AppContext;
import org.bangfu.app.Features;
import org.bangfu.app.Jobs;
import org.bangfu.app.Repositories;
import org.bangfu.app.Services;
import org.bangfu.audit.VerifyAudit;
import org.bangfu.auth.AccountCheck;
import org.bangfu.auth.TokenHandler;
import org.bangfu.auth.TokenService;
import org.bangfu.cluster.ClusterSetup;
import org.bangfu.cluster.ClusterState;
import org.bangfu.config.AppConfig;
import org.bangfu.config.ConfigException;
import org.bangfu.db.DatabaseStartException;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.EmbeddedDatabase;
import org.bangfu.db.Migrations;
import org.bangfu.db.PoolFactory;
import org.bangfu.db.SchedulerLock;
import org.bangfu.demo.DemoContext;
import org.bangfu.demo.DemoData;
import org.bangfu.http.ClientAddress;
import org.bangfu.http.HttpVerticle;
import org.bangfu.http.RequestMeters;
import org.bangfu.jobs.JobRunner;
import org.bangfu.keys.KeyRepository;
import org.bangfu.keys.Keys;
import org.bangfu.rounds.RoundLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root. {@code serve} (the default): PostgreSQL (DATABASE_URL or embedded), Vert.x
 * (clustered with BANGFU_CLUSTER=true), migrations on a worker thread, the pool, the token key,
 * demo data on first start, then the HTTP verticles. {@code demo-data [--reset]}: loads the demo
 * data into an empty database (or, with --reset, into a wiped one) and exits.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    try {
      switch (command) {
        case "serve" -> serve(AppConfig.fromEnv());
        case "demo-data" ->
            demoData(
                AppConfig.fromEnv(),
                List.of(args).contains("--reset"),
                org.bangfu.demo.NationalData.Command.parse(List.of(args)));
        case "database" -> database(AppConfig.fromEnv());
        case "proxy" -> proxy(args);
        case "verify-audit" ->
            System.exit(
                VerifyAudit.run(
                    List.of(args).subList(1, args.length),
                    AppConfig.fromEnv(),
                    new org.bangfu.audit.log.LogVerification(
                        new org.bangfu.audit.log.HeadRepository(),
                        new org.bangfu.audit.log.TreeRepository()),
                    System.out,
                    System.err));
        case "witness" ->
            System.exit(
                org.bangfu.audit.log.WitnessCommand.run(
                    List.of(args).subList(1, args.length),
                    java.time.Clock.systemUTC(),
                    System.out,
                    System.err));
        case "help", "--help", "-h" -> System.out.println(usage());
        default -> fail("unknown command '" + command + "'\n" + usage());
      }
    } catch (ConfigException | DatabaseStartException ex) {
      fail(ex.getMessage());
    }
  }

  private static String usage() {
    return "usage: java -jar bangfu.jar [serve | demo-data [--reset] [--scale national [--factor F]]"
        + " | database | proxy PORT NODE_PORT,... | verify-audit [options] | witness [options]"
        + " | help]\n  "
        + VerifyAudit.USAGE
        + "\n  "
        + org.bangfu.audit.log.WitnessCommand.USAGE;
  }

  private static void fail(String message) {
    System.err.println("bangfu: " + message);
    System.exit(2);
  }

  /** A started Bangfu: what tests and the shutdown hook need to reach. */
  public record Running(
      Vertx vertx,
      Pool pool,
      AppContext app,
      Services services,
      HttpVerticle.Api api,
      JobRunner jobs,
      RoundLease lease,
      int port,
      List<DemoContext.Account> demoAccounts) {}

  /**
   * Everything after Vert.x and the database exist: migrations (worker thread), pool, token key,
   * demo data (when {@code config.loadDemoData()} and the database is empty), HTTP.
   */
  public static Future<Running> boot(
      Vertx vertx, AppConfig config, DatabaseUrl db, PrometheusMeterRegistry metrics) {
    return boot(vertx, config, db, metrics, Clock.systemDefaultZone());
  }

  /**
   * As {@link #boot(Vertx, AppConfig, DatabaseUrl, PrometheusMeterRegistry)}, reading time from
   * {@code clock}.
   */
  public static Future<Running> boot(
      Vertx vertx, AppConfig config, DatabaseUrl db, PrometheusMeterRegistry metrics, Clock clock) {
    Repositories repos = Repositories.create();
    RoundLease lease = new RoundLease(repos.rounds());
    return Migrations.migrate(vertx, db)
        .compose(applied -> platform(vertx, config, db, clock, repos, lease))
        .compose(app -> start(app, repos, lease, db, metrics));
  }

  /**
   * What every service is built on: the pool (with the rounds of dead processes failed), the keys
   * and the token service.
   */
  private static Future<AppContext> platform(
      Vertx vertx,
      AppConfig config,
      DatabaseUrl db,
      Clock clock,
      Repositories repos,
      RoundLease lease) {
    Pool pool = PoolFactory.perEventLoop(vertx, db, config.dbPoolSize());
    return lease
        .failAbandoned(pool)
        .compose(failed -> loadKeys(vertx, config, pool))
        .map(
            keys ->
                new AppContext(
                    vertx,
                    pool,
                    config,
                    TokenService.create(vertx, keys.jwtSecret(), config.tokenTtlSeconds()),
                    AccountCheck.listening(
                        vertx, pool, repos.accounts(), db.connectOptions(), clock),
                    clock,
                    db.connectOptions(),
                    keys));
  }

  /**
   * Every service once, the demo data on a first start, the transparency log's start (its head
   * signed in the background once the log verifies, this node's witness), then the HTTP verticles
   * and the scheduled jobs.
   */
  private static Future<Running> start(
      AppContext app,
      Repositories repos,
      RoundLease lease,
      DatabaseUrl db,
      PrometheusMeterRegistry metrics) {
    Services services = Services.build(app, repos);
    HttpVerticle.Api api =
        new HttpVerticle.Api(
            app.config().port(),
            app.config().host(),
            app.pool(),
            new TokenHandler(app.tokens(), app.accounts()),
            new ClientAddress(app.config().trustedProxies()),
            app.config().metricsToken(),
            app.config().slowClients(),
            Features.modules(app, services));
    Future<List<DemoContext.Account>> demo =
        app.config().loadDemoData()
            ? DemoData.loadIfEmpty(app.vertx(), app.pool())
            : Future.succeededFuture(List.of());
    JobRunner jobs =
        new JobRunner(
            Jobs.all(app, services),
            app.clock(),
            new SchedulerLock(app.vertx(), db.connectOptions()),
            app.config().jobsTicking());
    return demo.compose(
        accounts ->
            services
                .transparency()
                .start(app.vertx(), app::listen)
                .compose(v -> deployHttp(app, api, metrics))
                .compose(port -> deployJobs(app, jobs, metrics).map(port))
                .map(
                    port ->
                        new Running(
                            app.vertx(),
                            app.pool(),
                            app,
                            services,
                            api,
                            jobs,
                            lease,
                            port,
                            accounts)));
  }

  /** The scheduled jobs, run on whichever node holds the scheduler lock; gauges for /metrics. */
  private static Future<String> deployJobs(
      AppContext app, JobRunner runner, PrometheusMeterRegistry metrics) {
    if (metrics != null) {
      Gauge.builder("bangfu.jobs.owner", runner, r -> r.owner() ? 1 : 0)
          .description("1 on the node that runs the scheduled jobs")
          .register(metrics);
      Gauge.builder("bangfu.cluster.members", app.vertx(), ClusterState::members)
          .description("nodes in this node's cluster (1 alone)")
          .register(metrics);
      Gauge.builder("bangfu.accounts.cached", app.accounts(), AccountCheck::size)
          .description("accounts whose token check this node answers without the database")
          .register(metrics);
    }
    return app.vertx().deployVerticle(runner);
  }

  /**
   * The keys (token, personal data, audit signing) from the environment or the key files in {@code
   * BANGFU_DATA_DIR/keys}, moving any still in the database out ({@link Keys}).
   */
  public static Future<Keys> loadKeys(Vertx vertx, AppConfig config, Pool pool) {
    return Keys.load(
        vertx,
        pool,
        new KeyRepository(),
        config.dataDir().resolve("keys"),
        Keys.FromEnvironment.of(config));
  }

  private static Future<Integer> deployHttp(
      AppContext app, HttpVerticle.Api api, PrometheusMeterRegistry metrics) {
    List<HttpVerticle> made = new CopyOnWriteArrayList<>();
    return HttpVerticle.preload(app.vertx())
        .compose(
            loaded ->
                app.vertx()
                    .deployVerticle(
                        () -> {
                          HttpVerticle v = new HttpVerticle(api, metrics, made.size());
                          made.add(v);
                          return v;
                        },
                        new DeploymentOptions().setInstances(app.config().httpVerticles())))
        .map(id -> made.get(0).actualPort());
  }

  public static PrometheusMeterRegistry newMetricsRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** Vert.x with Micrometer metrics, clustered when configured. */
  public static Future<Vertx> vertx(AppConfig config, PrometheusMeterRegistry metrics) {
    VertxOptions options =
        new VertxOptions()
            // an event loop per HTTP verticle (instead of Vert.x's two per core), so that every
            // loop serves requests and holds its share of the pool's connections
            // (PoolPerEventLoop); heavy work runs on worker threads, never on a loop
            .setEventLoopPoolSize(config.httpVerticles())
            .setMetricsOptions(
                new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    // Vert.x's Micrometer metrics, each HTTP request's meters kept rather than looked up
    VertxMetricsFactory factory = RequestMeters.factory(metrics);
    if (config.cluster()) {
      return ClusterSetup.clusteredVertx(config, options, factory);
    }
    return Future.succeededFuture(Vertx.builder().with(options).withMetrics(factory).build());
  }

  private static DatabaseUrl database(AppConfig config, EmbeddedDatabase[] embedded) {
    if (config.databaseUrl().isPresent()) {
      DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", config.databaseUrl().get());
      LOG.info("Using PostgreSQL at {}", url);
      return url;
    }
    LOG.info(
        "DATABASE_URL is not set: starting the embedded PostgreSQL (data in {})", config.dataDir());
    embedded[0] = EmbeddedDatabase.startPersistent(config.dataDir());
    return embedded[0].url();
  }

  private static void serve(AppConfig config) {
    EmbeddedDatabase[] embedded = new EmbeddedDatabase[1];
    DatabaseUrl db = database(config, embedded);
    PrometheusMeterRegistry metrics = newMetricsRegistry();
    Vertx vertx;
    try {
      vertx = vertx(config, metrics).await();
    } catch (RuntimeException ex) {
      closeQuietly(null, embedded[0]);
      fail("cannot start Vert.x" + (config.cluster() ? " (cluster)" : "") + ": " + ex.getMessage());
      return;
    }
    Running[] started = new Running[1]; // for the shutdown hook: what to drain, once booted
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stopWithin(vertx, started[0], embedded[0]), "bangfu-shutdown"));
    try {
      Running running = boot(vertx, config, db, metrics).await();
      started[0] = running;
      List<DemoContext.Account> accounts =
          running.demoAccounts().isEmpty()
              ? DemoData.existingAccounts(running.pool()).await()
              : running.demoAccounts();
      if (!accounts.isEmpty()) {
        System.out.println(DemoData.describe(accounts));
      }
      String url = "http://localhost:" + running.port();
      System.out.println(
          "Bangfu is running at "
              + url
              + "  (API "
              + url
              + "/api/v1, health "
              + url
              + "/health/ready"
              + (config.cluster() ? ", clustered" : "")
              + "). Ctrl-C stops it.");
    } catch (RuntimeException ex) {
      LOG.error("Start-up failed", ex);
      System.err.println("bangfu: start-up failed: " + ex.getMessage());
      System.exit(1); // the shutdown hook closes Vert.x and the embedded PostgreSQL
    }
  }

  private static void demoData(
      AppConfig config, boolean reset, org.bangfu.demo.NationalData.Command national) {
    EmbeddedDatabase[] embedded = new EmbeddedDatabase[1];
    DatabaseUrl db = database(config, embedded);
    Vertx vertx = Vertx.vertx();
    int code = 0;
    try {
      Pool pool = PoolFactory.create(vertx, db, 2);
      Future<Void> wipe =
          reset
              ? pool.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public").execute().mapEmpty()
              : Future.succeededFuture();
      if (national != null) {
        System.out.println(
            wipe.compose(v -> Migrations.migrate(vertx, db))
                .compose(v -> loadKeys(vertx, config, pool))
                .compose(v -> national.run(vertx, pool, db))
                .await()
                .describe());
      }
      List<DemoContext.Account> accounts =
          national != null
              ? List.of()
              : wipe.compose(v -> Migrations.migrate(vertx, db))
                  .compose(v -> loadKeys(vertx, config, pool))
                  .compose(v -> DemoData.loadIfEmpty(vertx, pool))
                  .await();
      if (national != null) {
        System.out.println(
            "National data set loaded (demo accounts as in the README, password "
                + DemoContext.DEMO_PASSWORD
                + "; plus fpb-<county>, shuji-<county>, donor-<id>).");
      } else if (accounts.isEmpty()) {
        System.out.println(
            "The database already has data; nothing loaded. "
                + "Use scripts/demo-data --reset to wipe it and load the demo data again.");
      } else {
        System.out.println("Demo data loaded.");
        System.out.println(DemoData.describe(accounts));
      }
    } catch (RuntimeException ex) {
      LOG.error("Loading the demo data failed", ex);
      System.err.println("bangfu: loading the demo data failed: " + ex.getMessage());
      code = 1;
    } finally {
      closeQuietly(vertx, embedded[0]);
    }
    System.exit(code);
  }

  /**
   * Only the embedded PostgreSQL (data in BANGFU_DATA_DIR), for several nodes on one machine
   * ({@code scripts/cluster}): prints {@code DATABASE_URL=…} and runs until stopped.
   */
  private static void database(AppConfig config) {
    EmbeddedDatabase embedded = EmbeddedDatabase.startPersistent(config.dataDir());
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "bangfu-database-stop"));
    DatabaseUrl url = embedded.url();
    System.out.println(
        "DATABASE_URL=postgresql://"
            + url.user()
            + ":"
            + url.password()
            + "@"
            + url.host()
            + ":"
            + url.port()
            + "/"
            + url.database());
    System.out.flush();
    try {
      Thread.currentThread().join();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /** A round-robin proxy in front of nodes on this machine ({@code scripts/cluster}). */
  private static void proxy(String[] args) {
    if (args.length != 3) {
      fail("usage: java -jar bangfu.jar proxy PORT NODE_PORT,NODE_PORT,...");
    }
    try {
      int port = Integer.parseInt(args[1]);
      List<Integer> nodes =
          java.util.Arrays.stream(args[2].split(","))
              .map(String::strip)
              .map(Integer::parseInt)
              .toList();
      Vertx vertx = Vertx.vertx();
      org.bangfu.cluster.RoundRobinProxy.start(vertx, port, nodes).await();
      System.out.println("proxy on http://localhost:" + port + " → nodes on ports " + nodes);
    } catch (NumberFormatException ex) {
      fail("proxy: ports must be numbers: " + ex.getMessage());
    }
  }

  /** SIGTERM or Ctrl-C: the process is gone within this, whatever hangs. */
  static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(9);

  /** What the drain may take of it, leaving the embedded PostgreSQL time to stop. */
  static final Duration DRAIN_LIMIT = Duration.ofMillis(6500);

  /**
   * The shutdown hook: drains and closes ({@link Shutdown}: requests in flight and a running round
   * first, then the pool, then Vert.x) for at most {@link #DRAIN_LIMIT}, then stops the embedded
   * PostgreSQL; if anything still hangs at {@link #SHUTDOWN_LIMIT}, the JVM halts (the embedded
   * PostgreSQL's watchdog then stops the server).
   */
  private static void stopWithin(Vertx vertx, Running running, EmbeddedDatabase embedded) {
    LOG.info("Stopping Bangfu");
    Thread limit =
        new Thread(
            () -> {
              try {
                Thread.sleep(SHUTDOWN_LIMIT.toMillis());
              } catch (InterruptedException ex) {
                return;
              }
              LOG.error("Stopping took more than {} s: halting", SHUTDOWN_LIMIT.toSeconds());
              Runtime.getRuntime().halt(1);
            },
            "bangfu-shutdown-limit");
    limit.setDaemon(true);
    limit.start();
    try {
      Shutdown.stop(vertx, running)
          .toCompletionStage()
          .toCompletableFuture()
          .get(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException ex) {
      LOG.warn("Vert.x did not close in time: {}", ex.toString());
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  private static void closeQuietly(Vertx vertx, EmbeddedDatabase embedded) {
    try {
      if (vertx != null) {
        vertx.close().await();
      }
    } catch (RuntimeException ex) {
      LOG.warn("Vert.x did not close cleanly: {}", ex.getMessage());
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
