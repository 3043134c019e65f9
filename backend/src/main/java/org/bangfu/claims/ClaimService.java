package org.bangfu.claims;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.allocations.Allocation;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.AllocationStatus;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.Limits;
import org.bangfu.allocations.NeedAccount;
import org.bangfu.allocations.PledgeAccount;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.Reason;
import org.bangfu.support.DomainException;

/**
 * A donor takes (part of) a published need directly (认领), from one of its open pledges or with new
 * money (a new earmarked pledge of exactly that amount). The allocation is born {@code confirmed}:
 * the donor chose it.
 *
 * <p>One transaction: the {@link Ledger} locks the need, then the pledge, then the village cap;
 * {@link Limits} re-checks what is left under the locks; the ledger moves the counters and writes
 * the allocation and its history; the audit row goes in the same transaction. Fifty donors clicking
 * at once are serialised by the need's row lock, and the CHECKs of the schema refuse anything that
 * would still slip past.
 */
public final class ClaimService {
  private final Pool pool;
  private final Clock clock;
  private final Ledger ledger;
  private final ClaimRepository claims;
  private final AllocationRepository allocations;

  private final AuditLog audit;

  public ClaimService(
      Pool pool,
      Clock clock,
      Ledger ledger,
      ClaimRepository claims,
      AllocationRepository allocations,
      AuditLog audit) {
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.ledger = ledger;
    this.claims = claims;
    this.allocations = allocations;
  }

  public record Claim(long needId, Long pledgeId, long quantity) {}

  public Future<Allocation> claim(CurrentUser donor, Claim claim) {
    long donorId = donor.donorId();
    LocalDate today = LocalDate.now(clock);
    return pool.withTransaction(
        tx ->
            ledger
                .lockNeed(tx, claim.needId())
                .compose(
                    need -> {
                      checkNeedOpen(need, claim.needId(), today);
                      return pledgeFor(tx, donorId, claim, need, today)
                          .compose(p -> take(tx, donor, need, p, claim));
                    }));
  }

