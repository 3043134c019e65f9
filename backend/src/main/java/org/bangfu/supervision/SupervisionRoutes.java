package org.bangfu.supervision;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * Fund supervision alerts: {@code GET /alerts} (auditors, the united front, reviewers of the
 * region), {@code POST /alerts/{id}/resolve} and {@code POST /alerts/run} (auditors), {@code GET
 * /alerts/by-county} (the dashboard).
 */
public final class SupervisionRoutes implements RouteModule {
  static final Role[] READERS = {Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN};

  private final SupervisionService alerts;

  public SupervisionRoutes(SupervisionService alerts) {
    this.alerts = alerts;
  }

  @Override
  public void mount(Router api) {
    api.get("/alerts").handler(RouteModule.handle(this::list));
    api.get("/alerts/by-county").handler(RouteModule.handle(this::byCounty));
    api.post("/alerts/run").handler(RouteModule.handle(this::run));
    api.post("/alerts/:id/resolve").handler(RouteModule.handle(this::resolve));
  }

  /** The filters of the alert list (narrowed to what the user may see), shared with its export. */
  public static SupervisionRepository.Filter filter(CurrentUser user, Params q) {
    String county = q.optionalString("county", 40).orElse(null);
    Access.requireRegionInReach(user, county);
    return new SupervisionRepository.Filter(
        SupervisionService.scope(user),
        q.optionalEnum("status", Alert.Status.wires()).orElse(null),
        q.optionalEnum("rule", Alert.RULES).orElse(null),
        county);
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, READERS);
    Params q = Params.of(ctx);
    return alerts
        .list(filter(user, q), q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, Alert::toJson)));
  }

  private Future<?> byCounty(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, READERS);
    return alerts
        .byCounty(user)
        .compose(
            list ->
                Responses.ok(
                    ctx,
                    Responses.items(
                        list,
                        c ->
                            new JsonObject()
                                .put("countyId", c.countyId())
                                .put("countyName", c.countyName())
                                .put("open", c.open())
                                .put("total", c.total()))));
  }

  private Future<?> run(RoutingContext ctx) {
    Access.require(ctx, Role.AUDITOR, Role.ADMIN);
    return alerts.runNow().compose(n -> Responses.ok(ctx, new JsonObject().put("raised", n)));
  }

  private Future<?> resolve(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.AUDITOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("status", "note"));
    Alert.Status status =
        Alert.Status.fromWire(b.requiredEnum("status", List.of("explained", "closed")))
            .orElseThrow();
    String note = b.requiredString("note", 1, 2000);
    return alerts.resolve(user, id, status, note).compose(a -> Responses.ok(ctx, a.toJson()));
  }
}
