package org.bangfu.board;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** All SQL of the public board. The query does not even join households. */
public final class BoardRepository {
  static final String FROM =
      """
        FROM allocations a
        JOIN needs n ON n.id = a.need_id
        JOIN regions v ON v.id = n.village_id
        LEFT JOIN regions t ON t.id = v.parent_id
        LEFT JOIN regions c ON c.id = t.parent_id
        JOIN pledges p ON p.id = a.pledge_id
        JOIN donors d ON d.id = p.donor_id
        LEFT JOIN LATERAL (SELECT nt.id, nt.status FROM notices nt
                            WHERE nt.kind = 'allocation_verified' AND nt.subject_type = 'allocation'
                              AND nt.subject_id = a.id::text AND nt.corrected_at IS NULL
                            ORDER BY nt.id DESC LIMIT 1) nt ON true""";
  static final String COLUMNS =
      """
      SELECT a.id, n.id AS need_id, n.title, v.id AS village_id, v.name AS village_name, c.id AS county_id,
             c.name AS county_name, d.id AS donor_id, d.name AS donor_name, n.category, a.unit, a.quantity,
             a.verified_at, nt.id AS notice_id, nt.status AS notice_status""";
  static final String ORDER = "a.verified_at DESC, a.id DESC";

  /**
   * What the filters need, to count: no notices, names or donors per row; the needs only for a
   * place.
   */
  static final String COUNT_FROM = "FROM allocations a";

  static final String COUNT_FROM_PLACE = "FROM allocations a JOIN needs n ON n.id = a.need_id";

  /**
   * The board's filters (each optional): a place, a campaign (the allocations counted for it, as
   * its progress counts them), a year of verification (Beijing time), a donor.
   */
  public record Filter(String county, String village, Long campaign, Integer year, Long donor) {
    public Filter(String county, String village) {
      this(county, village, null, null, null);
    }

    boolean needsPlace() {
      return county != null || village != null;
    }
  }

  /** The verified allocations the filters keep, as conditions on {@code a} (and {@code n}). */
  static Listing where(Filter f) {
    Listing list = new Listing().where("a.status = 'verified'");
    if (f.county() != null) {
      list.where("region_contains($?, n.village_id)", f.county());
    }
    if (f.village() != null) {
      list.where("n.village_id = $?", f.village());
    }
    if (f.campaign() != null) {
      list.where(
          "EXISTS (SELECT 1 FROM campaign_allocations ca WHERE ca.allocation_id = a.id AND ca.campaign_id = $?)",
          f.campaign());
    }
    if (f.year() != null) {
      String from = list.next(f.year());
      list.where(
          "a.verified_at >= make_timestamptz("
              + from
              + ", 1, 1, 0, 0, 0, 'Asia/Shanghai') "
              + "AND a.verified_at < make_timestamptz("
              + from
              + " + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')");
    }
    if (f.donor() != null) {
      list.where("a.pledge_id IN (SELECT id FROM pledges WHERE donor_id = $?)", f.donor());
    }
    return list;
  }

  public Future<Page<BoardEntry>> verified(SqlClient db, Filter f, Paging paging) {
    String countFrom = f.needsPlace() ? COUNT_FROM_PLACE : COUNT_FROM;
    return where(f).page(db, COLUMNS, FROM, countFrom, ORDER, paging, BoardRepository::entry);
  }

  /**
   * Every verified allocation the filters keep, newest first, at most {@code limit} (an export).
   */
  public Future<List<BoardEntry>> all(SqlClient db, Filter f, int limit) {
    Listing list = where(f);
    String sql = COLUMNS + " " + FROM + list.clause() + " ORDER BY " + ORDER + " LIMIT " + limit;
    return db.preparedQuery(sql)
        .execute(list.args())
        .map(
            rows -> {
              List<BoardEntry> out = new ArrayList<>();
              rows.forEach(r -> out.add(entry(r)));
              return out;
            });
  }

  /**
   * The totals by {@code dimension}: county, year (of verification) or campaign; amounts per unit.
   */
  static String totals(String key, String name, String join, String clause) {
    return "SELECT "
        + key
        + " AS key, "
        + name
        + " AS name, a.unit, sum(a.quantity) AS amount, count(*) AS n FROM allocations a "
        + "JOIN needs n ON n.id = a.need_id "
        + join
        + clause
        + " GROUP BY 1, 2, a.unit ORDER BY 1";
  }

  static final String BY_COUNTY_JOIN = "LEFT JOIN regions c ON c.id = region_county(n.village_id) ";
  static final String BY_CAMPAIGN_JOIN =
      "JOIN campaign_allocations ca ON ca.allocation_id = a.id JOIN campaigns cp ON cp.id = ca.campaign_id ";

  /** One line of totals: a county, a year or a campaign, with its amounts per unit. */
  public record TotalRow(String key, String name, String unit, long amount, long count) {}

  public Future<List<TotalRow>> totals(SqlClient db, Filter f, String dimension) {
    Listing list = where(f);
    String sql =
        switch (dimension) {
          case "county" -> totals("c.id", "c.name", BY_COUNTY_JOIN, list.clause());
          case "year" ->
              totals(
                  "extract(year FROM a.verified_at AT TIME ZONE 'Asia/Shanghai')::int::text",
                  "extract(year FROM a.verified_at AT TIME ZONE 'Asia/Shanghai')::int::text",
                  "",
                  list.clause());
          case "campaign" -> totals("cp.id::text", "cp.name", BY_CAMPAIGN_JOIN, list.clause());
          default -> totals("'all'", "'all'", "", list.clause());
        };
    return db.preparedQuery(sql)
        .execute(list.args())
        .map(
            rows -> {
              List<TotalRow> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new TotalRow(
                              r.getString("key"),
                              r.getString("name"),
                              r.getString("unit"),
                              r.getLong("amount"),
                              r.getLong("n"))));
              return out;
            });
  }

  static BoardEntry entry(Row r) {
    return new BoardEntry(
        r.getLong("id"),
        r.getLong("need_id"),
        r.getString("title"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getLong("donor_id"),
        r.getString("donor_name"),
        r.getString("category"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getOffsetDateTime("verified_at"),
        r.getLong("notice_id"),
        r.getString("notice_status"));
  }
}
