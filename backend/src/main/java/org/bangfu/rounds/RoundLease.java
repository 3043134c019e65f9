package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who runs a match round: the process whose connections started it ({@code match_rounds.owner}, the
 * connection's application_name, see {@code PoolFactory}). A process that died has no connection
 * left, so its running round is failed at once: by {@link #failAbandoned} when a process starts,
 * and by the database itself before any new round is inserted (a trigger), on whichever node starts
 * it. A process that stops (SIGTERM) fails its own rounds still running before it leaves ({@link
 * #failOf}). A round of a live but stuck process is still failed after {@link
 * MatchRoundService#STALE_MINUTES}.
 */
public final class RoundLease {

  private static final Logger LOG = LoggerFactory.getLogger(RoundLease.class);
  static final String FAIL_ABANDONED = "SELECT match_rounds_fail_abandoned() AS failed";
  static final String RUNNING_OF =
      "SELECT count(*)::int AS running FROM match_rounds WHERE status = 'running' AND owner = $1";
  static final String FAIL_OF =
      "UPDATE match_rounds SET status = 'failed', finished_at = clock_timestamp(), error = $2 "
          + "WHERE status = 'running' AND owner = $1";

  private RoundLease() {}

  /** How many rounds process {@code owner} (its application_name) is running. */
  public static Future<Integer> running(SqlClient sql, String owner) {
    return sql.preparedQuery(RUNNING_OF)
        .execute(Tuple.of(owner))
        .map(rows -> rows.iterator().next().getInteger("running"));
  }

  /**
   * Fails the rounds process {@code owner} still runs (it is stopping), so that any node may start
   * one at once; the number failed.
   */
  public static Future<Integer> failOf(SqlClient sql, String owner, String why) {
    return sql.preparedQuery(FAIL_OF).execute(Tuple.of(owner, why)).map(r -> r.rowCount());
  }

  /** Fails every running round whose process is gone; the number failed. */
  public static Future<Integer> failAbandoned(SqlClient sql) {
    return sql.query(FAIL_ABANDONED)
        .execute()
        .map(rows -> rows.iterator().next().getInteger("failed"))
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.warn("{} match round(s) left running by a stopped process marked failed", n);
              }
            });
  }
}
