package org.bangfu.inspections;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bangfu.config.OversightConfig;
import org.bangfu.db.Listing;
import org.bangfu.reports.ReportRepository;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/** All SQL of inspections, findings, rectifications and decisions, and the oversight counts. */
public final class InspectionRepository {

  /** The end of a finding's deadline day in China: rectified before it is on time. */
  static final String DEADLINE_END =
      "((f.deadline + 1)::timestamp AT TIME ZONE '" + OversightConfig.CHINA.getId() + "')";

  /**
   * The one definition of an overdue finding at the instant {@code at}: its rectification deadline
   * still open at or past the end of its date — the deadline engine's "late", kept in step with the
   * finding (met when a rectification is accepted) by {@link InspectionService}.
   */
  public static String overdue(String at) {
    return "EXISTS (SELECT 1 FROM deadlines dl WHERE dl.subject_type = 'finding' "
        + "AND dl.subject_id = f.id::text AND dl.kind = 'finding_rectify' AND dl.state = 'open' "
        + "AND dl.due_at <= "
        + at
        + ")";
  }

  static final String ON_TIME = "(f.status = 'accepted' AND f.rectified_at < " + DEADLINE_END + ")";
  static final String LATE = "(f.status = 'accepted' AND f.rectified_at >= " + DEADLINE_END + ")";

  static final String INSPECTION_COLUMNS =
      "i.id, i.title, i.unit, i.inspector_role, i.inspector_region, "
          + "i.period_from, i.period_to, i.counties, u.username AS created_by, i.created_at, "
          + "ARRAY(SELECT coalesce(cr.name, x.c) FROM unnest(i.counties) WITH ORDINALITY AS x(c, k) "
          + "LEFT JOIN regions cr ON cr.id = x.c ORDER BY x.k) AS county_names, "
          + "(SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = i.id) AS findings, "
          + "(SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = i.id AND f.status <> 'accepted') AS open";
  static final String INSPECTION_FROM = "FROM inspections i JOIN users u ON u.id = i.created_by";
  static final String INSERT_INSPECTION =
      "INSERT INTO inspections (title, unit, inspector_role, inspector_region, "
          + "period_from, period_to, counties, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          + "RETURNING id";
  static final String INSPECTION_BY_ID =
      "SELECT " + INSPECTION_COLUMNS + " " + INSPECTION_FROM + " WHERE i.id = $1";
  static final String COUNTIES_EXISTING =
      "SELECT id FROM regions WHERE level = 'county' AND id = ANY($1)";

  static final String FINDING_COLUMNS =
      "f.id, f.inspection_id, i.title AS inspection_title, f.subject_kind, "
          + "f.subject_id, coalesce(sr.name, d.name, rp.tracking_no) AS subject_name, f.county_id, c.name AS county_name, "
          + "f.severity, f.problem, f.deadline, f.status, f.created_at, f.accepted_at, f.rectified_at, f.escalated_at";
  static final String FINDING_FROM =
      "FROM inspection_findings f JOIN inspections i ON i.id = f.inspection_id "
          + "LEFT JOIN regions c ON c.id = f.county_id "
          + "LEFT JOIN regions sr ON f.subject_kind IN ('county', 'village') AND sr.id = f.subject_id "
          + "LEFT JOIN donors d ON f.subject_kind = 'donor' AND d.id::text = f.subject_id "
          + "LEFT JOIN reports rp ON f.subject_kind = 'report' AND rp.id::text = f.subject_id";

  static String findingSelect(String at) {
    return "SELECT "
        + FINDING_COLUMNS
        + ", "
        + overdue(at)
        + " AS overdue, CASE WHEN f.status = 'accepted' THEN "
        + ON_TIME
        + " END AS on_time";
  }

  static final String FINDING_BY_ID = findingSelect("$2") + " " + FINDING_FROM + " WHERE f.id = $1";
  static final String LOCK_FINDING = "SELECT id FROM inspection_findings WHERE id = $1 FOR UPDATE";
  static final String INSERT_FINDING =
      "INSERT INTO inspection_findings (inspection_id, subject_kind, subject_id, "
          + "county_id, severity, problem, deadline, created_by, created_at, updated_at) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id";
  static final String SET_FINDING_STATUS =
      "UPDATE inspection_findings SET status = $2, updated_at = $3, "
          + "accepted_at = CASE WHEN $2 = 'accepted' THEN $3 ELSE accepted_at END, "
          + "rectified_at = CASE WHEN $2 = 'accepted' THEN $4 ELSE rectified_at END WHERE id = $1";

