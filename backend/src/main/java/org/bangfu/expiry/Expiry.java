package org.bangfu.expiry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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

  private Expiry() {}

  /**
   * Runs every kind of expiry at {@code now} ({@code today} in the clock's zone); answers how many
   * things expired.
   */
  public static Future<Integer> run(Pool pool, Instant now, Clock clock) {
    LocalDate today = LocalDate.ofInstant(now, clock.getZone());
    OffsetDateTime staleBefore = now.minus(Duration.ofDays(PROPOSAL_DAYS)).atOffset(ZoneOffset.UTC);
    return ExpiryRepository.pledgesPast(pool, today)
        .compose(ids -> each(ids, id -> expirePledge(pool, id)))
        .compose(
            pledges ->
                ExpiryRepository.proposalsBefore(pool, staleBefore)
                    .compose(ids -> each(ids, id -> expireProposal(pool, id)))
                    .map(n -> pledges + n))
        .compose(
            count ->
                ExpiryRepository.overdueNeeds(pool, today)
                    .compose(ids -> each(ids, id -> expireNeed(pool, id, today)))
                    .map(n -> count + n));
  }

  /** Runs every kind of expiry at the clock's instant. */
  public static Future<Integer> run(Pool pool, Clock clock) {
    return run(pool, clock.instant(), clock);
  }

  /** One after the other; answers how many were done. */
  private static Future<Integer> each(List<Long> ids, Function<Long, Future<Boolean>> one) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (long id : ids) {
      chain = chain.compose(n -> one.apply(id).map(done -> n + (done ? 1 : 0)));
    }
    return chain;
  }

  private static Future<Boolean> expirePledge(Pool pool, long id) {
    return pool.withTransaction(
        tx ->
            PledgeService.end(tx, null, id, PledgeStatus.EXPIRED, "expire", "pledge expired")
                .map(before -> before.status().live()));
  }

  /** Expires one proposed allocation (locks need → pledge → allocation), freeing what it held. */
  private static Future<Boolean> expireProposal(Pool pool, long id) {
    String why = "not confirmed within " + PROPOSAL_DAYS + " days";
    return pool.withTransaction(
        tx ->
            Ledger.lockAllocation(tx, id)
                .compose(
                    a -> {
                      if (a == null || a.status() != AllocationStatus.PROPOSED) {
                        return Future.succeededFuture(false); // confirmed or declined meanwhile
                      }
                      return Ledger.expire(tx, a, null, why)
                          .compose(
                              v ->
                                  AuditLog.append(
                                      tx,
                                      null,
                                      "allocation",
                                      id,
                                      "expire",
                                      new JsonObject()
                                          .put("status", AllocationStatus.PROPOSED.wire()),
                                      new JsonObject()
                                          .put("status", AllocationStatus.EXPIRED.wire())
                                          .put("reason", why)))
                          .map(true);
                    }));
  }

  /**
   * A need past its deadline stops taking help: its proposals expire (freeing their pledges); what
   * donors already confirmed stands, and the need is {@code expired} only if nothing was confirmed.
   */
  private static Future<Boolean> expireNeed(Pool pool, long needId, LocalDate today) {
    return pool.withTransaction(
        tx ->
            Ledger.lockNeedWithAllocations(tx, needId)
                .compose(
                    locked -> {
                      if (locked == null
                          || !locked.need().pastDeadline(today)
                          || !OVERDUE_FROM.contains(locked.need().status())) {
                        return Future.succeededFuture(false);
                      }
                      NeedStatus before = locked.need().status();
                      List<Ledger.Held> proposals =
                          locked.allocations().stream()
                              .filter(a -> a.status() == AllocationStatus.PROPOSED)
                              .toList();
                      return Ledger.expireAll(tx, proposals, null, "need past its deadline")
                          .compose(v -> Ledger.expireNeedIfEmpty(tx, needId))
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
                    }));
  }
}
