package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.Amounts;

/**
 * {@code /villages/{id}/caps}: the most of a unit that may go to one village's needs (e.g. the
 * 500,000 yuan of a city-dispatched help village), which bounds both match rounds and claims.
 * Anyone who may see the village's needs reads its caps; its reviewers, the united front and admin
 * set and remove them.
 *
 * <p>The rules are {@link VillageCapService}'s.
 */
public final class VillageCapRoutes implements RouteModule {
  private final VillageCapService service;

  public VillageCapRoutes(VillageCapService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/villages/:id/caps").handler(RouteModule.handle(this::list));
    api.put("/villages/:id/caps/:unit").handler(RouteModule.handle(this::set));
    api.delete("/villages/:id/caps/:unit").handler(RouteModule.handle(this::remove));
  }

  /** Published needs are public, so a village's caps are too. */
  private Future<?> list(RoutingContext ctx) {
    String village = Params.of(ctx).path("id");
    return service.list(village).compose(caps -> Responses.ok(ctx, json(village, caps)));
  }

  private static JsonObject json(String village, List<VillageCap> caps) {
    JsonArray items = new JsonArray();
    caps.forEach(c -> items.add(c.toJson()));
    return new JsonObject().put("villageId", village).put("items", items);
  }

  private Future<?> set(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.ADMIN);
    String village = Params.of(ctx).path("id");
    String unit = unit(ctx);
    long max = Body.of(ctx).only(Set.of("max")).requiredLong("max", 1, Amounts.MAX);
    return service
        .set(user, village, unit, max)
        .compose(s -> Responses.json(ctx, s.created() ? 201 : 200, s.cap().toJson()));
  }

  private Future<?> remove(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.ADMIN);
    String village = Params.of(ctx).path("id");
    String unit = unit(ctx);
    Body.of(ctx).only(Set.of());
    return service.remove(user, village, unit).compose(v -> Responses.noContent(ctx));
  }

  private static String unit(RoutingContext ctx) {
    return Unit.of("unit", Params.of(ctx).path("unit"));
  }
}
