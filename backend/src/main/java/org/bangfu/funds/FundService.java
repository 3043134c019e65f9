package org.bangfu.funds;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.notices.NoticeDraft;
import org.bangfu.notices.NoticeKinds;
import org.bangfu.notices.NoticeService;
import org.bangfu.support.Amounts;
import org.bangfu.support.DomainException;
import org.bangfu.support.DomainException.FieldError;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Fund programmes and projects: the rules. Reviewers plan, approve and accept projects inside their
 * region and record disbursements; the village's secretary reports progress; the united front (and
 * admin) create programmes. Money moves only through {@link FundLedger}, one transaction per write
 * with its audit row; approving and accepting a project publish notices.
 */
public final class FundService {
  private final Pool pool;
  private final Clock clock;
  private final FundRepository repo;
  private final FundLedger ledger;
  private final NoticeService notices;

  private final AuditLog audit;

  public FundService(
      Pool pool,
      Clock clock,
      FundRepository repo,
      FundLedger ledger,
      NoticeService notices,
      AuditLog audit) {
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.repo = repo;
    this.ledger = ledger;
    this.notices = notices;
  }

  /** One programme's share of a new project. */
  public record Share(long programmeId, long amount) {}

  // ---------------------------------------------------------------- programmes

  public Future<Programme> createProgramme(CurrentUser user, FundRepository.NewProgramme p) {
    if (p.source().equals("campaign") != (p.campaignId() != null)) {
      throw DomainException.invalid(
          "campaignId",
          p.campaignId() == null ? "required" : "not_allowed",
          "a campaign is named exactly when the source is campaign");
    }
    if (p.source().equals("paired_county") && p.sourceRegionId() == null) {
      throw DomainException.invalid(
          "sourceRegionId", "required", "the paying coastal county is required");
    }
    if (p.endsOn().isBefore(p.startsOn())) {
      throw DomainException.invalid("endsOn", "before_start", "must not be before startsOn");
    }
    if (p.eligibility().equals("households") && p.householdStatuses().isEmpty()) {
      throw DomainException.invalid(
          "householdStatuses", "required", "name the household statuses that may receive it");
    }
    return pool.withTransaction(
            tx -> checkRegions(tx, p).compose(v -> insertProgramme(tx, user, p)))
        .compose(id -> repo.programme(pool, id))
        .map(o -> o.orElseThrow());
  }

  /** Step of {@link #createProgramme}: the programme's row and its audit row. */
  private Future<Long> insertProgramme(
      SqlConnection tx, CurrentUser user, FundRepository.NewProgramme p) {
    JsonObject after =
        new JsonObject()
            .put("name", p.name())
            .put("source", p.source())
            .put("budget", p.budget())
            .put("year", p.year());
    return repo.insertProgramme(tx, p, user.id(), clock.instant())
        .compose(
            id -> audit.append(tx, user, "fund_programme", id, "created", null, after).map(id));
  }

  /** The eligible counties must be counties, the paying region a region. */
  private Future<Void> checkRegions(SqlConnection tx, FundRepository.NewProgramme p) {
    List<String> ids = new ArrayList<>(p.eligibleCounties());
    Future<Void> f = Future.succeededFuture();
    for (int i = 0; i < ids.size(); i++) {
      String field = "eligibleCounties[" + i + "]";
      String id = ids.get(i);
      f =
          f.compose(
              v ->
                  requireKnownRegion(
                      tx,
                      id,
                      r -> r.level().equals("county"),
                      () -> DomainException.invalid(field, "unknown_county", "must be a county")));
    }
    if (p.sourceRegionId() != null) {
      f =
          f.compose(
              v ->
                  requireKnownRegion(
                      tx,
                      p.sourceRegionId(),
                      r -> true,
                      () ->
                          DomainException.invalid(
                              "sourceRegionId", "unknown_region", "must be a region")));
    }
    return f;
  }

  /** Succeeds when the region exists and is {@code fit}; fails with {@code refusal} otherwise. */
  private Future<Void> requireKnownRegion(
      SqlConnection tx,
      String id,
      Predicate<FundRepository.RegionFacts> fit,
      Supplier<DomainException> refusal) {
    return repo.region(tx, id)
        .compose(
            r ->
                r.isPresent() && fit.test(r.get())
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(refusal.get()));
  }

  public Future<Page<Programme>> programmes(FundRepository.ProgrammeFilter f, Paging paging) {
    return repo.programmes(pool, f, paging);
  }

