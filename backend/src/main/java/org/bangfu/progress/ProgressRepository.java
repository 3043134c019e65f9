package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bangfu.support.Listing;

/**
 * All SQL of campaign progress and of the figures the dashboard and the auditor read.
 *
 * <p>An allocation counts for a campaign when its pledge names the campaign, or when its donor is
 * enrolled in the campaign and the need lies where the campaign ties the donor: a village the donor
 * is paired with in it (approved pairings only), or, for a campaign following a region pairing
 * (山海协作), the county paired with the donor's home county. So the 山海协作 campaign counts what its
 * enrolled coastal donors give their partner mountain counties, whatever pledge it came from. An
 * allocation may count for two campaigns; within one it counts once.
 */
final class ProgressRepository {
  static final String ACTIVE = "('proposed','confirmed','delivered','received','verified')";
  static final String PROPOSED = "status = 'proposed'";
  static final String CONFIRMED = "status IN ('confirmed','delivered','received','verified')";
  static final String DELIVERED = "status IN ('delivered','received','verified')";
  static final String VERIFIED = "status = 'verified'";

  /** The campaign's allocations, $1 the campaign. */
  static final String CA =
      """
      WITH ca AS (
        SELECT a.id, a.status, a.unit, a.quantity, a.confirmed_at, a.verified_at, p.campaign_id AS pledge_campaign,
               d.home_county, n.village_id, n.category, region_county(n.village_id) AS county
          FROM allocations a
          JOIN pledges p ON p.id = a.pledge_id
          JOIN donors d ON d.id = p.donor_id
          JOIN needs n ON n.id = a.need_id
         WHERE a.status IN """
          + ACTIVE
          + """

           AND (p.campaign_id = $1
                OR (EXISTS (SELECT 1 FROM campaign_enrolments e WHERE e.campaign_id = $1 AND e.donor_id = p.donor_id)
                    AND (EXISTS (SELECT 1 FROM campaign_pairings cp
                                  WHERE cp.campaign_id = $1 AND cp.donor_id = p.donor_id AND cp.village_id = n.village_id)
                         OR EXISTS (SELECT 1 FROM campaigns c JOIN region_pairings rp ON rp.kind = c.region_pairing_kind
                                     WHERE c.id = $1 AND rp.from_id = d.home_county
                                       AND rp.to_id = region_county(n.village_id)))))
      )
      """;

  static final String STAGE_SUMS =
      """
      sum(quantity) FILTER (WHERE\s"""
          + PROPOSED
          + """
      ) AS proposed,
             sum(quantity) FILTER (WHERE\s"""
          + CONFIRMED
          + """
      ) AS confirmed,
             sum(quantity) FILTER (WHERE\s"""
          + DELIVERED
          + """
      ) AS delivered,
             sum(quantity) FILTER (WHERE\s"""
          + VERIFIED
          + ") AS verified";

  static final String CAMPAIGN = "SELECT id, code, name FROM campaigns WHERE id = $1";

  static final String ALLOCATED =
      CA + "SELECT county, category, unit, " + STAGE_SUMS + " FROM ca GROUP BY 1, 2, 3";

  /**
   * What was pledged, by the donor's home county: the campaign's own pledges (withdrawn and expired
   * ones for what they gave), and what other pledges gave through its ties.
   */
  static final String PLEDGED =
      CA
          + """
      SELECT d.home_county AS county, p.unit, p.categories,
             sum(CASE WHEN p.status IN ('withdrawn','expired') THEN p.allocated ELSE p.quantity END) AS pledged
        FROM pledges p JOIN donors d ON d.id = p.donor_id
       WHERE p.campaign_id = $1
       GROUP BY 1, 2, 3
      UNION ALL
      SELECT home_county, unit, ARRAY[category::text], sum(quantity)
        FROM ca WHERE pledge_campaign IS DISTINCT FROM $1
       GROUP BY 1, 2, 3""";

  static final String BY_ORIGIN =
      CA + "SELECT home_county AS county, unit, " + STAGE_SUMS + " FROM ca GROUP BY 1, 2";