  /**
   * The pledge a claim spends, locked after the need: the donor's own open pledge, checked against
   * the need, or new money as a new earmarked pledge of exactly the claimed amount.
   */
  private Future<PledgeAccount> pledgeFor(
      SqlConnection tx, long donorId, Claim claim, NeedAccount need, LocalDate today) {
    if (claim.pledgeId() != null) {
      return ledger
          .lockPledge(tx, claim.pledgeId())
          .map(p -> checkOwnPledge(p, donorId, claim.pledgeId(), need, today));
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

  private static void checkNeedOpen(NeedAccount need, long id, LocalDate today) {
    if (need == null || !need.status().isPublic()) {
      // drafts, rejected and withdrawn needs are invisible to donors: no such need for them
      throw DomainException.notFound("need " + id);
    }
    if (!need.status().open()) {
      throw DomainException.conflict(
          "need_not_open",
          "need " + id + " is " + need.status().wire() + ", not open for claims",
          DomainException.params("needId", id, "status", need.status().wire()));
    }
    if (need.pastDeadline(today)) {
      throw DomainException.conflict(
          "need_past_deadline",
          "need " + id + " is past its deadline " + need.deadline(),
          DomainException.params("needId", id, "deadline", need.deadline().toString()));
    }
  }

  private static PledgeAccount checkOwnPledge(
      PledgeAccount p, long donorId, long pledgeId, NeedAccount need, LocalDate today) {
    if (p == null) {
      throw DomainException.invalid(
          "pledgeId", "not_found", "pledge " + pledgeId + " does not exist");
    }
    if (p.donorId() != donorId) {
      // 403s keep the general code "forbidden" that clients rely on; the reason says which rule
      throw new DomainException(
          DomainException.Kind.FORBIDDEN,
          "forbidden",
          "pledge " + pledgeId + " is not yours",
          DomainException.params("reason", "pledge_not_yours", "pledgeId", pledgeId),
          java.util.List.of());
    }
    if (p.status() != PledgeStatus.OPEN) {
      throw DomainException.conflict(
          "pledge_not_open",
          "pledge " + pledgeId + " is " + p.status().wire(),
          DomainException.params("pledgeId", pledgeId, "status", p.status().wire()));
    }
    if (p.expiredOn(today)) {
      throw DomainException.conflict(
          "pledge_expired",
          "pledge " + pledgeId + " expired on " + p.expires(),
          DomainException.params("pledgeId", pledgeId, "expires", p.expires().toString()));
    }
    return checkPledgeFits(p, need);
  }

  /** The pledge's unit is the need's, and its categories and scope cover the need. */
  private static PledgeAccount checkPledgeFits(PledgeAccount p, NeedAccount need) {
    if (!p.unit().equals(need.unit())) {
      throw DomainException.invalid(
          "pledgeId",
          "unit_mismatch",
          "pledge is in " + p.unit() + " but the need is in " + need.unit(),
          DomainException.params("pledgeUnit", p.unit(), "needUnit", need.unit()));
    }
    if (!p.categories().isEmpty() && !p.categories().contains(need.category())) {
      throw DomainException.invalid(
          "pledgeId",
          "category_not_covered",
          "pledge does not cover the category " + need.category(),
          DomainException.params("category", need.category()));
    }
    if (!p.scope().isEmpty()
        && p.scope().stream().noneMatch(r -> Access.regionContains(r, need.villageId()))) {
      throw DomainException.invalid(
          "pledgeId",
          "outside_scope",
          "village " + need.villageId() + " is outside the pledge's scope",
          DomainException.params("villageId", need.villageId()));
    }
    return p;
  }

  /**
   * Under the locks: the room {@link Limits} leaves (what the pledge already gives the need, then
   * the village cap, locked), why the donor suits the need, then the allocation written, its
   * counters moved and the audit rows last.
   */
  private Future<Allocation> take(
      SqlConnection tx, CurrentUser donor, NeedAccount need, PledgeAccount pledge, Claim claim) {
    long quantity = claim.quantity();
    return ledger
        .given(tx, need.id(), pledge.id())
        .compose(
            given ->
                ledger
                    .capRoom(tx, need.villageId(), need.unit())
                    .map(capRoom -> Limits.room(need, pledge, given, capRoom)))
        .compose(
            room -> {
              Limits.check(quantity, room, need, pledge);
              return allocations.reasonsFor(tx, need.id(), pledge.donorId());
            })
        .compose(reasons -> write(tx, donor, need, pledge, quantity, reasons))
        .compose(allocationId -> allocations.one(tx, allocationId))
        .compose(
            allocation ->
                audit
                    .appendAll(tx, audit(donor, need, pledge, claim, allocation.id()))
                    .map(allocation));
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

  /** The audit rows of a claim: the new pledge when it is new money, then the allocation. */
  private static List<AuditLog.Entry> audit(
      CurrentUser donor, NeedAccount need, PledgeAccount pledge, Claim claim, long allocationId) {
    // the audit rows last and in one round trip (audit.appendAll)
    List<AuditLog.Entry> audit = new ArrayList<>();
    if (claim.pledgeId() == null) {
      audit.add(
          new AuditLog.Entry(
              donor,
              "pledge",
              pledge.id(),
              "create",
              null,
              new JsonObject()
                  .put("unit", need.unit())
                  .put("quantity", claim.quantity())
                  .put("mode", "earmarked")
                  .put("needId", need.id())));
    }
    audit.add(
        new AuditLog.Entry(
            donor,
            "allocation",
            allocationId,
            "claim",
            null,
            new JsonObject()
                .put("needId", need.id())
                .put("pledgeId", pledge.id())
                .put("quantity", claim.quantity())
                .put("status", AllocationStatus.CONFIRMED.wire())
                .put("need", need.toJson())
                .put("pledge", pledge.toJson())));
    return audit;
  }
}
