package org.bangfu.reliability;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.reports.ReportRepository;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * All SQL of reliability: read-only over the ledger (allocations, pledges, needs), the reports and
 * the findings. Parameters: $1 the instant, $2 the on-time window in days.
 */
public final class ReliabilityRepository {

  /** A donor's confirmed allocations, each with its due time (confirmed + window) and delay. */
  static final String DONOR_ALLOCATIONS =
      "SELECT p.donor_id, al.id, al.need_id, n.title, v.name AS village_name, "
          + "dn.name AS donor_name, al.unit, al.quantity, al.confirmed_at AS from_at, "
          + "al.confirmed_at + make_interval(days => $2) AS due_at, al.delivered_at AS done_at, al.verified_at, "
          + "(al.delivered_at IS NOT NULL OR al.confirmed_at + make_interval(days => $2) <= $1) AS is_due, "
          + "(al.delivered_at IS NOT NULL AND al.delivered_at <= al.confirmed_at + make_interval(days => $2)) AS on_time, "
          + "greatest(0, extract(epoch FROM (coalesce(al.delivered_at, $1) - (al.confirmed_at + make_interval(days => $2))))"
          + " / 86400.0)::float8 AS delay "
          + "FROM allocations al JOIN pledges p ON p.id = al.pledge_id JOIN needs n ON n.id = al.need_id "
          + "JOIN regions v ON v.id = n.village_id JOIN donors dn ON dn.id = p.donor_id "
          + "WHERE al.confirmed_at IS NOT NULL AND al.status NOT IN ('declined', 'expired')";

  /** Deliveries to a village, each with its receipt's due time (delivered + window). */
  static final String VILLAGE_DELIVERIES =
      "SELECT n.village_id, al.id, al.need_id, n.title, v.name AS village_name, "
          + "dn.name AS donor_name, al.unit, al.quantity, al.delivered_at AS from_at, "
          + "al.delivered_at + make_interval(days => $2) AS due_at, al.received_at AS done_at, al.verified_at, "
          + "(al.received_at IS NOT NULL OR al.delivered_at + make_interval(days => $2) <= $1) AS is_due, "
          + "(al.received_at IS NOT NULL AND al.received_at <= al.delivered_at + make_interval(days => $2) "
          + "AND al.verified_at IS NOT NULL) AS on_time, "
          + "greatest(0, extract(epoch FROM (coalesce(al.received_at, $1) - (al.delivered_at + make_interval(days => $2))))"
          + " / 86400.0)::float8 AS delay "
          + "FROM allocations al JOIN pledges p ON p.id = al.pledge_id JOIN needs n ON n.id = al.need_id "
          + "JOIN regions v ON v.id = n.village_id JOIN donors dn ON dn.id = p.donor_id "
          + "WHERE al.delivered_at IS NOT NULL AND al.status NOT IN ('declined', 'expired')";

  static final String DONOR_FOUNDED =
      "(SELECT count(*) FROM reports r WHERE "
          + ReportRepository.FOUNDED
          + " AND ("
          + "(r.subject_kind = 'donor' AND r.subject_id = d.id::text) OR (r.subject_kind = 'allocation' AND r.subject_id "
          + "IN (SELECT x.id::text FROM allocations x JOIN pledges xp ON xp.id = x.pledge_id WHERE xp.donor_id = d.id))))";
  static final String DONOR_FINDINGS =
      "(SELECT count(*) FROM inspection_findings f WHERE f.subject_kind = 'donor' "
          + "AND f.subject_id = d.id::text AND f.status <> 'accepted')";

  /**
   * Cases opened by a sampled delivery found "not received" and not yet decided (answered, closed
   * or not accepted): while there is one, the figures of both sides are held.
   */
  static final String UNDECIDED_CASE =
      "delivery_checks dc JOIN reports r ON r.id = dc.report_id AND r.status NOT IN ('answered', 'closed', 'not_accepted') "
          + "JOIN allocations x ON x.id = dc.allocation_id ";

  static final String DONOR_HELD =
      "(SELECT count(*) FROM "
          + UNDECIDED_CASE
          + "JOIN pledges xp ON xp.id = x.pledge_id WHERE dc.status = 'not_received' AND xp.donor_id = d.id)";
  static final String VILLAGE_HELD =
      "(SELECT count(*) FROM "
          + UNDECIDED_CASE
          + "JOIN needs xn ON xn.id = x.need_id WHERE dc.status = 'not_received' AND xn.village_id = v.id)";

