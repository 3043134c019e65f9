package org.bangfu.allocations;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import org.bangfu.deadlines.Deadline;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;

/**
 * The deadlines of an allocation's life, kept in step with its status in the transaction that moves
 * it: a round's proposals wait for their donor; a delivery waits for the village's secretary to
 * record receipt; a receipt waits for the county to verify it. Whatever moves an allocation (a step
 * on the desk, a round, the expiry, a withdrawal) calls this.
 *
 * <p>A donor's proposals of one round wait as <em>one</em> deadline (V189): they are all due at the
 * same moment and the donor answers them from one list, so one inbox item per round says how many
 * still wait. Its subject is {@link #ROUND_PROPOSALS}, {@code <round>:<donor>}; it is met when the
 * donor's answer (a confirmation or a refusal) leaves none of them proposed, cancelled when their
 * end (expired, their need or pledge withdrawn or ended) leaves none. Each closing locks the
 * deadline first and counts what still waits after the lock, so of two transactions answering a
 * donor's last two proposals at once, the second sees the first's answer.
 */
public final class AllocationDeadlines {
  /** What the deadlines of one allocation are about (its delivery, its receipt). */
  public static final String SUBJECT = "allocation";

  /** What a donor's proposals of a round wait as: one deadline, {@code <round id>:<donor id>}. */
  public static final String ROUND_PROPOSALS = "round_proposals";

  /** The deadline {@code d} stands for nothing that still waits (the rule is the database's). */
  static final String NONE_WAITING = "round_proposals_waiting(d.subject_id) = 0";

  private final Deadlines engine;

  public AllocationDeadlines(Deadlines engine) {
    this.engine = engine;
  }

  /** {@code a} (as it is now) was moved to {@code to}: what that settles met, what comes opened. */
  public Future<Void> stepped(SqlClient tx, Allocation a, AllocationStatus to) {
    Subject s = Subject.of(SUBJECT, a.id());
    return switch (to) {
      case PROPOSED ->
          Future.failedFuture(
              new IllegalStateException("only a round proposes; its deadlines: proposedInRound"));
      case CONFIRMED, DECLINED -> settled(tx, List.of(a.id()), Deadline.State.MET);
      case EXPIRED -> settled(tx, List.of(a.id()), Deadline.State.CANCELLED);
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
   * The proposals round {@code roundId} wrote in the caller's transaction wait for their donors:
   * one deadline per donor, opened in one statement from the allocations themselves (the round is
   * new, so none can be open yet and none is looked for).
   */
  public Future<Void> proposedInRound(SqlClient tx, long roundId) {
    return engine
        .openSelectedForNewByRule(
            tx,
            DeadlineKind.PROPOSAL_CONFIRM,
            AllocationRepository.roundProposalOpenings(),
            List.of(roundId, ROUND_PROPOSALS))
        .mapEmpty();
  }

  /** Proposals that expired (their need or pledge ended, or nobody confirmed in time). */
  public Future<Void> expired(SqlClient tx, List<Ledger.Held> proposals) {
    return settled(tx, proposals.stream().map(Ledger.Held::id).toList(), Deadline.State.CANCELLED);
  }

  /**
   * Proposals {@code ids} left {@code proposed} in the caller's transaction: the deadline of each
   * one's round and donor closes as {@code to} if none of that donor's proposals of the round still
   * waits.
   */
  private Future<Void> settled(SqlClient tx, List<Long> ids, Deadline.State to) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return engine
        .closeWhenDone(
            tx,
            DeadlineKind.PROPOSAL_CONFIRM,
            ROUND_PROPOSALS,
            AllocationRepository.roundProposalsOf(),
            List.of((Object) ids.toArray(new Long[0])),
            NONE_WAITING,
            to)
        .mapEmpty();
  }
}
