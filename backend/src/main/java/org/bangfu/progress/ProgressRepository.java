package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.support.Rows;

/**
 * All SQL of campaign progress and of the figures the dashboard and the auditor read.
 *
 * <p>An allocation counts for a campaign when its pledge names the campaign, or when its donor is
 * enrolled in the campaign and the need lies where the campaign ties the donor: a village the donor
 * is paired with in it (approved pairings only), or, for a campaign following a region pairing
 * (山海协作), the county paired with the donor's home county. So the 山海协作 campaign counts what its
 * enrolled coastal donors give their partner mountain counties, whatever pledge it came from. An
 * allocation may count for two campaigns; within one it counts once. A need counts for a campaign
 * when its village is paired in it or when one of the campaign's allocations is on it.
 *
 * <p>These rules are stated once, in the database (the views {@code campaign_allocation_rule} and
 * {@code campaign_need_rule} of migration V79); the figures are read from the summaries kept from
 * them in the same transaction as every change (docs/progress.md). A summary row whose count fell
 * to zero reads as absent.
 */
public final class ProgressRepository {
  /** The campaign's figures, each query taking the campaign as $1 (see {@link #SUMMARIES}). */
  record Queries(
      String allocated,
      String pledged,
      String byOrigin,
      String needs,
      String byMonth,
      String flows,
      String enrolled,
      String pairedByCounty) {}

  /**
   * The stages by the need's county (category null) and by its category (county null), summed in
   * the database so that a few hundred rows cross the wire, not every county × category.
   */
  static final String ALLOCATED =
      """
      SELECT county, category, unit, sum(proposed) AS proposed, sum(confirmed) AS confirmed,
             sum(delivered) AS delivered, sum(verified) AS verified
        FROM progress_places WHERE campaign_id = $1 AND n > 0
       GROUP BY GROUPING SETS ((county, unit), (category, unit))""";

  /**
   * What was pledged, by the donor's home county: the campaign's own pledges (withdrawn and expired
   * ones for what they gave), and what other pledges gave through its ties.
   */
  static final String PLEDGED =
      """
      SELECT nullif(home_county, '') AS county, unit, categories, pledged
        FROM progress_pledged WHERE campaign_id = $1 AND n > 0
      UNION ALL
      SELECT nullif(home_county, ''), unit, ARRAY[category], proposed + confirmed
        FROM progress_origins WHERE campaign_id = $1 AND NOT own AND n > 0""";

  static final String BY_ORIGIN =
      """
      SELECT nullif(home_county, '') AS county, unit, sum(proposed) AS proposed,
             sum(confirmed) AS confirmed, sum(delivered) AS delivered, sum(verified) AS verified
        FROM progress_origins WHERE campaign_id = $1 AND n > 0 GROUP BY 1, 2""";

  /** Needs by county (category null) and by category (county null). */
  static final String NEEDS =
      """
      SELECT county, category, sum(open) AS open, sum(partly) AS partly, sum(fully) AS fully
        FROM progress_needs WHERE campaign_id = $1 AND open + partly + fully > 0
       GROUP BY GROUPING SETS ((county), (category))""";

  /** Confirmed by the month of confirmation, verified by the month of verification. */
  static final String BY_MONTH =
      """
      SELECT month, unit, confirmed, verified
        FROM progress_months WHERE campaign_id = $1 AND (confirmed <> 0 OR verified <> 0)
       ORDER BY 1, 2""";

  /** 山海协作: what went from each Quanzhou unit (the donor's home county) to its paired county. */
  static final String PAIRING_FLOWS =
      """
      SELECT rp.from_id, f.name AS from_name, rp.to_id, t.name AS to_name, x.unit, x.proposed, x.confirmed, x.verified
        FROM region_pairings rp
        JOIN regions f ON f.id = rp.from_id JOIN regions t ON t.id = rp.to_id
        LEFT JOIN progress_flows x
               ON x.campaign_id = $1 AND x.home_county = rp.from_id AND x.county = rp.to_id AND x.n > 0
       WHERE rp.kind = 'mountain_sea'
       ORDER BY rp.from_id, rp.to_id, x.unit""";

  /** Donors enrolled, villages paired (a village lies in one county). */
  static final String ENROLLED =
      """
      SELECT coalesce((SELECT donors FROM progress_enrolled WHERE campaign_id = $1), 0) AS donors,
             coalesce((SELECT sum(villages) FROM progress_paired WHERE campaign_id = $1), 0) AS villages""";