  static final String NEEDS =
      CA
          + """
      SELECT region_county(n.village_id) AS county, n.category,
             count(*) FILTER (WHERE n.status = 'published') AS open,
             count(*) FILTER (WHERE n.status = 'partly_allocated') AS partly,
             count(*) FILTER (WHERE n.status IN ('allocated','fulfilled','verified')) AS fully
        FROM needs n
       WHERE n.status IN ('published','partly_allocated','allocated','fulfilled','verified')
         AND (n.village_id IN (SELECT village_id FROM campaign_pairings WHERE campaign_id = $1)
              OR n.id IN (SELECT a.need_id FROM allocations a WHERE a.id IN (SELECT id FROM ca)))
       GROUP BY 1, 2""";

  static final String ENROLLED =
      """
      SELECT (SELECT count(*) FROM campaign_enrolments WHERE campaign_id = $1) AS donors,
             (SELECT count(DISTINCT village_id) FROM campaign_pairings WHERE campaign_id = $1) AS villages""";

  static final String PAIRED_BY_COUNTY =
      """
      SELECT region_county(village_id) AS county, count(DISTINCT donor_id) AS donors,
             count(DISTINCT village_id) AS villages
        FROM campaign_pairings WHERE campaign_id = $1 GROUP BY 1""";

  /** Confirmed by the month of confirmation, verified by the month of verification. */
  static final String BY_MONTH =
      CA
          + """
      SELECT month, unit, sum(confirmed) AS confirmed, sum(verified) AS verified FROM (
          SELECT to_char(confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, unit, quantity AS confirmed,
                 0 AS verified
            FROM ca WHERE\s"""
          + CONFIRMED
          + """
       AND confirmed_at IS NOT NULL
          UNION ALL
          SELECT to_char(verified_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), unit, 0, quantity
            FROM ca WHERE\s"""
          + VERIFIED
          + """
       AND verified_at IS NOT NULL) m
       GROUP BY 1, 2 ORDER BY 1, 2""";

  /** 山海协作: what went from each Quanzhou unit (the donor's home county) to its paired county. */
  static final String PAIRING_FLOWS =
      CA
          + """
      SELECT rp.from_id, f.name AS from_name, rp.to_id, t.name AS to_name, x.unit, x.proposed, x.confirmed, x.verified
        FROM region_pairings rp
        JOIN regions f ON f.id = rp.from_id JOIN regions t ON t.id = rp.to_id
        LEFT JOIN (SELECT home_county, county, unit,\s"""
          + STAGE_SUMS
          + """

                     FROM ca GROUP BY 1, 2, 3) x ON x.home_county = rp.from_id AND x.county = rp.to_id
       WHERE rp.kind = 'mountain_sea'
       ORDER BY rp.from_id, rp.to_id, x.unit""";

  static final String COUNTY_NAMES = "SELECT id, name FROM regions WHERE level = 'county'";

  /** Every village with open needs (published or partly covered), $1 a county or null. */
  static final String UNMET =
      """
      SELECT n.village_id, v.name AS village_name, c.name AS county_name, n.unit, count(*) AS open_needs,
             sum(n.quantity - n.allocated) AS remaining
        FROM needs n
        JOIN regions v ON v.id = n.village_id
        LEFT JOIN regions c ON c.id = region_county(n.village_id)
       WHERE n.status IN ('published','partly_allocated')
         AND ($1::text IS NULL OR region_county(n.village_id) = $1)
       GROUP BY 1, 2, 3, 4""";

  static final String TOTALS_FROM =
      """
      FROM allocations a JOIN pledges p ON p.id = a.pledge_id JOIN needs n ON n.id = a.need_id""";

  record Head(long id, String code, String name) {}

  record Amounts(
      String county,
      String category,
      String unit,
      Long proposed,
      Long confirmed,
      Long delivered,
      Long verified) {}

  record Pledged(String county, String unit, List<String> categories, long pledged) {}

  record NeedCounts(String county, String category, long open, long partly, long fully) {}

  record Paired(String county, long donors, long villages) {}

  record MonthRow(String month, String unit, long confirmed, long verified) {}

  record FlowRow(
      String from,
      String fromName,
      String to,
      String toName,
      String unit,
      Long proposed,
      Long confirmed,
      Long verified) {}

  record UnmetRow(
      String villageId,
      String villageName,
      String countyName,
      String unit,
      long openNeeds,
      long remaining) {}

  record StatusRow(String status, String unit, long count, long quantity) {}

