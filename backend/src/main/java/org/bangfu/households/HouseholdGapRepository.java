package org.bangfu.households;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bangfu.support.FileContent;
import org.bangfu.support.Rows;

/**
 * All SQL about households' gap records. The household's {@code gaps} column follows the open
 * records by a trigger of the database, whoever writes them.
 */
public final class HouseholdGapRepository {
  static final String COLUMNS =
      """
      SELECT id, household_id, gap, found, opened_at, closed_note, evidence_name, evidence_type, closed_at
        FROM household_gaps""";
  static final String OF_HOUSEHOLD =
      COLUMNS + " WHERE household_id = $1 ORDER BY closed_at NULLS FIRST, id";
  static final String BY_ID = COLUMNS + " WHERE id = $1";
  static final String LOCK = BY_ID + " FOR UPDATE";
  static final String OPEN =
      """
      INSERT INTO household_gaps (household_id, gap, found, opened_by, opened_at)
      SELECT $1, g, $3, $4, $5 FROM unnest($2::text[]) AS g
      ON CONFLICT (household_id, gap) WHERE closed_at IS NULL DO NOTHING
      RETURNING id""";
  static final String CLOSE =
      """
      UPDATE household_gaps SET closed_note = $2, evidence_name = $3, evidence_type = $4, evidence = $5,
             closed_by = $6, closed_at = $7
       WHERE id = $1 AND closed_at IS NULL""";
  static final String EVIDENCE =
      "SELECT evidence_name, evidence_type, evidence FROM household_gaps WHERE id = $1 AND evidence IS NOT NULL";

  public Future<List<HouseholdGap>> ofHousehold(SqlClient sql, long householdId) {
    return sql.preparedQuery(OF_HOUSEHOLD)
        .execute(Tuple.of(householdId))
        .map(rows -> Rows.all(rows, HouseholdGapRepository::map));
  }

  public Future<Optional<HouseholdGap>> find(SqlClient sql, long id) {
    return sql.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, HouseholdGapRepository::map));
  }

  public Future<Optional<HouseholdGap>> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, HouseholdGapRepository::map));
  }

  /** Opens the gaps not open yet; answers the ids of those it opened. */
  public Future<List<Long>> openAll(
      SqlClient sql, long householdId, List<String> gaps, String found, Long by, Instant now) {
    if (gaps.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return sql.preparedQuery(OPEN)
        .execute(Tuple.of(householdId, gaps.toArray(String[]::new), found, by, at(now)))
        .map(rows -> Rows.all(rows, r -> r.getLong("id")));
  }

  /** Closes an open gap with its note and evidence (may be null); true when it was open. */
  public Future<Boolean> close(
      SqlClient sql, long id, String note, FileContent evidence, long by, Instant now) {
    return sql.preparedQuery(CLOSE)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  note,
                  evidence == null ? null : evidence.name(),
                  evidence == null ? null : evidence.contentType(),
                  evidence == null ? null : Buffer.buffer(evidence.data()),
                  by,
                  at(now)
                }))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<FileContent>> evidence(SqlClient sql, long id) {
    return sql.preparedQuery(EVIDENCE)
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new FileContent(
                            r.getString("evidence_name"),
                            r.getString("evidence_type"),
                            r.getBuffer("evidence").getBytes())));
  }

  private static OffsetDateTime at(Instant now) {
    return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }

  static HouseholdGap map(Row r) {
    return new HouseholdGap(
        r.getLong("id"),
        r.getLong("household_id"),
        r.getString("gap"),
        r.getString("found"),
        r.getOffsetDateTime("opened_at"),
        r.getString("closed_note"),
        r.getString("evidence_name"),
        r.getString("evidence_type"),
        r.getOffsetDateTime("closed_at"));
  }
}
