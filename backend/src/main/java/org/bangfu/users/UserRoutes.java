package org.bangfu.users;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.PasswordHasher;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;
import org.bangfu.http.AppContext;
import org.bangfu.http.Body;
import org.bangfu.support.Paging;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/** Accounts, for admins: {@code GET/POST /users}, {@code GET/PATCH /users/{id}}. */
public final class UserRoutes implements RouteModule {

  static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wire).toList();

  private final Vertx vertx;
  private final Pool pool;
  private final UserRepository users = new UserRepository();

  public UserRoutes(AppContext app) {
    this.vertx = app.vertx();
    this.pool = app.pool();
  }

  @Override
  public void mount(Router api) {
    api.get("/users").handler(RouteModule.handle(this::list));
    api.post("/users").handler(RouteModule.handle(this::create));
    api.get("/users/:id").handler(RouteModule.handle(this::get));
    api.patch("/users/:id").handler(RouteModule.handle(this::update));
  }

  private Future<?> list(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    Params p = Params.of(ctx);
    Role role = p.optionalEnum("role", ROLES).flatMap(Role::fromWire).orElse(null);
    Paging paging = p.paging();
    return users.count(pool, role).compose(total -> users.list(pool, role, paging.size(), paging.offset())
        .compose(list -> Responses.ok(ctx, Responses.page(
            new org.bangfu.support.Page<>(list, total, paging.page(), paging.size()), User::toJson))));
  }

  private Future<?> get(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return users.find(pool, id).compose(u -> Responses.ok(ctx,
        u.orElseThrow(() -> DomainException.notFound("user " + id)).toJson()));
  }

  private Future<?> create(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    Body b = Body.of(ctx).only(List.of("username", "displayName", "role", "password", "villageId",
        "regionId", "donorId"));
    String username = b.requiredString("username", 3, 40).toLowerCase();
    if (!username.matches("[a-z0-9][a-z0-9._-]{2,39}")) {
      throw DomainException.validation("username", "must be 3-40 of a-z, 0-9, '.', '_', '-'");
    }
    String displayName = b.requiredString("displayName", 1, 100);
    Role role = Role.fromWire(b.requiredEnum("role", ROLES)).orElseThrow();
    String password = b.requiredString("password", 8, 200);
    String villageId = bound(b, "villageId", role == Role.VILLAGE_SECRETARY);
    String regionId = bound(b, "regionId", role == Role.REVIEWER);
    Long donorId = role == Role.DONOR ? b.requiredLong("donorId", 1, Long.MAX_VALUE) : null;
    if (role != Role.DONOR && b.has("donorId")) {
      throw DomainException.validation("donorId", "is only for the role donor");
    }
    return checkBinding(villageId, regionId, donorId)
        .compose(v -> PasswordHasher.hash(vertx, password))
        .compose(hash -> users.insert(pool, new UserRepository.NewUser(username, displayName, role,
            villageId, regionId, donorId, hash)))
        .recover(err -> Future.failedFuture(err instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? DomainException.conflict("username " + username + " is taken") : err))
        .compose(u -> {
          ctx.response().putHeader("Location", "/api/v1/users/" + u.id());
          return Responses.created(ctx, u.toJson());
        });
  }

  private static String bound(Body b, String field, boolean required) {
    if (required) {
      return b.requiredString(field, 1, 40);
    }
    if (b.has(field)) {
      throw DomainException.validation(field, "does not go with this role");
    }
    return null;
  }

  /** The village, region or donor an account is bound to must exist (and be of the right kind). */
  private Future<Void> checkBinding(String villageId, String regionId, Long donorId) {
    if (villageId != null) {
      return exists("SELECT 1 FROM regions WHERE id = $1 AND level = 'village'", villageId, "villageId",
          "must be an existing village");
    }
    if (regionId != null) {
      return exists("SELECT 1 FROM regions WHERE id = $1 AND level IN ('city', 'county', 'township')",
          regionId, "regionId", "must be an existing city, county or township");
    }
    if (donorId != null) {
      return exists("SELECT 1 FROM donors WHERE id = $1", donorId, "donorId", "must be an existing donor");
    }
    return Future.succeededFuture();
  }

  private Future<Void> exists(String sql, Object id, String field, String reason) {
    return pool.preparedQuery(sql).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(DomainException.validation(field, reason)) : Future.succeededFuture());
  }

  private Future<?> update(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("displayName", "active", "password"));
    String displayName = b.optionalString("displayName", 1, 100).orElse(null);
    Boolean active = b.optionalBoolean("active").orElse(null);
    String password = b.optionalString("password", 8, 200).orElse(null);
    Future<String> hash = password == null ? Future.succeededFuture(null) : PasswordHasher.hash(vertx, password);
    return hash.compose(h -> users.update(pool, id, displayName, active, h))
        .compose(u -> Responses.ok(ctx, u.orElseThrow(() -> DomainException.notFound("user " + id)).toJson()));
  }
}
