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
 */
public final class AllocationService {

  public enum Step {
    CONFIRM(AllocationStatus.PROPOSED, AllocationStatus.CONFIRMED),
    DECLINE(AllocationStatus.PROPOSED, AllocationStatus.DECLINED),
    DELIVER(AllocationStatus.CONFIRMED, AllocationStatus.DELIVERED),
    RECEIVE(AllocationStatus.DELIVERED, AllocationStatus.RECEIVED),
    VERIFY(AllocationStatus.RECEIVED, AllocationStatus.VERIFIED);

    final AllocationStatus from;
    final AllocationStatus to;

    Step(AllocationStatus from, AllocationStatus to) {
      this.from = from;
      this.to = to;
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

  public Future<Allocation> transition(
      CurrentUser user, long id, Step step, String note, List<FileContent> files) {
    return pool.withTransaction(
        tx ->
            ledger
                .lockAllocation(tx, id)
                .compose(
                    a ->
                        a == null
                            ? Future.failedFuture(DomainException.notFound("allocation " + id))
                            : apply(tx, user, a, step, note, files)));
  }

  private Future<Allocation> apply(
      SqlConnection tx,
      CurrentUser user,
      Ledger.Held a,
      Step step,
      String note,
      List<FileContent> files) {
    authorise(user, a, step);
    if (a.status() != step.from) {
      return Future.failedFuture(wrongState(a, step));
    }
    return ledger
        .step(tx, a, step.to, user.id(), note)
        .compose(v -> evidence(tx, user, a.id(), step, note, files))
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
                    new JsonObject()
                        .put("status", step.to.wire())
                        .put("note", note)
                        .put("attachments", files == null ? 0 : files.size())))
        .compose(v -> allocations.one(tx, a.id()))
        .compose(after -> deadlines.stepped(tx, after, step.to).map(after));
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
          case VERIFY ->
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