  static final String RECTIFICATIONS =
      "SELECT r.id, r.version, r.note, u.username, r.submitted_at "
          + "FROM finding_rectifications r JOIN users u ON u.id = r.submitted_by WHERE r.finding_id = $1 ORDER BY r.version";
  static final String FILES =
      "SELECT x.rectification_id, x.n, x.name, x.content_type, x.size FROM rectification_files x "
          + "JOIN finding_rectifications r ON r.id = x.rectification_id WHERE r.finding_id = $1 ORDER BY x.rectification_id, x.n";
  static final String FILE_DATA =
      "SELECT x.name, x.content_type, x.data FROM rectification_files x "
          + "JOIN finding_rectifications r ON r.id = x.rectification_id WHERE r.finding_id = $1 AND r.version = $2 AND x.n = $3";
  static final String INSERT_RECTIFICATION =
      "INSERT INTO finding_rectifications (finding_id, version, note, "
          + "submitted_by, submitted_at) VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM finding_rectifications "
          + "WHERE finding_id = $1), $2, $3, $4) RETURNING id, version";
  static final String INSERT_FILE =
      "INSERT INTO rectification_files (rectification_id, n, name, content_type, size, data) "
          + "VALUES ($1, $2, $3, $4, $5, $6)";
  static final String DECISIONS =
      "SELECT r.version, d.decision, d.reason, u.username, d.at FROM finding_decisions d "
          + "JOIN finding_rectifications r ON r.id = d.rectification_id JOIN users u ON u.id = d.by_user "
          + "WHERE d.finding_id = $1 ORDER BY d.id";
  static final String INSERT_DECISION =
      "INSERT INTO finding_decisions (finding_id, rectification_id, decision, reason, "
          + "by_user, at) VALUES ($1, $2, $3, $4, $5, $6)";

  /** A late finding marked escalated (逾期督办), the first time only. */
  static final String ESCALATE =
      "UPDATE inspection_findings f SET escalated_at = $2, updated_at = $2 "
          + "WHERE f.id = $1 AND f.escalated_at IS NULL RETURNING f.id, f.county_id";

  /** The inspecting unit of a finding: its role and (a city's poverty office) its region. */
  static final String INSPECTOR =
      "SELECT i.inspector_role, i.inspector_region FROM inspection_findings f "
          + "JOIN inspections i ON i.id = f.inspection_id WHERE f.id = $1";

  /** 整改情况 per county of an inspection ($1), at $2, for one county ($3) or all. */
  static final String COUNTY_LINES =
      "SELECT k.county_id, rg.name AS county_name, count(f.id) AS findings, "
          + "count(f.id) FILTER (WHERE "
          + ON_TIME
          + ") AS on_time, count(f.id) FILTER (WHERE "
          + LATE
          + ") AS late, "
          + "count(f.id) FILTER (WHERE f.status <> 'accepted') AS open, count(f.id) FILTER (WHERE "
          + overdue("$2")
          + ") AS overdue FROM (SELECT unnest(counties) AS county_id FROM inspections WHERE id = $1 "
          + "UNION SELECT county_id FROM inspection_findings WHERE inspection_id = $1) k "
          + "LEFT JOIN regions rg ON rg.id = k.county_id "
          + "LEFT JOIN inspection_findings f ON f.inspection_id = $1 AND f.county_id IS NOT DISTINCT FROM k.county_id "
          + "WHERE ($3::text IS NULL OR k.county_id = $3) GROUP BY k.county_id, rg.name ORDER BY k.county_id NULLS LAST";

