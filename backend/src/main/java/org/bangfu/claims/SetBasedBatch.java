package org.bangfu.claims;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bangfu.allocations.Allocation;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.NeedAccount;
import org.bangfu.allocations.PledgeAccount;
import org.bangfu.audit.AuditLog;
import org.bangfu.matching.model.Affinity;

/**
 * A batch of claims written set-based, as a match round writes its proposals: a few statements
 * whatever the batch's size. First, sent together, the locks in the ledger's order (the batch's
 * needs, then the donors' own pledges, then the villages' caps, ascending ids in each) and the
 * reads under them (what the pledges already give the needs, the needs' places and the donors' ties
 * for the reasons, ids for the new rows); then each claim decided in memory in arrival order
 * ({@link BatchDecisions}: the same checks and {@code Limits.check} as a lone claim); then, sent
 * together, the new pledges, the allocations, their history, the counter moves in one statement
 * each and one audit append. The schema's CHECKs and triggers still judge every row: a batch they
 * refuse fails as a whole, and the caller takes it again claim by claim ({@link ClaimsOneByOne}).
 */
final class SetBasedBatch {
  private final Ledger ledger;
  private final ClaimRepository claims;
  private final AllocationRepository allocations;
  private final AuditLog audit;

  SetBasedBatch(
      Ledger ledger, ClaimRepository claims, AllocationRepository allocations, AuditLog audit) {
    this.ledger = ledger;
    this.claims = claims;
    this.allocations = allocations;
    this.audit = audit;
  }

  /**
   * Locks, reads, decides and writes the batch on {@code tx} (begun and committed by the caller).
   */
  Future<List<GroupCommit.Outcome<Allocation>>> write(
      SqlConnection tx, List<ClaimService.Asked> batch, LocalDate today) {
    return lockAndRead(tx, batch)
        .map(read -> BatchDecisions.decide(batch, read, today))
        .compose(
            decided -> store(tx, decided).map(read -> Applied.outcomes(decided.results(), read)));
  }

  /** Every lock and read of the batch, sent together; PostgreSQL runs them in this order. */
  private Future<BatchDecisions.Read> lockAndRead(
      SqlConnection tx, List<ClaimService.Asked> batch) {
    Long[] needIds = needIds(batch);
    Long[] pledgeIds = pledgeIds(batch);
    Long[] donorIds = batch.stream().map(a -> a.donor().donorId()).distinct().toArray(Long[]::new);
    int newMoney = (int) batch.stream().filter(a -> a.claim().pledgeId() == null).count();
    Future<Map<Long, NeedAccount>> needs = ledger.lockNeeds(tx, needIds);
    Future<Map<Long, PledgeAccount>> pledges =
        pledgeIds.length == 0
            ? Future.succeededFuture(Map.of())
            : ledger.lockPledges(tx, pledgeIds);
    Future<Map<Ledger.CapKey, Ledger.Cap>> caps = ledger.lockCapsOfNeeds(tx, needIds);
    Future<Map<Ledger.Pair, Long>> given =
        pledgeIds.length == 0
            ? Future.succeededFuture(Map.of())
            : ledger.given(tx, pledgeIds, needIds);
    Future<Map<Long, Affinity.Place>> places = allocations.places(tx, needIds);
    Future<Map<Long, Affinity.Ties>> ties = allocations.ties(tx, donorIds);
    Future<ClaimRepository.Ids> ids = claims.nextIds(tx, newMoney, batch.size());
    return Future.all(List.of(needs, pledges, caps, given, places, ties, ids))
        .map(
            all ->
                new BatchDecisions.Read(
                    needs.result(),
                    pledges.result(),
                    caps.result(),
                    given.result(),
                    places.result(),
                    ties.result(),
                    ids.result()));
  }

  /**
   * The decided rows, sent together: new pledges before the allocations that spend them, the new
   * allocations read back as their donors will get them, the audit rows last (the chain's lock is
   * then held for the append and the commit only). Answers what was read back.
   */
  private Future<Map<Long, Allocation>> store(SqlConnection tx, BatchDecisions.Decided decided) {
    Future<Void> pledges = claims.newEarmarkedPledges(tx, decided.newPledges());
    Future<Void> written = ledger.claimAll(tx, decided.allocations());
    Future<Map<Long, Allocation>> read = allocations.many(tx, Applied.ids(decided.results()));
    Future<Void> audited = audit.appendAll(tx, Applied.auditOf(decided.results()));
    return Future.all(pledges, written, read, audited).map(all -> read.result());
  }

  /** The batch's needs, each once. */
  static Long[] needIds(List<ClaimService.Asked> batch) {
    return batch.stream().map(a -> a.claim().needId()).distinct().toArray(Long[]::new);
  }

  /** The donors' own pledges the batch names, each once. */
  static Long[] pledgeIds(List<ClaimService.Asked> batch) {
    return batch.stream()
        .map(a -> a.claim().pledgeId())
        .filter(Objects::nonNull)
        .distinct()
        .toArray(Long[]::new);
  }
}
