package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.bangfu.allocations.AllocationDeadlines;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.AllocationStatus;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.NeedAccount;
import org.bangfu.allocations.NeedStatus;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;
import org.bangfu.regions.Region;
import org.bangfu.regions.RegionRepository;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Needs: browsing (with why each suits the donor asking), posting and editing (the village's
 * secretary), review (submit → publish or reject), withdrawal. Every change is one transaction with
 * its audit row; the need's row is locked by the {@link Ledger}.
 */
public final class NeedService {
  /** A need in one of these has nothing left to withdraw. */
  private static final Set<NeedStatus> ENDED =
      Set.of(NeedStatus.FULFILLED, NeedStatus.VERIFIED, NeedStatus.EXPIRED, NeedStatus.WITHDRAWN);

  private final Pool pool;
  private final Clock clock;
  private final Ledger ledger;
  private final NeedRepository needs;
  private final AllocationRepository allocations;
  private final RegionRepository regions;
  private final Deadlines engine;
  private final AllocationDeadlines allocationDeadlines;

  private final AuditLog audit;

  /**
   * {@code allocations} tells a donor why a need suits them ({@link Affinities}); review and
   * withdrawal keep the need's deadlines ({@code engine}) and its proposals' in step.
   */
  public NeedService(
      Pool pool,
      Clock clock,
      Ledger ledger,
      NeedRepository needs,
      AllocationRepository allocations,
      RegionRepository regions,
      Deadlines engine,
      AllocationDeadlines allocationDeadlines,
      AuditLog audit) {
    this.audit = audit;
    this.engine = engine;
    this.allocationDeadlines = allocationDeadlines;
    this.pool = pool;
    this.clock = clock;
    this.ledger = ledger;
    this.needs = needs;
    this.allocations = allocations;
    this.regions = regions;
  }

  /** A need with, for a donor, why it suits them ({@code null} for anyone else). */
  public record Shown(Need need, List<String> reasons) {}

  /** The review steps: from which statuses, to which. */
  enum Review {
    SUBMIT(Set.of(NeedStatus.DRAFT, NeedStatus.REJECTED), NeedStatus.SUBMITTED),
    PUBLISH(Set.of(NeedStatus.SUBMITTED), NeedStatus.PUBLISHED),
    REJECT(Set.of(NeedStatus.SUBMITTED), NeedStatus.REJECTED);

    final Set<NeedStatus> from;
    final NeedStatus to;

    Review(Set<NeedStatus> from, NeedStatus to) {
      this.from = from;
      this.to = to;
    }

    String action() {
      return name().toLowerCase();
    }
  }

  // ---- reading

  Future<Page<Shown>> list(CurrentUser user, NeedRepository.Filter filter, Paging paging) {
    return Affinities.forUser(allocations, pool, user)
        .compose(
            affinity ->
                needs
                    .list(pool, user, filter, paging)
                    .map(page -> page.map(n -> new Shown(n, affinity.reasons(n)))));
  }

  /** A page of the needs the user may see, without the donor's reasons (kept pages). */
  Future<Page<Need>> page(CurrentUser user, NeedRepository.Filter filter, Paging paging) {
    return needs.list(pool, user, filter, paging);
  }

  /** Why needs suit the user: a donor's ties, nothing for anyone else. */
  Future<Affinities> affinity(CurrentUser user) {
    return Affinities.forUser(allocations, pool, user);
  }

  Future<Shown> one(CurrentUser user, long id) {
    return one(pool, user, id);
  }

  private Future<Shown> one(SqlClient sql, CurrentUser user, long id) {
    if (Affinities.apply(user)) {
      return needs
          .oneForDonor(sql, user, id)
          .compose(
              d ->
                  d == null
                      ? Future.failedFuture(DomainException.notFound("need " + id))
                      : Future.succeededFuture(
                          new Shown(d.need(), Affinities.of(d.ties()).reasons(d.need()))));
    }
    return needs
        .one(sql, user, id)
        .compose(
            n ->
                n == null
                    ? Future.failedFuture(DomainException.notFound("need " + id))
                    // reasons are a donor's only
                    : Future.succeededFuture(new Shown(n, null)));
  }

  // ---- writing

  /** "Not in the past" by the application's clock. */
  LocalDate notPast(LocalDate deadline) {
    if (deadline != null && deadline.isBefore(LocalDate.now(clock))) {
      throw DomainException.invalid("deadline", "in_past", "must not be in the past");
    }
    return deadline;
  }

  Future<Shown> create(CurrentUser user, NeedRepository.NewNeed n) {
    if (!Access.canActForVillage(user, n.villageId()) || user.is(Role.REVIEWER)) {
      throw DomainException.forbidden("village " + n.villageId() + " is not yours");
    }
    notPast(n.deadline());
    return pool.withTransaction(
        tx ->
            knownVillage(tx, n.villageId())
                .compose(v -> checkHousehold(tx, n.householdId(), n.villageId()))
                .compose(v -> needs.insert(tx, n, user.id()))
                .compose(id -> created(tx, user, n, id)));
  }

