package org.bangfu.sampling;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;
import org.bangfu.reports.ReportService;
import org.bangfu.reports.SubjectKind;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Proof of delivery by sample (抽查核实). Each month, and for each settled match round, a random sample
 * of the verified allocations ({@link SampleSize}: 95 % confidence, ± 5 %) is drawn with a recorded
 * seed ({@link SampleDraw}); each sampled allocation is confirmed with the household or the village
 * by someone other than the village — the township's or county's reviewers (never the one who
 * verified it) or an auditor. "Not received" opens a case on the 12317 desk in the same
 * transaction, which holds both sides' reliability figures until the case is decided.
 */
public final class SamplingService {
  public static final List<String> ANSWERS = List.of("received", "not_received", "problems");

  private final Pool pool;
  private final Clock clock;
  private final ZoneId zone;
  private final SamplingRepository repo;
  private final ReportService reports;

  private final AuditLog audit;
  private final Deadlines deadlines;

  public SamplingService(
      Pool pool,
      Clock clock,
      ZoneId zone,
      SamplingRepository repo,
      ReportService reports,
      Deadlines deadlines,
      AuditLog audit) {
    this.audit = audit;
    this.deadlines = deadlines;
    this.pool = pool;
    this.clock = clock;
    this.zone = zone;
    this.repo = repo;
    this.reports = reports;
  }

  // ---- drawing (the scheduled job)

  /** Draws last month's sample if not yet drawn, and every settled round's; answers how many. */
  public Future<Integer> drawDue(Instant now) {
    return drawMonth(now)
        .compose(
            month -> repo.roundsDue(pool, now).compose(rounds -> drawRounds(rounds, now, month)));
  }

  private Future<Integer> drawMonth(Instant now) {
    YearMonth last = YearMonth.from(now.atZone(zone)).minusMonths(1);
    String period = last.toString();
    Instant from = last.atDay(1).atStartOfDay(zone).toInstant();
    Instant until = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    return repo.monthDrawn(pool, period)
        .compose(
            drawn ->
                drawn
                    ? Future.succeededFuture(0)
                    : pool.withTransaction(
                        tx ->
                            repo.monthFrame(tx, from, until)
                                .compose(
                                    frame ->
                                        insert(
                                            tx, "month", period, null, from, until, frame, now))));
  }

  private Future<Integer> drawRounds(List<Long> rounds, Instant now, int drawnSoFar) {
    Future<Integer> done = Future.succeededFuture(drawnSoFar);
    for (long round : rounds) {
      done =
          done.compose(
              n ->
                  pool.withTransaction(
                          tx ->
                              repo.roundFrame(tx, round)
                                  .compose(
                                      frame ->
                                          insert(
                                              tx,
                                              "round",
                                              String.valueOf(round),
                                              round,
                                              null,
                                              null,
                                              frame,
                                              now)))
                      .map(k -> n + k));
    }
    return done;
  }

  /** The sample of {@code frame}: its size by Cochran, drawn with a new seed after the frame. */
  private Future<Integer> insert(
      SqlConnection tx,
      String kind,
      String period,
      Long round,
      Instant from,
      Instant until,
      List<Long> frame,
      Instant now) {
    String seed = SampleDraw.newSeed();
    List<Long> drawn = SampleDraw.draw(seed, frame, SampleSize.of(frame.size()));
    var sample =
        new SamplingRepository.NewSample(
            kind, period, round, from, until, frame.size(), seed, now, drawn);
    return repo.insert(tx, sample)
        .compose(
            id ->
                id.isEmpty()
                    ? Future.succeededFuture(0)
                    : openChecks(tx, id.get())
                        .compose(v -> drawnTrail(tx, id.get(), kind, period, frame, seed, drawn)));
  }

  /** What the deadlines of sample checks are about. */
  static final String SUBJECT = SamplingRepository.CHECK_SUBJECT;

  /** Each drawn check is its township's reviewers' to answer, within the configured days. */
  private Future<Integer> openChecks(SqlConnection tx, long sampleId) {
    return repo.checksToAnswer(tx, sampleId)
        .compose(
            checks ->
                deadlines.openAll(
                    tx,
                    DeadlineKind.DELIVERY_CHECK,
                    checks.stream()
                        .map(
                            c ->
                                Opening.of(
                                    Subject.of(SUBJECT, c.id()),
                                    Owner.reviewer(c.townshipId()),
                                    c.villageId(),
                                    c.needTitle()))
                        .toList()));
  }

