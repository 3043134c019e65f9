package org.bangfu.pledges;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.bangfu.allocations.AllocationDeadlines;
import org.bangfu.allocations.Ledger;
import org.bangfu.allocations.PledgeAccount;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.campaigns.CampaignService;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Subject;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Pledges (认捐): create, change, withdraw, and what is left of each at any moment. Pooled pledges
 * take part in match rounds; earmarked ones are spent only by the donor's own claims. Ending a
 * pledge (withdrawn by its donor, or expired) expires its proposals through the {@link Ledger},
 * giving back exactly what they held; confirmed and later allocations stand.
 */
public final class PledgeService {
  private final Pool pool;
  private final Clock clock;
  private final Ledger ledger;
  private final PledgeRepository pledges;
  private final CampaignService campaigns;
  private final Deadlines engine;
  private final AllocationDeadlines allocationDeadlines;

  public PledgeService(
      Pool pool,
      Clock clock,
      Ledger ledger,
      PledgeRepository pledges,
      CampaignService campaigns,
      Deadlines engine,
      AllocationDeadlines allocationDeadlines) {
    this.engine = engine;
    this.allocationDeadlines = allocationDeadlines;
    this.pool = pool;
    this.clock = clock;
    this.ledger = ledger;
    this.pledges = pledges;
    this.campaigns = campaigns;
  }

  Future<Page<Pledge>> list(CurrentUser user, PledgeRepository.Filter filter, Paging paging) {
    return pledges.list(pool, user.is(Role.DONOR) ? user.donorId() : null, filter, paging);
  }

  Future<Pledge> one(CurrentUser user, long id) {
    return one(pool, user, id);
  }

  /** A pledge the user may see (a donor only its own); not found otherwise. */
  private Future<Pledge> one(SqlClient sql, CurrentUser user, long id) {
    return pledges
        .one(sql, id)
        .compose(
            p ->
                p == null || (user.is(Role.DONOR) && !user.donorId().equals(p.donorId()))
                    ? Future.failedFuture(DomainException.notFound("pledge " + id))
                    : Future.succeededFuture(p));
  }

  Future<Pledge> create(CurrentUser user, PledgeRepository.NewPledge p) {
    Access.requireDonor(user, p.donorId());
    notPast(p.expires());
    return pool.withTransaction(
        tx ->
            pledges
                .refs(tx, p.donorId(), p.campaignId(), p.scope())
                .compose(
                    refs -> {
                      requireKnown(refs);
                      // a pledge to a campaign is made while the campaign is open (its dates)
                      return p.campaignId() == null
                          ? pledges.insert(tx, p)
                          : campaigns
                              .requireOpenForPledge(tx, p.campaignId())
                              .compose(open -> pledges.insert(tx, p));
                    })
                .compose(id -> created(tx, user, p, id)));
  }

  /** A new pledge's donor, campaign and the regions of its scope exist. */
  private static void requireKnown(PledgeRepository.Refs refs) {
    if (!refs.donor()) {
      throw DomainException.invalid("donorId", "unknown_donor", "is not a known donor");
    }
    if (!refs.campaign()) {
      throw DomainException.invalid("campaignId", "unknown_campaign", "is not a known campaign");
    }
    if (!refs.unknownRegions().isEmpty()) {
      throw DomainException.invalid(
          "scope",
          "unknown_region",
          "names unknown regions: " + String.join(", ", refs.unknownRegions()),
          DomainException.params("regions", String.join(", ", refs.unknownRegions())));
    }
  }

  /** The audit row of a new pledge, then the pledge as its donor sees it. */
  private Future<Pledge> created(
      SqlConnection tx, CurrentUser user, PledgeRepository.NewPledge p, long id) {
    return AuditLog.append(
            tx,
            user,
            "pledge",
            id,
            "create",
            null,
            new JsonObject()
                .put("unit", p.unit())
                .put("quantity", p.quantity())
                .put("mode", p.mode()))
        .compose(v -> one(tx, user, id));
  }

  /** "Not in the past" by the application's clock. */
  void notPast(LocalDate expires) {
    if (expires != null && expires.isBefore(LocalDate.now(clock))) {
      throw DomainException.invalid("expires", "in_past", "must not be in the past");
    }
  }

  Future<Pledge> update(CurrentUser user, long id, PledgeRepository.Changes changes) {
    if (changes.none()) {
      throw DomainException.validation("body", "names no field to change");
    }
    notPast(changes.expires());
    return pool.withTransaction(
        tx -> ledger.lockPledge(tx, id).compose(p -> change(tx, user, id, p, changes)));
  }

