package org.bangfu.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bangfu.Main;
import org.bangfu.auth.Role;
import org.bangfu.config.AppConfig;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.demo.DemoContext;
import org.bangfu.demo.DemoData;

/**
 * The whole HTTP application on a free port against a fresh test database, started the same way
 * {@code Main} starts it. Typical use, once per test class:
 *
 * <pre>
 *   static TestApp app;
 *   &#64;BeforeAll static void start() { app = TestApp.start(); }
 *   &#64;AfterAll static void stop() { app.close(); }
 *   ...
 *   HttpResponse&lt;Buffer&gt; r = app.call(HttpMethod.GET, "/api/v1/me", Account.ADMIN, null);
 * </pre>
 *
 * <p>Methods ending in blocking calls ({@code call}, {@code token}) are for the test thread only
 * (JUnit's, never an event loop).
 */
public final class TestApp implements AutoCloseable {

  /** What the database holds when the app starts. */
  public enum Data {
    FIXTURE,
    DEMO,
    EMPTY
  }

  private final Vertx vertx;
  private final Main.Running running;
  private final DatabaseUrl database;
  private final WebClient client;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final List<DemoContext.Account> demoAccounts;
  private final MutableClock clock;
  private Future<Void> stopped;

  private TestApp(
      Vertx vertx,
      Main.Running running,
      DatabaseUrl database,
      List<DemoContext.Account> demoAccounts,
      MutableClock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.running = running;
    this.database = database;
    this.demoAccounts = demoAccounts;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("localhost").setDefaultPort(running.port()));
  }

  public static TestApp start() {
    return start(Data.FIXTURE);
  }

  public static TestApp start(Data data) {
    return start(data, Map.of());
  }

  /** Starts on a fresh database; {@code env} adds configuration variables. Blocking. */
  public static TestApp start(Data data, Map<String, String> env) {
    DatabaseUrl db = TestDatabase.create();
    // a data directory of its own (keys, the node's witness state), as each deployment has
    Map<String, String> own = new java.util.HashMap<>(env);
    own.putIfAbsent("BANGFU_DATA_DIR", Path.of("target", "test-data", db.database()).toString());
    AppConfig config = config(own);
    var metrics = Main.newMetricsRegistry();
    Vertx vertx = Main.vertx(config, metrics).await();
    try {
      Pool setup = org.bangfu.db.PoolFactory.create(vertx, db, 2);
      Main.loadKeys(vertx, config, setup).await(); // the data is sealed with the app's key
      List<DemoContext.Account> demo =
          switch (data) {
            case FIXTURE ->
                TestFixture.load(setup).map(v -> List.<DemoContext.Account>of()).await();
            case DEMO -> DemoData.load(vertx, setup).await();
            case EMPTY -> List.<DemoContext.Account>of();
          };
      setup.close().await();
      MutableClock clock = MutableClock.startingNow();
      Main.Running running = Main.boot(vertx, config, db, metrics, clock).await();
      return new TestApp(vertx, running, db, demo, clock);
    } catch (RuntimeException ex) {
      vertx.close().await();
      throw ex;
    }
  }

  /**
   * Where a test's node keeps its keys and witness state unless the test names a directory: one per
   * test JVM, since two JVMs run test classes at once and must not create or read each other's key
   * files.
   */
  private static final Path JVM_DATA_DIR =
      Path.of("target", "test-data", "jvm-" + ProcessHandle.current().pid());

  /** A test configuration: free port, one HTTP instance, a fixed JWT key, no demo loading. */
  public static AppConfig config(Map<String, String> env) {
    Map<String, String> all =
        new java.util.HashMap<>(
            Map.of(
                "BANGFU_PORT", "0",
                "BANGFU_HOST", "127.0.0.1",
                "BANGFU_HTTP_INSTANCES", "1",
                "BANGFU_DB_POOL_SIZE", "4",
                "BANGFU_DEMO_DATA", "off",
                "BANGFU_JOBS", "manual",
                "BANGFU_DATA_DIR", JVM_DATA_DIR.toString(),
                "BANGFU_JWT_SECRET", "test-secret-test-secret-test-secret-0123456789"));
    all.putAll(env);
    return AppConfig.fromEnv(all);
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The application's clock: move it to pass a deadline or a window instead of sleeping. */
  public MutableClock clock() {
    return clock;
  }

  /** What the feature modules were built from (e.g. to build the routing table again). */
  public org.bangfu.app.AppContext appContext() {
    return running.app();
  }

  /** Every service, as the composition root made them (e.g. to run a rule at a moved clock). */
  public org.bangfu.app.Services services() {
    return running.services();
  }

  /**
   * Runs every scheduled job that is due by the application's clock, through the process's job
   * runner, as its timer would (tests start with it not ticking): move the clock, then call this.
   * Answers how many things the jobs changed. Blocking.
   */
  public int runDueJobs() {
    awaitJobOwnership();
    int changed = running.jobs().runDue().await();
    // a job that fails is a defect the test would not otherwise see (only a warning in the log)
    if (!running.jobs().failing().isEmpty()) {
      throw new AssertionError("scheduled jobs failed: " + running.jobs().failing());
    }
    return changed;
  }

  /**
   * The runner takes the scheduler lock a moment after the start; on a busy machine a test's first
   * run could come before it and run nothing. Waits (on the test's thread) until it holds it.
   */
  private void awaitJobOwnership() {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!running.jobs().owner()) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("this node never took the scheduler lock");
      }
      running.vertx().timer(20).await();
    }
  }

  /** What the HTTP verticles serve (e.g. to build the routing table again). */
  public org.bangfu.http.HttpVerticle.Api api() {
    return running.api();
  }

  /** The first column of the first row a statement answers, as a number (an id, a count). */
  public long one(String sql, Tuple args) {
    return pool().preparedQuery(sql).execute(args).await().iterator().next().getLong(0);
  }

  /** Runs a statement to its end. */
  public void run(String sql, Tuple args) {
    pool().preparedQuery(sql).execute(args).await();
  }

  /** What PostgreSQL said when it refused a statement; the test fails if it did not refuse. */
  public PgException refused(String sql, Tuple args) {
    return refused(pool().preparedQuery(sql).execute(args));
  }

  /** What PostgreSQL said when it refused the work {@code f} stands for. */
  public PgException refused(Future<?> f) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(f::await);
    org.assertj.core.api.Assertions.assertThat(t).as("refused").isInstanceOf(PgException.class);
    return (PgException) t;
  }

  public Pool pool() {
    return running.pool();
  }

  public int port() {
    return running.port();
  }

  public String baseUrl() {
    return "http://localhost:" + port();
  }

  public DatabaseUrl database() {
    return database;
  }

  public WebClient client() {
    return client;
  }

  public List<DemoContext.Account> demoAccounts() {
    return demoAccounts;
  }

  /** A bearer token for a fixture account (signed in once through the real login). Blocking. */
  public String token(TestFixture.Account account) {
    return token(account.username, TestFixture.PASSWORD);
  }

  public String token(Role role) {
    return token(TestFixture.Account.of(role));
  }

  /** Signs in through {@code POST /api/v1/auth/login}; fails the test when that fails. Blocking. */
  public String token(String username, String password) {
    return tokens.computeIfAbsent(
        username,
        u -> {
          HttpResponse<Buffer> r =
              client
                  .post("/api/v1/auth/login")
                  .sendJsonObject(new JsonObject().put("username", u).put("password", password))
                  .await();
          if (r.statusCode() != 200) {
            throw new AssertionError(
                "login as " + u + " gave " + r.statusCode() + " " + r.bodyAsString());
          }
          return r.bodyAsJsonObject().getString("token");
        });
  }

  /** One request; {@code as} may be null (no token); {@code body} may be null. Blocking. */
  public HttpResponse<Buffer> call(
      HttpMethod method, String path, TestFixture.Account as, Object body) {
    return call(method, path, as == null ? null : token(as), body);
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> req = client.request(method, path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    Future<HttpResponse<Buffer>> f;
    if (body == null) {
      f = req.send();
    } else if (body instanceof JsonObject o) {
      f = req.sendJsonObject(o);
    } else if (body instanceof Buffer b) {
      f = req.putHeader("Content-Type", "application/json").sendBuffer(b);
    } else {
      f =
          req.putHeader("Content-Type", "application/json")
              .sendBuffer(Buffer.buffer(body.toString()));
    }
    return f.await();
  }

  /**
   * A need posted by {@code secretary} for {@code village} in yuan, submitted and published by the
   * admin; its id.
   */
  public long publishedNeed(
      TestFixture.Account secretary, String village, String category, long quantity, int priority) {
    HttpResponse<Buffer> posted =
        post(
            "/api/v1/needs",
            secretary,
            new io.vertx.core.json.JsonObject()
                .put("villageId", village)
                .put("category", category)
                .put("unit", "CNY")
                .put("quantity", quantity)
                .put("priority", priority)
                .put("title", "需求"));
    if (posted.statusCode() != 201) {
      throw new IllegalStateException("posting a need: " + posted.bodyAsString());
    }
    long id = posted.bodyAsJsonObject().getLong("id");
    for (String step : new String[] {"submit", "publish"}) {
      HttpResponse<Buffer> r =
          post(
              "/api/v1/needs/" + id + "/" + step,
              step.equals("submit") ? secretary : TestFixture.Account.ADMIN,
              null);
      if (r.statusCode() != 200) {
        throw new IllegalStateException(step + " of need " + id + ": " + r.bodyAsString());
      }
    }
    return id;
  }

  public HttpResponse<Buffer> get(String path, TestFixture.Account as) {
    return call(HttpMethod.GET, path, as, null);
  }

  public HttpResponse<Buffer> post(String path, TestFixture.Account as, Object body) {
    return call(HttpMethod.POST, path, as, body);
  }

  public HttpResponse<Buffer> patch(String path, TestFixture.Account as, Object body) {
    return call(HttpMethod.PATCH, path, as, body);
  }

  /**
   * What SIGTERM does to the server ({@link org.bangfu.Shutdown}): requests in flight and a running
   * round first, then the pool, then Vert.x. Blocking until it has left; {@link #stopping()} does
   * the same without waiting.
   */
  public void stop() {
    stopping().await();
  }

  /** Starts the stop of {@link #stop()}; the future completes when the node has left. */
  public synchronized Future<Void> stopping() {
    if (stopped == null) {
      stopped = org.bangfu.Shutdown.stop(vertx, running);
    }
    return stopped;
  }

  @Override
  public void close() {
    client.close();
    stop();
  }
}
