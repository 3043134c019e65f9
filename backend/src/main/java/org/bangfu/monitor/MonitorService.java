package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.config.MonitorConfig;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.registry.Reviewers;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * A monitoring case's way, each step one transaction: the case's row lock first, its state checked,
 * who may take the step checked, the step, its line in the case's timeline, the audit row last.
 * Triage (the county) → home check (the village) → village review and notice (at least 5 days, the
 * one notice path) → township review → the county's decision, with the help drafted ({@link
 * CaseHelp}); the green channel helps first; a confirmed risk is closed by rules after its notice.
 */
public final class MonitorService {
  private final Pool pool;
  private final Clock clock;
  private final MonitorConfig config;
  private final CaseRepository cases;
  private final LeadRepository leads;
  private final ThresholdRepository thresholds;
  private final FigureRepository figures;
  private final ProposalRepository proposals;
  private final LazyCipher cipher;
  private final CaseDeadlines deadlines;
  private final CaseHelp help;
  private final CaseNotices notices;

  /** What the monitor works with, made once by the composition root. */
  public record Parts(
      CaseRepository cases,
      LeadRepository leads,
      ThresholdRepository thresholds,
      FigureRepository figures,
      ProposalRepository proposals,
      LazyCipher cipher,
      CaseDeadlines deadlines,
      CaseHelp help,
      CaseNotices notices) {}

  private final AuditLog audit;

  public MonitorService(Pool pool, Clock clock, MonitorConfig config, Parts parts, AuditLog audit) {
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
    this.cases = parts.cases();
    this.leads = parts.leads();
    this.thresholds = parts.thresholds();
    this.figures = parts.figures();
    this.proposals = parts.proposals();
    this.cipher = parts.cipher();
    this.deadlines = parts.deadlines();
    this.help = parts.help();
    this.notices = parts.notices();
  }

  /** A case with its leads, timeline and the donors its help is proposed to. */
  public record Detail(
      MonitorCase monitorCase,
      List<Lead> leads,
      List<CaseEvent> events,
      List<Proposal> proposals) {}

  /** A step of a case, run in its transaction on the locked case at an instant. */
  private interface Step {
    Future<Void> run(SqlConnection tx, CaseRepository.Locked c, Instant now);
  }

  public Instant now() {
    return clock.instant();
  }

  // ---- reading

  /**
   * The cases a user may see: a reviewer's region, a secretary's village, everything for admins.
   */
  public Future<Page<MonitorCase>> list(CurrentUser user, CaseRepository.Filter f, Paging paging) {
    CaseRepository.Filter scoped =
        new CaseRepository.Filter(
            user.is(Role.REVIEWER) ? user.regionId() : f.region(),
            user.is(Role.VILLAGE_SECRETARY) ? user.villageId() : f.village(),
            f.states(),
            f.green(),
            f.late());
    return cipher.get().compose(c -> cases.list(pool, c, scoped, paging));
  }

  public Future<Detail> get(CurrentUser user, long id) {
    return cipher
        .get()
        .compose(c -> cases.find(pool, c, id))
        .map(o -> o.filter(x -> canSee(user, x)).orElseThrow(() -> notFound(id)))
        .compose(
            c ->
                leads
                    .ofCase(pool, id)
                    .compose(
                        ls ->
                            cases
                                .events(pool, id)
                                .compose(
                                    es ->
                                        proposals
                                            .ofCase(pool, id)
                                            .map(ps -> new Detail(c, ls, es, ps)))));
  }

  public Future<FileContent> photo(CurrentUser user, long id) {
    return cases
        .photo(pool, id)
        .map(
            o ->
                o.filter(p -> canSee(user, p.countyId(), p.villageId()))
                    .map(CaseRepository.Photo::file)
                    .orElseThrow(() -> DomainException.notFound("photo of case " + id)));
  }

  static boolean canSee(CurrentUser user, MonitorCase c) {
    return canSee(user, c.countyId(), c.villageId());
  }

