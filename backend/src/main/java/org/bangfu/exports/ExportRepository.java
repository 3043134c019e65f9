package org.bangfu.exports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.auth.CurrentUser;
import org.bangfu.db.Listing;

/**
 * SQL of the exports that have no list of their own here: allocations and campaign progress (reads
 * only).
 */
public final class ExportRepository {
  static final String ALLOCATION_SELECT =
      """
      SELECT a.id, n.title AS need_title, v.name AS village_name, c.name AS county_name, n.category,
             d.name AS donor_name, a.unit, a.quantity, a.status, a.source, a.created_at, a.confirmed_at,
             a.delivered_at, a.received_at, a.verified_at""";
  static final String ALLOCATION_FROM =
      AllocationRepository.FROM + " LEFT JOIN regions c ON c.id = region_county(n.village_id)";
  static final String PROGRESS =
      """
      SELECT region_county(n.village_id) AS county_id, c.name AS county_name, a.unit,
             sum(a.quantity) AS allocated,
             sum(a.quantity) FILTER (WHERE a.status IN ('confirmed', 'delivered', 'received', 'verified')) AS confirmed,
             sum(a.quantity) FILTER (WHERE a.status IN ('delivered', 'received', 'verified')) AS delivered,
             sum(a.quantity) FILTER (WHERE a.status IN ('received', 'verified')) AS received,
             sum(a.quantity) FILTER (WHERE a.status = 'verified') AS verified,
             count(DISTINCT n.village_id) AS villages, count(DISTINCT p.donor_id) AS donors
        FROM allocations a
        JOIN needs n ON n.id = a.need_id
        JOIN pledges p ON p.id = a.pledge_id
        LEFT JOIN regions c ON c.id = region_county(n.village_id)
       WHERE p.campaign_id = $1 AND a.status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified')
       GROUP BY 1, 2, 3 ORDER BY 1, 3""";

  /** The allocation list's filters. */
  public record AllocationFilter(String status, Long donorId, String villageId, String county) {}

  public record AllocationRow(
      long id,
      String needTitle,
      String village,
      String county,
      String category,
      String donor,
      String unit,
      long quantity,
      String status,
      String source,
      java.time.OffsetDateTime createdAt,
      java.time.OffsetDateTime verifiedAt) {}

  public record ProgressRow(
      String countyId,
      String countyName,
      String unit,
      long allocated,
      long confirmed,
      long delivered,
      long received,
      long verified,
      long villages,
      long donors) {}

  /** The allocations {@code user} may see (the scope of the allocation list), filtered. */
  public Future<List<AllocationRow>> allocations(
      SqlClient db, CurrentUser user, AllocationFilter f, int limit) {
    Listing l = AllocationRepository.scope(user, new Listing());
    if (f.status() != null) {
      l.where("a.status = $?", f.status());
    }
    if (f.donorId() != null) {
      l.where("p.donor_id = $?", f.donorId());
    }
    if (f.villageId() != null) {
      l.where("n.village_id = $?", f.villageId());
    }
    if (f.county() != null) {
      l.where("region_county(n.village_id) = $?", f.county());
    }
    return list(
        db,
        ALLOCATION_SELECT
            + " "
            + ALLOCATION_FROM
            + l.clause()
            + " ORDER BY a.id DESC LIMIT "
            + limit,
        l.args(),
        r ->
            new AllocationRow(
                r.getLong("id"),
                r.getString("need_title"),
                r.getString("village_name"),
                r.getString("county_name"),
                r.getString("category"),
                r.getString("donor_name"),
                r.getString("unit"),
                r.getLong("quantity"),
                r.getString("status"),
                r.getString("source"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("verified_at")));
  }

  public Future<List<ProgressRow>> progress(SqlClient db, long campaignId) {
    return list(
        db,
        PROGRESS,
        Tuple.of(campaignId),
        r ->
            new ProgressRow(
                r.getString("county_id"),
                r.getString("county_name"),
                r.getString("unit"),
                n(r, "allocated"),
                n(r, "confirmed"),
                n(r, "delivered"),
                n(r, "received"),
                n(r, "verified"),
                n(r, "villages"),
                n(r, "donors")));
  }

  private static long n(Row r, String column) {
    Long v = r.getLong(column);
    return v == null ? 0 : v;
  }

  private static <T> Future<List<T>> list(
      SqlClient db, String sql, Tuple args, Function<Row, T> map) {
    return db.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<T> out = new ArrayList<>();
              rows.forEach(r -> out.add(map.apply(r)));
              return out;
            });
  }
}
