package org.bangfu;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangfu.auth.TokenService;
import org.bangfu.cluster.ClusterSetup;
import org.bangfu.config.AppConfig;
import org.bangfu.config.ConfigException;
import org.bangfu.db.DatabaseStartException;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.EmbeddedDatabase;
import org.bangfu.db.Migrations;
import org.bangfu.db.PoolFactory;
import org.bangfu.demo.DemoContext;
import org.bangfu.demo.DemoData;
import org.bangfu.http.AppContext;
import org.bangfu.http.HttpVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root. {@code serve} (the default): PostgreSQL (DATABASE_URL or embedded),
 * Vert.x (clustered with BANGFU_CLUSTER=true), migrations on a worker thread, the pool, the
 * token key, demo data on first start, then the HTTP verticles. {@code demo-data [--reset]}:
 * loads the demo data into an empty database (or, with --reset, into a wiped one) and exits.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    try {
      switch (command) {
        case "serve" -> serve(AppConfig.fromEnv());
        case "demo-data" -> demoData(AppConfig.fromEnv(), List.of(args).contains("--reset"),
            org.bangfu.demo.NationalData.Command.parse(List.of(args)));
        case "help", "--help", "-h" -> System.out.println(usage());
        default -> fail("unknown command '" + command + "'\n" + usage());
      }
    } catch (ConfigException | DatabaseStartException ex) {
      fail(ex.getMessage());
    }
  }

  private static String usage() {
    return "usage: java -jar bangfu.jar [serve | demo-data [--reset] [--scale national [--factor F]] | help]";
  }

  private static void fail(String message) {
    System.err.println("bangfu: " + message);
    System.exit(2);
  }

  /** A started Bangfu: what tests and the shutdown hook need to reach. */
  public record Running(Vertx vertx, Pool pool, AppContext app, int port,
                        List<DemoContext.Account> demoAccounts) {
  }

  /**
   * Everything after Vert.x and the database exist: migrations (worker thread), pool, token
   * key, demo data (when {@code config.loadDemoData()} and the database is empty), HTTP.
   */
  public static Future<Running> boot(Vertx vertx, AppConfig config, DatabaseUrl db,
                                     PrometheusMeterRegistry metrics) {
    return Migrations.migrate(vertx, db).compose(applied -> {
      Pool pool = PoolFactory.create(vertx, db, config.dbPoolSize());
      return TokenService.create(vertx, pool, config.jwtSecret(), config.tokenTtlSeconds())
          .compose(tokens -> {
            AppContext app = new AppContext(vertx, pool, config, tokens);
            Future<List<DemoContext.Account>> demo = config.loadDemoData()
                ? DemoData.loadIfEmpty(vertx, pool) : Future.succeededFuture(List.of());
            return demo.compose(accounts -> deployHttp(app, metrics)
                .compose(port -> vertx.deployVerticle(new org.bangfu.pledges.ExpiryVerticle(pool)).map(port))
                .map(port -> new Running(vertx, pool, app, port, accounts)));
          });
    });
  }

  private static Future<Integer> deployHttp(AppContext app, PrometheusMeterRegistry metrics) {
    List<HttpVerticle> made = new CopyOnWriteArrayList<>();
    return HttpVerticle.preload(app.vertx()).compose(loaded -> app.vertx().deployVerticle(() -> {
          HttpVerticle v = new HttpVerticle(app, metrics);
          made.add(v);
          return v;
        }, new DeploymentOptions().setInstances(app.config().port() == 0 ? 1 : app.config().httpInstances())))
        .map(id -> made.get(0).actualPort());
  }

  public static PrometheusMeterRegistry newMetricsRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** Vert.x with Micrometer metrics, clustered when configured. */
  public static Future<Vertx> vertx(AppConfig config, PrometheusMeterRegistry metrics) {
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    MicrometerMetricsFactory factory = new MicrometerMetricsFactory(metrics);
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
    LOG.info("DATABASE_URL is not set: starting the embedded PostgreSQL (data in {})", config.dataDir());
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
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping Bangfu");
      closeQuietly(vertx, embedded[0]);
    }, "bangfu-shutdown"));
    try {
      Running running = boot(vertx, config, db, metrics).await();
      List<DemoContext.Account> accounts = running.demoAccounts().isEmpty()
          ? DemoData.existingAccounts(running.pool()).await() : running.demoAccounts();
      if (!accounts.isEmpty()) {
        System.out.println(DemoData.describe(accounts));
      }
      String url = "http://localhost:" + running.port();
      System.out.println("Bangfu is running at " + url + "  (API " + url + "/api/v1, health "
          + url + "/health/ready" + (config.cluster() ? ", clustered" : "") + "). Ctrl-C stops it.");
    } catch (RuntimeException ex) {
      LOG.error("Start-up failed", ex);
      System.err.println("bangfu: start-up failed: " + ex.getMessage());
      System.exit(1); // the shutdown hook closes Vert.x and the embedded PostgreSQL
    }
  }

  private static void demoData(AppConfig config, boolean reset, org.bangfu.demo.NationalData.Command national) {
    EmbeddedDatabase[] embedded = new EmbeddedDatabase[1];
    DatabaseUrl db = database(config, embedded);
    Vertx vertx = Vertx.vertx();
    int code = 0;
    try {
      Pool pool = PoolFactory.create(vertx, db, 2);
      Future<Void> wipe = reset
          ? pool.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public").execute().mapEmpty()
          : Future.succeededFuture();
      if (national != null) {
        System.out.println(wipe.compose(v -> Migrations.migrate(vertx, db))
            .compose(v -> national.run(vertx, pool, db)).await().describe());
      }
      List<DemoContext.Account> accounts = national != null ? List.of() : wipe
          .compose(v -> Migrations.migrate(vertx, db))
          .compose(v -> DemoData.loadIfEmpty(vertx, pool))
          .await();
      if (national != null) {
        System.out.println("National data set loaded (demo accounts as in the README, password "
            + DemoContext.DEMO_PASSWORD + "; plus fpb-<county>, shuji-<county>, donor-<id>).");
      } else if (accounts.isEmpty()) {
        System.out.println("The database already has data; nothing loaded. "
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