  /** Open and overdue reports and findings by county, at $1 (the dashboard's counts). */
  static final String OVERSIGHT_COUNTS =
      "SELECT k.county_id, rg.name AS county_name, "
          + "(SELECT count(*) FROM reports r WHERE r.county_id IS NOT DISTINCT FROM k.county_id AND "
          + ReportRepository.OPEN
          + ") AS reports_open, "
          + "(SELECT count(*) FROM reports r WHERE r.county_id IS NOT DISTINCT FROM k.county_id AND "
          + ReportRepository.overdue("$1")
          + ") AS reports_overdue, "
          + "(SELECT count(*) FROM inspection_findings f WHERE f.county_id IS NOT DISTINCT FROM k.county_id "
          + "AND f.status <> 'accepted') AS findings_open, "
          + "(SELECT count(*) FROM inspection_findings f WHERE f.county_id IS NOT DISTINCT FROM k.county_id AND "
          + overdue("$1")
          + ") AS findings_overdue "
          + "FROM (SELECT r.county_id FROM reports r WHERE "
          + ReportRepository.OPEN
          + " UNION SELECT county_id FROM inspection_findings WHERE status <> 'accepted') k "
          + "LEFT JOIN regions rg ON rg.id = k.county_id "
          + "WHERE ($2::text IS NULL OR region_contains($2, k.county_id)) ORDER BY k.county_id NULLS LAST";

  public record NewInspection(
      String title,
      String unit,
      String inspectorRole,
      String inspectorRegion,
      LocalDate from,
      LocalDate to,
      List<String> counties,
      long createdBy,
      Instant at) {}

  public record NewFinding(
      long inspectionId,
      FindingSubject kind,
      String subjectId,
      String countyId,
      String severity,
      String problem,
      LocalDate deadline,
      long createdBy,
      Instant at) {}

  public record CountyCounts(
      String countyId,
      String countyName,
      long reportsOpen,
      long reportsOverdue,
      long findingsOpen,
      long findingsOverdue) {}

  /** Who is asking, for the listing's scope: the role and what the account is bound to. */
  public record Scope(String role, String regionId, String villageId, Long donorId) {}

  public record FindingFilter(Long inspectionId, String status, String countyId, Boolean overdue) {}

  static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  // ---- inspections

