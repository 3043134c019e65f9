package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;
import org.bangfu.households.Household;
import org.bangfu.households.HouseholdRepository;
import org.bangfu.households.HouseholdService;
import org.bangfu.households.HouseholdStatus;
import org.bangfu.notices.NoticeService;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The register's status applications: made by the village, reviewed by the township, approved by
 * the county, published as a public notice (the one notice path, {@link NoticeService}, kind {@code
 * household_status}, its window from the configuration), then effective when the notice closes
 * without an open objection ({@link StatusNoticeClosing}); a founded objection withdraws the notice
 * and rejects the application. Each step is one transaction: the household's row lock first, then
 * the application's; the rules of {@link StatusRules}; the step in the household's history; the
 * audit row last.
 */
public final class RegistryService {
  private final Pool pool;
  private final Clock clock;
  private final NoticeService notices;
  private final HouseholdRepository households;
  private final HouseholdService householdService;
  private final StatusApplicationRepository applications;
  private final Deadlines engine;

  private final AuditLog audit;

  public RegistryService(
      Pool pool,
      Clock clock,
      NoticeService notices,
      HouseholdService householdService,
      HouseholdRepository households,
      StatusApplicationRepository applications,
      Deadlines engine,
      AuditLog audit) {
    this.audit = audit;
    this.householdService = householdService;
    this.engine = engine;
    this.households = households;
    this.applications = applications;
    this.pool = pool;
    this.clock = clock;
    this.notices = notices;
  }

  /** What a village asks for; the household's current status is read under its lock. */
  public record Request(
      long householdId,
      HouseholdStatus to,
      int year,
      String removedReason,
      boolean dibao,
      boolean tekun,
      long incomePerHead,
      List<String> unmet,
      String note,
      Long reviewVisitId) {

    Request forHousehold(long id) {
      return new Request(
          id, to, year, removedReason, dibao, tekun, incomePerHead, unmet, note, reviewVisitId);
    }
  }

  public int thisYear() {
    return clock.instant().atZone(zoneOf()).getYear();
  }

  private ZoneId zoneOf() {
    return clock.getZone();
  }

  /** A household registered with the application of its status. */
  public record Registered(Household household, StatusApplication application) {}

  /**
   * Registers a household as an applicant (申请纳入) and applies for its status in one transaction;
   * {@code grounds} carries everything but the household's id.
   */
  public Future<Registered> register(
      CurrentUser user, HouseholdRepository.NewHousehold h, Request grounds) {
    Instant now = clock.instant();
    return pool.withTransaction(
        tx ->
            householdService
                .registerApplicant(tx, user, h, now)
                .compose(id -> submit(tx, user, grounds.forHousehold(id), now))
                .compose(appId -> applications.find(tx, appId))
                .compose(
                    app ->
                        householdService
                            .find(tx, app.orElseThrow().householdId())
                            .map(found -> new Registered(found, app.orElseThrow()))));
  }

  public Future<StatusApplication> submit(CurrentUser user, Request r) {
    Instant now = clock.instant();
    return pool.withTransaction(
            tx -> submit(tx, user, r, now).compose(id -> applications.find(tx, id)))
        .map(o -> o.orElseThrow());
  }

  /** Makes an application inside the caller's transaction (a failing 回头看 visit uses this). */
  public Future<Long> submit(SqlConnection tx, CurrentUser user, Request r, Instant now) {
    return households
        .lock(tx, r.householdId())
        .map(found -> ownHousehold(user, found))
        .compose(h -> applications.support(tx, h.id()).map(support -> application(h, support, r)))
        .compose(a -> insert(tx, user, a, r.note(), now));
  }

  /** The household asked about, which must exist and be of the secretary's village. */
  private static HouseholdRepository.Locked ownHousehold(
      CurrentUser user, Optional<HouseholdRepository.Locked> found) {
    var h =
        found.orElseThrow(
            () ->
                DomainException.invalid(
                    "householdId", "unknown_household", "is not a registered household"));
    Reviewers.requireSecretaryOf(user, h.villageId(), "householdId");
    return h;
  }

