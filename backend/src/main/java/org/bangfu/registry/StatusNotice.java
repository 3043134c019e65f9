package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The village notice (公示) an approved status change must pass before it takes effect: it is
 * published for {@link #PERIOD}; when that has passed without an objection the change is due. One
 * small seam, so the register can use a shared public-notice service instead of its own.
 */
public interface StatusNotice {
  Duration PERIOD = Duration.ofDays(7);

  /**
   * Publishes the application's notice at {@code now} (in the caller's transaction); answers its
   * end.
   */
  Future<Instant> publish(SqlClient tx, long applicationId, Instant now);

  /** Applications whose notice ended by {@code now} without objections (at most {@code limit}). */
  Future<List<Long>> due(SqlClient sql, Instant now, int limit);
}
