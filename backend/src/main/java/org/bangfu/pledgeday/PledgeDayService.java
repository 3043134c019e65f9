package org.bangfu.pledgeday;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.reliability.ReliabilityService;
import org.bangfu.support.DomainException;

/**
 * 10.17 扶贫日: the united front makes a campaign a pledge day (its day and target); anyone watches
 * its wall as the pledges come; after the day, its commendation list is drawn from the reliability
 * figures by the rule of {@link Commendations}.
 */
public final class PledgeDayService {
  /** Pledges shown on the wall. */
  static final int LATEST = 30;

  /** Donors considered for commendation at most (by verified yuan). */
  static final int CONSIDERED = 200;

  private final Pool pool;
  private final Clock clock;
  private final ZoneId zone;
  private final PledgeDayRepository repo;
  private final ReliabilityService reliability;

  public PledgeDayService(
      Pool pool,
      Clock clock,
      ZoneId zone,
      PledgeDayRepository repo,
      ReliabilityService reliability) {
    this.pool = pool;
    this.clock = clock;
    this.zone = zone;
    this.repo = repo;
    this.reliability = reliability;
  }

  /** Today by the application's clock, in the calendar's zone. */
  public LocalDate today() {
    return clock.instant().atZone(zone).toLocalDate();
  }

  public Future<PledgeDay> create(CurrentUser user, long campaignId, LocalDate day, long target) {
    return pool.withTransaction(
        tx ->
            repo.campaignExists(tx, campaignId)
                .compose(
                    exists -> {
                      if (!exists) {
                        throw DomainException.invalid(
                            "campaignId", "campaign_not_found", "no such campaign");
                      }
                      return repo.insert(tx, campaignId, day, target, user.id(), clock.instant());
                    })
                .compose(
                    inserted -> {
                      if (!inserted) {
                        throw DomainException.conflict(
                            "pledge_day_exists",
                            "campaign " + campaignId + " is already a pledge day",
                            java.util.Map.of());
                      }
                      return AuditLog.append(
                          tx,
                          user,
                          "pledge_day",
                          campaignId,
                          "created",
                          null,
                          new JsonObject().put("day", day.toString()).put("targetCny", target));
                    })
                .compose(v -> repo.one(tx, campaignId))
                .map(java.util.Optional::orElseThrow));
  }

  public Future<List<PledgeDay>> all() {
    return repo.all(pool);
  }

  private Future<PledgeDay> one(long campaignId) {
    return repo.one(pool, campaignId)
        .map(d -> d.orElseThrow(() -> DomainException.notFound("pledge day " + campaignId)));
  }

  public Future<PledgeWall> wall(long campaignId) {
    return one(campaignId).compose(d -> repo.wall(pool, d, LATEST));
  }

  /** The commendation list: empty (and not available) until the day is over. */
  public Future<Commendations> commendations(long campaignId) {
    LocalDate today = today();
    return one(campaignId)
        .compose(
            d ->
                d.phase(today).equals("over")
                    ? repo.donors(pool, campaignId, CONSIDERED).compose(list -> judge(d, list))
                    : Future.succeededFuture(new Commendations(d, false, List.of(), 0)));
  }

  private Future<Commendations> judge(PledgeDay d, List<PledgeDayRepository.CampaignDonor> donors) {
    List<Commendations.Entry> commended = new ArrayList<>();
    Future<Void> done = Future.succeededFuture();
    for (PledgeDayRepository.CampaignDonor c : donors) {
      done =
          done.compose(
              v ->
                  reliability
                      .figures(c.id())
                      .map(
                          r -> {
                            r.filter(Commendations::commends)
                                .ifPresent(
                                    figures ->
                                        commended.add(
                                            new Commendations.Entry(
                                                c.id(),
                                                c.name(),
                                                c.type(),
                                                c.pledgedCny(),
                                                c.verifiedCny(),
                                                figures)));
                            return null;
                          }));
    }
    return done.map(v -> new Commendations(d, true, List.copyOf(commended), donors.size()));
  }
}
