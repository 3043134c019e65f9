package org.bangfu.reliability;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * 帮扶信誉: {@code GET /reliability/donors[/{id}]} and {@code /reliability/villages[/{id}]}, for
 * reviewers (villages of their region only), 统战部, auditors and admins; a donor reads its own, a
 * secretary its village's.
 */
public final class ReliabilityRoutes implements RouteModule {
  private static final Role[] WATCHERS = {
    Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN
  };

  private final ReliabilityService service;

  public ReliabilityRoutes(ReliabilityService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/reliability/donors").handler(RouteModule.handle(this::donors));
    api.get("/reliability/donors/:id").handler(RouteModule.handle(this::donor));
    api.get("/reliability/villages").handler(RouteModule.handle(this::villages));
    api.get("/reliability/villages/:id").handler(RouteModule.handle(this::village));
  }

  private Future<?> donors(RoutingContext ctx) {
    Access.require(ctx, WATCHERS);
    return service
        .donors(Params.of(ctx).paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, DonorReliability::toJson)));
  }

  private Future<?> donor(RoutingContext ctx) {
    CurrentUser user =
        Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN, Role.DONOR);
    long id = Params.of(ctx).pathId("id");
    if (user.role() == Role.DONOR) {
      Access.requireDonor(user, id);
    }
    return service.donor(id).compose(d -> Responses.ok(ctx, d.toJson()));
  }

  private Future<?> villages(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, WATCHERS);
    Params p = Params.of(ctx);
    String region = Access.regionFilter(user, p.optionalString("region", 40).orElse(null));
    return service
        .villages(region, p.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, VillageReliability::toJson)));
  }

  private Future<?> village(RoutingContext ctx) {
    CurrentUser user =
        Access.require(
            ctx,
            Role.REVIEWER,
            Role.UNITED_FRONT,
            Role.AUDITOR,
            Role.ADMIN,
            Role.VILLAGE_SECRETARY);
    String id = Params.of(ctx).path("id");
    if (user.role() == Role.VILLAGE_SECRETARY || user.role() == Role.REVIEWER) {
      Access.requireVillage(user, id); // a reviewer reads the villages of their region only
    }
    return service.village(id).compose(v -> Responses.ok(ctx, v.toJson()));
  }
}
