package org.bangfu.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** The reactive PostgreSQL pool all runtime SQL goes through. */
public final class PoolFactory {

  /**
   * This process's name on its connections (application_name): PostgreSQL then knows which
   * processes are alive (pg_stat_activity), which is how a match round of a dead process is told
   * from one still running.
   */
  public static final String PROCESS_NAME = processName();

  private PoolFactory() {}

  /** Answers when PostgreSQL answers a trivial statement (readiness). */
  public static io.vertx.core.Future<Void> ping(Pool pool) {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  /**
   * The process's pool: {@code size} connections shared out among the event loops, each loop's
   * requests served by connections on that loop ({@link PoolPerEventLoop} says why).
   */
  public static Pool perEventLoop(Vertx vertx, DatabaseUrl url, int size) {
    return new PoolPerEventLoop(vertx, size, share -> create(vertx, url, share));
  }

  /** One pool of {@code size} connections, lent to callers on any event loop. */
  public static Pool create(Vertx vertx, DatabaseUrl url, int size) {
    return PgBuilder.pool()
        // a request waits at most 10 s for a connection, and a connection attempt at most 5 s:
        // a database that does not answer is a quick 503, not a request held for a minute
        .with(
            new PoolOptions()
                .setMaxSize(size)
                .setConnectionTimeout(10)
                .setConnectionTimeoutUnit(TimeUnit.SECONDS))
        .with(new NetClientOptions().setConnectTimeout(5000))
        .connectingTo(url.connectOptions().addProperty("application_name", PROCESS_NAME))
        .using(vertx)
        .build();
  }

  private static String processName() {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return "bangfu " + ProcessHandle.current().pid() + " " + HexFormat.of().formatHex(random);
  }
}
