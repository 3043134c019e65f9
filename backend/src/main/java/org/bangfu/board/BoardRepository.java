package org.bangfu.board;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
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

  /** The board's filters (each optional). */
  public record Filter(String county, String village) {}

  public Future<Page<BoardEntry>> verified(SqlClient db, Filter f, Paging paging) {
    Listing list = new Listing().where("a.status = 'verified'");
    if (f.county() != null) {
      list.where("region_contains($?, n.village_id)", f.county());
    }
    if (f.village() != null) {
      list.where("n.village_id = $?", f.village());
    }
    String countFrom = f.county() == null && f.village() == null ? COUNT_FROM : COUNT_FROM_PLACE;
    return list.page(db, COLUMNS, FROM, countFrom, ORDER, paging, BoardRepository::entry);
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
