package org.bangfu.expiry;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what has run out at a given time (each is then ended under its locks, state re-checked).
 */
public final class ExpiryRepository {
  static final String PLEDGES_PAST =
      "SELECT id FROM pledges WHERE status IN ('open','exhausted') AND expires < $1 "
          + "ORDER BY id";
  static final String STALE_PROPOSALS =
      "SELECT id FROM allocations WHERE status = 'proposed' " + "AND created_at < $1 ORDER BY id";

  /** Overdue needs that still hold something to release: nothing yet, or proposals. */
  static final String OVERDUE_NEEDS =
      "SELECT n.id FROM needs n WHERE n.status IN ('published', 'partly_allocated', 'allocated')"
          + " AND n.deadline < $1 AND (n.allocated = 0 OR EXISTS (SELECT 1 FROM allocations a WHERE"
          + " a.need_id = n.id AND a.status = 'proposed')) ORDER BY n.id";

  /** Open or exhausted pledges whose last day is before {@code today}. */
  Future<List<Long>> pledgesPast(SqlClient sql, LocalDate today) {
    return ids(sql, PLEDGES_PAST, Tuple.of(today));
  }

  /** Proposals made before {@code before}. */
  Future<List<Long>> proposalsBefore(SqlClient sql, OffsetDateTime before) {
    return ids(sql, STALE_PROPOSALS, Tuple.of(before));
  }

  Future<List<Long>> overdueNeeds(SqlClient sql, LocalDate today) {
    return ids(sql, OVERDUE_NEEDS, Tuple.of(today));
  }

  private Future<List<Long>> ids(SqlClient sql, String query, Tuple args) {
    return sql.preparedQuery(query)
        .execute(args)
        .map(
            rows -> {
              List<Long> out = new ArrayList<>();
              rows.forEach(r -> out.add(r.getLong("id")));
              return out;
            });
  }
}
