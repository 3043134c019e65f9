package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;
import org.bangfu.allocations.Ledger;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.regions.Region;
import org.bangfu.regions.RegionRepository;
import org.bangfu.support.DomainException;

/**
 * Village caps: the most of a unit that may go to one village's needs (e.g. the 500,000 yuan of a
 * city-dispatched help village), which bounds both match rounds and claims.
 *
 * <p>A cap's {@code allocated} is what the village's needs in that unit hold, so setting a cap
 * first has the {@link Ledger} lock those needs (ascending ids) and then the cap, the ledger's
 * order, and counts it under the locks; a cap below it would break a promise already made.
 */
public final class VillageCapService {
  private final Pool pool;
  private final Ledger ledger;
  private final VillageCapRepository caps;
  private final RegionRepository regions;

  private final AuditLog audit;

  public VillageCapService(
      Pool pool,
      Ledger ledger,
      VillageCapRepository caps,
      RegionRepository regions,
      AuditLog audit) {
    this.audit = audit;
    this.pool = pool;
    this.ledger = ledger;
    this.caps = caps;
    this.regions = regions;
  }

  /** A cap as saved, and whether it is new. */
  record Saved(boolean created, VillageCap cap) {}

  Future<List<VillageCap>> list(String village) {
    return known(pool, village).compose(v -> caps.list(pool, village));
  }

  Future<Saved> set(CurrentUser user, String village, String unit, long max) {
    mayManage(user, village);
    return pool.withTransaction(
        tx ->
            known(tx, village)
                .compose(v -> ledger.lockVillageNeeds(tx, village, unit))
                .compose(
                    held ->
                        ledger
                            .lockCap(tx, village, unit)
                            .compose(before -> put(tx, user, village, unit, max, held, before))));
  }

  /**
   * Writes the cap under the locks of the village's needs and of the cap; {@code held} is what
   * those needs hold, {@code before} the cap as it was ({@code null}: none).
   */
  private Future<Saved> put(
      SqlConnection tx,
      CurrentUser user,
      String village,
      String unit,
      long max,
      long held,
      Ledger.Cap before) {
    if (max < held) {
      throw DomainException.conflict(
          "cap_below_allocated",
          "max "
              + max
              + " is below the "
              + held
              + " "
              + unit
              + " already allocated to village "
              + village,
          DomainException.params("held", held, "unit", unit),
          new DomainException.FieldError(
              "max",
              "below_allocated",
              "is below the " + held + " already allocated",
              Map.of("held", held)));
    }
    VillageCap old = before == null ? null : new VillageCap(unit, before.max(), before.allocated());
    VillageCap now = new VillageCap(unit, max, held);
    return ledger
        .putCap(tx, village, unit, max, held)
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "village_cap",
                    village + " " + unit,
                    old == null ? "create" : "update",
                    old == null ? null : old.snapshot(),
                    now.snapshot()))
        .map(v -> new Saved(old == null, now));
  }

  Future<Void> remove(CurrentUser user, String village, String unit) {
    mayManage(user, village);
    return pool.withTransaction(
        tx ->
            known(tx, village)
                .compose(v -> ledger.lockCap(tx, village, unit))
                .compose(before -> delete(tx, user, village, unit, before)));
  }

  private Future<Void> delete(
      SqlConnection tx, CurrentUser user, String village, String unit, Ledger.Cap before) {
    if (before == null) {
      return Future.failedFuture(
          DomainException.notFound("cap of " + unit + " for village " + village));
    }
    return ledger
        .deleteCap(tx, village, unit)
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "village_cap",
                    village + " " + unit,
                    "delete",
                    new VillageCap(unit, before.max(), before.allocated()).snapshot(),
                    null));
  }

  /**
   * A reviewer manages the caps of the villages of their region; the united front and admin of all.
   */
  private static void mayManage(CurrentUser user, String village) {
    if (user.is(Role.REVIEWER)) {
      Access.requireVillage(user, village);
    }
  }

  private Future<Void> known(SqlClient sql, String village) {
    return regions
        .find(sql, village)
        .compose(
            r ->
                r.filter(Region::isVillage).isPresent()
                    ? Future.succeededFuture()
                    : Future.failedFuture(DomainException.notFound("village " + village)));
  }
}
