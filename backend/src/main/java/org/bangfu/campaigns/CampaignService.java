package org.bangfu.campaigns;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The rules of campaigns: the united front opens and closes them; a donor may enrol only in an open
 * campaign (between its start and end dates, not closed) whose rules admit its type (enterprises
 * for 百企帮百村, chambers for 百会扶百村, overseas Chinese for 百侨助百村); an enrolled donor asks to pair with
 * villages and the united front approves. {@link #requireOpenForPledge} is the same date rule for a
 * pledge made to a campaign.
 */
public final class CampaignService {
  /** Campaign days are days in China. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final Pool pool;
  private final Clock clock;
  private final CampaignRepository repo;
  private final Deadlines engine;

  public CampaignService(Pool pool, Clock clock, CampaignRepository repo, Deadlines engine) {
    this.engine = engine;
    this.repo = repo;
    this.pool = pool;
    this.clock = clock;
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZONE);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  public Future<List<Campaign>> list() {
    return repo.list(pool);
  }

  public Future<Campaign> get(long id) {
    return repo.find(pool, id)
        .map(c -> c.orElseThrow(() -> DomainException.notFound("campaign " + id)));
  }

  public Future<List<Long>> enrolmentsOf(long donorId) {
    return repo.enrolmentsOf(pool, donorId);
  }

  public Future<Campaign> open(CurrentUser user, NewCampaign c) {
    if (c.endsOn() != null && c.endsOn().isBefore(c.startsOn())) {
      throw DomainException.invalid(
          "endsOn",
          "before_start",
          "must not be before startsOn",
          Map.of("startsOn", c.startsOn().toString()));
    }
    return pool.withTransaction(
            tx ->
                repo.codeTaken(tx, c.code())
                    .compose(
                        taken -> {
                          if (taken) {
                            return Future.failedFuture(
                                DomainException.conflict(
                                    "campaign_code_taken",
                                    "a campaign with code " + c.code() + " exists",
                                    Map.of("code", c.code()),
                                    new DomainException.FieldError("code", "taken", "is taken")));
                          }
                          return repo.insert(tx, c, user.id());
                        })
                    .compose(
                        id ->
                            AuditLog.append(
                                    tx,
                                    user,
                                    "campaign",
                                    id,
                                    "open",
                                    null,
                                    new JsonObject()
                                        .put("code", c.code())
                                        .put("name", c.name())
                                        .put("startsOn", c.startsOn().toString())
                                        .put(
                                            "endsOn",
                                            c.endsOn() == null ? null : c.endsOn().toString())
                                        .put(
                                            "donorTypes",
                                            new io.vertx.core.json.JsonArray(c.donorTypes()))
                                        .put("targets", c.targets().toJson()))
                                .map(id)))
        .compose(this::get);
  }

  /**
   * Sets what a campaign sets out to reach (villages, yuan, donors; null clears one), with the
   * targets before and after in the audit trail.
   */
  public Future<Campaign> setTargets(CurrentUser user, long id, Targets targets) {
    return pool.withTransaction(
            tx ->
                repo.lock(tx, id, true)
                    .compose(locked -> repo.find(tx, id))
                    .compose(
                        before -> {
                          Campaign c =
                              before.orElseThrow(() -> DomainException.notFound("campaign " + id));
                          return repo.setTargets(tx, id, targets)
                              .compose(
                                  v ->
                                      AuditLog.append(
                                          tx,
                                          user,
                                          "campaign",
                                          id,
                                          "set_targets",
                                          c.targets().toJson(),
                                          targets.toJson()));
                        }))
        .compose(v -> get(id));
  }

  /** Closes ({@code closed}) or reopens a campaign. */
  public Future<Campaign> setClosed(CurrentUser user, long id, boolean closed) {
    return pool.withTransaction(
            tx ->
                repo.lock(tx, id, true)
                    .compose(
                        found -> {
                          if (!found) {
                            return Future.failedFuture(DomainException.notFound("campaign " + id));
                          }
                          return repo.setClosed(tx, id, closed ? now() : null);
                        })
                    .compose(
                        changed -> {
                          if (!changed) {
                            return Future.failedFuture(
                                closed
                                    ? DomainException.conflict(
                                        "campaign_closed",
                                        "campaign " + id + " is closed already",
                                        Map.of())
                                    : DomainException.conflict(
                                        "campaign_not_closed",
                                        "campaign " + id + " is not closed",
                                        Map.of()));
                          }
                          return AuditLog.append(
                              tx, user, "campaign", id, closed ? "close" : "reopen", null, null);
                        }))
        .compose(v -> get(id));
  }

  /** Fails with the campaign's state code unless it is open on {@code day}. */
  static void requireOpen(Campaign c, LocalDate day) {
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("startsOn", c.startsOn().toString());
    if (c.endsOn() != null) {
      params.put("endsOn", c.endsOn().toString());
    }
    switch (c.stateOn(day)) {
      case CLOSED ->
          throw DomainException.conflict(
              "campaign_closed", "campaign " + c.id() + " is closed", params);
      case UPCOMING ->
          throw DomainException.conflict(
              "campaign_not_started", "campaign " + c.id() + " starts on " + c.startsOn(), params);
      case ENDED ->
          throw DomainException.conflict(
              "campaign_ended", "campaign " + c.id() + " ended on " + c.endsOn(), params);
      default -> {}
    }
  }

  /**
   * The rule for a pledge made to a campaign, inside the caller's transaction: the campaign exists
   * and is open today (codes {@code campaign_closed}, {@code campaign_not_started}, {@code
   * campaign_ended}; an unknown campaign is a {@code campaignId} field error).
   */
  public Future<Void> requireOpenForPledge(SqlClient sql, long campaignId) {
    LocalDate day = today();
    return repo.find(sql, campaignId)
        .map(
            found -> {
              Campaign c =
                  found.orElseThrow(
                      () ->
                          DomainException.invalid(
                              "campaignId", "unknown", "is not a known campaign"));
              requireOpen(c, day);
              return null;
            });
  }

  public Future<Void> enrol(CurrentUser user, long campaignId, long donorId) {
    LocalDate day = today();
    return pool.withTransaction(
        tx ->
            locked(tx, campaignId)
                .compose(
                    campaign ->
                        repo.donorType(tx, donorId)
                            .map(type -> admitted(campaign, donorId, type, day)))
                .compose(v -> repo.enrol(tx, campaignId, donorId, now()))
                .compose(
                    added ->
                        added
                            ? AuditLog.append(
                                tx,
                                user,
                                "campaign",
                                campaignId,
                                "enrol",
                                null,
                                new JsonObject().put("donorId", donorId))
                            : Future.failedFuture(
                                DomainException.conflict(
                                    "already_enrolled",
                                    "donor "
                                        + donorId
                                        + " is already enrolled in campaign "
                                        + campaignId,
                                    Map.of()))));
  }

  /** The campaign, locked (not found when there is none). */
  private Future<Campaign> locked(SqlConnection tx, long campaignId) {
    return repo.lock(tx, campaignId, false)
        .compose(
            found ->
                found
                    ? repo.find(tx, campaignId)
                    : Future.failedFuture(DomainException.notFound("campaign " + campaignId)))
        .map(Optional::orElseThrow);
  }

  /** A known donor, the campaign open on {@code day} and admitting the donor's type. */
  private static Void admitted(
      Campaign campaign, long donorId, Optional<String> type, LocalDate day) {
    if (type.isEmpty()) {
      throw DomainException.invalid("donorId", "unknown", "is not a known donor");
    }
    requireOpen(campaign, day);
    if (!campaign.admits(type.get())) {
      throw DomainException.conflict(
          "campaign_donor_type",
          "campaign " + campaign.id() + " admits " + String.join(", ", campaign.donorTypes()),
          Map.of("allowed", String.join(",", campaign.donorTypes()), "type", type.get()));
    }
    return null;
  }

  /**
   * A donor asks to pair with a village: pending until the united front approves. When the united
   * front (or an admin) pairs a donor itself, the pairing is approved at once.
   */
  public Future<Pairing> requestPairing(
      CurrentUser user, long campaignId, long donorId, String villageId) {
    LocalDate day = today();
    Pairing.Status status =
        user.is(Role.UNITED_FRONT, Role.ADMIN) ? Pairing.Status.APPROVED : Pairing.Status.PENDING;
    Ask ask = new Ask(campaignId, donorId, villageId, status);
    return pool.withTransaction(tx -> ask(tx, user, ask, day))
        .compose(id -> pairing(campaignId, id));
  }

  /** A donor's request to pair with a village in a campaign, and the status it starts in. */
  private record Ask(long campaignId, long donorId, String villageId, Pairing.Status status) {}

  /**
   * Step of {@link #requestPairing}, in its transaction: the campaign locked and open, the pairing
   * allowed; the request (paired at once when approved) and its audit row. Answers its id.
   */
  private Future<Long> ask(SqlConnection tx, CurrentUser user, Ask a, LocalDate day) {
    return locked(tx, a.campaignId())
        .map(
            c -> {
              requireOpen(c, day);
              return c;
            })
        .compose(c -> mayPair(tx, a))
        .compose(
            v ->
                repo.request(
                    tx, a.campaignId(), a.donorId(), a.villageId(), a.status(), user.id(), now()))
        .compose(
            id ->
                (a.status() == Pairing.Status.APPROVED
                        ? repo.pair(tx, a.campaignId(), a.donorId(), a.villageId(), now())
                        : Future.<Void>succeededFuture())
                    .compose(
                        v ->
                            AuditLog.append(
                                tx,
                                user,
                                "campaign",
                                a.campaignId(),
                                "pair_request",
                                null,
                                new JsonObject()
                                    .put("donorId", a.donorId())
                                    .put("villageId", a.villageId())
                                    .put("status", a.status().wire())))
                    .compose(v -> waitForDecision(tx, id, a))
                    .map(id));
  }

  /** What the deadlines of pairing requests are about. */
  static final String SUBJECT = "pairing_request";

  /** A pending request waits for the united front's decision. */
  private Future<Void> waitForDecision(SqlConnection tx, long id, Ask a) {
    if (a.status() != Pairing.Status.PENDING) {
      return Future.succeededFuture();
    }
    return repo.findPairing(tx, id)
        .compose(
            p ->
                engine.open(
                    tx,
                    DeadlineKind.PAIRING_APPROVE,
                    Opening.of(
                        Subject.of(SUBJECT, id),
                        Owner.role(Role.UNITED_FRONT),
                        a.villageId(),
                        p.map(x -> x.donorName() + " → " + x.villageName()).orElse("#" + id))))
        .mapEmpty();
  }

  /**
   * The village is known, the donor enrolled in the campaign and neither paired with the village
   * nor asking already.
   */
  private Future<Void> mayPair(SqlConnection tx, Ask a) {
    return repo.villageExists(tx, a.villageId())
        .compose(
            village ->
                village
                    ? repo.enrolled(tx, a.campaignId(), a.donorId())
                    : Future.failedFuture(
                        DomainException.invalid("villageId", "unknown", "is not a known village")))
        .compose(
            enrolled ->
                enrolled
                    ? repo.pairedOrAsked(tx, a.campaignId(), a.donorId(), a.villageId())
                    : Future.failedFuture(
                        DomainException.conflict(
                            "not_enrolled",
                            "donor "
                                + a.donorId()
                                + " must enrol in campaign "
                                + a.campaignId()
                                + " before pairing",
                            Map.of())))
        .compose(
            paired ->
                paired
                    ? Future.failedFuture(
                        DomainException.conflict(
                            "already_paired",
                            "donor "
                                + a.donorId()
                                + " is already paired with village "
                                + a.villageId(),
                            Map.of("villageId", a.villageId())))
                    : Future.succeededFuture());
  }

  /** The united front approves (a tie from now on) or declines a pending pairing. */
  public Future<Pairing> decide(CurrentUser user, long requestId, boolean approve) {
    Pairing.Status status = approve ? Pairing.Status.APPROVED : Pairing.Status.DECLINED;
    return pool.withTransaction(
            tx ->
                repo.lockRequest(tx, requestId)
                    .compose(
                        found -> {
                          CampaignRepository.Request r =
                              found.orElseThrow(
                                  () -> DomainException.notFound("pairing " + requestId));
                          if (r.status() != Pairing.Status.PENDING) {
                            return Future.failedFuture(
                                DomainException.conflict(
                                    "pairing_not_pending",
                                    "pairing " + requestId + " is " + r.status().wire(),
                                    Map.of("status", r.status().wire())));
                          }
                          return repo.decide(tx, requestId, status, user.id(), now())
                              .compose(
                                  v ->
                                      engine.meet(
                                          tx,
                                          DeadlineKind.PAIRING_APPROVE,
                                          Subject.of(SUBJECT, requestId)))
                              .compose(
                                  v ->
                                      approve
                                          ? repo.pair(
                                              tx, r.campaignId(), r.donorId(), r.villageId(), now())
                                          : Future.<Void>succeededFuture())
                              .compose(
                                  v ->
                                      AuditLog.append(
                                          tx,
                                          user,
                                          "campaign",
                                          r.campaignId(),
                                          approve ? "pair_approve" : "pair_decline",
                                          new JsonObject().put("status", "pending"),
                                          new JsonObject()
                                              .put("donorId", r.donorId())
                                              .put("villageId", r.villageId())
                                              .put("status", status.wire())))
                              .map(r.campaignId());
                        }))
        .compose(campaignId -> pairing(campaignId, requestId));
  }

  private Future<Pairing> pairing(long campaignId, long requestId) {
    return repo.findPairing(pool, requestId)
        .map(p -> p.orElseThrow(() -> DomainException.notFound("pairing " + requestId)));
  }

  public Future<Page<Pairing>> pairings(
      long campaignId, Pairing.Status status, Long donorId, Paging paging) {
    return get(campaignId).compose(c -> repo.pairings(pool, campaignId, status, donorId, paging));
  }
}