  static final String DONORS =
      "WITH a AS ("
          + DONOR_ALLOCATIONS
          + ") SELECT d.id, d.name, d.type, "
          + "count(a.id) AS confirmed, count(a.id) FILTER (WHERE a.is_due) AS due, "
          + "count(a.id) FILTER (WHERE a.on_time) AS on_time, avg(a.delay) FILTER (WHERE a.is_due) AS mean_delay, "
          + DONOR_FOUNDED
          + " AS founded, "
          + DONOR_FINDINGS
          + " AS open_findings, "
          + DONOR_HELD
          + " AS held "
          + "FROM donors d LEFT JOIN a ON a.donor_id = d.id WHERE ($3::bigint IS NULL OR d.id = $3) "
          + "GROUP BY d.id, d.name, d.type ORDER BY d.id LIMIT $4 OFFSET $5";
  static final String DONOR_COUNT = "SELECT count(*) FROM donors";
  static final String DONOR_DETAIL =
      "SELECT * FROM ("
          + DONOR_ALLOCATIONS
          + ") a WHERE a.donor_id = $3 "
          + "ORDER BY a.from_at DESC, a.id DESC LIMIT 200";

  static final String VILLAGE_FOUNDED =
      "(SELECT count(*) FROM reports r WHERE "
          + ReportRepository.FOUNDED
          + " AND ("
          + "(r.subject_kind = 'village' AND r.subject_id = v.id) "
          + "OR (r.subject_kind = 'need' AND r.subject_id IN (SELECT x.id::text FROM needs x WHERE x.village_id = v.id)) "
          + "OR (r.subject_kind = 'allocation' AND r.subject_id IN (SELECT x.id::text FROM allocations x "
          + "JOIN needs xn ON xn.id = x.need_id WHERE xn.village_id = v.id))))";
  static final String VILLAGE_FINDINGS =
      "(SELECT count(*) FROM inspection_findings f WHERE f.subject_kind = 'village' "
          + "AND f.subject_id = v.id AND f.status <> 'accepted')";
  /*
   * The list's order (deliveries received, most first, then code) does not move with the clock, so
   * it is read from village_deliveries, kept per village by triggers on allocations in the same
   * transaction as every change (V170), through an index in that very order. Only the page's
   * villages then get what the clock moves (due, on time) and their counts of reports, findings and
   * held cases. With a region the page is read from the region's range of codes instead and
   * sorted: a separate statement, so that each keeps a plan that fits it. Parameters: $1 the
   * instant, $2 the on-time window in days, $3 the page's size, $4 its offset, $5 the region.
   */
  static final String VILLAGE_PAGE_ALL =
      "SELECT s.village_id AS id, s.delivered FROM village_deliveries s JOIN regions v ON v.id = s.village_id "
          + "WHERE v.level = 'village' AND $5::text IS NULL ORDER BY s.delivered DESC, s.village_id LIMIT $3 OFFSET $4";
  static final String VILLAGE_PAGE_IN_REGION =
      "SELECT v.id, s.delivered FROM regions v JOIN village_deliveries s ON s.village_id = v.id "
          + "WHERE v.level = 'village' AND region_contains($5, v.id) "
          + "ORDER BY s.delivered DESC, s.village_id LIMIT $3 OFFSET $4";

  /** The clock's figures of one village's deliveries (the rules of VILLAGE_DELIVERIES). */
  static final String VILLAGE_DUE =
      "SELECT count(*) FILTER (WHERE al.received_at IS NOT NULL "
          + "OR al.delivered_at + make_interval(days => $2) <= $1) AS due, "
          + "count(*) FILTER (WHERE al.received_at IS NOT NULL "
          + "AND al.received_at <= al.delivered_at + make_interval(days => $2) "
          + "AND al.verified_at IS NOT NULL) AS on_time "
          + "FROM needs n JOIN allocations al ON al.need_id = n.id WHERE n.village_id = v.id "
          + "AND allocation_counts_delivered(al.delivered_at, al.status)";

  static String villages(String page) {
    return "WITH page AS ("
        + page
        + ") SELECT v.id, v.name, p.delivered, f.due, f.on_time, "
        + VILLAGE_FOUNDED
        + " AS founded, "
        + VILLAGE_FINDINGS
        + " AS open_findings, "
        + VILLAGE_HELD
        + " AS held FROM page p JOIN regions v ON v.id = p.id CROSS JOIN LATERAL ("
        + VILLAGE_DUE
        + ") f "
        + "ORDER BY p.delivered DESC, p.id";
  }

