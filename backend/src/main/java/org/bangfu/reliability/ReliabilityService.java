package org.bangfu.reliability;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import org.bangfu.config.OversightConfig;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * 帮扶信誉: reliability of donors and villages from the ledger, the reports and the findings.
 * Read-only; the on-time windows come from {@link OversightConfig}. The matching engine does not
 * read it (its contract is unchanged).
 */
public final class ReliabilityService {
  private final Pool pool;
  private final Clock clock;
  private final OversightConfig config;
  private final ReliabilityRepository repo;

  public ReliabilityService(
      Pool pool, Clock clock, OversightConfig config, ReliabilityRepository repo) {
    this.repo = repo;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
  }

  public Future<Page<DonorReliability>> donors(Paging paging) {
    return repo.donors(pool, clock.instant(), config.deliveryOnTimeDays(), null, paging);
  }

  /** A donor's figures without the allocations behind them; empty when there is no such donor. */
  public Future<java.util.Optional<DonorReliability>> figures(long id) {
    return repo.donors(pool, clock.instant(), config.deliveryOnTimeDays(), id, new Paging(1, 1))
        .map(page -> page.items().stream().findFirst());
  }

  public Future<DonorReliability> donor(long id) {
    Instant now = clock.instant();
    int days = config.deliveryOnTimeDays();
    return repo.donors(pool, now, days, id, new Paging(1, 1))
        .compose(
            page -> {
              if (page.items().isEmpty()) {
                throw DomainException.notFound("donor " + id);
              }
              DonorReliability d = page.items().get(0);
              return repo.donorDetail(pool, now, days, id)
                  .map(
                      list ->
                          new DonorReliability(
                              d.donorId(),
                              d.name(),
                              d.type(),
                              d.onTimeDays(),
                              d.confirmed(),
                              d.due(),
                              d.onTime(),
                              d.meanDelayDays(),
                              d.foundedReports(),
                              d.openFindings(),
                              d.heldCases(),
                              list));
            });
  }

  public Future<Page<VillageReliability>> villages(String region, Paging paging) {
    return repo.villages(pool, clock.instant(), config.receiptOnTimeDays(), region, paging);
  }

  public Future<VillageReliability> village(String id) {
    Instant now = clock.instant();
    int days = config.receiptOnTimeDays();
    return repo.villages(pool, now, days, id, new Paging(1, 1))
        .compose(
            page -> {
              VillageReliability v =
                  page.items().stream()
                      .filter(x -> x.villageId().equals(id))
                      .findFirst()
                      .orElseThrow(() -> DomainException.notFound("village " + id));
              return repo.villageDetail(pool, now, days, id)
                  .map(
                      list ->
                          new VillageReliability(
                              v.villageId(),
                              v.name(),
                              v.onTimeDays(),
                              v.delivered(),
                              v.due(),
                              v.onTime(),
                              v.foundedReports(),
                              v.openFindings(),
                              v.heldCases(),
                              list));
            });
  }
}
