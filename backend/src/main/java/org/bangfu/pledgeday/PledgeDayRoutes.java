package org.bangfu.pledgeday;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.Amounts;

/**
 * 10.17 扶贫日. {@code POST /pledge-days} (the united front, admin: a campaign's day and target);
 * public: {@code GET /public/pledge-days}, {@code /public/pledge-days/{campaignId}/wall} and {@code
 * /public/pledge-days/{campaignId}/commendations}.
 */
public final class PledgeDayRoutes implements RouteModule {
  private final PledgeDayService service;

  public PledgeDayRoutes(PledgeDayService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.post("/pledge-days").handler(RouteModule.handle(this::create));
    api.get("/public/pledge-days").handler(RouteModule.handle(this::list));
    api.get("/public/pledge-days/:id/wall").handler(RouteModule.handle(this::wall));
    api.get("/public/pledge-days/:id/commendations")
        .handler(RouteModule.handle(this::commendations));
  }

  private Future<?> create(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
    Body b = Body.of(ctx).only(List.of("campaignId", "day", "targetCny"));
    long campaign = b.requiredLong("campaignId", 1, Long.MAX_VALUE);
    LocalDate day = b.requiredDate("day");
    long target = b.requiredLong("targetCny", 1, Amounts.MAX);
    return service
        .create(user, campaign, day, target)
        .compose(d -> Responses.created(ctx, d.toJson(service.today())));
  }

  private Future<?> list(RoutingContext ctx) {
    LocalDate today = service.today();
    return service
        .all()
        .compose(list -> Responses.ok(ctx, Responses.items(list, d -> d.toJson(today))));
  }

  private Future<?> wall(RoutingContext ctx) {
    return service
        .wall(Params.of(ctx).pathId("id"))
        .compose(w -> Responses.ok(ctx, w.toJson(service.today())));
  }

  private Future<?> commendations(RoutingContext ctx) {
    return service
        .commendations(Params.of(ctx).pathId("id"))
        .compose(c -> Responses.ok(ctx, c.toJson(service.today())));
  }
}
