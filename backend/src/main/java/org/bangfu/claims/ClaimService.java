package org.bangfu.claims;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bangfu.allocations.Allocation;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.Limits;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.config.ClaimConfig;
import org.bangfu.db.DatabaseTrouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A donor takes (part of) a published need directly (认领), from one of its open pledges or with new
 * money (a new earmarked pledge of exactly that amount). The allocation is born {@code confirmed}:
 * the donor chose it.
 *
 * <p>Claims arriving together share one transaction (a batch, {@link GroupCommit}) written
 * set-based ({@link SetBasedBatch}): the {@link Ledger} locks the batch's needs, then pledges, then
 * village caps; each claim is decided in arrival order by {@link Limits} against what the claims
 * before it left; the batch's rows, counter moves and audit rows go in one statement each. Fifty
 * donors clicking at once are serialised by the needs' row locks and the order of the batch, and
 * the CHECKs of the schema refuse anything that would still slip past — then the batch is taken
 * again claim by claim, each under its own savepoint ({@link ClaimsOneByOne}), so that only the
 * claim the database refuses is refused.
 */
public final class ClaimService {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimService.class);
  private final Pool pool;
  private final Clock clock;
  private final ClaimRepository claims;
  private final SetBasedBatch setBased;
  private final ClaimsOneByOne oneByOne;
  private final GroupCommit<Asked, Allocation> batches;
  private final AtomicLong fallbacks = new AtomicLong();

  public ClaimService(
      Pool pool,
      Clock clock,
      Ledger ledger,
      ClaimRepository claims,
      AllocationRepository allocations,
      AuditLog audit,
      ClaimConfig config) {
    this.batches = new GroupCommit<>(this::applyBatch, config.batchMax(), config.batchesInFlight());
    this.pool = pool;
    this.clock = clock;
    this.claims = claims;
    this.setBased = new SetBasedBatch(ledger, claims, allocations, audit);
    this.oneByOne = new ClaimsOneByOne(ledger, claims, allocations, audit);
  }

  public record Claim(long needId, Long pledgeId, long quantity) {}

  /**
   * Takes (part of) a need. The claim waits for the node's next batch ({@link GroupCommit}): claims
   * arriving while a batch is written are applied together in one transaction, and answered once
   * that transaction has committed.
   */
  public Future<Allocation> claim(CurrentUser donor, Claim claim) {
    // the allocation comes read back by its batch, in the batch's flight of writes (four
    // statements for the whole batch, no round trip of its own)
    return batches.submit(new Asked(donor, claim));
  }

  /** Claims handed in and waiting for the next batch (for tests and metrics). */
  public int waiting() {
    return batches.waiting();
  }

  /**
   * Batches the database refused as a whole and that were taken again claim by claim, since the
   * node started (for tests and metrics: a batch of valid claims never needs it).
   */
  public long fallbacks() {
    return fallbacks.get();
  }

  /** One donor's claim, as handed to the batch. */
  record Asked(CurrentUser donor, Claim claim) {}

  /**
   * One batch in one transaction, set-based; when the database refuses it (a constraint or trigger
   * fires on one of its rows), rolled back and taken again in a new transaction claim by claim. A
   * batch that fails otherwise (the connection cut, PostgreSQL stopping) stores nothing and fails
   * every claim of it.
   */
  private Future<List<GroupCommit.Outcome<Allocation>>> applyBatch(List<Asked> batch) {
    LocalDate today = LocalDate.now(clock);
    return pool.withConnection(
        conn ->
            inTransaction(conn, () -> setBased.write(conn, batch, today))
                .recover(
                    failure -> {
                      // a batch of one has no other claim to spare: its refusal is its answer
                      if (batch.size() == 1 || !refusedByDatabase(failure)) {
                        return Future.failedFuture(failure);
                      }
                      fallbacks.incrementAndGet();
                      // the constraint's name only: a message may quote a row's values
                      LOG.info(
                          "a batch of {} claims refused by the database ({} {}): taken again claim"
                              + " by claim",
                          batch.size(),
                          ((PgException) failure).getSqlState(),
                          ((PgException) failure).getConstraint());
                      return inTransaction(conn, () -> oneByOne.write(conn, batch, today));
                    }));
  }

  /** A statement refused by PostgreSQL itself, on a connection that still works. */
  private static boolean refusedByDatabase(Throwable failure) {
    return failure instanceof PgException && !DatabaseTrouble.is(failure);
  }

  /**
   * BEGIN, the work, COMMIT; on any failure ROLLBACK (whose own failure is dropped: the first one
   * is the one that counts).
   */
  private <T> Future<T> inTransaction(SqlConnection conn, Supplier<Future<T>> work) {
    // BEGIN and COMMIT by hand, not pool.withTransaction: Vert.x marks its transaction failed at
    // the first error of any statement and then rolls back at commit, even after the ROLLBACK TO
    // SAVEPOINT that undid that statement — one claim refused by the database would cost the
    // whole batch. COMMIT of a transaction PostgreSQL holds as failed would also roll back
    // silently: the audit append comes last and fails in such a transaction, so a batch with
    // anything to commit never reaches COMMIT in that state.
    return claims
        .begin(conn)
        .compose(v -> work.get())
        .compose(result -> claims.commit(conn).map(result))
        .recover(
            failure ->
                claims.rollback(conn).otherwiseEmpty().compose(v -> Future.failedFuture(failure)));
  }
}
