package org.bangfu.inspections;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.config.OversightConfig;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Inspections (督查) and their rectification (整改): an inspecting unit records findings; the
 * responsible unit — the county's reviewers, the village's secretary, the donor — submits a
 * rectification with evidence; the inspecting unit accepts it (销号) or returns it with reasons. Each
 * change is written with its audit row in one transaction.
 */
public final class InspectionService {
  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final OversightConfig config;
  private final InspectionRepository repo;
  private final Deadlines engine;

  public InspectionService(
      Vertx vertx,
      Pool pool,
      Clock clock,
      OversightConfig config,
      InspectionRepository repo,
      Deadlines engine) {
    this.repo = repo;
    this.engine = engine;
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
  }

  // ---- who

  /** The inspecting unit a user speaks for: 统战部, a city's 扶贫办 (a city-level reviewer), 纪委/审计. */
  static Optional<String> unitOf(CurrentUser u) {
    return switch (u.role()) {
      case UNITED_FRONT -> Optional.of("united_front");
      case AUDITOR -> Optional.of("audit");
      case REVIEWER ->
          u.regionId() != null && u.regionId().matches("[0-9]{4}")
              ? Optional.of("poverty_office")
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** The township of a village: its code without the last part ({@code 350524-T01-V02}). */
  static String townshipOf(String village) {
    int last = village.lastIndexOf('-');
    return last < 0 ? "" : village.substring(0, last);
  }

  /** The inspecting unit of this inspection: same role (and, for a city's reviewers, same city). */
  static boolean isInspector(CurrentUser u, Inspection i) {
    return u.role().wire().equals(i.inspectorRole())
        && (u.role() != Role.REVIEWER
            || (u.regionId() != null && u.regionId().equals(i.inspectorRegion())));
  }

  /**
   * The unit that must rectify a finding: a county's (or a report's) the county's reviewers; a
   * village's its secretary or its township's reviewers (the township office works with its
   * villages on the spot); a donor's the donor.
   */
  static boolean isResponsible(CurrentUser u, Finding f) {
    return switch (f.subjectKind()) {
      case "county", "report" ->
          u.role() == Role.REVIEWER && f.countyId() != null && f.countyId().equals(u.regionId());
      case "village" ->
          switch (u.role()) {
            case VILLAGE_SECRETARY -> f.subjectId().equals(u.villageId());
            case REVIEWER -> u.regionId() != null && u.regionId().equals(townshipOf(f.subjectId()));
            default -> false;
          };
      case "donor" ->
          u.role() == Role.DONOR
              && u.donorId() != null
              && f.subjectId().equals(u.donorId().toString());
      default -> false;
    };
  }

  static boolean canSee(CurrentUser u, Inspection i, Finding f) {
    return switch (u.role()) {
      case UNITED_FRONT, AUDITOR, ADMIN -> true;
      case REVIEWER ->
          isInspector(u, i)
              || Access.regionContains(u.regionId(), f.countyId())
              || isResponsible(u, f);
      default -> isResponsible(u, f);
    };
  }

  static InspectionRepository.Scope scope(CurrentUser u) {
    return new InspectionRepository.Scope(
        u.role().wire(), u.regionId(), u.villageId(), u.donorId());
  }

  // ---- inspections

  public record NewInspection(String title, LocalDate from, LocalDate to, List<String> counties) {}

  public Future<Inspection> create(CurrentUser user, NewInspection n) {
    String unit =
        unitOf(user)
            .orElseThrow(
                () ->
                    DomainException.forbidden(
                        "only 统战部, a city's poverty office or auditors inspect"));
    Instant now = clock.instant();
    var row =
        new InspectionRepository.NewInspection(
            n.title(),
            unit,
            user.role().wire(),
            user.role() == Role.REVIEWER ? user.regionId() : null,
            n.from(),
            n.to(),
            n.counties(),
            user.id(),
            now);
    return repo.existingCounties(pool, n.counties())
        .map(found -> allCounties(n.counties(), found))
        .compose(v -> pool.withTransaction(tx -> insertInspection(tx, user, row)));
  }

  /** Every county named is one (refused naming the first that is not). */
  private static Void allCounties(List<String> counties, Collection<String> found) {
    for (int i = 0; i < counties.size(); i++) {
      if (!found.contains(counties.get(i))) {
        throw DomainException.invalid("counties[" + i + "]", "county_not_found", "is not a county");
      }
    }
    return null;
  }

  /** Step of {@link #create}, in its transaction: the inspection, its audit row. */
  private Future<Inspection> insertInspection(
      SqlConnection tx, CurrentUser user, InspectionRepository.NewInspection n) {
    return repo.insertInspection(tx, n)
        .compose(
            id ->
                AuditLog.append(
                        tx,
                        user,
                        "inspection",
                        id,
                        "create",
                        null,
                        new JsonObject()
                            .put("title", n.title())
                            .put("unit", n.unit())
                            .put("counties", new JsonArray(n.counties()))
                            .put("periodFrom", n.from().toString())
                            .put("periodTo", n.to().toString()))
                    .compose(v -> repo.inspection(tx, id)))
        .map(Optional::orElseThrow);
  }

  public Future<Page<Inspection>> list(CurrentUser user, Paging paging) {
    return repo.inspections(pool, scope(user), paging);
  }

  public Future<Inspection> get(CurrentUser user, long id) {
    return repo.inspection(pool, id)
        .map(
            found -> {
              Inspection i = found.orElseThrow(() -> DomainException.notFound("inspection " + id));
              if (user.role() == Role.REVIEWER
                  && !isInspector(user, i)
                  && i.counties().stream()
                      .noneMatch(c -> Access.regionContains(user.regionId(), c))) {
                throw DomainException.forbidden(
                    "inspection " + id + " covers none of your counties");
              }
              return i;
            });
  }

  /**
   * The founded reports in an inspection's counties whose tracking number holds {@code words}, for
   * its inspecting unit to name in a finding.
   */
  public Future<List<FoundedReport>> foundedReports(
      CurrentUser user, long id, String words, int limit) {
    return repo.inspection(pool, id)
        .compose(
            found -> {
              Inspection i = found.orElseThrow(() -> DomainException.notFound("inspection " + id));
              if (!isInspector(user, i)) {
                throw DomainException.forbidden("only the inspecting unit records its findings");
              }
              return repo.foundedReports(pool, i.counties(), words, limit);
            });
  }

  // ---- findings

  public record NewFinding(
      FindingSubject kind, String subjectId, String severity, String problem, LocalDate deadline) {}

  public Future<Finding> addFinding(CurrentUser user, long inspectionId, NewFinding n) {
    Instant now = clock.instant();
    return repo.inspection(pool, inspectionId)
        .map(found -> recordable(user, inspectionId, found, n, now))
        .compose(
            i ->
                repo.subjectCounty(pool, n.kind(), n.subjectId())
                    .map(county -> countyInInspection(i, n, county)))
        .compose(c -> pool.withTransaction(tx -> insertFinding(tx, user, inspectionId, n, c, now)));
  }

  /** The inspection, which the user inspects for; a deadline not past; a subject id of its kind. */
  private Inspection recordable(
      CurrentUser user, long inspectionId, Optional<Inspection> found, NewFinding n, Instant now) {
    Inspection i = found.orElseThrow(() -> DomainException.notFound("inspection " + inspectionId));
    if (!isInspector(user, i)) {
      throw DomainException.forbidden("only the inspecting unit records its findings");
    }
    if (n.deadline().isBefore(now.atZone(config.zone()).toLocalDate())) {
      throw DomainException.invalid("deadline", "in_past", "must be today or later");
    }
    if (n.kind().numericId() && !n.subjectId().matches("[1-9][0-9]{0,17}")) {
      throw subjectNotFound(n.kind());
    }
    return i;
  }

  /** The subject's county, which must be one the inspection covers (a donor has none). */
  private static String countyInInspection(
      Inspection i, NewFinding n, Optional<Optional<String>> county) {
    String c = county.orElseThrow(() -> subjectNotFound(n.kind())).orElse(null);
    if (n.kind() != FindingSubject.DONOR && (c == null || !i.counties().contains(c))) {
      throw DomainException.invalid(
          "subjectId", "outside_inspection", "is not in the inspected counties");
    }
    return c;
  }

  /** Step of {@link #addFinding}, in its transaction: the finding, its audit row. */
  private Future<Finding> insertFinding(
      SqlConnection tx,
      CurrentUser user,
      long inspectionId,
      NewFinding n,
      String county,
      Instant now) {
    return repo.insertFinding(
            tx,
            new InspectionRepository.NewFinding(
                inspectionId,
                n.kind(),
                n.subjectId(),
                county,
                n.severity(),
                n.problem(),
                n.deadline(),
                user.id(),
                now))
        .compose(
            id ->
                AuditLog.append(
                        tx,
                        user,
                        "finding",
                        id,
                        "create",
                        null,
                        new JsonObject()
                            .put("inspectionId", inspectionId)
                            .put("subjectKind", n.kind().wire())
                            .put("subjectId", n.subjectId())
                            .put("countyId", county)
                            .put("severity", n.severity())
                            .put("deadline", n.deadline().toString())
                            .put("status", "open"))
                    .compose(v -> openDeadline(tx, id, n, county))
                    .compose(v -> repo.finding(tx, id, now)))
        .map(Optional::orElseThrow);
  }

  /** What the deadlines of findings are about. */
  static final String SUBJECT = "finding";

  /**
   * The finding's deadline, for its responsible unit, due at the end of its date in China (a
   * rectification submitted before then is on time).
   */
  private Future<Void> openDeadline(SqlConnection tx, long id, NewFinding n, String county) {
    Owner who =
        switch (n.kind()) {
          case VILLAGE -> Owner.secretary(n.subjectId());
          case DONOR -> Owner.donor(Long.parseLong(n.subjectId()));
          case COUNTY, REPORT -> Owner.reviewer(county);
        };
    String place = n.kind() == FindingSubject.VILLAGE ? n.subjectId() : county;
    String what = n.problem().length() > 80 ? n.problem().substring(0, 80) : n.problem();
    Instant due = n.deadline().plusDays(1).atStartOfDay(config.zone()).toInstant();
    return engine
        .open(
            tx,
            DeadlineKind.FINDING_RECTIFY,
            Opening.of(Subject.of(SUBJECT, id), who, place, what).until(due))
        .mapEmpty();
  }

  private static DomainException subjectNotFound(FindingSubject kind) {
    return DomainException.invalid(
        "subjectId",
        "subject_not_found",
        "no such " + kind.wire() + (kind == FindingSubject.REPORT ? " found founded" : ""),
        Map.of("kind", kind.wire()));
  }

  public Future<Page<Finding>> findings(
      CurrentUser user, InspectionRepository.FindingFilter filter, Paging paging) {
    return repo.findings(pool, scope(user), filter, clock.instant(), paging);
  }

  public Future<Finding> finding(CurrentUser user, long id) {
    return repo.finding(pool, id, clock.instant())
        .compose(
            found -> {
              Finding f = found.orElseThrow(() -> DomainException.notFound("finding " + id));
              return repo.inspection(pool, f.inspectionId())
                  .map(
                      i -> {
                        if (!canSee(user, i.orElseThrow(), f)) {
                          throw DomainException.forbidden("finding " + id + " is not yours to see");
                        }
                        return f;
                      });
            });
  }

  public Future<FileContent> file(CurrentUser user, long findingId, int version, int n) {
    return finding(user, findingId)
        .compose(f -> repo.file(pool, findingId, version, n))
        .map(
            found ->
                found.orElseThrow(
                    () -> DomainException.notFound("file " + n + " of version " + version)));
  }

  /** The responsible unit reports its rectification (a new version), with up to 4 files. */
  public Future<Finding> rectify(
      CurrentUser user, long findingId, String note, List<FileContent> files) {
    return pool.withTransaction(
        tx -> {
          Instant now = clock.instant();
          return locked(tx, findingId, now)
              .map(f -> rectifiable(user, f))
              .compose(f -> rectification(tx, user, f, note, files, now))
              .compose(x -> repo.finding(tx, findingId, now))
              .map(Optional::orElseThrow);
        });
  }

  /** The finding, locked (not found when there is none). */
  private Future<Finding> locked(SqlConnection tx, long findingId, Instant now) {
    return repo.lockFinding(tx, findingId)
        .compose(v -> repo.finding(tx, findingId, now))
        .map(found -> found.orElseThrow(() -> DomainException.notFound("finding " + findingId)));
  }

  private static Finding rectifiable(CurrentUser user, Finding f) {
    if (!isResponsible(user, f)) {
      throw DomainException.forbidden(
          "finding " + f.id() + " is rectified by its responsible unit");
    }
    if (f.status() != FindingStatus.OPEN && f.status() != FindingStatus.RETURNED) {
      throw DomainException.conflict(
          "finding_wrong_status",
          "a finding that is " + f.status().wire() + " takes no rectification now",
          Map.of("status", f.status().wire()));
    }
    return f;
  }

  /** The rectification's new version, the finding submitted, the audit row. */
  private Future<Void> rectification(
      SqlConnection tx,
      CurrentUser user,
      Finding f,
      String note,
      List<FileContent> files,
      Instant now) {
    return repo.insertRectification(tx, f.id(), note, user.id(), now, files)
        .compose(
            nv ->
                repo.setStatus(tx, f.id(), FindingStatus.SUBMITTED, now, null)
                    .compose(
                        x ->
                            AuditLog.append(
                                tx,
                                user,
                                "finding",
                                f.id(),
                                "rectify",
                                new JsonObject().put("status", f.status().wire()),
                                new JsonObject()
                                    .put("status", "submitted")
                                    .put("version", nv.version())
                                    .put("files", files.size()))));
  }

  /** The inspecting unit accepts the latest rectification (销号) or returns it with reasons. */
  public Future<Finding> decide(CurrentUser user, long findingId, boolean accept, String reason) {
    return pool.withTransaction(
        tx -> {
          Instant now = clock.instant();
          return locked(tx, findingId, now)
              .compose(
                  f ->
                      repo.inspection(tx, f.inspectionId())
                          .map(i -> decidable(user, i.orElseThrow(), f)))
              .compose(f -> decision(tx, user, f, new Decision(accept, reason), now))
              .compose(x -> repo.finding(tx, findingId, now))
              .map(Optional::orElseThrow);
        });
  }

  /** The inspecting unit's decision: accepted, or returned with a reason. */
  private record Decision(boolean accept, String reason) {
    FindingStatus to() {
      return accept ? FindingStatus.ACCEPTED : FindingStatus.RETURNED;
    }
  }

  private static Finding decidable(CurrentUser user, Inspection i, Finding f) {
    if (!isInspector(user, i)) {
      throw DomainException.forbidden("only the inspecting unit decides on rectifications");
    }
    if (f.status() != FindingStatus.SUBMITTED) {
      throw DomainException.conflict(
          "finding_wrong_status",
          "a finding that is " + f.status().wire() + " has no rectification waiting",
          Map.of("status", f.status().wire()));
    }
    return f;
  }

  /**
   * The decision on the latest rectification, the finding's new status (closed at the
   * rectification's time when accepted), the audit row.
   */
  private Future<Void> decision(
      SqlConnection tx, CurrentUser user, Finding f, Decision d, Instant now) {
    Finding.Rectification latest = f.rectifications().get(f.rectifications().size() - 1);
    return repo.insertDecision(
            tx, f.id(), latest.id(), d.to().wire(), d.accept() ? "" : d.reason(), user.id(), now)
        .compose(
            x ->
                repo.setStatus(
                    tx, f.id(), d.to(), now, d.accept() ? latest.submittedAt().toInstant() : null))
        .compose(
            x ->
                d.accept()
                    ? engine.meet(tx, DeadlineKind.FINDING_RECTIFY, Subject.of(SUBJECT, f.id()))
                    : Future.<Void>succeededFuture())
        .compose(
            x ->
                AuditLog.append(
                    tx,
                    user,
                    "finding",
                    f.id(),
                    d.accept() ? "accept" : "return",
                    new JsonObject().put("status", f.status().wire()),
                    new JsonObject()
                        .put("status", d.to().wire())
                        .put("version", latest.version())
                        .put("reason", d.accept() ? null : d.reason())));
  }

  // ---- 整改情况

  public Future<RectificationReport> report(CurrentUser user, long inspectionId, String countyId) {
    Instant now = clock.instant();
    return get(user, inspectionId)
        .compose(
            i -> {
              Access.requireRegionInReach(user, countyId);
              if (countyId != null && !i.counties().contains(countyId)) {
                throw DomainException.invalid(
                    "county", "outside_inspection", "is not in the inspected counties");
              }
              // a county's reviewers see their own county's lines; the inspecting units all of them
              String county = countyId;
              if (user.role() == Role.REVIEWER
                  && !isInspector(user, i)
                  && !user.regionId().matches("[0-9]{4}")) {
                county = user.regionId().split("-")[0];
              }
              String c = county;
              return repo.countyLines(pool, inspectionId, c, now)
                  .compose(
                      lines ->
                          repo.findingsOf(pool, inspectionId, c, now)
                              .map(list -> new RectificationReport(i, c, lines, list)));
            });
  }

  public Future<byte[]> workbook(CurrentUser user, long inspectionId, String countyId) {
    return report(user, inspectionId, countyId)
        .compose(r -> vertx.executeBlocking(() -> RectificationWorkbook.write(r), false));
  }

  public Future<List<InspectionRepository.CountyCounts>> counts(CurrentUser user) {
    String region = user.role() == Role.REVIEWER ? user.regionId() : null;
    return repo.oversightCounts(pool, clock.instant(), region).map(ArrayList::new);
  }
}
