package org.bangfu.supervision;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.deadlines.DeadlineRepository;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * All SQL of supervision: the rules (each an {@code INSERT … SELECT} over the ledgers that raises
 * an alert once per rule and subject) and the alerts. It only reads the ledgers. Dates of the rules
 * are in China Standard Time.
 */
public final class SupervisionRepository {
  static final String INSERT =
      """
      INSERT INTO alerts (rule, subject_type, subject_id, region_id, county_id, title, details, raised_at)
      """;
  static final String ON_CONFLICT = " ON CONFLICT (rule, subject_type, subject_id) DO NOTHING";
  static final String ALLOCATION_FROM =
      """
        FROM allocations a
        JOIN needs n ON n.id = a.need_id
        JOIN regions v ON v.id = n.village_id
        JOIN pledges p ON p.id = a.pledge_id
        JOIN donors d ON d.id = p.donor_id
      """;
  static final String ALLOCATION_SELECT =
      """
      SELECT $3::text, 'allocation', a.id::text, n.village_id, (SELECT id FROM regions WHERE id = region_county(n.village_id)),
             d.name || ' → ' || v.name || '：' || n.title,
             jsonb_build_object('quantity', a.quantity, 'unit', a.unit, 'days', $2::int,
                                'since', %s)""";

  /** $1 now, $2 days: confirmed, not delivered within the days. */
  static final String NOT_DELIVERED =
      INSERT
          + ALLOCATION_SELECT.formatted("a.confirmed_at")
          + ", $1::timestamptz "
          + ALLOCATION_FROM
          + " WHERE a.status = 'confirmed' AND a.confirmed_at < $1 - make_interval(days => $2)"
          + ON_CONFLICT;

  static final String NOT_RECEIVED =
      INSERT
          + ALLOCATION_SELECT.formatted("a.delivered_at")
          + ", $1::timestamptz "
          + ALLOCATION_FROM
          + " WHERE a.status = 'delivered' AND a.delivered_at < $1 - make_interval(days => $2)"
          + ON_CONFLICT;
  static final String NOT_VERIFIED =
      INSERT
          + ALLOCATION_SELECT.formatted("a.received_at")
          + ", $1::timestamptz "
          + ALLOCATION_FROM
          + " WHERE a.status = 'received' AND a.received_at < $1 - make_interval(days => $2)"
          + ON_CONFLICT;

  /**
   * $1 now: received (or verified) with no file among the receipt's evidence, or verified on an
   * exception (goods handed over in person, a receipt still to come). A note alone is words anyone
   * can type, and an exception explains the missing file: neither is a file.
   */
  static final String WITHOUT_EVIDENCE =
      INSERT
          + ALLOCATION_SELECT.formatted("a.received_at")
          + ", $1::timestamptz "
          + ALLOCATION_FROM
          + """
       WHERE a.status IN ('received', 'verified') AND $2::int >= 0 AND a.received_at <= $1
         AND (NOT EXISTS (SELECT 1 FROM allocation_evidence e
                           WHERE e.allocation_id = a.id AND e.stage = 'received' AND e.data IS NOT NULL)
              OR EXISTS (SELECT 1 FROM verification_exceptions x WHERE x.allocation_id = a.id))"""
          + ON_CONFLICT;

  static final String PROJECT_SELECT =
      """
      SELECT $3::text, 'project', p.id::text, p.region_id, (SELECT id FROM regions WHERE id = region_county(p.region_id)),
             r.name || '：' || p.name,
             jsonb_build_object('budget', p.budget, 'disbursed', p.disbursed, 'progress', p.progress,
                                'plannedEnd', p.planned_end, 'lastReportAt', p.last_report_at, 'days', $2::int), $1::timestamptz
        FROM fund_projects p JOIN regions r ON r.id = p.region_id
      """;

