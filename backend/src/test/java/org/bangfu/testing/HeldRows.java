package org.bangfu.testing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.function.Supplier;

/**
 * Another writer, for tests of row locks: it holds rows in a transaction of its own while a request
 * runs, waits until that request is blocked by it, changes the rows and commits. A request that
 * locks the rows it decides on then decides on what the writer left; one that does not decides on
 * what it read before.
 */
public final class HeldRows {
  private HeldRows() {}

  /**
   * Runs {@code lockSql} in a new transaction, starts {@code request}, waits until the request is
   * blocked by that transaction, runs {@code changeSql} (both with {@code args}) and commits;
   * answers the request's result.
   */
  public static <T> T whileHeld(
      TestApp app, String lockSql, String changeSql, Tuple args, Supplier<Future<T>> request) {
    SqlConnection conn = app.pool().getConnection().await();
    try {
      Transaction tx = conn.begin().await();
      int pid = lock(conn, lockSql, args);
      Future<T> answer = request.get();
      awaitBlockedBy(app, pid, 1);
      conn.preparedQuery(changeSql).execute(args).await();
      tx.commit().await();
      return answer.await();
    } finally {
      conn.close().await();
    }
  }

  /**
   * Runs {@code lockSql} in a new transaction, starts {@code requests} (one future for them all),
   * waits until {@code count} backends are blocked by that transaction and commits: the requests
   * then all go on at the same moment, each from the first row it found held. Answers their result.
   */
  public static <T> T releasedTogether(
      TestApp app, String lockSql, Tuple args, int count, Supplier<Future<T>> requests) {
    SqlConnection conn = app.pool().getConnection().await();
    try {
      Transaction tx = conn.begin().await();
      int pid = lock(conn, lockSql, args);
      Future<T> answer = requests.get();
      awaitBlockedBy(app, pid, count);
      tx.commit().await();
      return answer.await();
    } finally {
      conn.close().await();
    }
  }

  /** Takes the rows' locks on {@code conn}; answers its backend's pid. */
  private static int lock(SqlConnection conn, String lockSql, Tuple args) {
    conn.preparedQuery(lockSql).execute(args).await();
    return conn.query("SELECT pg_backend_pid() AS pid")
        .execute()
        .await()
        .iterator()
        .next()
        .getInteger("pid");
  }

  /**
   * Waits until another backend waits for a lock {@code holder} holds and {@code count} backends of
   * the database wait in all (behind the holder, or queued behind the first one waiting for the
   * same row).
   */
  static void awaitBlockedBy(TestApp app, int holder, int count) {
    for (int i = 0; i < 500; i++) {
      Row r =
          app.pool()
              .preparedQuery(
                  "SELECT count(*) FILTER (WHERE $1 = ANY(pg_blocking_pids(pid))) AS direct,"
                      + " count(*) FILTER (WHERE cardinality(pg_blocking_pids(pid)) > 0) AS waiting"
                      + " FROM pg_stat_activity WHERE datname = current_database()")
              .execute(Tuple.of(holder))
              .await()
              .iterator()
              .next();
      if (r.getLong("direct") > 0 && r.getLong("waiting") >= count) {
        return;
      }
      app.vertx().timer(20).await();
    }
    StringBuilder seen = new StringBuilder();
    for (Row r :
        app.pool()
            .query(
                "SELECT pid, state, wait_event_type, wait_event, pg_blocking_pids(pid)::text AS b,"
                    + " left(query, 50) AS q FROM pg_stat_activity WHERE datname = current_database()")
            .execute()
            .await()) {
      seen.append('\n').append(r.toJson().encode());
    }
    throw new AssertionError(
        "the requests never waited for the other writer (holder " + holder + "):" + seen);
  }
}
