package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bangfu.support.Rows;

/** All SQL about the income lines of monitoring, per region and year. */
public final class ThresholdRepository {
  static final String ALL =
      """
      SELECT t.region_id, r.name AS region_name, t.year, t.income_line, t.effective_from, t.source, t.set_at
        FROM monitor_thresholds t JOIN regions r ON r.id = t.region_id ORDER BY t.region_id, t.year DESC""";

  /**
   * The line a village is held to in a year: of the most specific region above it that has one (a
   * region's code begins every code below it: 35 → 3505 → 350524 → 350524-T01-V01), the latest year
   * not after {@code year}.
   */
  static final String FOR_VILLAGE =
      """
      SELECT t.region_id, r.name AS region_name, t.year, t.income_line, t.effective_from, t.source, t.set_at
        FROM monitor_thresholds t JOIN regions r ON r.id = t.region_id
       WHERE starts_with($1, t.region_id) AND t.year <= $2
       ORDER BY char_length(t.region_id) DESC, t.year DESC LIMIT 1""";

  static final String UPSERT =
      """
      INSERT INTO monitor_thresholds (region_id, year, income_line, effective_from, source, set_by, set_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (region_id, year) DO UPDATE SET income_line = $3, effective_from = $4, source = $5, set_by = $6,
             set_at = $7
      RETURNING (xmax = 0) AS inserted""";
  static final String REGION_LEVEL = "SELECT level FROM regions WHERE id = $1";

  public Future<List<Threshold>> all(SqlClient sql) {
    return sql.query(ALL).execute().map(rows -> Rows.all(rows, ThresholdRepository::map));
  }

  public Future<Optional<Threshold>> forVillage(SqlClient sql, String villageId, int year) {
    return sql.preparedQuery(FOR_VILLAGE)
        .execute(Tuple.of(villageId, (short) year))
        .map(rows -> Rows.first(rows, ThresholdRepository::map));
  }

  /** Sets a region's line of a year; answers whether it was new (false: it replaced one). */
  public Future<Boolean> set(
      SqlClient sql,
      String region,
      int year,
      long line,
      LocalDate from,
      String source,
      long by,
      Instant now) {
    return sql.preparedQuery(UPSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  region,
                  (short) year,
                  line,
                  from,
                  source,
                  by,
                  OffsetDateTime.ofInstant(now, ZoneOffset.UTC)
                }))
        .map(rows -> rows.iterator().next().getBoolean("inserted"));
  }

  public Future<Optional<String>> regionLevel(SqlClient sql, String region) {
    return sql.preparedQuery(REGION_LEVEL)
        .execute(Tuple.of(region))
        .map(rows -> Rows.first(rows, r -> r.getString(0)));
  }

  static Threshold map(Row r) {
    return new Threshold(
        r.getString("region_id"),
        r.getString("region_name"),
        r.getInteger("year"),
        r.getLong("income_line"),
        r.getLocalDate("effective_from"),
        r.getString("source"),
        r.getOffsetDateTime("set_at"));
  }
}
