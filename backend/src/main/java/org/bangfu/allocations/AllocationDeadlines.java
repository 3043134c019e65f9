package org.bangfu.allocations;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;

/**
 * The deadlines of an allocation's life, kept in step with its status in the transaction that moves
 * it: a proposal waits for its donor (confirmed: met; declined or expired: cancelled); a delivery
 * waits for the village's secretary to record receipt; a receipt waits for the county to verify it.
 * Whatever moves an allocation (a step on the desk, a round, the expiry, a withdrawal) calls this.
 */
public final class AllocationDeadlines {
  /** What the deadlines of allocations are about. */
  public static final String SUBJECT = "allocation";

  private final Deadlines engine;

  public AllocationDeadlines(Deadlines engine) {
    this.engine = engine;
  }

  /** {@code a} (as it is now) was moved to {@code to}: what that settles met, what comes opened. */
  public Future<Void> stepped(SqlClient tx, Allocation a, AllocationStatus to) {
    Subject s = Subject.of(SUBJECT, a.id());
    return switch (to) {
      case PROPOSED -> open(tx, DeadlineKind.PROPOSAL_CONFIRM, a, Owner.donor(a.donorId()));
      case CONFIRMED -> engine.meet(tx, DeadlineKind.PROPOSAL_CONFIRM, s);
      case DECLINED, EXPIRED -> engine.cancel(tx, DeadlineKind.PROPOSAL_CONFIRM, s);
      case DELIVERED -> open(tx, DeadlineKind.DELIVERY_RECEIVE, a, Owner.secretary(a.villageId()));
      case RECEIVED ->
          engine
              .meet(tx, DeadlineKind.DELIVERY_RECEIVE, s)
              .compose(
                  v -> open(tx, DeadlineKind.RECEIPT_VERIFY, a, Owner.countyOf(a.villageId())));
      case VERIFIED -> engine.meet(tx, DeadlineKind.RECEIPT_VERIFY, s);
    };
  }

  private Future<Void> open(SqlClient tx, DeadlineKind kind, Allocation a, Owner who) {
    return engine
        .open(tx, kind, Opening.of(Subject.of(SUBJECT, a.id()), who, a.villageId(), a.needTitle()))
        .mapEmpty();
  }

  /**
   * The proposals round {@code roundId} wrote in the caller's transaction, each waiting for its
   * pledge's donor: opened in one statement from the allocations themselves (none can have a
   * deadline open yet, so none is looked for).
   */
  public Future<Void> proposedInRound(SqlClient tx, long roundId) {
    return engine
        .openSelectedForNewByRule(
            tx,
            DeadlineKind.PROPOSAL_CONFIRM,
            AllocationRepository.roundProposalOpenings(),
            List.of(roundId, SUBJECT))
        .mapEmpty();
  }

  /** Proposals that expired (their need or pledge ended, or nobody confirmed in time). */
  public Future<Void> expired(SqlClient tx, List<Ledger.Held> proposals) {
    return engine.cancelAll(
        tx,
        DeadlineKind.PROPOSAL_CONFIRM,
        SUBJECT,
        proposals.stream().map(a -> Long.toString(a.id())).toList());
  }
}
