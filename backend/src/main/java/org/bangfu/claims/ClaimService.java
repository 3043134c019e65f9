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
import org.bangfu.config.ClaimConfig;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.Reason;
import org.bangfu.support.DomainException;

/**
 * A donor takes (part of) a published need directly (认领), from one of its open pledges or with new
 * money (a new earmarked pledge of exactly that amount). The allocation is born {@code confirmed}:
 * the donor chose it.
 *
 * <p>Claims arriving together share one transaction (a batch, {@link GroupCommit}), each under its
 * own savepoint: the {@link Ledger} locks the need, then the pledge, then the village cap; {@link
 * Limits} re-checks what is left under the locks; the ledger moves the counters and writes the
 * allocation and its history; the batch's audit rows go last in the same transaction. Fifty donors
 * clicking at once are serialised by the need's row lock (or taken one after the other in a batch,
 * each seeing what the one before left), and the CHECKs of the schema refuse anything that would
 * still slip past.
 */
public final class ClaimService {
  private final Pool pool;
  private final Clock clock;
  private final Ledger ledger;
  private final ClaimRepository claims;
  private final AllocationRepository allocations;

  private final AuditLog audit;
  private final GroupCommit<Asked, Long> batches;

  public ClaimService(
      Pool pool,
      Clock clock,
      Ledger ledger,
      ClaimRepository claims,
      AllocationRepository allocations,
      AuditLog audit,
      ClaimConfig config) {
    this.audit = audit;
    this.batches = new GroupCommit<>(this::applyBatch, config.batchMax(), config.batchesInFlight());
    this.pool = pool;
    this.clock = clock;
    this.ledger = ledger;
    this.claims = claims;
    this.allocations = allocations;
  }

  public record Claim(long needId, Long pledgeId, long quantity) {}

  /**
   * Takes (part of) a need. The claim waits for the node's next batch ({@link GroupCommit}): claims
   * arriving while a batch is written are applied together in one transaction, each under its own
   * savepoint, and answered once that transaction has committed.
   */
  public Future<Allocation> claim(CurrentUser donor, Claim claim) {
    // the allocation is read back after the commit, by each caller on its own: four round trips
    // a claim that no longer hold the batch (and every claim behind it) up
    return batches.submit(new Asked(donor, claim)).compose(id -> allocations.one(pool, id));
  }

  /** Claims handed in and waiting for the next batch (for tests and metrics). */
  public int waiting() {
    return batches.waiting();
  }

  /** One donor's claim, as handed to the batch. */
  record Asked(CurrentUser donor, Claim claim) {}

  /** A claim applied inside its batch's transaction: its allocation's id and its audit rows. */
  private record Applied(long allocationId, List<AuditLog.Entry> audit) {}

  /**
   * One batch in one transaction: every need, pledge and cap the batch names locked first, in the
   * ledger's order; then each claim under its own savepoint through the same steps a lone claim
   * takes (a refusal rolls back that claim alone); then the audit rows of the applied claims in
   * their order, one append; one commit.
   */
  private Future<List<GroupCommit.Outcome<Long>>> applyBatch(List<Asked> batch) {
    LocalDate today = LocalDate.now(clock);
    // BEGIN and COMMIT by hand, not pool.withTransaction: Vert.x marks its transaction failed at
    // the first error of any statement and then rolls back at commit, even after the ROLLBACK TO
    // SAVEPOINT that undid that statement — one claim refused by the database would cost the
    // whole batch. COMMIT of a transaction PostgreSQL holds as failed would also roll back
    // silently: the audit append comes last and fails in such a transaction, so a batch with
    // anything to commit never reaches COMMIT in that state.
    return pool.withConnection(
        conn ->
            claims
                .begin(conn)
                .compose(v -> writeBatch(conn, batch, today))
                .compose(outcomes -> claims.commit(conn).map(outcomes))
                .recover(
                    failure ->
                        claims
                            .rollback(conn)
                            .otherwiseEmpty()
                            .compose(v -> Future.failedFuture(failure))));
  }

  private Future<List<GroupCommit.Outcome<Long>>> writeBatch(
      SqlConnection tx, List<Asked> batch, LocalDate today) {
    return lockInOrder(tx, batch)
        .compose(v -> applyEach(tx, batch, today))
        .compose(results -> audit.appendAll(tx, auditOf(results)).map(v -> outcomes(results)));
  }

  /**
   * The needs, then the donors' own pledges, then the villages' caps of the whole batch, each kind
   * in ascending order: so a batch, like a lone claim, never holds a later kind while it waits for
   * an earlier one. Each claim then locks its rows again (already held: no wait) and reads them as
   * the claims before it in the batch left them.
   */
  private Future<Void> lockInOrder(SqlConnection tx, List<Asked> batch) {
    Long[] needIds = batch.stream().map(a -> a.claim().needId()).distinct().toArray(Long[]::new);
    Long[] pledgeIds =
        batch.stream()
            .map(a -> a.claim().pledgeId())
            .filter(id -> id != null)
            .distinct()
            .toArray(Long[]::new);
    return ledger
        .lockNeeds(tx, needIds)
        .compose(
            needs ->
                (pledgeIds.length == 0
                        ? Future.succeededFuture()
                        : ledger.lockPledges(tx, pledgeIds))
                    .compose(
                        v ->
                            ledger.lockCaps(
                                tx,
                                needs.values().stream()
                                    .map(NeedAccount::villageId)
                                    .distinct()
                                    .toArray(String[]::new))))
        .mapEmpty();
  }

  /** Each claim in turn under its own savepoint; answers each one's result or refusal. */
  private Future<List<Object>> applyEach(SqlConnection tx, List<Asked> batch, LocalDate today) {
    Future<List<Object>> done = Future.succeededFuture(new ArrayList<>(batch.size()));
    for (Asked asked : batch) {
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
  private Future<Object> applyOne(SqlConnection tx, Asked asked, LocalDate today) {
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

  private static List<AuditLog.Entry> auditOf(List<Object> results) {
    List<AuditLog.Entry> all = new ArrayList<>();
    for (Object r : results) {
      if (r instanceof Applied a) {
        all.addAll(a.audit());
      }
    }
    return all;
  }

  private static List<GroupCommit.Outcome<Long>> outcomes(List<Object> results) {
    return results.stream()
        .map(
            r ->
                r instanceof Applied a
                    ? GroupCommit.Outcome.done(a.allocationId())
                    : GroupCommit.Outcome.<Long>refused((Throwable) r))
        .toList();
  }

  /**
   * What a lone claim did in its own transaction, once its need is locked: choose the pledge, take.
   */
  private Future<Applied> claimLocked(
      SqlConnection tx, CurrentUser donor, Claim claim, NeedAccount need, LocalDate today) {
    checkNeedOpen(need, claim.needId(), today);
    return pledgeFor(tx, donor.donorId(), claim, need, today)
        .compose(p -> take(tx, donor, need, p, claim));
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
   * counters moved; the audit rows go to the batch's one append, after every claim of the batch.
   */
  private Future<Applied> take(
      SqlConnection tx, CurrentUser donor, NeedAccount need, PledgeAccount pledge, Claim claim) {
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
        .map(id -> new Applied(id, audit(donor, need, pledge, claim, id)));
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
