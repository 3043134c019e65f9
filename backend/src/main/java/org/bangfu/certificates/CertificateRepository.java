package org.bangfu.certificates;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** All SQL of donors' certificates, yearly statements and the donor's view of its help. */
public final class CertificateRepository {

  static final String COLUMNS =
      "SELECT a.id, d.id AS donor_id, d.name AS donor_name, n.title, n.category, v.id AS village_id, "
          + "v.name AS village_name, t.name AS township_name, co.name AS county_name, cp.name AS campaign_name, "
          + "a.unit, a.quantity, a.confirmed_at, a.verified_at, nt.id AS notice_id, "
          + "(SELECT min(l.id) FROM audit_log l WHERE l.entity = 'allocation' AND l.entity_id = a.id::text "
          + "AND l.action = 'verify') AS audit_record";
  static final String FROM =
      "FROM allocations a JOIN needs n ON n.id = a.need_id JOIN regions v ON v.id = n.village_id "
          + "LEFT JOIN regions t ON t.id = v.parent_id LEFT JOIN regions co ON co.id = region_county(n.village_id) "
          + "JOIN pledges p ON p.id = a.pledge_id JOIN donors d ON d.id = p.donor_id "
          + "LEFT JOIN campaigns cp ON cp.id = p.campaign_id "
          + "LEFT JOIN LATERAL (SELECT x.id FROM notices x WHERE x.kind = 'allocation_verified' "
          + "AND x.subject_type = 'allocation' AND x.subject_id = a.id::text ORDER BY x.id LIMIT 1) nt ON true";

  static final String ONE = COLUMNS + " " + FROM + " WHERE a.id = $1 AND a.status = 'verified'";

  static final String YEAR =
      COLUMNS
          + " "
          + FROM
          + " WHERE p.donor_id = $1 AND a.status = 'verified' "
          + "AND a.verified_at >= make_timestamptz($2, 1, 1, 0, 0, 0, 'Asia/Shanghai') "
          + "AND a.verified_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai') "
          + "ORDER BY a.verified_at, a.id LIMIT $3";

  static final String DONOR_NAME = "SELECT name FROM donors WHERE id = $1";

  static final String HELP_COLUMNS =
      "SELECT a.id, n.id AS need_id, n.title, v.id AS village_id, v.name AS village_name, co.name AS county_name, "
          + "a.unit, a.quantity, a.status, a.updated_at, a.verified_at, "
          + "(SELECT count(*) FROM allocation_evidence e WHERE e.allocation_id = a.id)::int AS evidence_count, "
          + "(SELECT e.note FROM allocation_evidence e WHERE e.allocation_id = a.id AND e.note IS NOT NULL "
          + "ORDER BY e.n DESC LIMIT 1) AS last_note, "
          + "(SELECT c.status FROM delivery_checks c WHERE c.allocation_id = a.id ORDER BY c.id DESC LIMIT 1) AS sample_check, "
          + "(SELECT x.id FROM notices x WHERE x.kind = 'allocation_verified' AND x.subject_type = 'allocation' "
          + "AND x.subject_id = a.id::text ORDER BY x.id LIMIT 1) AS notice_id, "
          + "(SELECT count(*) FROM needs vn WHERE vn.village_id = n.village_id "
          + "AND vn.status IN ('published', 'partly_allocated', 'allocated', 'fulfilled', 'verified')) AS village_needs, "
          + "(SELECT count(*) FROM needs vn WHERE vn.village_id = n.village_id "
          + "AND vn.status IN ('fulfilled', 'verified')) AS village_needs_met, "
          + "(SELECT coalesce(sum(va.quantity), 0) FROM allocations va JOIN needs vn ON vn.id = va.need_id "
          + "WHERE vn.village_id = n.village_id AND va.status = 'verified' AND va.unit = 'CNY') AS village_cny";
  static final String HELP_FROM =
      "FROM allocations a JOIN needs n ON n.id = a.need_id JOIN regions v ON v.id = n.village_id "
          + "LEFT JOIN regions co ON co.id = region_county(n.village_id) JOIN pledges p ON p.id = a.pledge_id";
  static final String HELP_COUNT_FROM = "FROM allocations a JOIN pledges p ON p.id = a.pledge_id";

  public Future<Optional<Certificate>> certificate(SqlClient db, long allocationId) {
    return db.preparedQuery(ONE)
        .execute(Tuple.of(allocationId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(certificate(rows.iterator().next())));
  }

  public Future<List<Certificate>> year(SqlClient db, long donorId, int year, int limit) {
    return db.preparedQuery(YEAR)
        .execute(Tuple.of(donorId, year, limit))
        .map(
            rows -> {
              List<Certificate> out = new ArrayList<>();
              rows.forEach(r -> out.add(certificate(r)));
              return out;
            });
  }

  public Future<Optional<String>> donorName(SqlClient db, long donorId) {
    return db.preparedQuery(DONOR_NAME)
        .execute(Tuple.of(donorId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString(0)));
  }

  /** A donor's allocations that went beyond a proposal, newest change first. */
  public Future<Page<HelpLine>> help(SqlClient db, long donorId, Paging paging) {
    return new Listing()
        .where("p.donor_id = $?", donorId)
        .where("a.status IN ('confirmed', 'delivered', 'received', 'verified')")
        .page(
            db,
            HELP_COLUMNS,
            HELP_FROM,
            HELP_COUNT_FROM,
            "a.updated_at DESC, a.id DESC",
            paging,
            CertificateRepository::help);
  }

  static Certificate certificate(Row r) {
    return new Certificate(
        r.getLong("id"),
        r.getLong("donor_id"),
        r.getString("donor_name"),
        r.getString("title"),
        r.getString("category"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("township_name"),
        r.getString("county_name"),
        r.getString("campaign_name"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getOffsetDateTime("confirmed_at"),
        r.getOffsetDateTime("verified_at"),
        r.getLong("notice_id"),
        r.getLong("audit_record"));
  }

  static HelpLine help(Row r) {
    return new HelpLine(
        r.getLong("id"),
        r.getLong("need_id"),
        r.getString("title"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("county_name"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getString("status"),
        r.getOffsetDateTime("updated_at"),
        r.getOffsetDateTime("verified_at"),
        r.getInteger("evidence_count"),
        r.getString("last_note"),
        r.getString("sample_check"),
        r.getLong("notice_id"),
        r.getLong("village_needs"),
        r.getLong("village_needs_met"),
        r.getLong("village_cny"));
  }
}
