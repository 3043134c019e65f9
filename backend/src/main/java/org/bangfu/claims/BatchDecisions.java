package org.bangfu.claims;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.Limits;
import org.bangfu.allocations.NeedAccount;
import org.bangfu.allocations.PledgeAccount;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.Reason;

/**
 * A batch's claims decided in memory, in arrival order, against what the batch read under its
 * locks: each claim passes the same {@link ClaimChecks} and the same {@link Limits#check} as a
 * claim taken alone, against the needs, pledges, caps and per-need totals as the claims before it
 * in the batch left them. Nothing here touches the database; what is decided is written afterwards
 * in one statement per kind of row.
 */
final class BatchDecisions {
  /** What the batch read under its locks, and the ids taken for its new rows. */
  record Read(
      Map<Long, NeedAccount> needs,
      Map<Long, PledgeAccount> pledges,
      Map<Ledger.CapKey, Ledger.Cap> caps,
      Map<Ledger.Pair, Long> given,
      Map<Long, Affinity.Place> places,
      Map<Long, Affinity.Ties> ties,
      ClaimRepository.Ids ids) {}

  /** Each claim's result ({@link Applied} or its refusal), and the rows to write for them. */
  record Decided(
      List<Object> results,
      List<ClaimRepository.NewPledge> newPledges,
      List<Ledger.Claimed> allocations) {}

  private final Map<Long, NeedAccount> needs;
  private final Map<Long, PledgeAccount> pledges;
  private final Map<Ledger.CapKey, Ledger.Cap> caps;
  private final Map<Ledger.Pair, Long> given;
  private final Read read;
  private final Iterator<Long> pledgeIds;
  private final Iterator<Long> allocationIds;
  private final LocalDate today;
  private final List<ClaimRepository.NewPledge> newPledges = new ArrayList<>();
  private final List<Ledger.Claimed> allocations = new ArrayList<>();

  private BatchDecisions(Read read, LocalDate today) {
    this.read = read;
    this.needs = new HashMap<>(read.needs());
    this.pledges = new HashMap<>(read.pledges());
    this.caps = new HashMap<>(read.caps());
    this.given = new HashMap<>(read.given());
    this.pledgeIds = read.ids().pledges().iterator();
    this.allocationIds = read.ids().allocations().iterator();
    this.today = today;
  }

  /** Decides each claim of {@code batch} in turn. */
  static Decided decide(List<ClaimService.Asked> batch, Read read, LocalDate today) {
    BatchDecisions d = new BatchDecisions(read, today);
    List<Object> results = new ArrayList<>(batch.size());
    for (ClaimService.Asked asked : batch) {
      results.add(d.decideOne(asked));
    }
    return new Decided(results, d.newPledges, d.allocations);
  }

  /** One claim: applied (its rows planned, the accounts moved) or its refusal. */
  private Object decideOne(ClaimService.Asked asked) {
    ClaimService.Claim claim = asked.claim();
    long donorId = asked.donor().donorId();
    try {
      NeedAccount need = needs.get(claim.needId());
      ClaimChecks.checkNeedOpen(need, claim.needId(), today);
      PledgeAccount pledge =
          claim.pledgeId() == null
              ? newMoney(donorId, need, claim.quantity())
              : ClaimChecks.checkOwnPledge(
                  pledges.get(claim.pledgeId()), donorId, claim.pledgeId(), need, today);
      Ledger.Pair pair = new Ledger.Pair(need.id(), pledge.id());
      Ledger.CapKey capKey = new Ledger.CapKey(need.villageId(), need.unit());
      Ledger.Cap cap = caps.get(capKey);
      long capRoom = cap == null ? Limits.NONE : cap.room();
      Limits.check(
          claim.quantity(),
          Limits.room(need, pledge, given.getOrDefault(pair, 0L), capRoom),
          need,
          pledge);
      return apply(asked, need, pledge, pair, capKey);
    } catch (RuntimeException refusal) {
      return refusal;
    }
  }

  /**
   * New money: an earmarked pledge of exactly the claimed amount, for the need's category and
   * village (its id taken beforehand; written only if the claim is applied).
   */
  private PledgeAccount newMoney(long donorId, NeedAccount need, long quantity) {
    return new PledgeAccount(
        pledgeIds.next(),
        donorId,
        need.unit(),
        quantity,
        0,
        PledgeStatus.OPEN,
        List.of(need.category()),
        List.of(need.villageId()),
        null,
        null,
        "earmarked");
  }

  /** The claim's rows planned, and the need, pledge, per-need total and cap moved by it. */
  private Applied apply(
      ClaimService.Asked asked,
      NeedAccount need,
      PledgeAccount pledge,
      Ledger.Pair pair,
      Ledger.CapKey capKey) {
    ClaimService.Claim claim = asked.claim();
    long q = claim.quantity();
    long id = allocationIds.next();
    if (claim.pledgeId() == null) {
      newPledges.add(
          new ClaimRepository.NewPledge(
              pledge.id(),
              pledge.donorId(),
              need.unit(),
              q,
              need.category(),
              need.villageId(),
              "claim of need " + need.id()));
    }
    List<Reason> reasons =
        AllocationRepository.reasons(
            read.places().get(need.id()), read.ties().get(pledge.donorId()));
    allocations.add(
        new Ledger.Claimed(
            id,
            new Ledger.NewAllocation(
                need.id(),
                pledge.id(),
                need.villageId(),
                need.unit(),
                q,
                Affinity.wireNames(reasons)),
            asked.donor().id()));
    needs.put(need.id(), need.plus(q));
    pledges.put(pledge.id(), pledge.plus(q));
    given.merge(pair, q, Long::sum);
    caps.computeIfPresent(capKey, (k, c) -> c.plus(q));
    return Applied.of(asked.donor(), need, pledge, claim, id);
  }
}
