package org.bangfu.villages;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bangfu.support.Rows;

/** All SQL about villages over time: collective incomes per year, exits (摘帽), the two goals. */
public final class VillageRepository {
  static final String VILLAGE =
      "SELECT id, poor_village FROM regions WHERE id = $1 AND level = 'village'";
  static final String INCOME_COLUMNS =
      """
      SELECT i.village_id, r.name AS village_name, i.year, i.amount, i.collective_status, i.entered_at, i.verified_at
        FROM village_incomes i JOIN regions r ON r.id = i.village_id""";
  static final String INCOMES = INCOME_COLUMNS + " WHERE i.village_id = $1 ORDER BY i.year";
  static final String INCOME = INCOME_COLUMNS + " WHERE i.village_id = $1 AND i.year = $2";
  static final String INCOME_LOCK = INCOME + " FOR UPDATE OF i";
  static final String UPSERT_INCOME =
      """
      INSERT INTO village_incomes (village_id, year, amount, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (village_id, year) DO UPDATE SET amount = EXCLUDED.amount, entered_by = EXCLUDED.entered_by,
             entered_at = EXCLUDED.entered_at WHERE village_incomes.verified_at IS NULL""";
  static final String VERIFY_INCOME =
      """
      UPDATE village_incomes SET verified_by = $3, verified_at = $4 WHERE village_id = $1 AND year = $2""";

  /** regions.collective_income follows the latest verified year (other features read it there). */
  static final String SYNC_REGION =
      """
      UPDATE regions SET collective_income = (SELECT amount FROM village_incomes
             WHERE village_id = $1 AND verified_at IS NOT NULL ORDER BY year DESC LIMIT 1) WHERE id = $1""";

  static final String HOUSEHOLD_COUNTS =
      """
      SELECT count(*) FILTER (WHERE status <> 'removed') AS households,
             count(*) FILTER (WHERE status IN ('in_poverty', 'new', 'returned')) AS poor
        FROM households WHERE village_id = $1""";
  static final String EXIT_COLUMNS =
      """
      SELECT e.village_id, r.name AS village_name, e.year, e.households, e.poor_households, e.poverty_rate,
             e.collective_income, e.decided_at, e.id, e.state, e.notice_id, e.effective_at
        FROM village_exits e JOIN regions r ON r.id = e.village_id""";

  /** The village's exit in its notice or effective (a withdrawn one is history). */
  static final String EXIT = EXIT_COLUMNS + " WHERE e.village_id = $1 AND e.state <> 'withdrawn'";

  static final String EXIT_BY_ID = EXIT_COLUMNS + " WHERE e.id = $1";
  static final String LOCK_EXIT = EXIT_BY_ID + " FOR UPDATE OF e";
  static final String INSERT_EXIT =
      """
      INSERT INTO village_exits (village_id, year, households, poor_households, poverty_rate, collective_income, roads,
                                 drinking_water, power, clinic, decided_by, decided_at, state)
      VALUES ($1, $2, $3, $4, $5, $6, true, true, true, true, $7, $8, 'in_notice') RETURNING id""";
  static final String EXIT_NOTICE = "UPDATE village_exits SET notice_id = $2 WHERE id = $1";
  static final String EXIT_EFFECTIVE =
      "UPDATE village_exits SET state = 'effective', effective_at = $2 WHERE id = $1 AND state = 'in_notice'";
  static final String EXIT_WITHDRAWN =
      "UPDATE village_exits SET state = 'withdrawn' WHERE id = $1 AND state = 'in_notice'";

  /**
   * Each village counted by the one rule of hollow and weak villages (V102,
   * village_collective_standing) in region $1 (null: all) and year $2: its income of the year, else
   * of the latest year before, and its standing; poorest first within each county.
   */
  static final String STANDING =
      """
      SELECT s.village_id, v.name AS village_name, region_county(s.village_id) AS county, c.name AS county_name,
             s.income_year AS year, s.amount, s.verified, s.standing
        FROM village_collective_standing($1, $2) s
        JOIN regions v ON v.id = s.village_id
        LEFT JOIN regions c ON c.id = region_county(s.village_id)
       ORDER BY 3, s.amount NULLS FIRST, s.village_id""";