  static boolean canSee(CurrentUser user, String county, String village) {
    if (user.is(Role.ADMIN)) {
      return true;
    }
    if (user.is(Role.REVIEWER)) {
      return Access.regionContains(user.regionId(), county)
          || (village != null && Access.regionContains(user.regionId(), village));
    }
    return user.is(Role.VILLAGE_SECRETARY) && village != null && village.equals(user.villageId());
  }

  private static DomainException notFound(long id) {
    return DomainException.notFound("monitoring case " + id);
  }

  // ---- triage (the county)

  /**
   * The county's triage: accept for a home check (naming the village when not known) or dismiss.
   */
  public record Triage(boolean accept, String villageId, String kind, String reason, String note) {}

  public Future<Detail> triage(CurrentUser user, long id, Triage t) {
    return step(
        user,
        id,
        EnumSet.of(CaseState.TRIAGE),
        (tx, c, now) -> {
          requireCounty(user, c);
          return t.accept() ? accept(tx, user, c, t, now) : dismiss(tx, user, c, t, now);
        });
  }

  private Future<Void> accept(
      SqlConnection tx, CurrentUser user, CaseRepository.Locked c, Triage t, Instant now) {
    String village = t.villageId() != null ? t.villageId() : c.villageId();
    if (village == null) {
      throw DomainException.invalid(
          "villageId", "required", "the village to check the household in is not known yet");
    }
    if (!Access.regionContains(c.countyId(), village)) {
      throw DomainException.invalid(
          "villageId", "not_in_county", "must be a village of the case's county");
    }
    return village(tx, village)
        .compose(v -> cases.accept(tx, c.id(), village, t.kind(), user.id(), now))
        .compose(v -> deadlines.triaged(tx, c, village, c.checkDue().toInstant(), now))
        .compose(v -> cases.event(tx, c.id(), "accepted", user.id(), t.note(), now))
        .compose(v -> audit(tx, user, c, "triage", new JsonObject().put("state", "checking")));
  }

  private Future<Void> dismiss(
      SqlConnection tx, CurrentUser user, CaseRepository.Locked c, Triage t, Instant now) {
    if (t.reason() == null) {
      throw DomainException.invalid("reason", "required", "is required to dismiss a lead");
    }
    return cases
        .dismiss(tx, c.id(), t.reason(), t.note(), user.id(), now)
        .compose(v -> deadlines.decided(tx, c.id()))
        .compose(v -> cases.event(tx, c.id(), "dismissed", user.id(), t.reason(), now))
        .compose(
            v ->
                audit(
                    tx,
                    user,
                    c,
                    "triage",
                    new JsonObject().put("state", "dismissed").put("reason", t.reason())));
  }

  private Future<Void> village(SqlConnection tx, String village) {
    return leads
        .regionLevel(tx, village)
        .map(
            level -> {
              if (!level.filter("village"::equals).isPresent()) {
                throw DomainException.invalid(
                    "villageId", "unknown_village", "is not a known village");
              }
              return null;
            });
  }

  // ---- the home check (the village)

  /** What the home check found. */
  public record HomeCheck(
      boolean atRisk,
      LocalDate visitedOn,
      long incomePerHead,
      String finding,
      String kind,
      List<String> risks,
      FileContent photo) {}

  public Future<Detail> check(CurrentUser user, long id, HomeCheck h) {
    if (h.visitedOn().isAfter(LocalDate.ofInstant(clock.instant(), WorkingDays.CHINA))) {
      throw DomainException.invalid("visitedOn", "future_date", "must not be in the future");
    }
    if (h.atRisk() && h.kind() == null) {
      throw DomainException.invalid(
          "kind", "required", "is required when the household is at risk");
    }
    return step(
        user,
        id,
        EnumSet.of(CaseState.CHECKING),
        (tx, c, now) -> {
          requireVillage(user, c);
          return thresholds
              .forVillage(tx, c.villageId(), h.visitedOn().getYear())
              .compose(line -> recordCheck(tx, user, c, h, line, now));
        });
  }