  static final String PAIRED_BY_COUNTY =
      """
      SELECT county, donors, villages FROM progress_paired WHERE campaign_id = $1 AND villages > 0""";

  /** The figures read from the summaries. */
  static final Queries SUMMARIES =
      new Queries(
          ALLOCATED,
          PLEDGED,
          BY_ORIGIN,
          NEEDS,
          BY_MONTH,
          PAIRING_FLOWS,
          ENROLLED,
          PAIRED_BY_COUNTY);

  static final String CAMPAIGN = "SELECT id, code, name FROM campaigns WHERE id = $1";

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

  private final Queries queries;

  public ProgressRepository() {
    this(SUMMARIES);
  }

  ProgressRepository(Queries queries) {
    this.queries = queries;
  }

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
                        Rows.all(
                                rows,
                                r ->
                                    new Head(
                                        r.getLong("id"), r.getString("code"), r.getString("name")))
                            .get(0)));
  }

  Future<List<Amounts>> allocated(SqlClient db, long id) {
    return db.preparedQuery(queries.allocated())
        .execute(Tuple.of(id))
        .map(rows -> Rows.all(rows, ProgressRepository::amounts));
  }

  Future<List<Amounts>> byOrigin(SqlClient db, long id) {
    return db.preparedQuery(queries.byOrigin())
        .execute(Tuple.of(id))
        .map(rows -> Rows.all(rows, ProgressRepository::amounts));
  }

  Future<List<Pledged>> pledged(SqlClient db, long id) {
    return db.preparedQuery(queries.pledged())
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new Pledged(
                            r.getString("county"),
                            r.getString("unit"),
                            List.of(r.getArrayOfStrings("categories")),
                            r.getLong("pledged"))));
  }

  Future<List<NeedCounts>> needs(SqlClient db, long id) {
    return db.preparedQuery(queries.needs())
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new NeedCounts(
                            r.getString("county"),
                            r.getString("category"),
                            r.getLong("open"),
                            r.getLong("partly"),
                            r.getLong("fully"))));
  }

  /** The donors enrolled in a campaign and the villages paired. */
  record Enrolled(long donors, long villages) {}

  Future<Enrolled> enrolled(SqlClient db, long id) {
    return db.preparedQuery(queries.enrolled())
        .execute(Tuple.of(id))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Enrolled(r.getLong("donors"), r.getLong("villages"));
            });
  }

  Future<List<Paired>> pairedByCounty(SqlClient db, long id) {
    return db.preparedQuery(queries.pairedByCounty())
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new Paired(
                            r.getString("county"), r.getLong("donors"), r.getLong("villages"))));
  }

  Future<List<MonthRow>> byMonth(SqlClient db, long id) {
    return db.preparedQuery(queries.byMonth())
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new MonthRow(
                            r.getString("month"),
                            r.getString("unit"),
                            r.getLong("confirmed"),
                            r.getLong("verified"))));
  }

  Future<List<FlowRow>> flows(SqlClient db, long id) {
    return db.preparedQuery(queries.flows())
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.all(
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
                Rows.all(
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

  /** The filters of {@code GET /allocations} (each optional). */
  record AllocationFilter(
      String status, Long needId, Long pledgeId, Long donorId, Long roundId, String villageId) {
    Listing listing() {
      Listing list = new Listing();
      if (status != null) {
        list.where("a.status = $?", status);
      }
      if (needId != null) {
        list.where("a.need_id = $?", needId);
      }
      if (pledgeId != null) {
        list.where("a.pledge_id = $?", pledgeId);
      }
      if (donorId != null) {
        list.where("p.donor_id = $?", donorId);
      }
      if (roundId != null) {
        list.where("a.round_id = $?", roundId);
      }
      if (villageId != null) {
        list.where("n.village_id = $?", villageId);
      }
      return list;
    }
  }

  /** Allocations matching the filter, summed by status and unit. */
  Future<List<StatusRow>> allocationTotals(SqlClient db, AllocationFilter filter) {
    Listing filters = filter.listing();
    return db.preparedQuery(
            "SELECT a.status, a.unit, count(*) AS n, sum(a.quantity) AS q "
                + TOTALS_FROM
                + filters.clause()
                + " GROUP BY 1, 2")
        .execute(filters.args())
        .map(
            rows ->
                Rows.all(
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
}
