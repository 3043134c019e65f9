package org.bangfu.pledges;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Sweep;

/**
 * A pledge with something left comes within {@code BANGFU_ALERT_PLEDGE_EXPIRY_DAYS} of its date:
 * its donor is warned (a deadline due at the end of that date, in China); a warned pledge used up
 * meanwhile has met it. Ending a pledge (expired, withdrawn) or giving it another date cancels the
 * warning in that transaction ({@link PledgeService}); nothing else happens to a pledge at a moment
 * of its own, so time opens this kind, not a step.
 */
public final class PledgeExpiringSweep implements Sweep {
  private final PledgeRepository pledges;

  public PledgeExpiringSweep(PledgeRepository pledges) {
    this.pledges = pledges;
  }

  @Override
  public String name() {
    return "pledge-expiring";
  }

  @Override
  public Future<Integer> run(SqlClient tx, Deadlines deadlines, Instant now) {
    int days = deadlines.rule(DeadlineKind.PLEDGE_EXPIRING).value();
    return pledges
        .spent(tx)
        .compose(
            spent ->
                deadlines
                    .meetAll(tx, DeadlineKind.PLEDGE_EXPIRING, PledgeService.SUBJECT, spent)
                    .map(spent.size()))
        .compose(
            met ->
                pledges
                    .expiring(tx, now, days)
                    .compose(list -> warn(tx, deadlines, list))
                    .map(opened -> met + opened));
  }

  private static Future<Integer> warn(
      SqlClient tx, Deadlines deadlines, List<PledgeRepository.Expiring> list) {
    return deadlines.openAll(
        tx,
        DeadlineKind.PLEDGE_EXPIRING,
        list.stream()
            .map(
                p ->
                    Opening.of(
                            PledgeService.subject(p.id()),
                            Owner.donor(p.donorId()),
                            p.homeCounty(),
                            p.donorName() + " · #" + p.id())
                        .until(p.ends()))
            .toList());
  }
}
