package org.bangfu.donors;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.regions.Region.Level;
import org.bangfu.regions.RegionRepository;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The rules of donors: their home county is a county, their hometown a county with optionally a
 * township of it and a village of that; every change is audited in its transaction.
 */
public final class DonorService {

  private final Pool pool;
  private final Clock clock;
  private final DonorRepository donors;
  private final RegionRepository regions;

  private final AuditLog audit;

  public DonorService(
      Pool pool, Clock clock, DonorRepository donors, RegionRepository regions, AuditLog audit) {
    this.audit = audit;
    this.donors = donors;
    this.regions = regions;
    this.pool = pool;
    this.clock = clock;
  }

  public Future<Page<Donor>> list(DonorRepository.Filter filter, Paging paging) {
    return donors.list(pool, filter, paging);
  }

  public Future<Donor.Detail> get(long id) {
    return detail(pool, id);
  }

  public Future<Donor.Detail> create(CurrentUser user, DonorRepository.NewDonor d) {
    return pool.withTransaction(
        tx ->
            checkPlaces(tx, d.homeCounty(), d.hometown())
                .compose(v -> donors.insert(tx, d))
                .compose(
                    id ->
                        audit
                            .append(tx, user, "donor", id, "create", null, audit(d.asChanges()))
                            .compose(v -> detail(tx, id))));
  }

  public Future<Donor.Detail> update(CurrentUser user, long id, DonorRepository.Changes c) {
    if (c.isEmpty()) {
      throw DomainException.validation("body", "names no field to change");
    }
    return pool.withTransaction(
        tx ->
            donors
                .lock(tx, id)
                .compose(
                    found ->
                        found
                            ? checkPlaces(tx, c.homeCounty(), c.hometown())
                            : Future.failedFuture(DomainException.notFound("donor " + id)))
                .compose(v -> donors.update(tx, id, c, OffsetDateTime.now(clock)))
                .compose(v -> audit.append(tx, user, "donor", id, "update", null, audit(c)))
                .compose(v -> detail(tx, id)));
  }

  private Future<Donor.Detail> detail(SqlClient sql, long id) {
    return donors
        .detail(sql, id)
        .map(d -> d.orElseThrow(() -> DomainException.notFound("donor " + id)));
  }

  /** The regions a donor names must be in the tree, each inside the one above it. */
  private Future<Void> checkPlaces(SqlClient sql, String homeCounty, Donor.Hometown hometown) {
    String county = hometown == null ? null : hometown.county();
    String township = hometown == null ? null : hometown.township();
    String village = hometown == null ? null : hometown.village();
    return check(
            homeCounty == null ? null : regions.exists(sql, homeCounty, Level.COUNTY),
            "homeCounty",
            "is not a known county")
        .compose(
            v ->
                check(
                    county == null ? null : regions.exists(sql, county, Level.COUNTY),
                    "hometown.county",
                    "is not a known county"))
        .compose(
            v ->
                check(
                    township == null
                        ? null
                        : regions.existsWithin(sql, township, county, Level.TOWNSHIP),
                    "hometown.township",
                    "is not a township of hometown.county"))
        .compose(
            v ->
                check(
                    village == null
                        ? null
                        : regions.existsWithin(
                            sql, village, township == null ? county : township, Level.VILLAGE),
                    "hometown.village",
                    "is not a village of the hometown"));
  }

  /** Fails with a field error unless {@code exists} (null: nothing to check) comes back true. */
  private static Future<Void> check(Future<Boolean> exists, String field, String reason) {
    if (exists == null) {
      return Future.succeededFuture();
    }
    return exists.compose(
        yes ->
            yes
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(DomainException.validation(field, reason)));
  }

  /** What the audit trail records of a change: the fields given, in the API's names. */
  private static JsonObject audit(DonorRepository.Changes c) {
    JsonObject o = new JsonObject();
    putIf(o, "name", c.name());
    putIf(o, "type", c.type() == null ? null : c.type().wire());
    putIf(o, "homeCounty", c.homeCounty());
    putIf(o, "hometown", c.hometown() == null ? null : c.hometown().toJson());
    putIf(o, "country", c.country());
    putIf(o, "verified", c.verified());
    return o;
  }

  private static void putIf(JsonObject o, String key, Object value) {
    if (value != null) {
      o.put(key, value);
    }
  }
}
