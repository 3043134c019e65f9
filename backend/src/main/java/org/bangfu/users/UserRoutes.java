package org.bangfu.users;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.Paging;

/**
 * Accounts, for admins ({@link UserService} holds the rules): {@code GET/POST /users}, {@code
 * GET/PATCH /users/{id}}.
 */
public final class UserRoutes implements RouteModule {

  static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wire).toList();

  private final UserService service;

  public UserRoutes(UserService service) {
    this.service = service;
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
    return service
        .list(role, paging)
        .compose(page -> Responses.ok(ctx, Responses.page(page, User::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return service.get(id).compose(u -> Responses.ok(ctx, u.toJson()));
  }

  private Future<?> create(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    Body b =
        Body.of(ctx)
            .only(
                List.of(
                    "username",
                    "displayName",
                    "role",
                    "password",
                    "villageId",
                    "regionId",
                    "donorId"));
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
    return service
        .create(
            new UserService.NewAccount(
                username, displayName, role, password, villageId, regionId, donorId))
        .compose(
            u -> {
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

  private Future<?> update(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("displayName", "active", "password"));
    String displayName = b.optionalString("displayName", 1, 100).orElse(null);
    Boolean active = b.optionalBoolean("active").orElse(null);
    String password = b.optionalString("password", 8, 200).orElse(null);
    return service
        .update(id, displayName, active, password)
        .compose(u -> Responses.ok(ctx, u.toJson()));
  }
}