  /** The same rule in every year an income was entered for (in region $1). */
  static final String BY_YEAR =
      """
      SELECT y.year, count(*) FILTER (WHERE s.standing = 'hollow') AS hollow,
             count(*) FILTER (WHERE s.standing = 'weak') AS weak,
             count(*) FILTER (WHERE s.standing = 'ok') AS ok
        FROM (SELECT DISTINCT year::integer AS year FROM village_incomes
               WHERE ($1::text IS NULL OR region_contains($1, village_id))) y,
             LATERAL village_collective_standing($1, y.year) s
       GROUP BY y.year ORDER BY y.year""";

  /** The latest year up to $2 with an income entered in region $1 (null when none). */
  static final String LATEST_YEAR =
      """
      SELECT max(year)::integer FROM village_incomes
       WHERE year <= $2 AND ($1::text IS NULL OR region_contains($1, village_id))""";

  static final String EXITS_BY_YEAR =
      """
      SELECT year, count(*) AS n FROM village_exits
       WHERE state = 'effective' AND ($1::text IS NULL OR region_contains($1, village_id))
       GROUP BY year ORDER BY year""";

  public record Standing(
      String villageId,
      String villageName,
      String county,
      String countyName,
      Integer year,
      Long amount,
      boolean verified,
      String standing) {}

  public record YearCounts(int year, long hollow, long weak, long ok) {}