  /** The application for the request, once the rules allow it from the household as it is. */
  private StatusApplicationRepository.NewApplication application(
      HouseholdRepository.Locked h, StatusApplicationRepository.Support support, Request r) {
    StatusRules.check(
        current(h, support),
        new StatusRules.Change(
            r.to(),
            r.year(),
            r.removedReason(),
            r.dibao(),
            r.tekun(),
            r.incomePerHead(),
            r.unmet()),
        thisYear());
    return new StatusApplicationRepository.NewApplication(
        h.id(),
        h.villageId(),
        h.status().wire(),
        r.to().wire(),
        r.year(),
        r.removedReason(),
        r.dibao(),
        r.tekun(),
        r.incomePerHead(),
        r.unmet(),
        r.note() == null ? "" : r.note(),
        r.reviewVisitId(),
        h.status() == HouseholdStatus.APPLICANT);
  }

  private static StatusRules.Current current(
      HouseholdRepository.Locked h, StatusApplicationRepository.Support support) {
    return new StatusRules.Current(
        h.status(), h.gaps(), h.identifiedYear(), h.exitedYear(), support.dibao(), support.tekun());
  }

  /** Step of {@link #submit}: the application, its first step in the history, the audit row. */
  private Future<Long> insert(
      SqlConnection tx,
      CurrentUser user,
      StatusApplicationRepository.NewApplication a,
      String note,
      Instant now) {
    return applications
        .insert(tx, a, user.id(), now)
        .recover(RegistryService::alreadyOpen)
        .compose(
            id ->
                households
                    .appendHistory(
                        tx,
                        a.householdId(),
                        id,
                        "submitted",
                        a.fromStatus(),
                        a.toStatus(),
                        a.year(),
                        user.id(),
                        note,
                        now)
                    .compose(
                        v ->
                            audit.append(
                                tx, user, "status_application", id, "submit", null, grounds(a)))
                    .compose(v -> applications.find(tx, id))
                    .compose(found -> openStep(tx, DeadlineKind.APPLICATION_REVIEW, found.get()))
                    .map(id));
  }

  /** What the deadlines of status applications are about. */
  static final String SUBJECT = StatusApplicationRepository.APPLICATION_SUBJECT;

  /**
   * The deadline of the application's next step: the township's review (the county's, where the
   * village has no township), then the county's decision.
   */
  private Future<Void> openStep(SqlConnection tx, DeadlineKind kind, StatusApplication a) {
    String village = a.villageId();
    int second = village.indexOf('-', village.indexOf('-') + 1);
    Owner desk =
        kind == DeadlineKind.APPLICATION_REVIEW && second > 0
            ? Owner.reviewer(village.substring(0, second))
            : Owner.countyOf(village);
    String title = a.villageName() + " · " + a.fromStatus() + " → " + a.toStatus();
    return engine
        .open(tx, kind, Opening.of(Subject.of(SUBJECT, a.id()), desk, village, title))
        .mapEmpty();
  }

  private Future<Void> meet(SqlConnection tx, DeadlineKind kind, StatusApplication a) {
    return engine.meet(tx, kind, Subject.of(SUBJECT, a.id()));
  }

  private static JsonObject grounds(StatusApplicationRepository.NewApplication a) {
    return new JsonObject()
        .put("householdId", a.householdId())
        .put("from", a.fromStatus())
        .put("to", a.toStatus())
        .put("year", a.year())
        .put("incomePerHead", a.incomePerHead())
        .put("unmet", new JsonArray(new ArrayList<>(a.unmet())))
        .put("dibao", a.dibao())
        .put("tekun", a.tekun())
        .put("removedReason", a.removedReason());
  }