  /**
   * A need drafted by another workflow for its village's secretary to confirm or edit (a confirmed
   * 防返贫 risk's help), in yuan.
   */
  public record Draft(
      String villageId,
      Long householdId,
      String category,
      long yuan,
      int priority,
      LocalDate deadline,
      String title,
      String description) {}

  /**
   * Makes a draft inside the caller's transaction (the village and household already checked by the
   * caller); its audit row names who asked. Answers its id.
   */
  public Future<Long> draft(SqlConnection tx, CurrentUser by, Draft d) {
    var n =
        new NeedRepository.NewNeed(
            d.villageId(),
            d.householdId(),
            d.category(),
            "CNY",
            d.yuan(),
            d.priority(),
            d.deadline(),
            d.title(),
            d.description());
    return needs
        .insert(tx, n, by.id())
        .compose(
            id ->
                audit
                    .append(
                        tx,
                        by,
                        "need",
                        id,
                        "create",
                        null,
                        new JsonObject()
                            .put("status", NeedStatus.DRAFT.wire())
                            .put("quantity", n.quantity())
                            .put("unit", n.unit()))
                    .map(id));
  }

  /** Submits a draft (or rejected) need for review inside the caller's transaction. */
  public Future<Void> submit(SqlConnection tx, CurrentUser by, long id) {
    return lock(tx, id).compose(n -> review(tx, by, n, Review.SUBMIT, null)).mapEmpty();
  }

  /** The audit row of a new draft, then the need as its author sees it. */
  private Future<Shown> created(
      SqlConnection tx, CurrentUser user, NeedRepository.NewNeed n, long id) {
    return audit
        .append(
            tx,
            user,
            "need",
            id,
            "create",
            null,
            new JsonObject()
                .put("status", NeedStatus.DRAFT.wire())
                .put("quantity", n.quantity())
                .put("unit", n.unit()))
        .compose(v -> one(tx, user, id));
  }

