package org.bangfu.accountability;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bangfu.db.Listing;
import org.bangfu.inspections.InspectionRepository;
import org.bangfu.reports.ReportRepository;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/**
 * All SQL of 问责 cases and their decisions. Whether a report is founded and a finding repeated or
 * late is read with the one definition of each (ReportRepository.FOUNDED,
 * InspectionRepository.REPEAT_OF and LATE).
 */
public final class AccountabilityRepository {

  /** A report as a ground: its county, and whether its latest answer found it founded. */
  static final String REPORT_GROUND =
      "SELECT r.county_id, "
          + ReportRepository.FOUNDED
          + " AS founded FROM reports r WHERE r.id = $1";

  /** A finding as a ground: its county, the earlier accepted finding it repeats, whether late. */
  static final String FINDING_GROUND =
      "SELECT f.county_id, "
          + InspectionRepository.REPEAT_OF
          + " AS repeat_of, "
          + InspectionRepository.LATE
          + " AS late FROM inspection_findings f WHERE f.id = $1";

  static final String INSERT_CASE =
      "INSERT INTO accountability_cases (ground, report_id, finding_id, earlier_finding_id, "
          + "county_id, summary, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
          + "ON CONFLICT DO NOTHING RETURNING id";
  static final String CASE_OF =
      "SELECT id FROM accountability_cases WHERE report_id = $1 OR finding_id = $2";

  static final String COLUMNS =
      "c.id, c.ground, c.report_id, rp.tracking_no, c.finding_id, f.problem, f.inspection_id, "
          + "c.earlier_finding_id, c.county_id, rg.name AS county_name, c.summary, c.status, "
          + "ou.username AS opened_by, c.opened_at, c.basis, du.username AS decided_by, c.decided_at";
  static final String FROM =
      "FROM accountability_cases c LEFT JOIN reports rp ON rp.id = c.report_id "
          + "LEFT JOIN inspection_findings f ON f.id = c.finding_id "
          + "LEFT JOIN regions rg ON rg.id = c.county_id JOIN users ou ON ou.id = c.opened_by "
          + "LEFT JOIN users du ON du.id = c.decided_by";
  static final String BY_ID = "SELECT " + COLUMNS + " " + FROM + " WHERE c.id = $1";
  static final String PEOPLE =
      "SELECT case_id, person_unit, person_role, measure FROM accountability_measures "
          + "WHERE case_id = ANY($1) ORDER BY case_id, n";

  /** Open → decided, once: a second decision finds no open case (the row lock orders them). */
  static final String DECIDE =
      "UPDATE accountability_cases SET status = 'decided', basis = $2, decided_by = $3, "
          + "decided_at = $4 WHERE id = $1 AND status = 'open' RETURNING id";

  static final String INSERT_PERSON =
      "INSERT INTO accountability_measures (case_id, n, person_unit, person_role, measure) "
          + "VALUES ($1, $2, $3, $4, $5)";

  /** Grounds without a case: founded reports, repeated or late findings (问责线索). */
  static final String GROUNDS =
      "(SELECT 'report' AS source, r.id, 'founded_report' AS ground, r.county_id, "
          + "r.tracking_no AS title, NULL::bigint AS earlier, coalesce(r.answered_at, r.received_at) AS at "
          + "FROM reports r WHERE "
          + ReportRepository.FOUNDED
          + " AND NOT EXISTS (SELECT 1 FROM accountability_cases c WHERE c.report_id = r.id) "
          + "UNION ALL SELECT 'finding', f.id, CASE WHEN "
          + InspectionRepository.REPEAT_OF
          + " IS NOT NULL THEN 'repeated_finding' ELSE 'late_rectification' END, f.county_id, "
          + "f.problem, "
          + InspectionRepository.REPEAT_OF
          + ", coalesce(f.accepted_at, f.created_at) FROM inspection_findings f WHERE ("
          + InspectionRepository.REPEAT_OF
          + " IS NOT NULL OR "
          + InspectionRepository.LATE
          + ") AND NOT EXISTS (SELECT 1 FROM accountability_cases c WHERE c.finding_id = f.id)) g";

  /** A report or finding as a ground: its county, and what it proves (empty when nothing). */
  public record GroundFound(String countyId, Optional<Ground> ground, Long earlierFindingId) {}

  public record NewCase(
      Ground ground,
      Long reportId,
      Long findingId,
      Long earlierFindingId,
      String countyId,
      String summary,
      long openedBy,
      Instant at) {}

  public record Filter(String countyId, String status, String ground, String region) {}