  public Future<List<Programme>> allProgrammes(FundRepository.ProgrammeFilter f, int limit) {
    return repo.allProgrammes(pool, f, limit);
  }

  public Future<Programme> programme(long id) {
    return repo.programme(pool, id)
        .map(o -> o.orElseThrow(() -> DomainException.notFound("programme " + id)));
  }

  public Future<List<FundRepository.Flow>> mountainSeaFlows(Integer year) {
    return repo.mountainSeaFlows(pool, year);
  }

  // ---------------------------------------------------------------- projects

  /**
   * Plans a project and reserves its allocation from each programme (its budget is the sum of the
   * shares). Refused naming the share when a programme has too little left or does not admit the
   * place or household.
   */
  public Future<Project.Detail> createProject(
      CurrentUser user, FundRepository.NewProject p, List<Share> shares) {
    requireRegion(user, p.regionId(), "regionId");
    long budget = budget(shares);
    if (p.plannedEnd().isBefore(p.plannedStart())) {
      throw DomainException.invalid(
          "plannedEnd", "before_start", "must not be before plannedStart");
    }
    Instant now = clock.instant();
    return pool.withTransaction(tx -> plan(tx, user, new Plan(p, shares, budget, now)))
        .compose(this::project);
  }

  /** A project to plan: what was asked, the shares, their sum and the time. */
  private record Plan(
      FundRepository.NewProject project, List<Share> shares, long budget, Instant at) {
    List<Long> programmeIds() {
      return shares.stream().map(Share::programmeId).toList();
    }
  }

  /** The shares' sum, refused naming {@code sources} beyond what an amount may be. */
  private static long budget(List<Share> shares) {
    long budget = 0;
    for (Share s : shares) {
      budget += s.amount();
    }
    if (budget > Amounts.MAX) {
      throw DomainException.invalid(
          "sources",
          "out_of_range",
          "the shares add up to more than " + Amounts.MAX,
          Map.of("max", Amounts.MAX));
    }
    return budget;
  }

  /**
   * Step of {@link #createProject}, in its transaction: the place checked, the programmes locked
   * (the ledger's order) and each share checked against them, then the project, its allocations and
   * its audit row. Answers the project's id.
   */
  private Future<Long> plan(SqlConnection tx, CurrentUser user, Plan plan) {
    return place(tx, plan.project())
        .compose(
            facts ->
                ledger
                    .lockProgrammes(tx, plan.programmeIds())
                    .map(locked -> checkShares(plan.shares(), locked, facts)))
        .compose(v -> repo.insertProject(tx, plan.project(), plan.budget(), user.id(), plan.at()))
        .compose(id -> allocate(tx, id, plan.shares()).map(id))
        .compose(id -> auditPlanned(tx, user, id, plan).map(id));
  }

  /** Each share names a programme that admits the place and has the amount left. */
  private static Void checkShares(
      List<Share> shares, Map<Long, FundLedger.LockedProgramme> locked, Place facts) {
    for (int i = 0; i < shares.size(); i++) {
      Share s = shares.get(i);
      FundLedger.LockedProgramme g = locked.get(s.programmeId());
      String field = "sources[" + i + "]";
      if (g == null) {
        throw DomainException.invalid(field + ".programmeId", "not_found", "no such programme");
      }
      String why = ineligible(g, facts.region(), facts.householdStatus());
      if (why != null) {
        throw DomainException.invalid(field + ".programmeId", "not_eligible", why);
      }
      if (s.amount() > g.left()) {
        throw DomainException.conflict(
            "programme_budget_exceeded",
            "programme " + g.id() + " has " + g.left() + " yuan left",
            DomainException.params("programme", g.id(), "left", g.left()),
            new FieldError(
                field + ".amount",
                "more_than_left",
                "more than the programme has left",
                Map.of("left", g.left())));
      }
    }
    return null;
  }

  /** Reserves each share of the programmes for the project, one after the other. */
  private Future<Void> allocate(SqlConnection tx, long projectId, List<Share> shares) {
    Future<Void> moved = Future.succeededFuture();
    for (Share s : shares) {
      moved = moved.compose(v -> ledger.allocate(tx, projectId, s.programmeId(), s.amount()));
    }
    return moved;
  }

  private Future<Void> auditPlanned(SqlConnection tx, CurrentUser user, long id, Plan plan) {
    List<String> sources =
        plan.shares().stream().map(s -> s.programmeId() + ":" + s.amount()).toList();
    return audit.append(
        tx,
        user,
        "fund_project",
        id,
        "planned",
        null,
        new JsonObject()
            .put("name", plan.project().name())
            .put("regionId", plan.project().regionId())
            .put("budget", plan.budget())
            .put("sources", sources));
  }