  Future<Optional<Head>> campaign(SqlClient db, long id) {
    return db.preparedQuery(CAMPAIGN)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        map(
                                rows,
                                r ->
                                    new Head(
                                        r.getLong("id"), r.getString("code"), r.getString("name")))
                            .get(0)));
  }

  Future<List<Amounts>> allocated(SqlClient db, long id) {
    return db.preparedQuery(ALLOCATED)
        .execute(Tuple.of(id))
        .map(rows -> map(rows, ProgressRepository::amounts));
  }

  Future<List<Amounts>> byOrigin(SqlClient db, long id) {
    return db.preparedQuery(BY_ORIGIN)
        .execute(Tuple.of(id))
        .map(rows -> map(rows, ProgressRepository::amounts));
  }

  Future<List<Pledged>> pledged(SqlClient db, long id) {
    return db.preparedQuery(PLEDGED)
        .execute(Tuple.of(id))
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new Pledged(
                            r.getString("county"),
                            r.getString("unit"),
                            List.of(r.getArrayOfStrings("categories")),
                            r.getLong("pledged"))));
  }

  Future<List<NeedCounts>> needs(SqlClient db, long id) {
    return db.preparedQuery(NEEDS)
        .execute(Tuple.of(id))
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new NeedCounts(
                            r.getString("county"),
                            r.getString("category"),
                            r.getLong("open"),
                            r.getLong("partly"),
                            r.getLong("fully"))));
  }

  /** (donors enrolled, villages paired) of the campaign. */
  Future<long[]> enrolled(SqlClient db, long id) {
    return db.preparedQuery(ENROLLED)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new long[] {r.getLong("donors"), r.getLong("villages")};
            });
  }

  Future<List<Paired>> pairedByCounty(SqlClient db, long id) {
    return db.preparedQuery(PAIRED_BY_COUNTY)
        .execute(Tuple.of(id))
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new Paired(
                            r.getString("county"), r.getLong("donors"), r.getLong("villages"))));
  }

  Future<List<MonthRow>> byMonth(SqlClient db, long id) {
    return db.preparedQuery(BY_MONTH)
        .execute(Tuple.of(id))
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new MonthRow(
                            r.getString("month"),
                            r.getString("unit"),
                            r.getLong("confirmed"),
                            r.getLong("verified"))));
  }

  Future<List<FlowRow>> flows(SqlClient db, long id) {
    return db.preparedQuery(PAIRING_FLOWS)
        .execute(Tuple.of(id))
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new FlowRow(
                            r.getString("from_id"),
                            r.getString("from_name"),
                            r.getString("to_id"),
                            r.getString("to_name"),
                            r.getString("unit"),
                            r.getLong("proposed"),
                            r.getLong("confirmed"),
                            r.getLong("verified"))));
  }

  Future<java.util.Map<String, String>> countyNames(SqlClient db) {
    return db.query(COUNTY_NAMES)
        .execute()
        .map(
            rows -> {
              java.util.Map<String, String> m = new java.util.HashMap<>();
              rows.forEach(r -> m.put(r.getString("id"), r.getString("name")));
              return m;
            });
  }

  Future<List<UnmetRow>> unmet(SqlClient db, String county) {
    return db.preparedQuery(UNMET)
        .execute(Tuple.of(county))
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new UnmetRow(
                            r.getString("village_id"),
                            r.getString("village_name"),
                            r.getString("county_name"),
                            r.getString("unit"),
                            r.getLong("open_needs"),
                            r.getLong("remaining"))));
  }

  /** Allocations matching {@code filters} (conditions on a, p, n), summed by status and unit. */
  Future<List<StatusRow>> allocationTotals(SqlClient db, Listing filters) {
    return db.preparedQuery(
            "SELECT a.status, a.unit, count(*) AS n, sum(a.quantity) AS q "
                + TOTALS_FROM
                + filters.clause()
                + " GROUP BY 1, 2")
        .execute(filters.args())
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new StatusRow(
                            r.getString("status"),
                            r.getString("unit"),
                            r.getLong("n"),
                            r.getLong("q"))));
  }

  private static Amounts amounts(Row r) {
    return new Amounts(
        r.getString("county"),
        r.getColumnIndex("category") >= 0 ? r.getString("category") : null,
        r.getString("unit"),
        r.getLong("proposed"),
        r.getLong("confirmed"),
        r.getLong("delivered"),
        r.getLong("verified"));
  }

  private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> f) {
    List<T> out = new ArrayList<>();
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }
}