  /** $1 now, $2 days: disbursed (in progress), no progress report for the days. */
  static final String WITHOUT_PROGRESS =
      INSERT
          + PROJECT_SELECT
          + """
       WHERE p.status = 'in_progress'
         AND coalesce(p.last_report_at, (SELECT min(x.at) FROM fund_disbursements x WHERE x.project_id = p.id))
             < $1 - make_interval(days => $2)"""
          + ON_CONFLICT;

  /** $1 now: approved or in progress after its planned end. */
  static final String OVERDUE =
      INSERT
          + PROJECT_SELECT
          + """
       WHERE p.status IN ('approved', 'in_progress') AND $2::int >= 0
         AND p.planned_end < ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date"""
          + ON_CONFLICT;

  /**
   * $1 now, $2 year, $3 rule, $4 yuan: one household receiving from several sources more than the
   * yuan in a year.
   */
  static final String MANY_SOURCES =
      INSERT
          + """
      SELECT $3::text, 'household', g.hh || ':' || $2::int, h.village_id,
             (SELECT id FROM regions WHERE id = region_county(h.village_id)),
             v.name || ' 建档立卡户 #' || g.hh,
             jsonb_build_object('year', $2::int, 'sources', count(DISTINCT g.src), 'amount', sum(g.amount),
                                'threshold', $4::bigint), $1::timestamptz
        FROM (SELECT n.household_id AS hh, 'donor:' || p.donor_id AS src, a.quantity AS amount
                FROM allocations a JOIN needs n ON n.id = a.need_id JOIN pledges p ON p.id = a.pledge_id
               WHERE a.unit = 'CNY' AND a.status IN ('received', 'verified') AND n.household_id IS NOT NULL
                 AND extract(year FROM coalesce(a.received_at, a.updated_at) AT TIME ZONE 'Asia/Shanghai') = $2::int
              UNION ALL
              SELECT fp.household_id, 'programme:' || s.programme_id, s.disbursed
                FROM fund_project_sources s JOIN fund_projects fp ON fp.id = s.project_id
               WHERE fp.household_id IS NOT NULL AND s.disbursed > 0
                 AND extract(year FROM fp.approved_at AT TIME ZONE 'Asia/Shanghai') = $2::int) g
        JOIN households h ON h.id = g.hh
        JOIN regions v ON v.id = h.village_id
       GROUP BY g.hh, h.village_id, v.name
      HAVING count(DISTINCT g.src) >= 2 AND sum(g.amount) > $4"""
          + ON_CONFLICT;

  static final String PROGRAMME_SELECT =
      """
      SELECT $3::text, 'programme', g.id::text, x.region, (SELECT id FROM regions WHERE id = region_county(x.region)),
             g.name,
             jsonb_build_object('budget', g.budget, 'disbursed', g.disbursed,
                                'expectedPct', round(x.expected * 100), 'actualPct', round(x.actual * 100),
                                'startsOn', g.starts_on, 'endsOn', g.ends_on), $1::timestamptz
        FROM fund_programmes g,
             LATERAL (SELECT least(1.0, greatest(0.0, (($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - g.starts_on)::numeric
                                                    / greatest(1, g.ends_on - g.starts_on))) AS expected,
                             g.disbursed::numeric / g.budget AS actual,
                             coalesce(g.eligible_counties[1], g.source_region_id) AS region) x""";

  /** $1 now, $2 points: disbursed this many points behind the time gone by. */
  static final String BEHIND =
      INSERT + PROGRAMME_SELECT + " WHERE (x.expected - x.actual) * 100 > $2::int" + ON_CONFLICT;

  /** $1 now, $2 points: disbursed this many points ahead of the time gone by. */
  static final String AHEAD =
      INSERT + PROGRAMME_SELECT + " WHERE (x.actual - x.expected) * 100 > $2::int" + ON_CONFLICT;