  private record Place(FundRepository.RegionFacts region, String householdStatus) {}

  private Future<Place> place(SqlConnection tx, FundRepository.NewProject p) {
    return repo.region(tx, p.regionId())
        .compose(
            r -> {
              if (r.isEmpty()
                  || !(r.get().level().equals("village") || r.get().level().equals("county"))) {
                return Future.failedFuture(
                    DomainException.invalid(
                        "regionId", "unknown_region", "must be a village or a county"));
              }
              if (p.householdId() == null) {
                return Future.succeededFuture(new Place(r.get(), null));
              }
              return repo.household(tx, p.householdId())
                  .compose(
                      h ->
                          h.isPresent() && h.get().villageId().equals(p.regionId())
                              ? Future.succeededFuture(new Place(r.get(), h.get().status()))
                              : Future.failedFuture(
                                  DomainException.invalid(
                                      "householdId",
                                      "not_in_village",
                                      "must be a registered household of the village")));
            });
  }

  /** Why a programme does not admit a place (null when it does). */
  static String ineligible(
      FundLedger.LockedProgramme g, FundRepository.RegionFacts r, String householdStatus) {
    if (!g.eligibleCounties().isEmpty() && !g.eligibleCounties().contains(r.countyId())) {
      return "the programme is for other counties";
    }
    boolean village = r.level().equals("village");
    return switch (g.eligibility()) {
      case "poor_villages" ->
          village && r.poor() ? null : "the programme is for registered poor villages";
      case "key_villages" ->
          village && (r.key() || r.keyTownship())
              ? null
              : "the programme is for key villages and key townships";
      case "help_villages" ->
          village
                  && r.help()
                  && (g.dispatchedBy() == null || g.dispatchedBy().equals(r.dispatchedBy()))
              ? null
              : "the programme is for help villages"
                  + (g.dispatchedBy() == null ? "" : " dispatched by " + g.dispatchedBy());
      case "households" ->
          householdStatus != null && g.householdStatuses().contains(householdStatus)
              ? null
              : "the programme is for registered households of status "
                  + String.join(", ", g.householdStatuses());
      default -> null;
    };
  }

  public Future<Project.Detail> project(long id) {
    return repo.project(pool, id)
        .compose(
            p -> {
              if (p.isEmpty()) {
                return Future.failedFuture(DomainException.notFound("project " + id));
              }
              var sources = repo.sources(pool, id);
              var paid = repo.disbursements(pool, id);
              var reports = repo.reports(pool, id);
              return Future.all(sources, paid, reports)
                  .map(
                      v ->
                          new Project.Detail(
                              p.get(), sources.result(), paid.result(), reports.result()));
            });
  }

  /** A project a user may see (404 for one outside their village or region). */
  public Future<Project.Detail> project(CurrentUser user, long id) {
    return project(id)
        .map(
            d -> {
              if (!canSee(user, d.project().regionId())) {
                throw DomainException.notFound("project " + id);
              }
              return d;
            });
  }

  static boolean canSee(CurrentUser user, String regionId) {
    return switch (user.role()) {
      case VILLAGE_SECRETARY, REVIEWER -> Access.canActForVillage(user, regionId);
      case DONOR -> false;
      default -> true;
    };
  }

  /** The region a user's project list is narrowed to (null: all). */
  public static String scope(CurrentUser user) {
    return switch (user.role()) {
      case VILLAGE_SECRETARY -> user.villageId();
      case REVIEWER -> user.regionId();
      default -> null;
    };
  }

  public Future<Page<Project>> projects(FundRepository.ProjectFilter f, Paging paging) {
    return repo.projects(pool, f, paging);
  }

  public Future<List<Project>> allProjects(FundRepository.ProjectFilter f, int limit) {
    return repo.allProjects(pool, f, limit);
  }

  /** A reviewer of the region approves a planned project; its notice (项目公示) is published. */
  public Future<Project.Detail> approve(CurrentUser user, long id) {
    return pool.withTransaction(
            tx -> lockProject(tx, user, id).compose(p -> approveLocked(tx, user, p)))
        .compose(v -> project(id));
  }

