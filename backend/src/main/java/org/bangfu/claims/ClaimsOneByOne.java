package org.bangfu.claims;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bangfu.allocations.Allocation;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.AllocationStatus;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.Limits;
import org.bangfu.allocations.NeedAccount;
import org.bangfu.allocations.PledgeAccount;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.Reason;

/**
 * The fallback for a batch the database refused as a whole ({@link SetBasedBatch}): its claims
 * taken one after the other on the batch's connection, each under its own savepoint, through the
 * same checks and {@link Limits} as ever; a claim the database refuses is rolled back to its
 * savepoint alone, so one bad claim spoils no other. The caller begins and commits the transaction.
 */
final class ClaimsOneByOne {
  private final Ledger ledger;
  private final ClaimRepository claims;
  private final AllocationRepository allocations;
  private final AuditLog audit;

  ClaimsOneByOne(
      Ledger ledger, ClaimRepository claims, AllocationRepository allocations, AuditLog audit) {
    this.ledger = ledger;
    this.claims = claims;
    this.allocations = allocations;
    this.audit = audit;
  }

  /**
   * Every need, pledge and cap the batch names locked first, in the ledger's order; then each claim
   * under its own savepoint; then the applied claims' allocations read back and their audit rows
   * appended in their order, sent together.
   */
  Future<List<GroupCommit.Outcome<Allocation>>> write(
      SqlConnection tx, List<ClaimService.Asked> batch, LocalDate today) {
    return lockInOrder(tx, batch)
        .compose(v -> applyEach(tx, batch, today))
        .compose(results -> readAndAudit(tx, results));
  }

  /** The applied claims' allocations read back and the audit rows appended, sent together. */
  private Future<List<GroupCommit.Outcome<Allocation>>> readAndAudit(
      SqlConnection tx, List<Object> results) {
    Future<Map<Long, Allocation>> read = allocations.many(tx, Applied.ids(results));
    Future<Void> audited = audit.appendAll(tx, Applied.auditOf(results));
    return Future.all(read, audited).map(all -> Applied.outcomes(results, read.result()));
  }

  /**
   * The needs, then the donors' own pledges, then the villages' caps of the whole batch, each kind
   * in ascending order: so a batch, like a lone claim, never holds a later kind while it waits for
   * an earlier one. Each claim then locks its rows again (already held: no wait) and reads them as
   * the claims before it in the batch left them.
   */
  private Future<Void> lockInOrder(SqlConnection tx, List<ClaimService.Asked> batch) {
    Long[] needIds = SetBasedBatch.needIds(batch);
    Long[] pledgeIds = SetBasedBatch.pledgeIds(batch);
    Future<?> needs = ledger.lockNeeds(tx, needIds);
    Future<?> pledges =
        pledgeIds.length == 0 ? Future.succeededFuture() : ledger.lockPledges(tx, pledgeIds);
    Future<?> caps = ledger.lockCapsOfNeeds(tx, needIds);
    return Future.all(needs, pledges, caps).mapEmpty();
  }

  /** Each claim in turn under its own savepoint; answers each one's result or refusal. */
  private Future<List<Object>> applyEach(
      SqlConnection tx, List<ClaimService.Asked> batch, LocalDate today) {
    Future<List<Object>> done = Future.succeededFuture(new ArrayList<>(batch.size()));
    for (ClaimService.Asked asked : batch) {
      done =
          done.compose(
              results ->
                  applyOne(tx, asked, today)
                      .map(
                          r -> {
                            results.add(r);
                            return results;
                          }));
    }
    return done;
  }

  /**
   * One claim under a savepoint: applied (the savepoint released), or refused and rolled back to
   * the savepoint, its refusal kept for its caller. A failure of the rollback itself (the
   * connection is gone) fails the whole batch.
   */
  private Future<Object> applyOne(SqlConnection tx, ClaimService.Asked asked, LocalDate today) {
    // the savepoint and the need's lock go out together (pipelined on the connection); an applied
    // claim's savepoint is left open (the next one nests in it): released or not, it is one
    // subtransaction, and a round trip less
    Future<Void> savepoint = claims.savepoint(tx);
    Future<NeedAccount> need = ledger.lockNeed(tx, asked.claim().needId());
    return savepoint
        .compose(v -> need)
        .compose(n -> claimLocked(tx, asked.donor(), asked.claim(), n, today))
        .map(applied -> (Object) applied)
        .recover(refusal -> claims.rollbackToSavepoint(tx).map((Object) refusal));
  }

  /** Once its need is locked: choose the pledge, take. */
  private Future<Applied> claimLocked(
      SqlConnection tx,
      CurrentUser donor,
      ClaimService.Claim claim,
      NeedAccount need,
      LocalDate today) {
    ClaimChecks.checkNeedOpen(need, claim.needId(), today);
    return pledgeFor(tx, donor.donorId(), claim, need, today)
        .compose(p -> take(tx, donor, need, p, claim));
  }

  /**
   * The pledge a claim spends, locked after the need: the donor's own open pledge, checked against
   * the need, or new money as a new earmarked pledge of exactly the claimed amount.
   */
  private Future<PledgeAccount> pledgeFor(
      SqlConnection tx, long donorId, ClaimService.Claim claim, NeedAccount need, LocalDate today) {
    if (claim.pledgeId() != null) {
      return ledger
          .lockPledge(tx, claim.pledgeId())
          .map(p -> ClaimChecks.checkOwnPledge(p, donorId, claim.pledgeId(), need, today));
    }
    return claims
        .newEarmarkedPledge(
            tx,
            donorId,
            need.unit(),
            claim.quantity(),
            need.category(),
            need.villageId(),
            "claim of need " + need.id())
        .compose(id -> ledger.lockPledge(tx, id));
  }

  /**
   * Under the locks: the room {@link Limits} leaves (what the pledge already gives the need, then
   * the village cap, locked), why the donor suits the need, then the allocation written, its
   * counters moved; the audit rows go to the batch's one append, after every claim of the batch.
   */
  private Future<Applied> take(
      SqlConnection tx,
      CurrentUser donor,
      NeedAccount need,
      PledgeAccount pledge,
      ClaimService.Claim claim) {
    long quantity = claim.quantity();
    // three reads sent together (pipelined on the one connection), used once all have answered
    Future<Long> given = ledger.given(tx, need.id(), pledge.id());
    Future<Long> capRoom = ledger.capRoom(tx, need.villageId(), need.unit());
    Future<List<Reason>> why = allocations.reasonsFor(tx, need.id(), pledge.donorId());
    return Future.all(given, capRoom, why)
        .compose(
            all -> {
              Limits.check(
                  quantity,
                  Limits.room(need, pledge, given.result(), capRoom.result()),
                  need,
                  pledge);
              return why;
            })
        .compose(reasons -> write(tx, donor, need, pledge, quantity, reasons))
        .map(id -> Applied.of(donor, need, pledge, claim, id));
  }

  /** The confirmed allocation and its history, then the counters it holds; answers its id. */
  private Future<Long> write(
      SqlConnection tx,
      CurrentUser donor,
      NeedAccount need,
      PledgeAccount pledge,
      long quantity,
      List<Reason> reasons) {
    return ledger
        .insert(
            tx,
            need.id(),
            pledge.id(),
            null,
            "claim",
            need.unit(),
            quantity,
            Affinity.wireNames(reasons),
            AllocationStatus.CONFIRMED,
            donor.id())
        .compose(
            allocationId ->
                ledger
                    .hold(tx, need.id(), pledge.id(), need.villageId(), need.unit(), quantity)
                    .map(allocationId));
  }
}
