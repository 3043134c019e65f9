package org.bangfu.allocations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.notices.NoticeService;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The lifecycle of an allocation: proposed → confirmed (or declined) → delivered → received (with
 * evidence) → verified; each step by the role it belongs to, each one transaction with its history
 * row and audit row. Declining gives back to the need, the pledge and the village cap exactly what
 * the allocation held ({@link Ledger#step}).
 *
 * <p>Two steps go back, each with a reason kept in the history and the audit trail: the reviewer
 * returns a receipt to the village (received → delivered, its evidence kept, the secretary
 * re-submits), and revokes a mistaken verification while its public notice is in its window
 * (verified → received, a correction published on the notice). A verification needs a receipt file
 * or an exception saying why there is none.
 */
public final class AllocationService {

  public enum Step {
    CONFIRM(AllocationStatus.PROPOSED, AllocationStatus.CONFIRMED),
    DECLINE(AllocationStatus.PROPOSED, AllocationStatus.DECLINED),
    DELIVER(AllocationStatus.CONFIRMED, AllocationStatus.DELIVERED),
    RECEIVE(AllocationStatus.DELIVERED, AllocationStatus.RECEIVED),
    VERIFY(AllocationStatus.RECEIVED, AllocationStatus.VERIFIED),
    /** The receipt goes back to the village, its evidence kept. */
    RETURN(AllocationStatus.RECEIVED, AllocationStatus.DELIVERED),
    /** A mistaken verification is undone, its notice corrected. */
    REVOKE(AllocationStatus.VERIFIED, AllocationStatus.RECEIVED);

    final AllocationStatus from;
    final AllocationStatus to;

    Step(AllocationStatus from, AllocationStatus to) {
      this.from = from;
      this.to = to;
    }

    /** The history's name of a step back ({@code returned}, {@code revoked}); null otherwise. */
    String back() {
      return switch (this) {
        case RETURN -> "returned";
        case REVOKE -> "revoked";
        default -> null;
      };
    }
  }

  /**
   * What a step carries: a note (the reason of a step back), the receipt's files, and for a
   * verification without a receipt file the exception that explains it.
   */
  public record Input(String note, List<FileContent> files, VerificationException exception) {
    public Input {
      files = files == null ? List.of() : List.copyOf(files);
    }
  }

  private final Pool pool;
  private final Ledger ledger;
  private final AllocationRepository allocations;
  private final NoticeService notices;
  private final AllocationDeadlines deadlines;

  /**
   * {@code notices} publishes the 公示 of each verified allocation, in the verifying transaction;
   * {@code deadlines} keeps the allocation's deadlines in step with each step.
   */
  public AllocationService(
      Pool pool,
      Ledger ledger,
      AllocationRepository allocations,
      NoticeService notices,
      AllocationDeadlines deadlines) {
    this.deadlines = deadlines;
    this.pool = pool;
    this.ledger = ledger;
    this.allocations = allocations;
    this.notices = notices;
  }

  public Future<Page<Allocation>> list(
      CurrentUser user, AllocationRepository.Filter filter, Paging paging) {
    return allocations.list(pool, user, filter, paging);
  }

  /** One allocation the user may see; not found otherwise (not even its existence). */
  public Future<Allocation> one(CurrentUser user, long id) {
    return visible(user, id).compose(v -> allocations.one(pool, id));
  }

  public Future<AllocationRepository.EvidenceFile> evidence(CurrentUser user, long id, long n) {
    return visible(user, id)
        .compose(v -> allocations.evidenceFile(pool, id, (int) Math.min(n, Integer.MAX_VALUE)))
        .compose(
            f ->
                f == null
                    ? Future.failedFuture(
                        DomainException.notFound("evidence " + n + " of allocation " + id))
                    : Future.succeededFuture(f));
  }

  private Future<Void> visible(CurrentUser user, long id) {
    return allocations
        .visible(pool, user, id)
        .compose(
            seen ->
                seen
                    ? Future.succeededFuture()
                    : Future.failedFuture(DomainException.notFound("allocation " + id)));
  }

  public Future<Allocation> transition(CurrentUser user, long id, Step step, Input input) {
    return pool.withTransaction(
        tx ->
            ledger
                .lockAllocation(tx, id)
                .compose(
                    a ->
                        a == null
                            ? Future.failedFuture(DomainException.notFound("allocation " + id))
                            : apply(tx, user, a, step, input)));
  }

  private Future<Allocation> apply(
      SqlConnection tx, CurrentUser user, Ledger.Held a, Step step, Input input) {
    authorise(user, a, step);
    if (a.status() != step.from) {
      return Future.failedFuture(wrongState(a, step));
    }
    return before(tx, user, a, step, input)
        .compose(v -> move(tx, user, a, step, input.note()))
        .compose(v -> evidence(tx, user, a.id(), step, input.note(), input.files()))
        .compose(v -> publishIfVerified(tx, a, step))
        .compose(
            v ->
                AuditLog.append(
                    tx,
                    user,
                    "allocation",
                    a.id(),
                    step.name().toLowerCase(),
                    new JsonObject().put("status", a.status().wire()),
                    after(step, input)))
        .compose(v -> allocations.one(tx, a.id()))
        .compose(stepped -> deadlines.stepped(tx, stepped, step.to).map(stepped));
  }

  /**
   * What must hold before the step, under the allocation's lock: a verification rests on a receipt
   * file or an exception (recorded); a revocation publishes the correction of the notice, which is
   * refused once the notice's window has passed.
   */
  private Future<Void> before(
      SqlConnection tx, CurrentUser user, Ledger.Held a, Step step, Input input) {
    return switch (step) {
      case VERIFY ->
          allocations
              .hasReceiptFile(tx, a.id())
              .compose(file -> onEvidence(tx, user, a, file, input.exception()));
      case REVOKE -> notices.correctAllocationVerified(tx, user, a.id(), input.note()).mapEmpty();
      default -> Future.succeededFuture();
    };
  }

  private Future<Void> onEvidence(
      SqlConnection tx,
      CurrentUser user,
      Ledger.Held a,
      boolean file,
      VerificationException exception) {
    if (exception != null) {
      return allocations.addException(tx, a.id(), exception, user.id());
    }
    if (!file) {
      return Future.failedFuture(
          DomainException.conflict(
              "evidence_required",
              "allocation "
                  + a.id()
                  + " has no receipt file: verify it with an exception that says why",
              DomainException.params("id", a.id()),
              new DomainException.FieldError(
                  "exception", "evidence_required", "a receipt file or an exception is required")));
    }
    return Future.succeededFuture();
  }

  /** The status moves forward through the ledger's step, or back with the reason in history. */
  private Future<Void> move(
      SqlConnection tx, CurrentUser user, Ledger.Held a, Step step, String note) {
    return step.back() == null
        ? ledger.step(tx, a, step.to, user.id(), note)
        : ledger.stepBack(tx, a, step.to, user.id(), note, step.back());
  }

  /** The audit row's "after": the status, the note, how many files, and any exception. */
  private static JsonObject after(Step step, Input input) {
    JsonObject after =
        new JsonObject()
            .put("status", step.to.wire())
            .put("note", input.note())
            .put("attachments", input.files().size());
    VerificationException x = input.exception();
    if (x != null) {
      after.put("exception", new JsonObject().put("kind", x.kind()).put("reason", x.reason()));
    }
    return after;
  }

  private static DomainException wrongState(Ledger.Held a, Step step) {
    return DomainException.conflict(
        "allocation_wrong_state",
        "allocation "
            + a.id()
            + " is "
            + a.status().wire()
            + "; only a "
            + step.from.wire()
            + " allocation can become "
            + step.to.wire(),
        DomainException.params(
            "status", a.status().wire(), "from", step.from.wire(), "to", step.to.wire()));
  }

  /** A verified allocation goes on public notice (公示) in the verifying transaction. */
  private Future<Void> publishIfVerified(SqlConnection tx, Ledger.Held a, Step step) {
    return step == Step.VERIFY
        ? notices.publishAllocationVerified(tx, a.id()).mapEmpty()
        : Future.succeededFuture();
  }

  private static void authorise(CurrentUser user, Ledger.Held a, Step step) {
    String village = a.villageId();
    boolean allowed =
        switch (step) {
          case CONFIRM, DECLINE, DELIVER -> Access.canActForDonor(user, a.donorId());
          case RECEIVE ->
              user.is(Role.ADMIN)
                  || (user.is(Role.VILLAGE_SECRETARY) && village.equals(user.villageId()));
          case VERIFY, RETURN, REVOKE ->
              user.is(Role.ADMIN)
                  || (user.is(Role.REVIEWER) && Access.regionContains(user.regionId(), village));
        };
    if (!allowed) {
      throw DomainException.forbidden(
          "allocation " + a.id() + " is not yours to " + step.name().toLowerCase());
    }
  }

  private Future<Void> evidence(
      SqlConnection tx,
      CurrentUser user,
      long id,
      Step step,
      String note,
      List<FileContent> files) {
    if (step != Step.DELIVER && step != Step.RECEIVE) {
      return Future.succeededFuture();
    }
    Future<Void> chain =
        note == null
            ? Future.succeededFuture()
            : allocations.addNote(tx, id, step.to, note, user.id());
    for (FileContent f : files == null ? List.<FileContent>of() : files) {
      chain = chain.compose(v -> allocations.addFile(tx, id, step.to, f, user.id()));
    }
    return chain;
  }
}
