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
  private final NoticeService notices;

  public FundService(Pool pool, Clock clock, FundRepository repo, NoticeService notices) {
    this.pool = pool;
    this.clock = clock;
    this.repo = repo;
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
            tx ->
                checkRegions(tx, p)
                    .compose(v -> repo.insertProgramme(tx, p, user.id(), clock.instant()))
                    .compose(
                        id ->
                            AuditLog.append(
                                    tx,
                                    user,
                                    "fund_programme",
                                    id,
                                    "created",
                                    null,
                                    new JsonObject()
                                        .put("name", p.name())
                                        .put("source", p.source())
                                        .put("budget", p.budget())
                                        .put("year", p.year()))
                                .map(id)))
        .compose(id -> repo.programme(pool, id))
        .map(o -> o.orElseThrow());
  }

  private Future<Void> checkRegions(SqlConnection tx, FundRepository.NewProgramme p) {
    List<String> ids = new ArrayList<>(p.eligibleCounties());
    Future<Void> f = Future.succeededFuture();
    for (int i = 0; i < ids.size(); i++) {
      String field = "eligibleCounties[" + i + "]";
      String id = ids.get(i);
      f =
          f.compose(
              v ->
                  repo.region(tx, id)
                      .compose(
                          r ->
                              r.isPresent() && r.get().level().equals("county")
                                  ? Future.<Void>succeededFuture()
                                  : Future.failedFuture(
                                      DomainException.invalid(
                                          field, "unknown_county", "must be a county"))));
    }
    if (p.sourceRegionId() != null) {
      f =
          f.compose(
              v ->
                  repo.region(tx, p.sourceRegionId())
                      .compose(
                          r ->
                              r.isPresent()
                                  ? Future.<Void>succeededFuture()
                                  : Future.failedFuture(
                                      DomainException.invalid(
                                          "sourceRegionId",
                                          "unknown_region",
                                          "must be a region"))));
    }
    return f;
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
    if (p.plannedEnd().isBefore(p.plannedStart())) {
      throw DomainException.invalid(
          "plannedEnd", "before_start", "must not be before plannedStart");
    }
    long total = budget;
    Instant now = clock.instant();
    return pool.withTransaction(
            tx ->
                place(tx, p)
                    .compose(
                        facts ->
                            FundLedger.lockProgrammes(
                                    tx, shares.stream().map(Share::programmeId).toList())
                                .compose(
                                    locked -> {
                                      for (int i = 0; i < shares.size(); i++) {
                                        Share s = shares.get(i);
                                        FundLedger.LockedProgramme g = locked.get(s.programmeId());
                                        String field = "sources[" + i + "]";
                                        if (g == null) {
                                          throw DomainException.invalid(
                                              field + ".programmeId",
                                              "not_found",
                                              "no such programme");
                                        }
                                        String why =
                                            ineligible(g, facts.region(), facts.householdStatus());
                                        if (why != null) {
                                          throw DomainException.invalid(
                                              field + ".programmeId", "not_eligible", why);
                                        }
                                        if (s.amount() > g.left()) {
                                          throw DomainException.conflict(
                                              "programme_budget_exceeded",
                                              "programme "
                                                  + g.id()
                                                  + " has "
                                                  + g.left()
                                                  + " yuan left",
                                              DomainException.params(
                                                  "programme", g.id(), "left", g.left()),
                                              new FieldError(
                                                  field + ".amount",
                                                  "more_than_left",
                                                  "more than the programme has left",
                                                  Map.of("left", g.left())));
                                        }
                                      }
                                      return repo.insertProject(tx, p, total, user.id(), now)
                                          .compose(
                                              id -> {
                                                Future<Void> moved = Future.succeededFuture();
                                                for (Share s : shares) {
                                                  moved =
                                                      moved.compose(
                                                          v ->
                                                              FundLedger.allocate(
                                                                  tx,
                                                                  id,
                                                                  s.programmeId(),
                                                                  s.amount()));
                                                }
                                                return moved
                                                    .compose(
                                                        v ->
                                                            AuditLog.append(
                                                                tx,
                                                                user,
                                                                "fund_project",
                                                                id,
                                                                "planned",
                                                                null,
                                                                new JsonObject()
                                                                    .put("name", p.name())
                                                                    .put("regionId", p.regionId())
                                                                    .put("budget", total)
                                                                    .put(
                                                                        "sources",
                                                                        shares.stream()
                                                                            .map(
                                                                                s ->
                                                                                    s.programmeId()
                                                                                        + ":"
                                                                                        + s
                                                                                            .amount())
                                                                            .toList())))
                                                    .map(id);
                                              });
                                    })))
        .compose(this::project);
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
                          h.isPresent() && h.get()[0].equals(p.regionId())
                              ? Future.succeededFuture(new Place(r.get(), h.get()[1]))
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
            tx ->
                lockProject(tx, user, id)
                    .compose(
                        p -> {
                          requireStatus(p, "planned", "project_not_planned");
                          Instant now = clock.instant();
                          return repo.approve(tx, id, now)
                              .compose(
                                  v -> notice(tx, id, NoticeKinds.PROJECT_APPROVED, "立项公示", null))
                              .compose(
                                  v ->
                                      AuditLog.append(
                                          tx,
                                          user,
                                          "fund_project",
                                          id,
                                          "approved",
                                          new JsonObject().put("status", "planned"),
                                          new JsonObject().put("status", "approved")));
                        }))
        .compose(v -> project(id));
  }

  /**
   * Records a disbursement (拨付) of a project's share of a programme; refused naming {@code amount}
   * when it is more than that share has left.
   */
  public Future<Project.Detail> disburse(
      CurrentUser user, long id, Long programmeId, long amount, String note) {
    Future<Long> which =
        programmeId != null
            ? Future.succeededFuture(programmeId)
            : repo.sources(pool, id)
                .map(
                    sources -> {
                      if (sources.size() != 1) {
                        throw DomainException.invalid(
                            "programmeId", "required", "name the programme the money comes from");
                      }
                      return sources.get(0).programmeId();
                    });
    return which
        .compose(
            gid ->
                pool.withTransaction(
                    tx ->
                        FundLedger.lockProgrammes(tx, List.of(gid))
                            .compose(
                                g ->
                                    lockProject(tx, user, id)
                                        .compose(
                                            p -> {
                                              if (!p.status().equals("approved")
                                                  && !p.status().equals("in_progress")) {
                                                throw DomainException.conflict(
                                                    "project_not_approved",
                                                    "project "
                                                        + id
                                                        + " is "
                                                        + p.status()
                                                        + "; money is paid to approved projects",
                                                    DomainException.params("status", p.status()));
                                              }
                                              return FundLedger.lockSource(tx, id, gid)
                                                  .compose(
                                                      s -> {
                                                        if (s == null) {
                                                          throw DomainException.invalid(
                                                              "programmeId",
                                                              "not_a_source",
                                                              "the project draws nothing from this programme");
                                                        }
                                                        if (amount > s.left()) {
                                                          throw DomainException.conflict(
                                                              "disbursement_exceeds_allocation",
                                                              "project "
                                                                  + id
                                                                  + " has "
                                                                  + s.left()
                                                                  + " yuan of programme "
                                                                  + gid
                                                                  + " left to pay",
                                                              DomainException.params(
                                                                  "left", s.left()),
                                                              new FieldError(
                                                                  "amount",
                                                                  "more_than_left",
                                                                  "more than is left of the allocation",
                                                                  Map.of("left", s.left())));
                                                        }
                                                        return FundLedger.disburse(
                                                                tx,
                                                                id,
                                                                gid,
                                                                amount,
                                                                note,
                                                                clock.instant(),
                                                                user.id())
                                                            .compose(
                                                                d ->
                                                                    AuditLog.append(
                                                                        tx,
                                                                        user,
                                                                        "fund_project",
                                                                        id,
                                                                        "disbursed",
                                                                        new JsonObject()
                                                                            .put(
                                                                                "disbursed",
                                                                                p.disbursed()),
                                                                        new JsonObject()
                                                                            .put(
                                                                                "disbursed",
                                                                                p.disbursed()
                                                                                    + amount)
                                                                            .put("programme", gid)
                                                                            .put("amount", amount)
                                                                            .put(
                                                                                "disbursement",
                                                                                d)));
                                                      });
                                            }))))
        .compose(v -> project(id));
  }

  /** The village's secretary (or a reviewer of the region) reports progress, with photos. */
  public Future<Project.Detail> report(
      CurrentUser user, long id, int percent, String note, List<FileContent> photos) {
    return pool.withTransaction(
            tx ->
                lockProject(tx, user, id)
                    .compose(
                        p -> {
                          if (!p.status().equals("approved") && !p.status().equals("in_progress")) {
                            throw DomainException.conflict(
                                "project_not_running",
                                "project " + id + " is " + p.status(),
                                DomainException.params("status", p.status()));
                          }
                          return repo.insertReport(
                                  tx, id, percent, note, clock.instant(), user.id(), photos)
                              .compose(
                                  r ->
                                      AuditLog.append(
                                          tx,
                                          user,
                                          "fund_project",
                                          id,
                                          "progress_reported",
                                          null,
                                          new JsonObject()
                                              .put("report", r)
                                              .put("percent", percent)
                                              .put("photos", photos.size())));
                        }))
        .compose(v -> project(id));
  }

  /** A reviewer of the region accepts (验收) a project in progress; its notice is published. */
  public Future<Project.Detail> accept(CurrentUser user, long id, String note) {
    return pool.withTransaction(
            tx ->
                lockProject(tx, user, id)
                    .compose(
                        p -> {
                          requireStatus(p, "in_progress", "project_not_in_progress");
                          return repo.accept(tx, id, clock.instant(), note)
                              .compose(
                                  v ->
                                      notice(
                                          tx,
                                          id,
                                          NoticeKinds.PROJECT_ACCEPTED,
                                          "验收公示",
                                          p.disbursed()))
                              .compose(
                                  v ->
                                      AuditLog.append(
                                          tx,
                                          user,
                                          "fund_project",
                                          id,
                                          "accepted",
                                          new JsonObject().put("status", p.status()),
                                          new JsonObject()
                                              .put("status", "accepted")
                                              .put("note", note)));
                        }))
        .compose(v -> project(id));
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
    return FundLedger.lockProject(tx, id)
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
        .compose(
            o ->
                repo.programmeNames(tx, id)
                    .compose(
                        sources -> {
                          Project p = o.orElseThrow();
                          return repo.region(tx, p.regionId())
                              .compose(
                                  r -> {
                                    String place = r.orElseThrow().place();
                                    String beneficiaries =
                                        p.householdId() != null
                                            ? p.regionName() + "建档立卡贫困户 1 户"
                                            : r.get().level().equals("village")
                                                ? p.regionName() + "村集体及村民"
                                                : p.regionName();
                                    return notices.publish(
                                        tx,
                                        new NoticeDraft(
                                            kind,
                                            "project",
                                            Long.toString(id),
                                            p.regionId(),
                                            p.name() + suffix,
                                            amount != null ? amount : p.budget(),
                                            sources,
                                            p.description().isBlank() ? p.name() : p.description(),
                                            place,
                                            p.implementer(),
                                            beneficiaries));
                                  });
                        }));
  }

  static boolean isReviewer(CurrentUser user) {
    return user.role() == Role.REVIEWER || user.role() == Role.ADMIN;
  }
}