  private Future<Void> knownVillage(SqlClient sql, String village) {
    return regions
        .find(sql, village)
        .compose(
            r ->
                r.filter(Region::isVillage).isPresent()
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        DomainException.invalid(
                            "villageId", "unknown_village", "is not a known village")));
  }

  private Future<Void> checkHousehold(SqlClient sql, Long household, String village) {
    if (household == null) {
      return Future.succeededFuture();
    }
    return needs
        .householdVillage(sql, household)
        .compose(
            v ->
                village.equals(v)
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        DomainException.invalid(
                            "householdId",
                            "not_of_village",
                            "is not a household of village " + village,
                            DomainException.params("villageId", village))));
  }

  private Future<NeedAccount> lock(SqlClient sql, long id) {
    return ledger
        .lockNeed(sql, id)
        .compose(
            n ->
                n == null
                    ? Future.failedFuture(DomainException.notFound("need " + id))
                    : Future.succeededFuture(n));
  }

  Future<Shown> update(CurrentUser user, long id, NeedRepository.Changes changes) {
    if (changes.none()) {
      throw DomainException.validation("body", "names no field to change");
    }
    notPast(changes.deadline());
    return pool.withTransaction(tx -> lock(tx, id).compose(n -> edit(tx, user, n, changes)));
  }

  /** Edits a locked draft (or rejected need) of the user's village. */
  private Future<Shown> edit(
      SqlConnection tx, CurrentUser user, NeedAccount n, NeedRepository.Changes changes) {
    long id = n.id();
    Access.requireVillage(user, n.villageId());
    if (n.status() != NeedStatus.DRAFT && n.status() != NeedStatus.REJECTED) {
      throw DomainException.conflict(
          "need_not_editable",
          "need "
              + id
              + " is "
              + n.status().wire()
              + "; only a draft or rejected need can be edited",
          DomainException.params("status", n.status().wire()));
    }
    return checkHousehold(tx, changes.householdId(), n.villageId())
        .compose(v -> needs.update(tx, id, changes))
        .compose(v -> audit.append(tx, user, "need", id, "update", null, changes.toJson()))
        .compose(v -> one(tx, user, id));
  }

  /** submit (secretary), publish and reject (reviewer of the region). */
  Future<Shown> review(CurrentUser user, long id, Review step, String reason) {
    return pool.withTransaction(tx -> lock(tx, id).compose(n -> review(tx, user, n, step, reason)));
  }

  private Future<Shown> review(
      SqlConnection tx, CurrentUser user, NeedAccount n, Review step, String reason) {
    long id = n.id();
    mayReview(user, n);
    if (!step.from.contains(n.status())) {
      throw wrongState(n, step);
    }
    return needs
        .review(tx, id, step.to, reason)
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "need",
                    id,
                    step.action(),
                    new JsonObject().put("status", n.status().wire()),
                    new JsonObject().put("status", step.to.wire()).put("reason", reason)))
        .compose(v -> one(tx, user, id))
        .compose(shown -> reviewDeadlines(tx, shown.need(), step).map(shown));
  }

  /** What the deadlines of needs are about. */
  static final String SUBJECT = "need";

  /**
   * Submitting asks the county to review (and ends a correction asked for); publishing or sending
   * back is the review; sending back asks the village to correct.
   */
  private Future<Void> reviewDeadlines(SqlConnection tx, Need n, Review step) {
    Subject s = Subject.of(SUBJECT, n.id());
    return switch (step) {
      case SUBMIT ->
          engine
              .meet(tx, DeadlineKind.NEED_RETURNED, s)
              .compose(v -> open(tx, DeadlineKind.NEED_REVIEW, n, Owner.countyOf(n.villageId())));
      case PUBLISH -> engine.meet(tx, DeadlineKind.NEED_REVIEW, s);
      case REJECT ->
          engine
              .meet(tx, DeadlineKind.NEED_REVIEW, s)
              .compose(
                  v -> open(tx, DeadlineKind.NEED_RETURNED, n, Owner.secretary(n.villageId())));
    };
  }

  private Future<Void> open(SqlConnection tx, DeadlineKind kind, Need n, Owner who) {
    return engine
        .open(tx, kind, Opening.of(Subject.of(SUBJECT, n.id()), who, n.villageId(), n.title()))
        .mapEmpty();
  }

  private static void mayReview(CurrentUser user, NeedAccount n) {
    if (!Access.canActForVillage(user, n.villageId())) {
      // a need the user may not even see stays invisible; a visible one is simply not theirs
      throw n.status().isPublic()
          ? DomainException.forbidden("need " + n.id() + " is not in your village or region")
          : DomainException.notFound("need " + n.id());
    }
  }

  private static DomainException wrongState(NeedAccount n, Review step) {
    return DomainException.conflict(
        "need_wrong_state",
        "need "
            + n.id()
            + " is "
            + n.status().wire()
            + "; cannot "
            + step.action()
            + " it (only from "
            + String.join(" or ", step.from.stream().map(NeedStatus::wire).sorted().toList())
            + ")",
        DomainException.params("status", n.status().wire(), "action", step.action()));
  }

  /**
   * Withdraws a need: the ledger locks it, the pledges of its proposals and its allocations; its
   * proposals expire and give back exactly what they held. A need with confirmed (or later)
   * allocations cannot be withdrawn: donors have committed.
   */
  Future<Shown> withdraw(CurrentUser user, long id) {
    return pool.withTransaction(
        tx ->
            ledger
                .lockNeedWithAllocations(tx, id)
                .compose(
                    locked ->
                        locked == null
                            ? Future.failedFuture(DomainException.notFound("need " + id))
                            : withdraw(tx, user, locked)));
  }

  private Future<Shown> withdraw(
      SqlConnection tx, CurrentUser user, Ledger.NeedWithAllocations locked) {
    NeedAccount n = locked.need();
    long id = n.id();
    Access.requireVillage(user, n.villageId());
    if (ENDED.contains(n.status())) {
      throw DomainException.conflict(
          "need_wrong_state",
          "need " + id + " is " + n.status().wire() + "; cannot withdraw it",
          DomainException.params("status", n.status().wire(), "action", "withdraw"));
    }
    requireNothingCommitted(id, locked.allocations());
    return ledger
        .expireAll(tx, locked.allocations(), user.id(), "need withdrawn")
        .compose(v -> allocationDeadlines.expired(tx, locked.allocations()))
        .compose(v -> engine.cancelEvery(tx, Subject.of(SUBJECT, id)))
        .compose(v -> ledger.setNeedStatus(tx, id, NeedStatus.WITHDRAWN))
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "need",
                    id,
                    "withdraw",
                    new JsonObject().put("status", n.status().wire()),
                    new JsonObject().put("status", NeedStatus.WITHDRAWN.wire())))
        .compose(v -> one(tx, user, id));
  }

  /** Only proposals may be taken back: a confirmed (or later) allocation is a donor's promise. */
  private static void requireNothingCommitted(long id, List<Ledger.Held> allocations) {
    for (Ledger.Held a : allocations) {
      if (a.status() != AllocationStatus.PROPOSED) {
        throw DomainException.conflict(
            "need_committed",
            "need "
                + id
                + " has "
                + a.status().wire()
                + " allocations; a donor has committed to it",
            DomainException.params("status", a.status().wire()));
      }
    }
  }
}
