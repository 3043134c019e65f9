package org.bangfu.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The reactive PostgreSQL pool all runtime SQL goes through. */
public final class PoolFactory {

  /**
   * This process's name on its connections (application_name): PostgreSQL then knows which
   * processes are alive (pg_stat_activity), which is how a match round of a dead process is told
   * from one still running.
   */
  public static final String PROCESS_NAME = processName();

  private PoolFactory() {
  }

  public static Pool create(Vertx vertx, DatabaseUrl url, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
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