  /** Step of {@link #approve} on the locked project: approved, its notice, the audit row. */
  private Future<Void> approveLocked(
      SqlConnection tx, CurrentUser user, FundLedger.LockedProject p) {
    requireStatus(p, "planned", "project_not_planned");
    long id = p.id();
    return repo.approve(tx, id, clock.instant())
        .compose(v -> notice(tx, id, NoticeKinds.PROJECT_APPROVED, "立项公示", null))
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "fund_project",
                    id,
                    "approved",
                    new JsonObject().put("status", "planned"),
                    new JsonObject().put("status", "approved")));
  }

  /**
   * Records a disbursement (拨付) of a project's share of a programme; refused naming {@code amount}
   * when it is more than that share has left.
   */
  public Future<Project.Detail> disburse(
      CurrentUser user, long id, Long programmeId, long amount, String note) {
    return programmeOf(id, programmeId)
        .compose(
            gid -> pool.withTransaction(tx -> pay(tx, user, new Payment(id, gid, amount, note))))
        .compose(v -> project(id));
  }

  /** A disbursement to record: of which project's share of which programme, how much, why. */
  private record Payment(long projectId, long programmeId, long amount, String note) {}

  /** The programme a disbursement draws on: the one named, or else the project's only source. */
  private Future<Long> programmeOf(long projectId, Long programmeId) {
    if (programmeId != null) {
      return Future.succeededFuture(programmeId);
    }
    return repo.sources(pool, projectId)
        .map(
            sources -> {
              if (sources.size() != 1) {
                throw DomainException.invalid(
                    "programmeId", "required", "name the programme the money comes from");
              }
              return sources.get(0).programmeId();
            });
  }

  /**
   * Step of {@link #disburse}, in its transaction, in the ledger's lock order: the programme, the
   * project (approved or in progress), the project's share of the programme, then the payment.
   */
  private Future<Void> pay(SqlConnection tx, CurrentUser user, Payment pay) {
    return ledger
        .lockProgrammes(tx, List.of(pay.programmeId()))
        .compose(locked -> lockProject(tx, user, pay.projectId()))
        .map(FundService::requirePayable)
        .compose(p -> payShare(tx, user, p, pay));
  }

  private static FundLedger.LockedProject requirePayable(FundLedger.LockedProject p) {
    if (!p.status().equals("approved") && !p.status().equals("in_progress")) {
      throw DomainException.conflict(
          "project_not_approved",
          "project " + p.id() + " is " + p.status() + "; money is paid to approved projects",
          DomainException.params("status", p.status()));
    }
    return p;
  }

  /** The share locked and checked, the money paid (the ledger) and the audit row. */
  private Future<Void> payShare(
      SqlConnection tx, CurrentUser user, FundLedger.LockedProject p, Payment pay) {
    return ledger
        .lockSource(tx, pay.projectId(), pay.programmeId())
        .map(s -> requireLeft(s, pay))
        .compose(
            s ->
                ledger.disburse(
                    tx,
                    pay.projectId(),
                    pay.programmeId(),
                    pay.amount(),
                    pay.note(),
                    clock.instant(),
                    user.id()))
        .compose(
            d ->
                audit.append(
                    tx,
                    user,
                    "fund_project",
                    pay.projectId(),
                    "disbursed",
                    new JsonObject().put("disbursed", p.disbursed()),
                    new JsonObject()
                        .put("disbursed", p.disbursed() + pay.amount())
                        .put("programme", pay.programmeId())
                        .put("amount", pay.amount())
                        .put("disbursement", d)));
  }

  /** The project draws on the programme and has at least the amount of it left to pay. */
  private static FundLedger.LockedSource requireLeft(FundLedger.LockedSource s, Payment pay) {
    if (s == null) {
      throw DomainException.invalid(
          "programmeId", "not_a_source", "the project draws nothing from this programme");
    }
    if (pay.amount() > s.left()) {
      throw DomainException.conflict(
          "disbursement_exceeds_allocation",
          "project "
              + pay.projectId()
              + " has "
              + s.left()
              + " yuan of programme "
              + pay.programmeId()
              + " left to pay",
          DomainException.params("left", s.left()),
          new FieldError(
              "amount",
              "more_than_left",
              "more than is left of the allocation",
              Map.of("left", s.left())));
    }
    return s;
  }

  /** The village's secretary (or a reviewer of the region) reports progress, with photos. */
  public Future<Project.Detail> report(
      CurrentUser user, long id, int percent, String note, List<FileContent> photos) {
    return pool.withTransaction(
            tx ->
                lockProject(tx, user, id)
                    .compose(
                        p -> recordReport(tx, user, p, new ProgressReport(percent, note, photos))))
        .compose(v -> project(id));
  }

  /** A progress report as the secretary gave it. */
  private record ProgressReport(int percent, String note, List<FileContent> photos) {}

  /**
   * Step of {@link #report} on the locked project: it must be running; the report, the audit row.
   */
  private Future<Void> recordReport(
      SqlConnection tx, CurrentUser user, FundLedger.LockedProject p, ProgressReport r) {
    if (!p.status().equals("approved") && !p.status().equals("in_progress")) {
      throw DomainException.conflict(
          "project_not_running",
          "project " + p.id() + " is " + p.status(),
          DomainException.params("status", p.status()));
    }
    return repo.insertReport(
            tx, p.id(), r.percent(), r.note(), clock.instant(), user.id(), r.photos())
        .compose(
            report ->
                audit.append(
                    tx,
                    user,
                    "fund_project",
                    p.id(),
                    "progress_reported",
                    null,
                    new JsonObject()
                        .put("report", report)
                        .put("percent", r.percent())
                        .put("photos", r.photos().size())));
  }

  /** A reviewer of the region accepts (验收) a project in progress; its notice is published. */
  public Future<Project.Detail> accept(CurrentUser user, long id, String note) {
    return pool.withTransaction(
            tx -> lockProject(tx, user, id).compose(p -> acceptLocked(tx, user, p, note)))
        .compose(v -> project(id));
  }

  /** Step of {@link #accept} on the locked project: accepted, its notice, the audit row. */
  private Future<Void> acceptLocked(
      SqlConnection tx, CurrentUser user, FundLedger.LockedProject p, String note) {
    requireStatus(p, "in_progress", "project_not_in_progress");
    long id = p.id();
    return repo.accept(tx, id, clock.instant(), note)
        .compose(v -> notice(tx, id, NoticeKinds.PROJECT_ACCEPTED, "验收公示", p.disbursed()))
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "fund_project",
                    id,
                    "accepted",
                    new JsonObject().put("status", p.status()),
                    new JsonObject().put("status", "accepted").put("note", note)));
  }

  public Future<FundRepository.PhotoData> photo(CurrentUser user, long id) {
    return repo.photo(pool, id)
        .map(
            p -> {
              if (p.isEmpty() || !canSee(user, p.get().regionId())) {
                throw DomainException.notFound("photo " + id);
              }
              return p.get();
            });
  }

  private Future<FundLedger.LockedProject> lockProject(
      SqlConnection tx, CurrentUser user, long id) {
    return ledger
        .lockProject(tx, id)
        .map(
            p -> {
              if (p == null || !canSee(user, p.regionId())) {
                throw DomainException.notFound("project " + id);
              }
              requireRegion(user, p.regionId(), "project");
              return p;
            });
  }

  private static void requireRegion(CurrentUser user, String regionId, String field) {
    if (!Access.canActForVillage(user, regionId)) {
      throw DomainException.forbidden(field + " " + regionId + " is outside your region");
    }
  }

  private static void requireStatus(FundLedger.LockedProject p, String status, String code) {
    if (!p.status().equals(status)) {
      throw DomainException.conflict(
          code,
          "project " + p.id() + " is " + p.status() + ", not " + status,
          DomainException.params("status", p.status()));
    }
  }

  /** The notice of a project: amount, sources, use, place, implementer; beneficiaries masked. */
  private Future<Long> notice(SqlConnection tx, long id, String kind, String suffix, Long amount) {
    return repo.project(tx, id)
        .map(o -> o.orElseThrow())
        .compose(
            p ->
                repo.programmeNames(tx, id)
                    .compose(
                        sources ->
                            repo.region(tx, p.regionId())
                                .map(r -> draft(p, kind, suffix, amount, sources, r.orElseThrow())))
                    .compose(draft -> notices.publish(tx, draft)));
  }

  private static NoticeDraft draft(
      Project p,
      String kind,
      String suffix,
      Long amount,
      String sources,
      FundRepository.RegionFacts r) {
    String beneficiaries =
        p.householdId() != null
            ? p.regionName() + "建档立卡贫困户 1 户"
            : r.level().equals("village") ? p.regionName() + "村集体及村民" : p.regionName();
    return new NoticeDraft(
        kind,
        "project",
        Long.toString(p.id()),
        p.regionId(),
        p.name() + suffix,
        amount != null ? amount : p.budget(),
        sources,
        p.description().isBlank() ? p.name() : p.description(),
        r.place(),
        p.implementer(),
        beneficiaries);
  }

  static boolean isReviewer(CurrentUser user) {
    return user.role() == Role.REVIEWER || user.role() == Role.ADMIN;
  }
}