  public Future<Long> insertInspection(SqlClient db, NewInspection n) {
    return db.preparedQuery(INSERT_INSPECTION)
        .execute(
            Tuple.from(
                new Object[] {
                  n.title(),
                  n.unit(),
                  n.inspectorRole(),
                  n.inspectorRegion(),
                  n.from(),
                  n.to(),
                  n.counties().toArray(new String[0]),
                  n.createdBy(),
                  at(n.at())
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<String>> existingCounties(SqlClient db, List<String> ids) {
    return db.preparedQuery(COUNTIES_EXISTING)
        .execute(Tuple.of(ids.toArray(new String[0])))
        .map(
            rows -> {
              List<String> out = new ArrayList<>();
              rows.forEach(r -> out.add(r.getString(0)));
              return out;
            });
  }

  public Future<Optional<Inspection>> inspection(SqlClient db, long id) {
    return db.preparedQuery(INSPECTION_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(InspectionRepository::mapInspection));
  }

  public Future<Page<Inspection>> inspections(SqlClient db, Scope scope, Paging paging) {
    Listing l = new Listing();
    if ("reviewer".equals(scope.role())) {
      String p = l.next(scope.regionId());
      l.where(
          "(i.inspector_region = "
              + p
              + " OR EXISTS (SELECT 1 FROM unnest(i.counties) c "
              + "WHERE region_contains("
              + p
              + ", c)))");
    }
    return l.page(
        db,
        "SELECT " + INSPECTION_COLUMNS,
        INSPECTION_FROM,
        "i.created_at DESC, i.id DESC",
        paging,
        InspectionRepository::mapInspection);
  }

  // ---- findings

  /**
   * The query that proves a finding's subject exists and gives the county it belongs to ({@code
   * county}, NULL for a donor without one). A report is a subject only once its latest answer found
   * it founded or partly founded.
   */
  static String countyOf(FindingSubject kind) {
    return switch (kind) {
      case COUNTY -> "SELECT id AS county FROM regions WHERE id = $1 AND level = 'county'";
      case VILLAGE ->
          "SELECT region_county(id) AS county FROM regions WHERE id = $1 AND level = 'village'";
      case DONOR -> "SELECT home_county AS county FROM donors WHERE id = $1";
      case REPORT ->
          "SELECT r.county_id AS county FROM reports r WHERE r.id = $1 AND "
              + org.bangfu.reports.ReportRepository.FOUNDED;
    };
  }

  /**
   * Reports found founded in the counties $1 whose tracking number holds $2 (a LIKE pattern),
   * newest answer first, at most $3: what a finding about a report may name.
   */
  static final String FOUNDED_REPORTS =
      "SELECT r.id, r.tracking_no, r.category, c.name AS county_name, r.answered_at"
          + " FROM reports r LEFT JOIN regions c ON c.id = r.county_id"
          + " WHERE r.county_id = ANY($1::text[]) AND r.tracking_no LIKE $2 AND "
          + org.bangfu.reports.ReportRepository.FOUNDED
          + " ORDER BY r.answered_at DESC NULLS LAST, r.id DESC LIMIT $3";

  public Future<List<FoundedReport>> foundedReports(
      SqlClient db, List<String> counties, String words, int limit) {
    String like = "%" + words.replace("\\", "").replace("%", "").replace("_", "") + "%";
    return db.preparedQuery(FOUNDED_REPORTS)
        .execute(Tuple.of(counties.toArray(String[]::new), like.toUpperCase(), limit))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new FoundedReport(
                            r.getLong("id"),
                            r.getString("tracking_no"),
                            r.getString("category"),
                            r.getString("county_name"),
                            r.getOffsetDateTime("answered_at"))));
  }

  public Future<Optional<Optional<String>>> subjectCounty(
      SqlClient db, FindingSubject kind, String id) {
    Object key = kind.numericId() ? (Object) Long.valueOf(id) : id;
    return db.preparedQuery(countyOf(kind))
        .execute(Tuple.of(key))
        .map(rows -> first(rows).map(r -> Optional.ofNullable(r.getString("county"))));
  }

  public Future<Long> insertFinding(SqlClient db, NewFinding n) {
    return db.preparedQuery(INSERT_FINDING)
        .execute(
            Tuple.from(
                new Object[] {
                  n.inspectionId(),
                  n.kind().wire(),
                  n.subjectId(),
                  n.countyId(),
                  n.severity(),
                  n.problem(),
                  n.deadline(),
                  n.createdBy(),
                  at(n.at())
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Void> lockFinding(SqlClient db, long id) {
    return db.preparedQuery(LOCK_FINDING).execute(Tuple.of(id)).mapEmpty();
  }

  /** One finding with its rectifications (and files' names) and decisions. */
  public Future<Optional<Finding>> finding(SqlClient db, long id, Instant now) {
    return db.preparedQuery(FINDING_BY_ID)
        .execute(Tuple.of(id, at(now)))
        .compose(
            rows -> {
              Optional<Finding> f = first(rows).map(InspectionRepository::mapFinding);
              if (f.isEmpty()) {
                return Future.succeededFuture(Optional.<Finding>empty());
              }
              return rectifications(db, id)
                  .compose(rs -> decisions(db, id).map(ds -> Optional.of(f.get().with(rs, ds))));
            });
  }

  private Future<List<Finding.Rectification>> rectifications(SqlClient db, long findingId) {
    return db.preparedQuery(FILES)
        .execute(Tuple.of(findingId))
        .compose(
            fileRows -> {
              List<Finding.EvidenceFile> files = new ArrayList<>();
              fileRows.forEach(
                  r ->
                      files.add(
                          new Finding.EvidenceFile(
                              r.getLong("rectification_id"),
                              r.getInteger("n"),
                              r.getString("name"),
                              r.getString("content_type"),
                              r.getInteger("size"))));
              return db.preparedQuery(RECTIFICATIONS)
                  .execute(Tuple.of(findingId))
                  .map(
                      rows -> {
                        List<Finding.Rectification> out = new ArrayList<>();
                        rows.forEach(
                            r -> {
                              long rid = r.getLong("id");
                              out.add(
                                  new Finding.Rectification(
                                      rid,
                                      r.getInteger("version"),
                                      r.getString("note"),
                                      r.getString("username"),
                                      r.getOffsetDateTime("submitted_at"),
                                      files.stream()
                                          .filter(x -> x.rectificationId() == rid)
                                          .toList()));
                            });
                        return out;
                      });
            });
  }

  private Future<List<Finding.Decision>> decisions(SqlClient db, long findingId) {
    return db.preparedQuery(DECISIONS)
        .execute(Tuple.of(findingId))
        .map(
            rows -> {
              List<Finding.Decision> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new Finding.Decision(
                              r.getInteger("version"),
                              r.getString("decision"),
                              r.getString("reason"),
                              r.getString("username"),
                              r.getOffsetDateTime("at"))));
              return out;
            });
  }

  public Future<Page<Finding>> findings(
      SqlClient db, Scope scope, FindingFilter filter, Instant now, Paging paging) {
    Listing l = new Listing();
    String nowParam = l.next(at(now));
    l.where(nowParam + "::timestamptz IS NOT NULL"); // types the instant for the count query too
    switch (scope.role()) {
      case "reviewer" -> {
        String p = l.next(scope.regionId());
        // a township's reviewers also see the findings about their villages
        l.where(
            "(region_contains("
                + p
                + ", f.county_id) OR (i.inspector_role = 'reviewer' AND i.inspector_region = "
                + p
                + ") OR (f.subject_kind = 'village' AND region_contains("
                + p
                + ", f.subject_id)))");
      }
      case "village_secretary" ->
          l.where("f.subject_kind = 'village' AND f.subject_id = $?", scope.villageId());
      case "donor" ->
          l.where(
              "f.subject_kind = 'donor' AND f.subject_id = $?", String.valueOf(scope.donorId()));
      default -> {}
    }
    if (filter.inspectionId() != null) {
      l.where("f.inspection_id = $?", filter.inspectionId());
    }
    if (filter.status() != null) {
      l.where("f.status = $?", filter.status());
    }
    if (filter.countyId() != null) {
      l.where("f.county_id = $?", filter.countyId());
    }
    if (filter.overdue() != null) {
      l.where((filter.overdue() ? "" : "NOT ") + overdue(nowParam));
    }
    return l.page(
        db,
        findingSelect(nowParam),
        FINDING_FROM,
        overdue(nowParam) + " DESC, f.deadline, f.id",
        paging,
        InspectionRepository::mapFinding);
  }

  /** Every finding of an inspection (or of one of its counties), for the 整改情况 report. */
  public Future<List<Finding>> findingsOf(
      SqlClient db, long inspectionId, String countyId, Instant now) {
    String sql =
        findingSelect("$2")
            + " "
            + FINDING_FROM
            + " WHERE f.inspection_id = $1 AND ($3::text IS NULL OR "
            + "f.county_id = $3) ORDER BY f.county_id NULLS LAST, f.id";
    return db.preparedQuery(sql)
        .execute(Tuple.of(inspectionId, at(now), countyId))
        .map(
            rows -> {
              List<Finding> out = new ArrayList<>();
              rows.forEach(r -> out.add(mapFinding(r)));
              return out;
            });
  }

  public Future<List<RectificationReport.CountyLine>> countyLines(
      SqlClient db, long inspectionId, String countyId, Instant now) {
    return db.preparedQuery(COUNTY_LINES)
        .execute(Tuple.of(inspectionId, at(now), countyId))
        .map(
            rows -> {
              List<RectificationReport.CountyLine> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new RectificationReport.CountyLine(
                              r.getString("county_id"),
                              r.getString("county_name"),
                              r.getLong("findings"),
                              r.getLong("on_time"),
                              r.getLong("late"),
                              r.getLong("open"),
                              r.getLong("overdue"))));
              return out;
            });
  }

  public Future<Void> setStatus(
      SqlClient db, long id, FindingStatus status, Instant at, Instant rectifiedAt) {
    return db.preparedQuery(SET_FINDING_STATUS)
        .execute(Tuple.of(id, status.wire(), at(at), at(rectifiedAt)))
        .mapEmpty();
  }

  public record NewVersion(long id, int version) {}

  public Future<NewVersion> insertRectification(
      SqlClient db, long findingId, String note, long by, Instant at, List<FileContent> files) {
    return db.preparedQuery(INSERT_RECTIFICATION)
        .execute(Tuple.of(findingId, note, by, at(at)))
        .compose(
            rows -> {
              Row r = rows.iterator().next();
              NewVersion v = new NewVersion(r.getLong("id"), r.getInteger("version"));
              if (files.isEmpty()) {
                return Future.succeededFuture(v);
              }
              List<Tuple> batch = new ArrayList<>();
              for (int i = 0; i < files.size(); i++) {
                FileContent a = files.get(i);
                batch.add(
                    Tuple.of(
                        v.id(),
                        i + 1,
                        a.name(),
                        a.contentType(),
                        a.data().length,
                        Buffer.buffer(a.data())));
              }
              return db.preparedQuery(INSERT_FILE).executeBatch(batch).map(v);
            });
  }

  public Future<Optional<FileContent>> file(SqlClient db, long findingId, int version, int n) {
    return db.preparedQuery(FILE_DATA)
        .execute(Tuple.of(findingId, version, n))
        .map(
            rows ->
                first(rows)
                    .map(
                        r ->
                            new FileContent(
                                r.getString("name"),
                                r.getString("content_type"),
                                r.getBuffer("data").getBytes())));
  }

  public Future<Void> insertDecision(
      SqlClient db,
      long findingId,
      long rectificationId,
      String decision,
      String reason,
      long by,
      Instant at) {
    return db.preparedQuery(INSERT_DECISION)
        .execute(Tuple.of(findingId, rectificationId, decision, reason, by, at(at)))
        .mapEmpty();
  }

  public record EscalatedFinding(long id, String countyId) {}

  /** Marks a finding escalated; empty when it was before. */
  public Future<Optional<EscalatedFinding>> escalate(SqlClient db, long id, Instant now) {
    return db.preparedQuery(ESCALATE)
        .execute(Tuple.of(id, at(now)))
        .map(
            rows ->
                first(rows)
                    .map(r -> new EscalatedFinding(r.getLong("id"), r.getString("county_id"))));
  }

  /** The inspecting unit's role and region (null for a unit without one). */
  public record Inspector(String role, String region) {}

  public Future<Optional<Inspector>> inspectorOf(SqlClient db, long findingId) {
    return db.preparedQuery(INSPECTOR)
        .execute(Tuple.of(findingId))
        .map(
            rows ->
                first(rows)
                    .map(
                        r ->
                            new Inspector(
                                r.getString("inspector_role"), r.getString("inspector_region"))));
  }

  public Future<List<CountyCounts>> oversightCounts(SqlClient db, Instant now, String region) {
    return db.preparedQuery(OVERSIGHT_COUNTS)
        .execute(Tuple.of(at(now), region))
        .map(
            rows -> {
              List<CountyCounts> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new CountyCounts(
                              r.getString("county_id"),
                              r.getString("county_name"),
                              r.getLong("reports_open"),
                              r.getLong("reports_overdue"),
                              r.getLong("findings_open"),
                              r.getLong("findings_overdue"))));
              return out;
            });
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  static Inspection mapInspection(Row r) {
    return new Inspection(
        r.getLong("id"),
        r.getString("title"),
        r.getString("unit"),
        r.getString("inspector_role"),
        r.getString("inspector_region"),
        r.getLocalDate("period_from"),
        r.getLocalDate("period_to"),
        Arrays.asList(r.getArrayOfStrings("counties")),
        Arrays.asList(r.getArrayOfStrings("county_names")),
        r.getString("created_by"),
        r.getOffsetDateTime("created_at"),
        r.getLong("findings"),
        r.getLong("open"));
  }

  static Finding mapFinding(Row r) {
    return new Finding(
        r.getLong("id"),
        r.getLong("inspection_id"),
        r.getString("inspection_title"),
        r.getString("subject_kind"),
        r.getString("subject_id"),
        r.getString("subject_name"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("severity"),
        r.getString("problem"),
        r.getLocalDate("deadline"),
        FindingStatus.fromWire(r.getString("status")).orElseThrow(),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("accepted_at"),
        r.getOffsetDateTime("rectified_at"),
        r.getOffsetDateTime("escalated_at"),
        r.getBoolean("overdue"),
        r.getBoolean("on_time"),
        null,
        null);
  }
}
