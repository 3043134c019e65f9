package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who runs a match round: the process whose connections started it ({@code match_rounds.owner}, the
 * connection's application_name, see {@code PoolFactory}). A process that died has no connection
 * left, so its running round is failed at once: by {@link #failAbandoned} when a process starts,
 * and by the database itself before any new round is inserted (a trigger), on whichever node starts
 * it. A process that stops (SIGTERM) fails its own rounds still running before it leaves ({@link
 * #failOf}). A round of a live but stuck process is still failed after {@link
 * MatchRoundService#STALE}.
 */
public final class RoundLease {

  private static final Logger LOG = LoggerFactory.getLogger(RoundLease.class);

  private final MatchRoundRepository rounds;

  public RoundLease(MatchRoundRepository rounds) {
    this.rounds = rounds;
  }

  /** How many rounds process {@code owner} (its application_name) is running. */
  public Future<Integer> running(SqlClient sql, String owner) {
    return rounds.runningOf(sql, owner);
  }

  /**
   * Fails the rounds process {@code owner} still runs (it is stopping), so that any node may start
   * one at once; the number failed.
   */
  public Future<Integer> failOf(SqlClient sql, String owner, String why) {
    return rounds.failOf(sql, owner, why);
  }

  /** Fails every running round whose process is gone; the number failed. */
  public Future<Integer> failAbandoned(SqlClient sql) {
    return rounds
        .failAbandoned(sql)
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.warn("{} match round(s) left running by a stopped process marked failed", n);
              }
            });
  }
}