  private Future<Void> recordCheck(
      SqlConnection tx,
      CurrentUser user,
      CaseRepository.Locked c,
      HomeCheck h,
      Optional<Threshold> line,
      Instant now) {
    Long incomeLine = line.map(Threshold::incomeLine).orElse(null);
    var check =
        new CaseRepository.Check(
            h.atRisk(),
            user.id(),
            now,
            h.visitedOn(),
            h.incomePerHead(),
            incomeLine,
            h.finding(),
            h.photo(),
            h.kind(),
            h.risks());
    return cases
        .check(tx, c.id(), check)
        .compose(v -> deadlines.checked(tx, c.id()))
        .compose(v -> h.atRisk() ? Future.succeededFuture() : deadlines.decided(tx, c.id()))
        .compose(
            v ->
                cases.event(tx, c.id(), h.atRisk() ? "checked" : "not_at_risk", user.id(), "", now))
        .compose(
            v ->
                audit(
                    tx,
                    user,
                    c,
                    "check",
                    new JsonObject()
                        .put("state", h.atRisk() ? "checked" : "not_at_risk")
                        .put("incomePerHead", h.incomePerHead())
                        .put("incomeLine", incomeLine)
                        .put("kind", h.kind())));
  }

  // ---- the village's review and its notice

  public Future<Detail> publishNotice(CurrentUser user, long id) {
    return step(
        user,
        id,
        EnumSet.of(CaseState.CHECKED),
        (tx, c, now) -> {
          requireSecretary(user, c);
          return notices
              .identification(tx, c, LocalDate.ofInstant(now, WorkingDays.CHINA).getYear())
              .compose(
                  notice ->
                      cases
                          .inNotice(tx, c.id(), notice.id())
                          .compose(
                              v ->
                                  cases.event(
                                      tx,
                                      c.id(),
                                      "notice",
                                      user.id(),
                                      notice.windowEndsAt().toString(),
                                      now))
                          .compose(
                              v ->
                                  audit(
                                      tx,
                                      user,
                                      c,
                                      "notice",
                                      new JsonObject()
                                          .put("state", "notice")
                                          .put("noticeId", notice.id())
                                          .put("windowEndsAt", notice.windowEndsAt().toString()))));
        });
  }

  /** The identification notice closed with no open objection: the township reviews next. */
  Future<Boolean> identificationClosed(SqlConnection tx, long caseId, Instant now) {
    return cases
        .lock(tx, caseId)
        .compose(
            o ->
                o.filter(c -> c.state() == CaseState.NOTICE).isEmpty()
                    ? Future.succeededFuture(false)
                    : cases
                        .noticeClosed(tx, caseId)
                        .compose(v -> toTownship(tx, o.get(), now))
                        .compose(v -> cases.event(tx, caseId, "notice_closed", null, "", now))
                        .map(true));
  }

  /** The township's review, due within the case's days from the first lead. */
  private Future<Void> toTownship(SqlConnection tx, CaseRepository.Locked c, Instant now) {
    return deadlines.toTownship(tx, c.id(), c.villageId(), c.decisionDue().toInstant(), now);
  }

  /** The closing notice closed with no open objection: the risk is eliminated (风险消除). */
  Future<Boolean> closureClosed(SqlConnection tx, long caseId, Instant now) {
    return cases
        .lock(tx, caseId)
        .compose(
            o ->
                o.filter(c -> c.state() == CaseState.CLOSING).isEmpty()
                    ? Future.succeededFuture(false)
                    : help.cleared(tx, o.get(), now)
                        .compose(v -> cases.closed(tx, caseId, now))
                        .compose(v -> cases.event(tx, caseId, "closed", null, "", now))
                        .map(true));
  }

