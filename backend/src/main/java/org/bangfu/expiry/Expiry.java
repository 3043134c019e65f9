package org.bangfu.expiry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bangfu.allocations.AllocationDeadlines;
import org.bangfu.allocations.AllocationStatus;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.NeedStatus;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.audit.AuditLog;
import org.bangfu.pledges.PledgeService;

/**
 * Everything that runs out with time, at the application clock's instant: pledges past their date,
 * needs past their deadline, and proposals nobody confirmed within {@link #PROPOSAL_DAYS} days.
 * Each expiring thing is its own transaction, locked by the {@link Ledger} and re-checked under the
 * locks; whatever expires gives back exactly what it held. Run before every match round and hourly
 * ({@link ExpiryJob}); safe to run on several nodes at once.
 */
public final class Expiry {
  public static final int PROPOSAL_DAYS = 14;
  private static final Set<NeedStatus> OVERDUE_FROM =
      Set.of(NeedStatus.PUBLISHED, NeedStatus.PARTLY_ALLOCATED, NeedStatus.ALLOCATED);

  private final Pool pool;
  private final Clock clock;
  private final Ledger ledger;
  private final ExpiryRepository expiries;
  private final PledgeService pledges;
  private final AllocationDeadlines deadlines;

  /**
   * {@code pledges} ends an expired pledge as a withdrawal does ({@link PledgeService#end}); an
   * expired proposal's deadline is cancelled through {@code deadlines}.
   */
  public Expiry(
      Pool pool,
      Clock clock,
      Ledger ledger,
      ExpiryRepository expiries,
      PledgeService pledges,
      AllocationDeadlines deadlines) {
    this.deadlines = deadlines;
    this.pool = pool;
    this.clock = clock;
    this.ledger = ledger;
    this.expiries = expiries;
    this.pledges = pledges;
  }

  /** Runs every kind of expiry at the clock's instant. */
  public Future<Integer> run() {
    return run(clock.instant());
  }

  /**
   * Runs every kind of expiry at {@code now} ({@code today} in the clock's zone); answers how many
   * things expired.
   */
  public Future<Integer> run(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, clock.getZone());
    OffsetDateTime staleBefore = now.minus(Duration.ofDays(PROPOSAL_DAYS)).atOffset(ZoneOffset.UTC);
    return expiries
        .pledgesPast(pool, today)
        .compose(ids -> each(ids, this::expirePledge))
        .compose(
            pledgeCount ->
                expiries
                    .proposalsBefore(pool, staleBefore)
                    .compose(ids -> each(ids, this::expireProposal))
                    .map(n -> pledgeCount + n))
        .compose(
            count ->
                expiries
                    .overdueNeeds(pool, today)
                    .compose(ids -> each(ids, id -> expireNeed(id, today)))
                    .map(n -> count + n));
  }

  /** One after the other; answers how many were done. */
  private static Future<Integer> each(List<Long> ids, Function<Long, Future<Boolean>> one) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (long id : ids) {
      chain = chain.compose(n -> one.apply(id).map(done -> n + (done ? 1 : 0)));
    }
    return chain;
  }

  private Future<Boolean> expirePledge(long id) {
    return pool.withTransaction(
        tx ->
            pledges
                .end(tx, null, id, PledgeStatus.EXPIRED, "expire", "pledge expired")
                .map(before -> before.status().live()));
  }

  /** Expires one proposed allocation (locks need → pledge → allocation), freeing what it held. */
  private Future<Boolean> expireProposal(long id) {
    return pool.withTransaction(
        tx ->
            ledger
                .lockAllocation(tx, id)
                .compose(
                    a ->
                        a == null || a.status() != AllocationStatus.PROPOSED
                            ? Future.succeededFuture(false) // confirmed or declined meanwhile
                            : expireProposal(tx, a)));
  }

  private Future<Boolean> expireProposal(SqlConnection tx, Ledger.Held a) {
    String why = "not confirmed within " + PROPOSAL_DAYS + " days";
    return ledger
        .expire(tx, a, null, why)
        .compose(v -> deadlines.expired(tx, List.of(a)))
        .compose(
            v ->
                AuditLog.append(
                    tx,
                    null,
                    "allocation",
                    a.id(),
                    "expire",
                    new JsonObject().put("status", AllocationStatus.PROPOSED.wire()),
                    new JsonObject()
                        .put("status", AllocationStatus.EXPIRED.wire())
                        .put("reason", why)))
        .map(true);
  }

  /**
   * A need past its deadline stops taking help: its proposals expire (freeing their pledges); what
   * donors already confirmed stands, and the need is {@code expired} only if nothing was confirmed.
   */
  private Future<Boolean> expireNeed(long needId, LocalDate today) {
    return pool.withTransaction(
        tx ->
            ledger
                .lockNeedWithAllocations(tx, needId)
                .compose(
                    locked ->
                        locked == null
                                || !locked.need().pastDeadline(today)
                                || !OVERDUE_FROM.contains(locked.need().status())
                            ? Future.succeededFuture(false)
                            : expireNeed(tx, locked)));
  }

  private Future<Boolean> expireNeed(SqlConnection tx, Ledger.NeedWithAllocations locked) {
    long needId = locked.need().id();
    NeedStatus before = locked.need().status();
    List<Ledger.Held> proposals =
        locked.allocations().stream().filter(a -> a.status() == AllocationStatus.PROPOSED).toList();
    return ledger
        .expireAll(tx, proposals, null, "need past its deadline")
        .compose(v -> deadlines.expired(tx, proposals))
        .compose(v -> ledger.expireNeedIfEmpty(tx, needId))
        .compose(
            after ->
                AuditLog.append(
                    tx,
                    null,
                    "need",
                    needId,
                    "expire",
                    new JsonObject().put("status", before.wire()),
                    new JsonObject().put("status", after.wire())))
        .map(true);
  }
}