  /** null when no such village; else whether it is a registered poor village. */
  public Future<Boolean> poorVillage(SqlClient sql, String id) {
    return sql.preparedQuery(VILLAGE)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, r -> r.getBoolean("poor_village")).orElse(null));
  }

  public Future<List<VillageIncome>> incomes(SqlClient sql, String village) {
    return sql.preparedQuery(INCOMES)
        .execute(Tuple.of(village))
        .map(rows -> Rows.all(rows, VillageRepository::income));
  }

  public Future<Optional<VillageIncome>> income(
      SqlClient sql, String village, int year, boolean lock) {
    return sql.preparedQuery(lock ? INCOME_LOCK : INCOME)
        .execute(Tuple.of(village, (short) year))
        .map(rows -> Rows.first(rows, VillageRepository::income));
  }

  /** Enters or re-enters an unverified income; answers false when the year is verified already. */
  public Future<Boolean> enter(
      SqlClient sql, String village, int year, long amount, long by, Instant now) {
    return sql.preparedQuery(UPSERT_INCOME)
        .execute(Tuple.of(village, (short) year, amount, by, at(now)))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Void> verify(SqlClient sql, String village, int year, long by, Instant now) {
    return sql.preparedQuery(VERIFY_INCOME)
        .execute(Tuple.of(village, (short) year, by, at(now)))
        .compose(v -> sql.preparedQuery(SYNC_REGION).execute(Tuple.of(village)))
        .mapEmpty();
  }

  /** [registered households (not removed), poor households] of a village. */
  /** A village's registered households and how many of them are poor. */
  public record HouseholdCounts(long households, long poor) {}

  public Future<HouseholdCounts> householdCounts(SqlClient sql, String village) {
    return sql.preparedQuery(HOUSEHOLD_COUNTS)
        .execute(Tuple.of(village))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new HouseholdCounts(r.getLong("households"), r.getLong("poor"));
            });
  }

  public Future<Optional<VillageExit>> exit(SqlClient sql, String village) {
    return sql.preparedQuery(EXIT)
        .execute(Tuple.of(village))
        .map(rows -> Rows.first(rows, VillageRepository::exit));
  }

  /** Where a village is, by name, for its notices. */
  public record Place(String county, String township, String village) {}

  static final String PLACE =
      """
      SELECT v.name AS village, t.name AS township, c.name AS county
        FROM regions v LEFT JOIN regions t ON t.id = v.parent_id LEFT JOIN regions c ON c.id = t.parent_id
       WHERE v.id = $1""";

  public Future<Place> place(SqlClient sql, String villageId) {
    return sql.preparedQuery(PLACE)
        .execute(Tuple.of(villageId))
        .map(
            rows ->
                Rows.first(
                        rows,
                        r ->
                            new Place(
                                r.getString("county"),
                                r.getString("township"),
                                r.getString("village")))
                    .orElseThrow());
  }

  public Future<Optional<VillageExit>> exitById(SqlClient sql, long id, boolean lock) {
    return sql.preparedQuery(lock ? LOCK_EXIT : EXIT_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, VillageRepository::exit));
  }

  public Future<Void> exitNotice(SqlClient sql, long exitId, long noticeId) {
    return sql.preparedQuery(EXIT_NOTICE).execute(Tuple.of(exitId, noticeId)).mapEmpty();
  }

  /** The exit in its notice takes effect; true when it did. */
  public Future<Boolean> exitEffective(SqlClient sql, long exitId, Instant now) {
    return sql.preparedQuery(EXIT_EFFECTIVE)
        .execute(Tuple.of(exitId, at(now)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> exitWithdrawn(SqlClient sql, long exitId) {
    return sql.preparedQuery(EXIT_WITHDRAWN)
        .execute(Tuple.of(exitId))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Long> insertExit(
      SqlClient sql,
      String village,
      int year,
      long households,
      long poor,
      BigDecimal rate,
      long income,
      long by,
      Instant now) {
    return sql.preparedQuery(INSERT_EXIT)
        .execute(
            Tuple.from(
                new Object[] {
                  village, (short) year, (int) households, (int) poor, rate, income, by, at(now)
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<Standing>> standing(SqlClient sql, String region, int year) {
    return sql.preparedQuery(STANDING)
        .execute(Tuple.of(region, year))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new Standing(
                            r.getString("village_id"),
                            r.getString("village_name"),
                            r.getString("county"),
                            r.getString("county_name"),
                            r.getInteger("year"),
                            r.getLong("amount"),
                            Boolean.TRUE.equals(r.getBoolean("verified")),
                            r.getString("standing"))));
  }

  /** The latest year up to {@code atMost} with an income entered in the region, if any. */
  public Future<Optional<Integer>> latestYear(SqlClient sql, String region, int atMost) {
    return sql.preparedQuery(LATEST_YEAR)
        .execute(Tuple.of(region, atMost))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getInteger(0)));
  }

  public Future<List<YearCounts>> byYear(SqlClient sql, String region) {
    return sql.preparedQuery(BY_YEAR)
        .execute(Tuple.of(region))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new YearCounts(
                            r.getInteger("year"),
                            r.getLong("hollow"),
                            r.getLong("weak"),
                            r.getLong("ok"))));
  }

  /** How many villages exited (摘帽) in a year. */
  public record YearExits(int year, long villages) {}

  public Future<List<YearExits>> exitsByYear(SqlClient sql, String region) {
    return sql.preparedQuery(EXITS_BY_YEAR)
        .execute(Tuple.of(region))
        .map(rows -> Rows.all(rows, r -> new YearExits(r.getInteger("year"), r.getLong("n"))));
  }

  static VillageIncome income(Row r) {
    return new VillageIncome(
        r.getString("village_id"),
        r.getString("village_name"),
        r.getInteger("year"),
        r.getLong("amount"),
        r.getString("collective_status"),
        r.getOffsetDateTime("entered_at"),
        r.getOffsetDateTime("verified_at"));
  }

  static VillageExit exit(Row r) {
    return new VillageExit(
        r.getString("village_id"),
        r.getString("village_name"),
        r.getInteger("year"),
        r.getInteger("households"),
        r.getInteger("poor_households"),
        r.getBigDecimal("poverty_rate"),
        r.getLong("collective_income"),
        r.getOffsetDateTime("decided_at"),
        r.getLong("id"),
        r.getString("state"),
        r.getLong("notice_id"),
        r.getOffsetDateTime("effective_at"));
  }

  static OffsetDateTime at(Instant now) {
    return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }
}
