package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;

/**
 * The village notice kept on the application itself ({@code published_at}, {@code notice_ends},
 * {@code objections}). Objections are counted there; none is taken yet, so a notice that has run
 * its 7 days is due.
 */
public final class ApplicationNotice implements StatusNotice {
  private final StatusApplicationRepository applications;

  public ApplicationNotice(StatusApplicationRepository applications) {
    this.applications = applications;
  }

  @Override
  public Future<Instant> publish(SqlClient tx, long applicationId, Instant now) {
    Instant ends = now.plus(PERIOD);
    return applications.publishNotice(tx, applicationId, now, ends).map(ends);
  }

  @Override
  public Future<List<Long>> due(SqlClient sql, Instant now, int limit) {
    return applications.noticesDue(sql, now, limit);
  }
}