  /** The audit row of a notice's closing that moved a case to {@code state}. */
  Future<Void> auditNoticeClosed(SqlConnection tx, long caseId, String state) {
    return audit.append(
        tx,
        null,
        "monitor_case",
        caseId,
        "notice_closed",
        null,
        new JsonObject().put("state", state));
  }

  // ---- the township and the county

  public Future<Detail> township(CurrentUser user, long id, boolean pass, String reason) {
    if (!pass && reason == null) {
      throw DomainException.invalid("reason", "required", "is required to reject");
    }
    return step(
        user,
        id,
        EnumSet.of(CaseState.TOWNSHIP),
        (tx, c, now) -> {
          Reviewers.requireTownshipOf(user, c.villageId());
          return cases
              .township(tx, c.id(), pass, user.id(), now, reason)
              .compose(v -> deadlines.townshipReviewed(tx, c.id()))
              .compose(v -> pass ? Future.succeededFuture() : deadlines.decided(tx, c.id()))
              .compose(
                  v ->
                      cases.event(
                          tx,
                          c.id(),
                          pass ? "township_passed" : "rejected",
                          user.id(),
                          reason,
                          now))
              .compose(
                  v ->
                      audit(
                          tx,
                          user,
                          c,
                          "township",
                          new JsonObject().put("state", pass ? "county" : "rejected")));
        });
  }

  /** The county's decision: to monitor (with the kind, and the help drafted) or not. */
  public record Decision(boolean confirm, String kind, String note, CaseHelp.Asked help) {}

  public Future<Detail> decide(CurrentUser user, long id, Decision d) {
    if (d.confirm() && d.kind() == null) {
      throw DomainException.invalid("kind", "required", "is required to confirm");
    }
    if (!d.confirm() && d.note() == null) {
      throw DomainException.invalid("note", "required", "is required to decide not to monitor");
    }
    return step(
        user,
        id,
        EnumSet.of(CaseState.COUNTY),
        (tx, c, now) -> {
          requireCounty(user, c);
          return d.confirm()
              ? confirm(tx, user, c, d, now)
              : rejectLocked(tx, user, c, d.note(), now);
        });
  }

  private Future<Void> confirm(
      SqlConnection tx, CurrentUser user, CaseRepository.Locked c, Decision d, Instant now) {
    return help.confirmed(tx, user, c, now)
        .compose(h -> confirmWith(tx, user, c, d, h, now))
        .compose(v -> deadlines.decided(tx, c.id()))
        .compose(v -> cases.event(tx, c.id(), "confirmed", user.id(), d.note(), now))
        .compose(
            v ->
                audit(
                    tx,
                    user,
                    c,
                    "decide",
                    new JsonObject().put("state", "confirmed").put("kind", d.kind())));
  }

  /** Step of {@link #confirm}: the help drafted for the household, the case confirmed. */
  private Future<Void> confirmWith(
      SqlConnection tx,
      CurrentUser user,
      CaseRepository.Locked c,
      Decision d,
      CaseHelp.Household h,
      Instant now) {
    return help.drafted(tx, user, c, h.id(), d.kind(), d.help(), false, now)
        .compose(
            need ->
                cases.confirm(
                    tx,
                    c.id(),
                    new CaseRepository.Confirmation(
                        d.kind(), user.id(), now, d.note(), h.fromStatus(), h.id(), need)))
        .mapEmpty();
  }

  /** The county ends a case before its decision (a founded objection, no risk after all). */
  public Future<Detail> reject(CurrentUser user, long id, String reason) {
    return step(
        user,
        id,
        CaseState.BEFORE_DECISION,
        (tx, c, now) -> {
          requireCounty(user, c);
          Future<Boolean> withdrawn =
              c.state() == CaseState.NOTICE && c.noticeId() != null
                  ? notices.withdraw(tx, c.noticeId(), reason)
                  : Future.succeededFuture(false);
          return withdrawn.compose(v -> rejectLocked(tx, user, c, reason, now));
        });
  }

