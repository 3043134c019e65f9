package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bangfu.allocations.Allocation;
import org.bangfu.allocations.AllocationDeadlines;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.AllocationStatus;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.Limits;
import org.bangfu.allocations.Moves;
import org.bangfu.allocations.NeedAccount;
import org.bangfu.allocations.PledgeAccount;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.config.RoundConfig;
import org.bangfu.expiry.Expiry;
import org.bangfu.matching.AllocationEngine;
import org.bangfu.matching.model.FairnessReport;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Reason;
import org.bangfu.matching.model.Result;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A match round (撮合): expire what has run out, build the problem from the database ({@link
 * ProblemBuilder}), solve it off the event loop, then in one transaction have the {@link Ledger}
 * re-lock every need, pledge and village cap it touches, cut each proposal to what is still left
 * ({@link Limits}: claims may have happened while the engine ran), and write the proposals with
 * their reasons and the round's summary.
 *
 * <p>The lock that allows one round at a time is a row: the unique partial index {@code
 * match_rounds_one_running} admits a single {@code running} round, on every node of a cluster. A
 * round abandoned by a crashed node is failed after {@link #STALE}.
 */
public final class MatchRoundService {
  private static final Logger LOG = LoggerFactory.getLogger(MatchRoundService.class);
  static final Duration STALE = Duration.ofMinutes(15);
  // the engine's timings per unit (build, flow, pricing, decomposition) go to the log: a round's
  // solve is read from them, not guessed
  private static final AllocationEngine ENGINE =
      new AllocationEngine(line -> LOG.info("match round engine: {}", line));

  private final Vertx vertx;
  private final WorkerExecutor solver;
  private final Pool pool;
  private final Clock clock;
  private final Ledger ledger;
  private final MatchRoundRepository rounds;
  private final ProblemRepository problems;
  private final AllocationRepository allocations;
  private final Expiry expiry;
  private final AllocationDeadlines deadlines;

  private final AuditLog audit;
  private final RoundConfig config;

  /**
   * {@code expiry} runs before each round, so what has run out takes no part in it; {@code config}
   * says whether rounds give first to villages not yet helped and which floors they keep.
   */
  public MatchRoundService(
      Vertx vertx,
      Pool pool,
      Clock clock,
      Ledger ledger,
      MatchRoundRepository rounds,
      ProblemRepository problems,
      AllocationRepository allocations,
      Expiry expiry,
      AllocationDeadlines deadlines,
      AuditLog audit,
      RoundConfig config) {
    this.audit = audit;
    this.config = config;
    this.deadlines = deadlines;
    this.vertx = vertx;
    // a national solve takes minutes on a loaded machine: its own worker, allowed an hour, so the
    // blocked-thread checker does not report the default pool's 60 s every second meanwhile
    this.solver = vertx.createSharedWorkerExecutor("bangfu-solver", 1, 1, TimeUnit.HOURS);
    this.pool = pool;
    this.clock = clock;
    this.ledger = ledger;
    this.rounds = rounds;
    this.problems = problems;
    this.allocations = allocations;
    this.expiry = expiry;
  }

  Future<Page<MatchRound>> list(Paging paging) {
    return rounds.list(pool, paging);
  }

  Future<MatchRound> one(long id) {
    return rounds
        .one(pool, id)
        .compose(
            r ->
                r == null
                    ? Future.failedFuture(DomainException.notFound("match round " + id))
                    : Future.succeededFuture(r));
  }

  /**
   * How many of a round's proposals its page lists (a national round has 300,000; the rest are in
   * the allocations list and the round's totals).
   */
  static final int ALLOCATIONS_SHOWN = 500;

  Future<List<Allocation>> allocations(long id) {
    return allocations.ofRound(pool, id, ALLOCATIONS_SHOWN);
  }

  /** The first of a round's proposals, one row per need and donor. */
  Future<List<RoundRow>> rows(long id) {
    return rounds.rows(pool, id, ALLOCATIONS_SHOWN);
  }

  /** A page of the needs a round left (partly) short, with the reason. */
  Future<Page<UnmatchedNeed>> unmatched(long id, Paging paging) {
    return one(id).compose(r -> rounds.unmatched(pool, id, paging));
  }

  /** A round that has started: its id, and when it is done (or failed, with why). */
  public record Started(long id, Future<Long> done) {}

  /**
   * Starts a round on {@code date} (default today by the clock: past deadlines and expiries take no
   * part): answers once its row is written (409 while another runs); {@link Started#done} follows
   * when it has been solved and written (at national scale, minutes). {@code fairness}: whether
   * villages not yet helped come first in this round (null: the setting, on unless turned off).
   */
  public Future<Started> start(
      CurrentUser user, Long campaignId, LocalDate requested, Boolean fairness) {
    LocalDate date = requested == null ? LocalDate.now(clock) : requested;
    RoundOptions options = RoundOptions.of(config, fairness);
    return knownCampaign(campaignId)
        .compose(v -> rounds.failStale(pool, clock.instant().minus(STALE).atOffset(ZoneOffset.UTC)))
        .compose(
            v ->
                rounds.start(
                    pool, campaignId, date, user.id(), clock.instant().atOffset(ZoneOffset.UTC)))
        .recover(MatchRoundService::alreadyRunning)
        .map(id -> new Started(id, run(user, id, campaignId, date, options)));
  }

  private Future<Void> knownCampaign(Long campaignId) {
    if (campaignId == null) {
      return Future.succeededFuture();
    }
    return rounds
        .campaignExists(pool, campaignId)
        .compose(
            found ->
                found
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        DomainException.invalid(
                            "campaignId", "unknown_campaign", "is not a known campaign")));
  }

  /** The unique index that admits one running round refused this one. */
  private static Future<Long> alreadyRunning(Throwable e) {
    return Future.failedFuture(
        e instanceof PgException pg && "23505".equals(pg.getSqlState())
            // the code stays the general "conflict" that clients already know for this case
            ? DomainException.conflict(
                "conflict",
                "a match round is already running; try again when it is done",
                DomainException.params("reason", "round_running"))
            : e);
  }

  /** Solves and writes a started round; a round that fails says why on its row. */
  private Future<Long> run(
      CurrentUser user, long id, Long campaignId, LocalDate date, RoundOptions options) {
    return solveAndWrite(user, id, campaignId, date, options).recover(e -> failed(id, e)).map(id);
  }

  private Future<Void> failed(long id, Throwable e) {
    LOG.warn("match round {} failed: {}", id, e.toString());
    String why = e instanceof DomainException d ? d.getMessage() : e.getClass().getSimpleName();
    return rounds.fail(pool, id, why).compose(v -> Future.failedFuture(e));
  }

  /**
   * A solved round: the problem, the engine's answer, how it was solved, the needs that sat out.
   */
  record Solved(ProblemBuilder.Built built, Result result, RoundOptions options) {
    Problem problem() {
      return built.problem();
    }
  }

  private Future<Void> solveAndWrite(
      CurrentUser user, long roundId, Long campaignId, LocalDate date, RoundOptions options) {
    // how long each part took, for the log (durations, not business time)
    long[] at = {System.nanoTime(), 0, 0};
    return expiry
        .run()
        .compose(v -> ProblemBuilder.build(vertx, problems, pool, campaignId, date))
        // the engine is CPU work: never on the event loop
        .compose(
            built -> {
              at[1] = System.nanoTime();
              return solver
                  .executeBlocking(() -> ENGINE.solve(built.problem(), options.engine()), false)
                  .compose(
                      result -> {
                        at[2] = System.nanoTime();
                        Solved solved = new Solved(built, result, options);
                        return pool.withTransaction(tx -> write(tx, user, roundId, solved))
                            .onSuccess(v -> logWritten(roundId, built.problem(), result, at));
                      });
            });
  }

  /** How long reading, solving and writing took ({@code at}: when each began). */
  private static void logWritten(long roundId, Problem problem, Result result, long[] at) {
    LOG.info(
        "match round {}: {} needs and {} pledges read in {} ms,"
            + " solved in {} ms, {} proposals written in {} ms",
        roundId,
        problem.needs().size(),
        problem.pledges().size(),
        (at[1] - at[0]) / 1_000_000,
        (at[2] - at[1]) / 1_000_000,
        result.allocations().size(),
        (System.nanoTime() - at[2]) / 1_000_000);
  }

  /** One proposal of the engine, with the database ids (the engine names them as text). */
  record Proposal(long needId, long pledgeId, long quantity, List<String> reasons) {
    static Proposal of(org.bangfu.matching.model.Allocation a) {
      // when no affinity applies, the match was made on the need's priority and the pledge's
      // category
      List<String> reasons =
          a.reasons().isEmpty() ? List.of(Reason.PRIORITY_CATEGORY.wireName()) : a.reasons();
      return new Proposal(
          ProblemBuilder.id(a.need()), ProblemBuilder.id(a.pledge()), a.quantity(), reasons);
    }
  }

  /** The engine's proposals with the needs and pledges they touch, each id once and in order. */
  record Proposed(List<Proposal> proposals, Long[] needIds, Long[] pledgeIds) {
    static Proposed of(Result result) {
      List<Proposal> proposed = result.allocations().stream().map(Proposal::of).toList();
      return new Proposed(
          proposed,
          proposed.stream().map(Proposal::needId).distinct().sorted().toArray(Long[]::new),
          proposed.stream().map(Proposal::pledgeId).distinct().sorted().toArray(Long[]::new));
    }
  }

  /*
   * A national round proposes hundreds of thousands of allocations: what is computed over all of
   * them in Java (the proposals, their clipping, the report and the audit rows) runs on a worker
   * thread, never on the event loop that also answers requests; only the statements are sent from
   * the event loop.
   */
  private Future<Void> write(SqlConnection tx, CurrentUser user, long roundId, Solved solved) {
    return vertx
        .executeBlocking(() -> Proposed.of(solved.result()), false)
        .compose(
            proposed ->
                lock(tx, proposed.needIds(), proposed.pledgeIds())
                    .compose(locked -> clipped(tx, proposed, locked))
                    .compose(
                        plan -> propose(tx, user, roundId, solved, plan.plan(), plan.locked())));
  }

  /** The plan as the locked rows allow it, with the locks it was made under. */
  private record Plan(List<Ledger.NewAllocation> plan, Locked locked) {}

  private Future<Plan> clipped(SqlConnection tx, Proposed proposed, Locked locked) {
    return ledger
        .given(tx, proposed.pledgeIds())
        .compose(
            given ->
                vertx.executeBlocking(
                    () ->
                        new Plan(
                            clip(
                                proposed.proposals(),
                                locked.needs(),
                                locked.pledges(),
                                locked.caps(),
                                given),
                            locked),
                    false));
  }

  /** The proposals written, each waiting for its donor, and the audit rows. */
  private Future<Void> propose(
      SqlConnection tx,
      CurrentUser user,
      long roundId,
      Solved solved,
      List<Ledger.NewAllocation> plan,
      Locked locked) {
    // what the proposals move onto the counters is summed on a worker while they are written
    Future<Moves> moves = vertx.executeBlocking(() -> Moves.of(plan), false);
    return ledger
        .proposeAll(tx, roundId, plan, moves, user.id())
        .compose(ids -> waitForDonors(tx, roundId, plan.isEmpty()).map(ids))
        .compose(ids -> audit(tx, user, roundId, solved, plan, ids));
  }

  /**
   * Each proposal waits for its donor to confirm it: a deadline in the donor's inbox, opened from
   * the allocations just written (their needs' titles and pledges' donors read in the database).
   */
  private Future<Void> waitForDonors(SqlConnection tx, long roundId, boolean none) {
    return none ? Future.succeededFuture() : deadlines.proposedInRound(tx, roundId);
  }

  /** The rows a round's proposals touch, locked. */
  record Locked(
      Map<Long, NeedAccount> needs,
      Map<Long, PledgeAccount> pledges,
      Map<Ledger.CapKey, Ledger.Cap> caps) {}

  /** Locks in the ledger's order: the needs, the pledges, then the caps of the needs' villages. */
  private Future<Locked> lock(SqlConnection tx, Long[] needIds, Long[] pledgeIds) {
    return ledger
        .lockNeeds(tx, needIds)
        .compose(
            needs ->
                ledger
                    .lockPledges(tx, pledgeIds)
                    .compose(
                        pledges ->
                            ledger
                                .lockCaps(tx, villagesOf(needs))
                                .map(caps -> new Locked(needs, pledges, caps))));
  }

  private static String[] villagesOf(Map<Long, NeedAccount> needs) {
    return needs.values().stream()
        .map(NeedAccount::villageId)
        .distinct()
        .sorted()
        .toArray(String[]::new);
  }

  /**
   * Claims may have taken from the same needs and pledges while the engine ran: each proposal is
   * cut to the room {@link Limits} leaves under the locks (need, pledge, per-need maximum, village
   * cap), counting the proposals before it. Usually nothing is cut; the round is then the optimum.
   */
  static List<Ledger.NewAllocation> clip(
      List<Proposal> proposed,
      Map<Long, NeedAccount> needs,
      Map<Long, PledgeAccount> pledges,
      Map<Ledger.CapKey, Ledger.Cap> caps,
      Map<Ledger.Pair, Long> given) {
    Map<Long, Long> toNeed = new HashMap<>();
    Map<Long, Long> fromPledge = new HashMap<>();
    Map<Ledger.Pair, Long> toPair = new HashMap<>(given);
    Map<Ledger.CapKey, Long> toCap = new HashMap<>();
    List<Ledger.NewAllocation> plan = new ArrayList<>();
    for (Proposal a : proposed) {
      NeedAccount need = needs.get(a.needId());
      PledgeAccount pledge = pledges.get(a.pledgeId());
      if (need == null || pledge == null) {
        continue;
      }
      Ledger.CapKey capKey = new Ledger.CapKey(need.villageId(), need.unit());
      Ledger.Pair pair = new Ledger.Pair(need.id(), pledge.id());
      Ledger.Cap cap = caps.get(capKey);
      long capRoom = cap == null ? Limits.NONE : cap.room() - toCap.getOrDefault(capKey, 0L);
      // the accounts as they stand with this round's earlier proposals added
      NeedAccount n = withAllocated(need, toNeed.getOrDefault(need.id(), 0L));
      PledgeAccount p = withAllocated(pledge, fromPledge.getOrDefault(pledge.id(), 0L));
      long q =
          Math.min(a.quantity(), Limits.room(n, p, toPair.getOrDefault(pair, 0L), capRoom).most());
      if (q <= 0) {
        continue;
      }
      toNeed.merge(need.id(), q, Long::sum);
      fromPledge.merge(pledge.id(), q, Long::sum);
      toPair.merge(pair, q, Long::sum);
      toCap.merge(capKey, q, Long::sum);
      plan.add(
          new Ledger.NewAllocation(
              need.id(), pledge.id(), need.villageId(), need.unit(), q, a.reasons()));
    }
    return plan;
  }

  private static NeedAccount withAllocated(NeedAccount n, long more) {
    return more == 0
        ? n
        : new NeedAccount(
            n.id(),
            n.villageId(),
            n.category(),
            n.unit(),
            n.quantity(),
            n.allocated() + more,
            n.status(),
            n.deadline());
  }

  private static PledgeAccount withAllocated(PledgeAccount p, long more) {
    return more == 0
        ? p
        : new PledgeAccount(
            p.id(),
            p.donorId(),
            p.unit(),
            p.quantity(),
            p.allocated() + more,
            p.status(),
            p.categories(),
            p.scope(),
            p.maxPerNeed(),
            p.expires(),
            p.mode());
  }

  /**
   * The needs left short and the round's summary with what fairness did, then the audit rows (last:
   * the audit trigger serialises appends).
   */
  private Future<Void> audit(
      SqlConnection tx,
      CurrentUser user,
      long roundId,
      Solved solved,
      List<Ledger.NewAllocation> plan,
      List<Long> ids) {
    return vertx
        .executeBlocking(() -> Report.of(user, roundId, solved, plan, ids), false)
        .compose(report -> record(tx, user, roundId, solved, plan, report));
  }

  /** What a round's write reports: amounts per unit, the needs left unmatched, the audit rows. */
  private record Report(
      Map<String, Long> amount,
      int needs,
      int pledges,
      List<UnmatchedNeed> unmatched,
      List<AuditLog.Entry> entries) {
    static Report of(
        CurrentUser user,
        long roundId,
        Solved solved,
        List<Ledger.NewAllocation> plan,
        List<Long> ids) {
      Map<String, Long> amount = new TreeMap<>();
      plan.forEach(a -> amount.merge(a.unit(), a.quantity(), Long::sum));
      return new Report(
          amount,
          (int) plan.stream().map(Ledger.NewAllocation::needId).distinct().count(),
          (int) plan.stream().map(Ledger.NewAllocation::pledgeId).distinct().count(),
          RoundExplanation.unmatched(solved.problem(), solved.result(), solved.built().satOut()),
          proposals(user, roundId, plan, ids));
    }
  }

  private Future<Void> record(
      SqlConnection tx,
      CurrentUser user,
      long roundId,
      Solved solved,
      List<Ledger.NewAllocation> plan,
      Report report) {
    Result result = solved.result();
    JsonObject amounts = new JsonObject();
    report.amount().forEach(amounts::put);
    List<UnmatchedNeed> unmatched = report.unmatched();
    return rounds
        .insertUnmatched(tx, roundId, unmatched)
        .compose(v -> fairness(tx, result))
        .map(fair -> summary(solved, plan, report, fair))
        .compose(summary -> rounds.finish(tx, roundId, summary))
        .compose(v -> audit.appendAll(tx, report.entries()))
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "match_round",
                    roundId,
                    "run",
                    null,
                    new JsonObject()
                        .put("objective", result.objective())
                        .put("allocationCount", plan.size())
                        .put("amountProposed", amounts)
                        .put("fairness", solved.options().fairness())
                        .put("floors", new JsonObject(new HashMap<>(solved.options().floors())))
                        .put("unmatchedCount", unmatched.size())));
  }

  /** What fairness did, with the changed villages' names; null when the round had none. */
  private Future<RoundFairness> fairness(SqlConnection tx, Result result) {
    FairnessReport report = result.fairness();
    if (report == null) {
      return Future.succeededFuture();
    }
    String[] villages =
        RoundExplanation.changed(report).stream()
            .map(FairnessReport.Village::village)
            .distinct()
            .toArray(String[]::new);
    return rounds.regionNames(tx, villages).map(names -> RoundExplanation.fairness(report, names));
  }

  private static MatchRoundRepository.Summary summary(
      Solved solved, List<Ledger.NewAllocation> plan, Report report, RoundFairness fairness) {
    return new MatchRoundRepository.Summary(
        solved.result().objective(),
        plan.size(),
        report.amount(),
        report.needs(),
        report.pledges(),
        solved.options().fairness(),
        fairness,
        solved.options().floors(),
        report.unmatched().size());
  }

  /** One audit row per proposal, with its new id. */
  private static List<AuditLog.Entry> proposals(
      CurrentUser user, long roundId, List<Ledger.NewAllocation> plan, List<Long> ids) {
    List<AuditLog.Entry> audit = new ArrayList<>();
    for (int k = 0; k < plan.size(); k++) {
      Ledger.NewAllocation a = plan.get(k);
      audit.add(
          new AuditLog.Entry(
              user,
              "allocation",
              ids.get(k),
              "propose",
              null,
              new JsonObject()
                  .put("needId", a.needId())
                  .put("pledgeId", a.pledgeId())
                  .put("quantity", a.quantity())
                  .put("status", AllocationStatus.PROPOSED.wire())
                  .put("roundId", roundId)));
    }
    return audit;
  }
}