  private static <T> Future<T> alreadyOpen(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(
          DomainException.conflict(
              "application_already_open",
              "this household already has an application under way",
              Map.of(),
              new DomainException.FieldError(
                  "householdId", "application_already_open", "has an application under way")));
    }
    return Future.failedFuture(e);
  }

  public Future<StatusApplication> get(CurrentUser user, long id) {
    return applications
        .find(pool, id)
        .map(
            o ->
                o.filter(a -> org.bangfu.auth.Access.canSeeVillage(user, a.villageId()))
                    .orElseThrow(() -> DomainException.notFound("status application " + id)));
  }

  public Future<Page<StatusApplication>> list(
      String region, String village, Long householdId, List<String> states, Paging paging) {
    return applications.list(pool, region, village, householdId, states, paging);
  }

  /**
   * The township's review: passes the application on to the county, or rejects it with a reason.
   */
  public Future<StatusApplication> review(CurrentUser user, long id, boolean pass, String reason) {
    return step(
        user,
        id,
        StatusApplication.State.SUBMITTED,
        (tx, a, h, now) -> {
          Reviewers.requireTownshipOf(user, a.villageId());
          Future<Void> met = meet(tx, DeadlineKind.APPLICATION_REVIEW, a);
          if (!pass) {
            return met.compose(v -> reject(tx, user, a, reason, now));
          }
          return met.compose(v -> applications.reviewed(tx, a.id(), user.id(), now))
              .compose(v -> openStep(tx, DeadlineKind.APPLICATION_APPROVE, a))
              .compose(v -> history(tx, a, "reviewed", user, reason, now))
              .compose(
                  v -> audit(tx, user, a, "review", new JsonObject().put("state", "reviewed")));
        });
  }

  /**
   * The county's approval: the rules are checked again against the household as it is now, the
   * village notice is published, and the change waits for it; or a rejection with a reason.
   */
  public Future<StatusApplication> approve(CurrentUser user, long id, boolean pass, String reason) {
    return step(
        user,
        id,
        StatusApplication.State.REVIEWED,
        (tx, a, h, now) -> {
          Reviewers.requireCountyOf(user, a.villageId());
          return meet(tx, DeadlineKind.APPLICATION_APPROVE, a)
              .compose(
                  v ->
                      pass
                          ? approved(tx, user, a, h, reason, now)
                          : reject(tx, user, a, reason, now));
        });
  }

  /**
   * Step of {@link #approve}: the rules again (the household unchanged since the application), the
   * notice published, the application in notice, the history and the audit row.
   */
  private Future<Void> approved(
      SqlConnection tx,
      CurrentUser user,
      StatusApplication a,
      HouseholdRepository.Locked h,
      String reason,
      Instant now) {
    if (!h.status().wire().equals(a.fromStatus())) {
      throw DomainException.conflict(
          "household_status_changed",
          "the household's status changed since the application",
          DomainException.params("from", a.fromStatus(), "now", h.status().wire()));
    }
    return applications
        .support(tx, h.id())
        .map(support -> checkAgain(h, support, a))
        .compose(v -> applications.noticePlace(tx, a.villageId()))
        .compose(place -> notices.publishNotice(tx, StatusNoticeText.draft(a, place)))
        .compose(
            published ->
                applications
                    .approved(
                        tx,
                        a.id(),
                        user.id(),
                        now,
                        published.id(),
                        published.publishedAt(),
                        published.windowEndsAt())
                    .compose(v -> history(tx, a, "approved", user, reason, now))
                    .compose(
                        v ->
                            audit(
                                tx,
                                user,
                                a,
                                "approve",
                                new JsonObject()
                                    .put("state", "in_notice")
                                    .put("noticeId", published.id())
                                    .put("noticeEnds", published.windowEndsAt().toString()))));
  }

  /** The rules of {@link StatusRules} for the application against the household as it is now. */
  private Void checkAgain(
      HouseholdRepository.Locked h,
      StatusApplicationRepository.Support support,
      StatusApplication a) {
    StatusRules.check(
        current(h, support),
        new StatusRules.Change(
            HouseholdStatus.of(a.toStatus()),
            a.year(),
            a.removedReason(),
            a.dibao(),
            a.tekun(),
            a.incomePerHead(),
            a.unmet()),
        thisYear());
    return null;
  }

  private Future<Void> reject(
      SqlConnection tx, CurrentUser user, StatusApplication a, String reason, Instant now) {
    if (reason == null) {
      throw DomainException.invalid("reason", "required", "is required to reject");
    }
    return applications
        .rejected(tx, a.id(), reason, user.id(), now)
        .compose(v -> history(tx, a, "rejected", user, reason, now))
        .compose(v -> audit(tx, user, a, "reject", new JsonObject().put("state", "rejected")));
  }

  /** The application's step in the household's history ({@code user} null: the system). */
  private Future<Void> history(
      SqlConnection tx,
      StatusApplication a,
      String step,
      CurrentUser user,
      String note,
      Instant now) {
    return households.appendHistory(
        tx,
        a.householdId(),
        a.id(),
        step,
        a.fromStatus(),
        a.toStatus(),
        a.year(),
        user == null ? null : user.id(),
        note,
        now);
  }

  /** The audit row of a step on an application: its state before, what it is after. */
  private Future<Void> audit(
      SqlConnection tx, CurrentUser user, StatusApplication a, String action, JsonObject after) {
    return audit.append(
        tx,
        user,
        "status_application",
        a.id(),
        action,
        new JsonObject().put("state", a.state().wire()),
        after);
  }

  private interface Step {
    Future<Void> run(
        SqlConnection tx, StatusApplication a, HouseholdRepository.Locked h, Instant now);
  }

  /**
   * Locks the household, then the application; checks its state; runs the step; answers it as it is
   * now.
   */
  private Future<StatusApplication> step(
      CurrentUser user, long id, StatusApplication.State expected, Step step) {
    Instant now = clock.instant();
    return get(user, id)
        .compose(
            seen ->
                pool.withTransaction(
                    tx -> locked(tx, seen.householdId(), id, expected, step, now)));
  }

  /** Step of {@link #step}, in its transaction: the locks, the state checked, the step run. */
  private Future<StatusApplication> locked(
      SqlConnection tx,
      long householdId,
      long id,
      StatusApplication.State expected,
      Step step,
      Instant now) {
    return households
        .lock(tx, householdId)
        .compose(
            h ->
                applications
                    .lock(tx, id)
                    .map(found -> at(found.orElseThrow(), expected))
                    .compose(a -> step.run(tx, a, h.orElseThrow(), now)))
        .compose(v -> applications.find(tx, id))
        .map(o -> o.orElseThrow());
  }

  private static StatusApplication at(StatusApplication a, StatusApplication.State expected) {
    if (a.state() != expected) {
      throw DomainException.conflict(
          "application_not_at_step",
          "the application is " + a.state().wire() + ", not " + expected.wire(),
          DomainException.params("state", a.state().wire(), "expected", expected.wire()));
    }
    return a;
  }

  /**
   * The application of a status notice that closed with no open objection takes effect, in the
   * closing transaction (the household's lock, then the application's): answers whether it did
   * (false when it is no longer in its notice). The audit row comes later ({@link
   * #auditEffective}), after every lock of the closing.
   */
  Future<Boolean> noticeClosed(SqlConnection tx, long applicationId, Instant now) {
    return applications
        .find(tx, applicationId)
        .compose(
            seen ->
                seen.isEmpty()
                    ? Future.succeededFuture(false)
                    : households
                        .lock(tx, seen.get().householdId())
                        .compose(h -> applications.lock(tx, applicationId))
                        .map(Optional::orElseThrow)
                        .compose(
                            a ->
                                a.state() == StatusApplication.State.IN_NOTICE
                                    ? effective(tx, a, now).map(true)
                                    : Future.succeededFuture(false)));
  }

  /** The audit row of a status that took effect when its notice closed. */
  Future<Void> auditEffective(SqlConnection tx, long applicationId, long noticeId) {
    return applications
        .find(tx, applicationId)
        .compose(
            found ->
                found
                        .filter(a -> a.state() == StatusApplication.State.EFFECTIVE)
                        .filter(a -> a.noticeId() != null && a.noticeId() == noticeId)
                        .isEmpty()
                    ? Future.succeededFuture()
                    : audit.append(
                        tx,
                        null,
                        "household",
                        found.get().householdId(),
                        "status",
                        new JsonObject().put("status", found.get().fromStatus()),
                        new JsonObject()
                            .put("status", found.get().toStatus())
                            .put("applicationId", applicationId)
                            .put("noticeId", noticeId)
                            .put("year", found.get().year())));
  }

  /**
   * A county reviewer withdraws an application in its notice (an objection was founded): the notice
   * is withdrawn, the application rejected with the reason, the household unchanged.
   */
  public Future<StatusApplication> withdraw(CurrentUser user, long id, String reason) {
    return step(
        user,
        id,
        StatusApplication.State.IN_NOTICE,
        (tx, a, h, now) -> {
          Reviewers.requireCountyOf(user, a.villageId());
          Future<Boolean> notice =
              a.noticeId() == null
                  ? Future.succeededFuture(false)
                  : notices.withdraw(tx, a.noticeId(), reason);
          return notice
              .compose(v -> applications.rejected(tx, a.id(), reason, user.id(), now))
              .compose(v -> history(tx, a, "withdrawn", user, reason, now))
              .compose(
                  v ->
                      audit(
                          tx,
                          user,
                          a,
                          "withdraw",
                          new JsonObject().put("state", "rejected").put("reason", reason)));
        });
  }

  /** The household's new status, the application effective, its step in the history. */
  private Future<Void> effective(SqlConnection tx, StatusApplication a, Instant now) {
    return households
        .applyStatus(
            tx,
            a.householdId(),
            HouseholdStatus.of(a.toStatus()),
            a.year(),
            a.dibao(),
            a.tekun(),
            a.removedReason(),
            now)
        .compose(v -> applications.effective(tx, a.id(), now))
        .compose(v -> history(tx, a, "effective", null, "", now));
  }

  // ---- the monitoring years: a case's decision and its closing change the household

  /**
   * A monitoring case confirmed (its notice passed, the township reviewed, the county decided): the
   * household under its lock becomes monitored, by the rules of {@link StatusRules}; a household
   * counted as poor keeps its status (it has the strongest help already). The step goes into the
   * household's history with the case. Answers the status it had.
   */
  public Future<HouseholdStatus> monitorConfirmed(
      SqlConnection tx, CurrentUser user, long householdId, long caseId, Instant now) {
    return households
        .lock(tx, householdId)
        .map(o -> o.orElseThrow(() -> DomainException.notFound("household " + householdId)))
        .compose(h -> confirmMonitored(tx, user, h, caseId, now).map(h.status()));
  }

  private Future<Void> confirmMonitored(
      SqlConnection tx, CurrentUser user, HouseholdRepository.Locked h, long caseId, Instant now) {
    HouseholdStatus from = h.status();
    boolean keeps = from.poor() || from == HouseholdStatus.MONITORED;
    if (!keeps && !StatusRules.next(from).contains(HouseholdStatus.MONITORED)) {
      throw DomainException.conflict(
          "household_not_monitorable",
          "a household that is " + from.wire() + " cannot be monitored",
          DomainException.params("status", from.wire()));
    }
    HouseholdStatus to = keeps ? from : HouseholdStatus.MONITORED;
    Future<Void> status =
        keeps
            ? Future.succeededFuture()
            : applicationsFree(tx, h.id())
                .compose(
                    v ->
                        households.applyStatus(
                            tx, h.id(), to, thisYear(), false, false, null, now));
    return status.compose(
        v ->
            households.appendCaseStep(
                tx,
                h.id(),
                caseId,
                "monitor_confirmed",
                from.wire(),
                to.wire(),
                thisYear(),
                user.id(),
                "",
                now));
  }

  /** A household with an application under way is decided there first. */
  private Future<Void> applicationsFree(SqlConnection tx, long householdId) {
    return applications
        .openOf(tx, householdId)
        .map(
            open -> {
              if (open) {
                throw DomainException.conflict(
                    "application_already_open",
                    "the household has a status application under way",
                    Map.of());
              }
              return null;
            });
  }

  /**
   * A monitoring case closed by rules (风险消除, after its notice): the household goes back to {@code
   * back} (a 脱贫户 is again exited) or is cleared; a household counted as poor keeps its status. The
   * step goes into its history with the case.
   */
  public Future<Void> monitorCleared(
      SqlConnection tx, long householdId, long caseId, HouseholdStatus back, Instant now) {
    return households
        .lock(tx, householdId)
        .map(Optional::orElseThrow)
        .compose(
            h -> {
              HouseholdStatus to = h.status() == HouseholdStatus.MONITORED ? back : h.status();
              Future<Void> status =
                  to == h.status()
                      ? Future.succeededFuture()
                      : households.applyStatus(tx, h.id(), to, thisYear(), false, false, null, now);
              return status.compose(
                  v ->
                      households.appendCaseStep(
                          tx,
                          h.id(),
                          caseId,
                          "risk_cleared",
                          h.status().wire(),
                          to.wire(),
                          thisYear(),
                          null,
                          "",
                          now));
            });
  }

  /**
   * A person not in the register whose risk the county confirmed enters it as a monitored household
   * (the case was their application and its notice); answers the household's id.
   */
  public Future<Long> registerFromCase(
      SqlConnection tx,
      CurrentUser user,
      HouseholdRepository.NewHousehold h,
      long caseId,
      Instant now) {
    return householdService
        .registerApplicant(tx, user, h, now)
        .compose(id -> monitorConfirmed(tx, user, id, caseId, now).map(id));
  }

  public Future<List<StatusApplicationRepository.CountyCount>> countsByCounty(String region) {
    return applications.countsByCounty(pool, region);
  }

  public Future<List<StatusApplicationRepository.YearCount>> overTime(String region) {
    return applications.overTime(pool, region);
  }
}
