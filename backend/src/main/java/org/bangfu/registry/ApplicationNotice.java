package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The village notice kept on the application itself ({@code published_at}, {@code notice_ends},
 * {@code objections}). Objections are counted there; none is taken yet, so a notice that has run
 * its 7 days is due.
 */
public final class ApplicationNotice implements StatusNotice {
  static final String PUBLISH =
      """
      UPDATE status_applications SET published_at = $2, notice_ends = $3 WHERE id = $1""";
  static final String DUE =
      """
      SELECT id FROM status_applications
       WHERE state = 'in_notice' AND notice_ends <= $1 AND objections = 0
       ORDER BY notice_ends, id LIMIT $2""";

  @Override
  public Future<Instant> publish(SqlClient tx, long applicationId, Instant now) {
    Instant ends = now.plus(PERIOD);
    return tx.preparedQuery(PUBLISH).execute(Tuple.of(applicationId, at(now), at(ends))).map(ends);
  }

  @Override
  public Future<List<Long>> due(SqlClient sql, Instant now, int limit) {
    return sql.preparedQuery(DUE)
        .execute(Tuple.of(at(now), limit))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong(0)));
              return ids;
            });
  }

  private static OffsetDateTime at(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