  /** $1 now, $2 days: an open pledge expiring within the days with some of it unused. */
  static final String PLEDGE_EXPIRING =
      INSERT
          + """
      SELECT $3::text, 'pledge', p.id::text, d.home_county, d.home_county, d.name,
             jsonb_build_object('quantity', p.quantity, 'allocated', p.allocated, 'unit', p.unit,
                                'expires', p.expires, 'days', $2::int), $1::timestamptz
        FROM pledges p JOIN donors d ON d.id = p.donor_id
       WHERE p.status = 'open' AND p.expires IS NOT NULL AND p.allocated < p.quantity
         AND p.expires >= ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
         AND p.expires <= ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date + $2"""
          + ON_CONFLICT;

  /** What the deadlines of alerts are about (the deadline engine's subject type). */
  static final String ALERT_SUBJECT = "alert";

  static final String ALERT_SELECT =
      """
      SELECT al.id, al.rule, al.subject_type, al.subject_id, al.region_id, r.name AS region_name, al.county_id,
             c.name AS county_name, al.title, al.details::text AS details, al.raised_at, al.status, al.note,
             u.display_name AS handled_by, al.handled_at, """
          + DeadlineRepository.openDueAt(ALERT_SUBJECT, "al.id");
  static final String ALERT_FROM =
      """
      FROM alerts al
      LEFT JOIN regions r ON r.id = al.region_id
      LEFT JOIN regions c ON c.id = al.county_id
      LEFT JOIN users u ON u.id = al.handled_by""";
  static final String LOCK = "SELECT status FROM alerts WHERE id = $1 FOR UPDATE";
  static final String RESOLVE =
      """
      UPDATE alerts SET status = $2, note = $3, handled_by = $4, handled_at = $5 WHERE id = $1""";
  static final String BY_COUNTY =
      """
      SELECT c.id, c.name, count(al.id) FILTER (WHERE al.status = 'open') AS open,
             count(al.id) AS total
        FROM regions c LEFT JOIN alerts al ON al.county_id = c.id
       WHERE c.level = 'county' AND ($1::text IS NULL OR region_contains($1, c.id) OR region_contains(c.id, $1))
       GROUP BY c.id, c.name HAVING count(al.id) > 0 OR c.parent_id = '3505'
       ORDER BY c.id""";

  /**
   * The statement of each kind of rule. Every one takes $1 the time it runs at, $2 its first
   * parameter (days, points, or the year for {@link #MANY_SOURCES}), $3 the rule's name and then
   * the rest of its parameters ($4 the yuan of {@link #MANY_SOURCES}).
   */
  public enum Check {
    NOT_DELIVERED(SupervisionRepository.NOT_DELIVERED),
    NOT_RECEIVED(SupervisionRepository.NOT_RECEIVED),
    WITHOUT_EVIDENCE(SupervisionRepository.WITHOUT_EVIDENCE),
    NOT_VERIFIED(SupervisionRepository.NOT_VERIFIED),
    WITHOUT_PROGRESS(SupervisionRepository.WITHOUT_PROGRESS),
    OVERDUE(SupervisionRepository.OVERDUE),
    MANY_SOURCES(SupervisionRepository.MANY_SOURCES),
    BEHIND(SupervisionRepository.BEHIND),
    AHEAD(SupervisionRepository.AHEAD),
    PLEDGE_EXPIRING(SupervisionRepository.PLEDGE_EXPIRING);

    private final String sql;

    Check(String sql) {
      this.sql = sql;
    }
  }

  /**
   * One rule as it runs: its name (the alerts' {@code rule}), the statement that raises its alerts,
   * the time, and the statement's parameters after the time ({@link Check}).
   */
  public record Rule(String name, Check check, Instant at, List<Object> params) {
    public Rule {
      params = List.copyOf(params);
    }
  }

  public record Filter(String region, String status, String rule, String county) {}

  public record CountyCount(String countyId, String countyName, long open, long total) {}