  static final String VILLAGES = villages(VILLAGE_PAGE_ALL);
  static final String VILLAGES_IN_REGION = villages(VILLAGE_PAGE_IN_REGION);
  static final String VILLAGE_COUNT =
      "SELECT count(*) FROM regions v "
          + "WHERE v.level = 'village' AND ($1::text IS NULL OR region_contains($1, v.id))";
  static final String VILLAGE_DETAIL =
      "SELECT * FROM ("
          + VILLAGE_DELIVERIES
          + ") a WHERE a.village_id = $3 "
          + "ORDER BY a.from_at DESC, a.id DESC LIMIT 200";

  static OffsetDateTime at(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  public Future<Page<DonorReliability>> donors(
      SqlClient db, Instant now, int days, Long donorId, Paging paging) {
    return db.query(DONOR_COUNT)
        .execute()
        .compose(
            count ->
                db.preparedQuery(DONORS)
                    .execute(Tuple.of(at(now), days, donorId, paging.size(), paging.offset()))
                    .map(
                        rows -> {
                          List<DonorReliability> out = new ArrayList<>();
                          rows.forEach(
                              r ->
                                  out.add(
                                      new DonorReliability(
                                          r.getLong("id"),
                                          r.getString("name"),
                                          r.getString("type"),
                                          days,
                                          r.getLong("confirmed"),
                                          r.getLong("due"),
                                          r.getLong("on_time"),
                                          r.getDouble("mean_delay"),
                                          r.getLong("founded"),
                                          r.getLong("open_findings"),
                                          r.getLong("held"),
                                          null)));
                          return new Page<>(
                              out,
                              donorId != null ? out.size() : count.iterator().next().getLong(0),
                              paging.page(),
                              paging.size());
                        }));
  }

  public Future<List<Delivery>> donorDetail(SqlClient db, Instant now, int days, long donorId) {
    return db.preparedQuery(DONOR_DETAIL)
        .execute(Tuple.of(at(now), days, donorId))
        .map(this::deliveries);
  }

  public Future<Page<VillageReliability>> villages(
      SqlClient db, Instant now, int days, String region, Paging paging) {
    return db.preparedQuery(VILLAGE_COUNT)
        .execute(Tuple.of(region))
        .compose(
            count ->
                db.preparedQuery(region == null ? VILLAGES : VILLAGES_IN_REGION)
                    .execute(Tuple.of(at(now), days, paging.size(), paging.offset(), region))
                    .map(
                        rows -> {
                          List<VillageReliability> out = new ArrayList<>();
                          rows.forEach(r -> out.add(village(r, days, null)));
                          return new Page<>(
                              out,
                              count.iterator().next().getLong(0),
                              paging.page(),
                              paging.size());
                        }));
  }

  public Future<List<Delivery>> villageDetail(
      SqlClient db, Instant now, int days, String villageId) {
    return db.preparedQuery(VILLAGE_DETAIL)
        .execute(Tuple.of(at(now), days, villageId))
        .map(this::deliveries);
  }

  static VillageReliability village(Row r, int days, List<Delivery> detail) {
    return new VillageReliability(
        r.getString("id"),
        r.getString("name"),
        days,
        r.getLong("delivered"),
        r.getLong("due"),
        r.getLong("on_time"),
        r.getLong("founded"),
        r.getLong("open_findings"),
        r.getLong("held"),
        detail);
  }

  private List<Delivery> deliveries(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Delivery> out = new ArrayList<>();
    rows.forEach(
        r ->
            out.add(
                new Delivery(
                    r.getLong("id"),
                    r.getLong("need_id"),
                    r.getString("title"),
                    r.getString("village_name"),
                    r.getString("donor_name"),
                    r.getString("unit"),
                    r.getLong("quantity"),
                    r.getOffsetDateTime("from_at"),
                    r.getOffsetDateTime("due_at"),
                    r.getOffsetDateTime("done_at"),
                    r.getOffsetDateTime("verified_at"),
                    r.getBoolean("is_due") ? r.getBoolean("on_time") : null,
                    r.getDouble("delay"))));
    return out;
  }
}
