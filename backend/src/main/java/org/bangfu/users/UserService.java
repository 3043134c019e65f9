package org.bangfu.users;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.bangfu.auth.AccountCheck;
import org.bangfu.auth.PasswordHasher;
import org.bangfu.auth.Role;
import org.bangfu.donors.DonorRepository;
import org.bangfu.regions.Region.Level;
import org.bangfu.regions.RegionRepository;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The rules of accounts: a secretary is bound to an existing village, a reviewer to an existing
 * city, county or township, a donor account to an existing donor; usernames are unique; passwords
 * are hashed off the event loop.
 */
public final class UserService {

  /** An account to create, as the admin typed it (the password in clear, hashed here). */
  public record NewAccount(
      String username,
      String displayName,
      Role role,
      String password,
      String villageId,
      String regionId,
      Long donorId) {}

  private final Vertx vertx;
  private final Pool pool;
  private final UserRepository users;
  private final RegionRepository regions;
  private final DonorRepository donors;

  private final AccountCheck accounts;

  public UserService(
      Vertx vertx,
      Pool pool,
      AccountCheck accounts,
      UserRepository users,
      RegionRepository regions,
      DonorRepository donors) {
    this.users = users;
    this.regions = regions;
    this.donors = donors;
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
  }

  public Future<Page<User>> list(Role role, Paging paging) {
    return users
        .count(pool, role)
        .compose(
            total ->
                users
                    .list(pool, role, paging.size(), paging.offset())
                    .map(list -> new Page<>(list, total, paging.page(), paging.size())));
  }

  public Future<User> get(long id) {
    return users
        .find(pool, id)
        .map(u -> u.orElseThrow(() -> DomainException.notFound("user " + id)));
  }

  public Future<User> create(NewAccount a) {
    return checkBinding(a.villageId(), a.regionId(), a.donorId())
        .compose(v -> PasswordHasher.hash(vertx, a.password()))
        .compose(
            hash ->
                users.insert(
                    pool,
                    new UserRepository.NewUser(
                        a.username(),
                        a.displayName(),
                        a.role(),
                        a.villageId(),
                        a.regionId(),
                        a.donorId(),
                        hash)))
        .recover(
            err ->
                Future.failedFuture(
                    err instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? DomainException.conflict("username " + a.username() + " is taken")
                        : err));
  }

  /** Changes what is given (null: unchanged). */
  public Future<User> update(long id, String displayName, Boolean active, String password) {
    Future<String> hash =
        password == null ? Future.succeededFuture(null) : PasswordHasher.hash(vertx, password);
    return hash.compose(h -> users.update(pool, id, displayName, active, h))
        // this node stops the old tokens before it answers; the others hear it from PostgreSQL
        .onSuccess(u -> accounts.forget(id))
        .map(u -> u.orElseThrow(() -> DomainException.notFound("user " + id)));
  }

  /** The village, region or donor an account is bound to must exist (and be of the right kind). */
  private Future<Void> checkBinding(String villageId, String regionId, Long donorId) {
    if (villageId != null) {
      return require(
          regions.exists(pool, villageId, Level.VILLAGE),
          "villageId",
          "must be an existing village");
    }
    if (regionId != null) {
      return require(
          regions.exists(pool, regionId, Level.CITY, Level.COUNTY, Level.TOWNSHIP),
          "regionId",
          "must be an existing city, county or township");
    }
    if (donorId != null) {
      return require(donors.exists(pool, donorId), "donorId", "must be an existing donor");
    }
    return Future.succeededFuture();
  }

  private static Future<Void> require(Future<Boolean> exists, String field, String reason) {
    return exists.compose(
        yes ->
            yes
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(DomainException.validation(field, reason)));
  }
}