  private Future<Integer> drawnTrail(
      SqlConnection tx,
      long sampleId,
      String kind,
      String period,
      List<Long> frame,
      String seed,
      List<Long> drawn) {
    return audit
        .append(
            tx,
            null,
            "delivery_sample",
            sampleId,
            "drawn",
            null,
            new JsonObject()
                .put("kind", kind)
                .put("period", period)
                .put("population", frame.size())
                .put("size", drawn.size())
                .put("seed", seed))
        .map(1);
  }

  // ---- reading

  public Future<Page<DeliverySample>> samples(Paging paging) {
    return repo.samples(pool, paging);
  }

  public Future<DeliverySample> sample(long id) {
    return repo.sample(pool, id)
        .map(s -> s.orElseThrow(() -> DomainException.notFound("delivery sample " + id)));
  }

  public Future<Page<DeliveryCheck>> publicChecks(long sampleId, Paging paging) {
    return sample(sampleId)
        .compose(
            s ->
                repo.checks(
                    pool, new SamplingRepository.Filter(null, sampleId, null, null), paging));
  }

  /** Every answer so far: the published received rate. */
  public Future<SamplingRepository.Totals> totals() {
    return repo.totals(pool);
  }

  /** The checks a checker may answer: a reviewer's region, everything for auditors and admins. */
  public Future<Page<DeliveryCheck>> desk(
      CurrentUser user, SamplingRepository.Filter filter, Paging paging) {
    String region = user.is(Role.REVIEWER) ? user.regionId() : null;
    return repo.checks(
        pool,
        new SamplingRepository.Filter(
            filter.status(),
            filter.sampleId(),
            region != null ? region : filter.region(),
            filter.allocationId()),
        paging);
  }

  // ---- answering

  /**
   * The checker's answer; "not_received" opens a case on the report desk in the same transaction.
   */
  public Future<DeliveryCheck> answer(CurrentUser user, long id, String status, String note) {
    return pool.withTransaction(
        tx ->
            repo.lock(tx, id)
                .compose(
                    state -> {
                      if (state.isEmpty()) {
                        throw DomainException.notFound("delivery check " + id);
                      }
                      if (!state.get().equals("pending")) {
                        throw DomainException.conflict(
                            "check_already_answered",
                            "delivery check " + id + " was answered",
                            Map.of("status", state.get()));
                      }
                      return repo.check(tx, id);
                    })
                .map(Optional::orElseThrow)
                .compose(c -> authorise(tx, user, c))
                .compose(c -> record(tx, user, c, status, note)));
  }

  /**
   * Not the village, and not the one who verified it: its township's or county's reviewers, an
   * auditor.
   */
  private Future<DeliveryCheck> authorise(SqlConnection tx, CurrentUser user, DeliveryCheck c) {
    boolean allowed =
        user.is(Role.ADMIN, Role.AUDITOR)
            || (user.is(Role.REVIEWER) && Access.regionContains(user.regionId(), c.villageId()));
    if (!allowed) {
      throw DomainException.forbidden("delivery check " + c.id() + " is not yours to answer");
    }
    return repo.verifier(tx, c.allocationId())
        .map(
            by -> {
              if (by.isPresent() && by.get() == user.id()) {
                throw DomainException.forbidden(
                    "check_own_verification",
                    "whoever verified allocation " + c.allocationId() + " cannot confirm it");
              }
              return c;
            });
  }

  private Future<DeliveryCheck> record(
      SqlConnection tx, CurrentUser user, DeliveryCheck c, String status, String note) {
    Instant now = clock.instant();
    Future<Long> report =
        status.equals("not_received")
            ? reports.openCase(
                tx,
                SubjectKind.ALLOCATION,
                String.valueOf(c.allocationId()),
                "false_data",
                caseText(c, note))
            : Future.succeededFuture(null);
    return report
        .compose(
            reportId ->
                repo.answer(
                        tx,
                        c.id(),
                        new SamplingRepository.Answer(status, note, user.id(), now, reportId))
                    .compose(
                        v ->
                            audit.append(
                                tx,
                                user,
                                "delivery_check",
                                c.id(),
                                "answered",
                                new JsonObject().put("status", "pending"),
                                new JsonObject()
                                    .put("status", status)
                                    .put("allocationId", c.allocationId())
                                    .put("reportId", reportId))))
        .compose(v -> deadlines.meet(tx, DeadlineKind.DELIVERY_CHECK, Subject.of(SUBJECT, c.id())))
        .compose(v -> repo.check(tx, c.id()))
        .map(Optional::orElseThrow);
  }

  /** What the case on the report desk says. */
  static String caseText(DeliveryCheck c, String note) {
    return "抽查核实（"
        + c.period()
        + " 第 "
        + c.rank()
        + " 号）：帮扶分配 #"
        + c.allocationId()
        + "（"
        + c.villageName()
        + "，"
        + c.donorName()
        + "）经核实未收到。核实说明："
        + note;
  }
}
