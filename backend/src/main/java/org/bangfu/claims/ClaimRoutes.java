package org.bangfu.claims;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.bangfu.allocations.AllocationRoutes;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.events.Events;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.Amounts;

/** {@code POST /needs/{id}/claims}: a donor takes (part of) a published need. */
public final class ClaimRoutes implements RouteModule {
  private final ClaimService service;

  public ClaimRoutes(ClaimService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.post("/needs/:id/claims").handler(RouteModule.handle(this::claim));
  }

  private Future<?> claim(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR);
    long needId = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(Set.of("pledgeId", "quantity"));
    Long pledgeId = b.optionalLong("pledgeId", 1, Long.MAX_VALUE).orElse(null);
    long quantity = b.requiredLong("quantity", 1, Amounts.MAX);
    return service
        .claim(user, new ClaimService.Claim(needId, pledgeId, quantity))
        .compose(
            a -> {
              Events.publish(ctx.vertx(), AllocationRoutes.changed(a));
              return Responses.created(ctx, a.toJson());
            });
  }
}
