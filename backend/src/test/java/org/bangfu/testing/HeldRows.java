package org.bangfu.testing;

import io.vertx.core.Future;
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
      conn.preparedQuery(lockSql).execute(args).await();
      int pid =
          conn.query("SELECT pg_backend_pid() AS pid")
              .execute()
              .await()
              .iterator()
              .next()
              .getInteger("pid");
      Future<T> answer = request.get();
      awaitBlockedBy(app, pid);
      conn.preparedQuery(changeSql).execute(args).await();
      tx.commit().await();
      return answer.await();
    } finally {
      conn.close().await();
    }
  }

  /** Waits until another backend waits for a lock {@code holder} holds. */
  static void awaitBlockedBy(TestApp app, int holder) {
    for (int i = 0; i < 500; i++) {
      long waiting =
          app.pool()
              .preparedQuery(
                  "SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))")
              .execute(Tuple.of(holder))
              .await()
              .iterator()
              .next()
              .getLong("n");
      if (waiting > 0) {
        return;
      }
      app.vertx().timer(20).await();
    }
    throw new AssertionError("the request never waited for the other writer");
  }
}