  /** Changes a locked, live pledge of the user's; never below what it already holds. */
  private Future<Pledge> change(
      SqlConnection tx,
      CurrentUser user,
      long id,
      PledgeAccount p,
      PledgeRepository.Changes changes) {
    ownOr404(user, p, id);
    if (!p.status().live()) {
      throw notOpen(p);
    }
    if (changes.quantity() != null && changes.quantity() < p.allocated()) {
      throw DomainException.conflict(
          "quantity_below_allocated",
          "quantity cannot go below the " + p.allocated() + " already allocated",
          DomainException.params("allocated", p.allocated()),
          new DomainException.FieldError(
              "quantity",
              "below_allocated",
              "is below the " + p.allocated() + " already allocated",
              Map.of("held", p.allocated())));
    }
    return pledges
        .update(tx, id, changes)
        .compose(v -> ledger.refreshPledge(tx, id))
        .compose(v -> changes.expires() == null ? Future.<Void>succeededFuture() : rewarn(tx, id))
        .compose(
            v -> AuditLog.append(tx, user, "pledge", id, "update", p.toJson(), changes.toJson()))
        .compose(v -> one(tx, user, id));
  }

  /**
   * Withdraws what is left of a pledge: its proposed allocations expire and give back exactly what
   * they held; confirmed and later allocations stand (the donor committed to them).
   */
  Future<Pledge> withdraw(CurrentUser user, long id) {
    return pool.withTransaction(
        tx ->
            pledges
                .one(tx, id)
                .compose(
                    head ->
                        head == null || !Access.canActForDonor(user, head.donorId())
                            ? Future.failedFuture(DomainException.notFound("pledge " + id))
                            : withdrawn(tx, user, id)));
  }

  private Future<Pledge> withdrawn(SqlConnection tx, CurrentUser user, long id) {
    return end(tx, user, id, PledgeStatus.WITHDRAWN, "withdraw", "pledge withdrawn")
        .compose(
            before ->
                before.status().live() ? one(tx, user, id) : Future.failedFuture(notOpen(before)));
  }

  /** What the deadlines of pledges are about. */
  static final String SUBJECT = "pledge";

  static Subject subject(long id) {
    return Subject.of(SUBJECT, id);
  }

  /**
   * A pledge given another date is no longer expiring when its warning said: the warning goes, and
   * the deadline job warns again if the new date is near ({@link PledgeExpiringSweep}).
   */
  private Future<Void> rewarn(SqlConnection tx, long id) {
    return engine.cancel(tx, DeadlineKind.PLEDGE_EXPIRING, subject(id));
  }

  private static DomainException notOpen(PledgeAccount p) {
    return DomainException.conflict(
        "pledge_not_open",
        "pledge " + p.id() + " is " + p.status().wire(),
        DomainException.params("pledgeId", p.id(), "status", p.status().wire()));
  }

  private static void ownOr404(CurrentUser user, PledgeAccount p, long id) {
    if (p == null || !Access.canActForDonor(user, p.donorId())) {
      throw DomainException.notFound("pledge " + id);
    }
  }

  /**
   * Ends an open or exhausted pledge (withdrawn by its donor, or expired): the ledger locks the
   * needs of its proposals, the pledge, then the proposals; they expire; the pledge gets {@code
   * to}, audited as {@code action}. Answers the pledge as it was; one no longer live is left alone
   * (the caller decides whether that is an error).
   */
  public Future<PledgeAccount> end(
      SqlClient tx, CurrentUser user, long id, PledgeStatus to, String action, String why) {
    return ledger
        .lockPledgeWithProposals(tx, id)
        .compose(
            locked ->
                locked.pledge().status().live()
                    ? endLive(tx, user, locked, to, action, why)
                    : Future.succeededFuture(locked.pledge()));
  }

  private Future<PledgeAccount> endLive(
      SqlClient tx,
      CurrentUser user,
      Ledger.PledgeWithProposals locked,
      PledgeStatus to,
      String action,
      String why) {
    PledgeAccount p = locked.pledge();
    return ledger
        .expireAll(tx, locked.proposals(), user == null ? null : user.id(), why)
        .compose(v -> allocationDeadlines.expired(tx, locked.proposals()))
        .compose(v -> ledger.setPledgeStatus(tx, p.id(), to))
        .compose(v -> engine.cancel(tx, DeadlineKind.PLEDGE_EXPIRING, subject(p.id())))
        .compose(
            v ->
                AuditLog.append(
                    tx,
                    user,
                    "pledge",
                    p.id(),
                    action,
                    p.toJson(),
                    new JsonObject().put("status", to.wire())))
        .map(p);
  }
}
