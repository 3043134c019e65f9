package org.bangfu.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node runs the scheduled jobs: the one holding a PostgreSQL session advisory lock on a
 * connection of its own. Every node tries to take it every few seconds; the holder keeps it as long
 * as its connection lives, and when the node dies (even by SIGKILL) the database ends the session
 * and frees the lock, so another node takes over at its next try.
 *
 * <p>Why PostgreSQL and not a Hazelcast lock: the database is the one source of truth every node
 * already shares, with or without a Hazelcast cluster; the lock lives exactly as long as the
 * holder's session (no lease to renew, no split-brain between two cluster halves that both reach
 * the database), and jobs change only the database.
 */
public final class SchedulerLock {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerLock.class);

  /** The advisory lock's key (one per database; the audit chain uses 4242001). */
  public static final long KEY = 4242002L;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private PgConnection connection;
  private volatile boolean held;
  private boolean trying;

  public SchedulerLock(Vertx vertx, PgConnectOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** True while this node holds the lock and so runs the jobs. */
  public boolean held() {
    return held;
  }

  /** Tries to take the lock unless it is held here already; answers whether it is held now. */
  public Future<Boolean> tryAcquire() {
    if (held || trying) {
      return Future.succeededFuture(held);
    }
    trying = true;
    Future<PgConnection> conn =
        connection != null
            ? Future.succeededFuture(connection)
            : PgConnection.connect(vertx, options);
    return conn.compose(
            c -> {
              if (connection != c) {
                connection = c;
                c.closeHandler(v -> lost(c));
              }
              return c.preparedQuery("SELECT pg_try_advisory_lock($1) AS got")
                  .execute(Tuple.of(KEY));
            })
        .map(rows -> rows.iterator().next().getBoolean("got"))
        .onSuccess(
            got -> {
              if (got && !held) {
                LOG.info("this node now runs the scheduled jobs");
              }
              held = got;
            })
        .recover(
            e -> {
              LOG.debug("scheduler lock not taken: {}", e.toString());
              return Future.succeededFuture(false);
            })
        .onComplete(r -> trying = false);
  }

  private void lost(PgConnection c) {
    if (connection == c) {
      connection = null;
      if (held) {
        LOG.warn("lost the scheduler lock (database connection closed)");
      }
      held = false;
    }
  }

  /** Gives the lock up (on shutdown), so another node takes over at once. */
  public Future<Void> release() {
    PgConnection c = connection;
    connection = null;
    held = false;
    return c == null ? Future.succeededFuture() : c.close();
  }
}