  private Future<Void> rejectLocked(
      SqlConnection tx, CurrentUser user, CaseRepository.Locked c, String reason, Instant now) {
    return cases
        .reject(tx, c.id(), user.id(), now, reason)
        .compose(v -> deadlines.decided(tx, c.id()))
        .compose(v -> cases.event(tx, c.id(), "rejected", user.id(), reason, now))
        .compose(
            v ->
                audit(
                    tx,
                    user,
                    c,
                    "reject",
                    new JsonObject().put("state", "rejected").put("reason", reason)));
  }

  // ---- the green channel and the help

  /**
   * 绿色通道: help first, the procedure after. The help is drafted and submitted at once and the donors
   * told; the check, notice and decision follow as a debt due in {@code paperworkDays}.
   */
  public Future<Detail> green(CurrentUser user, long id, String reason, CaseHelp.Asked asked) {
    return step(
        user,
        id,
        CaseState.BEFORE_DECISION,
        (tx, c, now) -> {
          requireCounty(user, c);
          if (c.green()) {
            throw DomainException.conflict(
                "case_green_already", "the case is on the green channel already", Map.of());
          }
          if (c.villageId() == null) {
            throw DomainException.invalid(
                "villageId", "required", "the case's village must be known to help");
          }
          Instant due = now.plus(Duration.ofDays(config.paperworkDays()));
          return help.drafted(tx, user, c, c.householdId(), "sudden", asked, true, now)
              .compose(need -> cases.green(tx, c.id(), reason, due, need, now))
              .compose(v -> deadlines.green(tx, c.id(), c.countyId(), c.villageId(), due))
              .compose(v -> cases.event(tx, c.id(), "green", user.id(), reason, now))
              .compose(
                  v ->
                      audit(
                          tx,
                          user,
                          c,
                          "green",
                          new JsonObject().put("green", true).put("paperworkDue", due.toString())));
        });
  }

  /**
   * The village's secretary confirms the drafted help: the need goes to review, donors are told.
   */
  public Future<Detail> confirmHelp(CurrentUser user, long id) {
    return step(
        user,
        id,
        EnumSet.of(CaseState.CONFIRMED, CaseState.CLOSING),
        (tx, c, now) -> {
          requireSecretary(user, c);
          return help.helpConfirmed(tx, user, c, now)
              .compose(v -> cases.helpConfirmed(tx, c.id(), now))
              .compose(v -> cases.event(tx, c.id(), "help_confirmed", user.id(), "", now))
              .compose(v -> audit(tx, user, c, "help", new JsonObject().put("needId", c.needId())));
        });
  }

  // ---- closing by rules (风险消除)

  public Future<Detail> closure(CurrentUser user, long id, long incomePerHead, String note) {
    return step(
        user,
        id,
        EnumSet.of(CaseState.CONFIRMED),
        (tx, c, now) -> {
          requireSecretary(user, c);
          int year = LocalDate.ofInstant(now, WorkingDays.CHINA).getYear();
          return help.closable(tx, c, incomePerHead, year)
              .compose(v -> notices.closure(tx, c, year))
              .compose(
                  notice ->
                      cases
                          .closing(tx, c.id(), notice.id(), incomePerHead, note)
                          .compose(v -> cases.event(tx, c.id(), "closing", user.id(), note, now))
                          .compose(
                              v ->
                                  audit(
                                      tx,
                                      user,
                                      c,
                                      "closure",
                                      new JsonObject()
                                          .put("state", "closing")
                                          .put("noticeId", notice.id())
                                          .put("incomePerHead", incomePerHead))));
        });
  }

  // ---- the steps' frame

  private Future<Detail> step(CurrentUser user, long id, Set<CaseState> expected, Step step) {
    Instant now = clock.instant();
    return pool.withTransaction(
            tx ->
                cases
                    .lock(tx, id)
                    .map(o -> o.filter(c -> canSee(user, c.countyId(), c.villageId())))
                    .map(o -> o.orElseThrow(() -> notFound(id)))
                    .map(c -> at(c, expected))
                    .compose(c -> step.run(tx, c, now)))
        .compose(v -> get(user, id));
  }