  /** Runs one rule: raises an alert for each subject it finds that has none of this rule yet. */
  public Future<Integer> raise(SqlClient db, Rule rule) {
    Tuple args = Tuple.of(utc(rule.at()), rule.params().get(0), rule.name());
    rule.params().stream().skip(1).forEach(args::addValue);
    return db.preparedQuery(rule.check().sql).execute(args).map(rows -> rows.rowCount());
  }

  /** An alert as raised: what its handling deadline needs. */
  public record Raised(long id, String place, String title) {}

  static final String RAISED_AT =
      "SELECT id, coalesce(county_id, region_id) AS place, title FROM alerts "
          + "WHERE raised_at = $1 AND status = 'open' ORDER BY id";

  /** The open alerts raised at {@code at} (by one run of the rules). */
  public Future<List<Raised>> raisedAt(SqlClient db, Instant at) {
    return db.preparedQuery(RAISED_AT)
        .execute(Tuple.of(utc(at)))
        .map(
            rows -> {
              List<Raised> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new Raised(r.getLong("id"), r.getString("place"), r.getString("title"))));
              return out;
            });
  }

  public Future<Page<Alert>> list(SqlClient db, Filter f, Paging paging) {
    return listing(f)
        .page(
            db,
            ALERT_SELECT,
            ALERT_FROM,
            "al.status = 'open' DESC, al.raised_at DESC, al.id DESC",
            paging,
            SupervisionRepository::alert);
  }

  public Future<List<Alert>> all(SqlClient db, Filter f, int limit) {
    Listing l = listing(f);
    return db.preparedQuery(
            ALERT_SELECT
                + " "
                + ALERT_FROM
                + l.clause()
                + " ORDER BY al.status = 'open' DESC, al.raised_at DESC, al.id DESC LIMIT "
                + Math.max(1, limit))
        .execute(l.args())
        .map(
            rows -> {
              List<Alert> out = new ArrayList<>();
              rows.forEach(r -> out.add(alert(r)));
              return out;
            });
  }

  private static Listing listing(Filter f) {
    Listing l = new Listing();
    if (f.region() != null) {
      l.where("region_contains($?, coalesce(al.region_id, al.county_id))", f.region());
    }
    if (f.status() != null) {
      l.where("al.status = $?", f.status());
    }
    if (f.rule() != null) {
      l.where("al.rule = $?", f.rule());
    }
    if (f.county() != null) {
      l.where("al.county_id = $?", f.county());
    }
    return l;
  }

  public Future<Optional<Alert>> find(SqlClient db, long id) {
    return db.preparedQuery(ALERT_SELECT + " " + ALERT_FROM + " WHERE al.id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(alert(rows.iterator().next())));
  }

  public Future<Optional<Alert.Status>> lock(SqlClient db, long id) {
    return db.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Alert.Status.fromWire(rows.iterator().next().getString(0)));
  }

  public Future<Void> resolve(
      SqlClient db, long id, Alert.Status status, String note, long by, Instant at) {
    return db.preparedQuery(RESOLVE)
        .execute(Tuple.of(id, status.wire(), note, by, utc(at)))
        .mapEmpty();
  }

  public Future<List<CountyCount>> byCounty(SqlClient db, String region) {
    return db.preparedQuery(BY_COUNTY)
        .execute(Tuple.of(region))
        .map(
            rows -> {
              List<CountyCount> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new CountyCount(
                              r.getString("id"),
                              r.getString("name"),
                              r.getLong("open"),
                              r.getLong("total"))));
              return out;
            });
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  static Alert alert(Row r) {
    return new Alert(
        r.getLong("id"),
        r.getString("rule"),
        r.getString("subject_type"),
        r.getString("subject_id"),
        r.getString("region_id"),
        r.getString("region_name"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("title"),
        r.getString("details"),
        r.getOffsetDateTime("raised_at"),
        Alert.Status.fromWire(r.getString("status")).orElseThrow(),
        r.getString("note"),
        r.getString("handled_by"),
        r.getOffsetDateTime("handled_at"),
        r.getOffsetDateTime("due_at"));
  }
}
