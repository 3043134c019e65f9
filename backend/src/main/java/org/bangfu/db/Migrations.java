package org.bangfu.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema: Flyway migrations from {@code db/migration} on the classpath (V1–V9 the platform,
 * V10+ the marketplace). Flyway uses JDBC and blocks, so it runs on a worker thread, before any
 * verticle is deployed. They need no superuser (no extension, {@code ALTER SYSTEM} or event
 * trigger): they run as the role that owns the schema, and a role with more rights is named in the
 * log ({@link Privileges}).
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static Future<Integer> migrate(Vertx vertx, DatabaseUrl url) {
    // a worker of its own that may block for hours: a migration on a national database (an index
    // on a million rows, a summary's backfill) takes minutes, and the shared workers'
    // blocked-thread
    // warning would print a stack trace every second meanwhile
    WorkerExecutor worker =
        vertx.createSharedWorkerExecutor("bangfu-migrations", 1, 6, TimeUnit.HOURS);
    return worker
        .executeBlocking(
            () -> {
              int applied = migrateBlocking(url);
              Privileges.warnIfTooPowerful(url);
              return applied;
            },
            false)
        .andThen(done -> worker.close());
  }

  /** Blocking: only from a worker thread, a main thread or a test's set-up. */
  public static int migrateBlocking(DatabaseUrl url) {
    MigrateResult result =
        Flyway.configure()
            .dataSource(url.jdbcUrl(), url.user(), url.password())
            .locations("classpath:db/migration")
            .connectRetries(5)
            .load()
            .migrate();
    LOG.info(
        "Database schema at version {} ({} migrations applied now)",
        result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion,
        result.migrationsExecuted);
    return result.migrationsExecuted;
  }
}