  private static CaseRepository.Locked at(CaseRepository.Locked c, Set<CaseState> expected) {
    if (!expected.contains(c.state())) {
      throw DomainException.conflict(
          "case_not_at_step",
          "the case is " + c.state().wire(),
          DomainException.params(
              "state",
              c.state().wire(),
              "expected",
              String.join(", ", expected.stream().map(CaseState::wire).toList())));
    }
    return c;
  }

  /** The county's reviewer over the case (or an admin). */
  private static void requireCounty(CurrentUser user, CaseRepository.Locked c) {
    if (!(user.is(Role.ADMIN)
        || (Reviewers.county(user) && Access.regionContains(user.regionId(), c.countyId())))) {
      throw DomainException.forbidden("this step needs the reviewer of county " + c.countyId());
    }
  }

  /** The village's secretary, a reviewer over the village, or an admin. */
  private static void requireVillage(CurrentUser user, CaseRepository.Locked c) {
    if (c.villageId() == null || !Access.canActForVillage(user, c.villageId())) {
      throw DomainException.forbidden("this step needs someone of the case's village");
    }
  }

  /** The village's own secretary (or an admin): the village's review and its help. */
  private static void requireSecretary(CurrentUser user, CaseRepository.Locked c) {
    if (c.villageId() == null) {
      throw DomainException.forbidden("the case has no village yet");
    }
    Reviewers.requireSecretaryOf(user, c.villageId(), "caseId");
  }

  private Future<Void> audit(
      SqlConnection tx,
      CurrentUser user,
      CaseRepository.Locked c,
      String action,
      JsonObject after) {
    return audit.append(
        tx,
        user,
        "monitor_case",
        c.id(),
        action,
        new JsonObject().put("state", c.state().wire()),
        after);
  }

  // ---- thresholds, figures, sweeps, donors

  public Future<List<Threshold>> thresholds() {
    return thresholds.all(pool);
  }

  /** Sets a region's income line of a year (admins: it is the province's yearly rule). */
  public Future<List<Threshold>> setThreshold(
      CurrentUser user, String region, int year, long line, LocalDate from, String source) {
    Instant now = clock.instant();
    return pool.withTransaction(
            tx ->
                thresholds
                    .regionLevel(tx, region)
                    .map(
                        level -> {
                          if (level.isEmpty() || level.get().equals("village")) {
                            throw DomainException.invalid(
                                "regionId",
                                "unknown_region",
                                "is not a province, city, county or township");
                          }
                          return level.get();
                        })
                    .compose(
                        l -> thresholds.set(tx, region, year, line, from, source, user.id(), now))
                    .compose(
                        created ->
                            audit.append(
                                tx,
                                user,
                                "monitor_threshold",
                                region + "/" + year,
                                created ? "create" : "update",
                                null,
                                new JsonObject()
                                    .put("incomeLine", line)
                                    .put("effectiveFrom", from.toString())
                                    .put("source", source))))
        .compose(v -> thresholds());
  }

  public Future<FigureRepository.Figures> figures(CurrentUser user, String region, int days) {
    String scope = user.is(Role.REVIEWER) ? user.regionId() : region;
    return figures.figures(pool, scope, clock.instant().minus(Duration.ofDays(days)));
  }

  /** Marks the first help of confirmed cases whose need got an allocation; answers how many. */
  public Future<Integer> sweepFirstHelp(Instant now) {
    return pool.withTransaction(tx -> cases.firstHelp(tx, now)).map(List::size);
  }

  public Future<Page<Proposal>> donorProposals(CurrentUser user, Paging paging) {
    return proposals.ofDonor(pool, user.donorId(), paging);
  }
}