  static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  public Future<Optional<GroundFound>> reportGround(SqlClient db, long reportId) {
    return db.preparedQuery(REPORT_GROUND)
        .execute(Tuple.of(reportId))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new GroundFound(
                            r.getString("county_id"),
                            Boolean.TRUE.equals(r.getBoolean("founded"))
                                ? Optional.of(Ground.FOUNDED_REPORT)
                                : Optional.empty(),
                            null)));
  }

  public Future<Optional<GroundFound>> findingGround(SqlClient db, long findingId) {
    return db.preparedQuery(FINDING_GROUND)
        .execute(Tuple.of(findingId))
        .map(rows -> Rows.first(rows, AccountabilityRepository::findingGround));
  }

  private static GroundFound findingGround(Row r) {
    Long earlier = r.getLong("repeat_of");
    Optional<Ground> g =
        earlier != null
            ? Optional.of(Ground.REPEATED_FINDING)
            : Boolean.TRUE.equals(r.getBoolean("late"))
                ? Optional.of(Ground.LATE_RECTIFICATION)
                : Optional.empty();
    return new GroundFound(r.getString("county_id"), g, earlier);
  }

  /** The new case's id; empty when the report or finding already has one. */
  public Future<Optional<Long>> insert(SqlClient db, NewCase n) {
    return db.preparedQuery(INSERT_CASE)
        .execute(
            Tuple.from(
                new Object[] {
                  n.ground().wire(),
                  n.reportId(),
                  n.findingId(),
                  n.earlierFindingId(),
                  n.countyId(),
                  n.summary(),
                  n.openedBy(),
                  at(n.at())
                }))
        .map(rows -> Rows.first(rows, r -> r.getLong("id")));
  }

  public Future<Optional<Long>> caseOf(SqlClient db, Long reportId, Long findingId) {
    return db.preparedQuery(CASE_OF)
        .execute(Tuple.of(reportId, findingId))
        .map(rows -> Rows.first(rows, r -> r.getLong("id")));
  }

  public Future<Optional<AccountabilityCase>> find(SqlClient db, long id) {
    return db.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, AccountabilityRepository::map))
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture(found)
                    : withPeople(db, List.of(found.get())).map(l -> Optional.of(l.get(0))));
  }

  public Future<Page<AccountabilityCase>> list(SqlClient db, Filter f, Paging paging) {
    Listing l = new Listing();
    if (f.region() != null) {
      l.where("region_contains($?, c.county_id)", f.region());
    }
    if (f.countyId() != null) {
      l.where("c.county_id = $?", f.countyId());
    }
    if (f.status() != null) {
      l.where("c.status = $?", f.status());
    }
    if (f.ground() != null) {
      l.where("c.ground = $?", f.ground());
    }
    return l.page(
            db,
            "SELECT " + COLUMNS,
            FROM,
            "FROM accountability_cases c",
            "c.status = 'open' DESC, c.opened_at DESC, c.id DESC",
            paging,
            AccountabilityRepository::map)
        .compose(
            page ->
                withPeople(db, page.items())
                    .map(
                        items ->
                            new Page<>(
                                items,
                                page.total(),
                                page.page(),
                                page.size(),
                                page.totalCapped())));
  }

  /** The cases with the people of their decisions, read in one query. */
  private Future<List<AccountabilityCase>> withPeople(
      SqlClient db, List<AccountabilityCase> cases) {
    if (cases.isEmpty()) {
      return Future.succeededFuture(cases);
    }
    Long[] ids = cases.stream().map(AccountabilityCase::id).toArray(Long[]::new);
    return db.preparedQuery(PEOPLE)
        .execute(Tuple.of(ids))
        .map(
            rows -> {
              Map<Long, List<Person>> byCase =
                  Rows.all(rows, r -> r).stream()
                      .collect(
                          Collectors.groupingBy(
                              r -> r.getLong("case_id"),
                              Collectors.mapping(
                                  r ->
                                      new Person(
                                          r.getString("person_unit"),
                                          r.getString("person_role"),
                                          r.getString("measure")),
                                  Collectors.toList())));
              return cases.stream()
                  .map(c -> c.withPeople(byCase.getOrDefault(c.id(), List.of())))
                  .toList();
            });
  }

  /** Marks an open case decided; false when it was not open (decided meanwhile). */
  public Future<Boolean> decide(SqlClient db, long id, String basis, long by, Instant at) {
    return db.preparedQuery(DECIDE)
        .execute(Tuple.of(id, basis, by, at(at)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> insertPeople(SqlClient db, long caseId, List<Person> people) {
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      Person p = people.get(i);
      batch.add(Tuple.of(caseId, i + 1, p.unit(), p.role(), p.measure()));
    }
    return db.preparedQuery(INSERT_PERSON).executeBatch(batch).mapEmpty();
  }

  public Future<Page<CaseGround>> grounds(SqlClient db, String countyId, Paging paging) {
    Listing l = new Listing();
    if (countyId != null) {
      l.where("g.county_id = $?", countyId);
    }
    return l.page(
        db,
        "SELECT g.*, rg.name AS county_name",
        "FROM " + GROUNDS + " LEFT JOIN regions rg ON rg.id = g.county_id",
        "FROM " + GROUNDS,
        "g.at DESC, g.source, g.id",
        paging,
        AccountabilityRepository::mapGround);
  }

  static CaseGround mapGround(Row r) {
    return new CaseGround(
        r.getString("source"),
        r.getLong("id"),
        Ground.fromWire(r.getString("ground")).orElseThrow(),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("title"),
        r.getLong("earlier"),
        r.getOffsetDateTime("at"));
  }

  static AccountabilityCase map(Row r) {
    return new AccountabilityCase(
        r.getLong("id"),
        Ground.fromWire(r.getString("ground")).orElseThrow(),
        r.getLong("report_id"),
        r.getString("tracking_no"),
        r.getLong("finding_id"),
        r.getString("problem"),
        r.getLong("inspection_id"),
        r.getLong("earlier_finding_id"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("summary"),
        r.getString("status"),
        r.getString("opened_by"),
        r.getOffsetDateTime("opened_at"),
        r.getString("basis"),
        r.getString("decided_by"),
        r.getOffsetDateTime("decided_at"),
        List.of());
  }
}
