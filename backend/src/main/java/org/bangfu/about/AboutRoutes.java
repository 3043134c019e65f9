package org.bangfu.about;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/** Public: {@code GET /public/about} — whether the demo data is loaded (every screen says so). */
public final class AboutRoutes implements RouteModule {

  private final AboutService service;

  public AboutRoutes(AboutService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/public/about").handler(RouteModule.handle(this::about));
  }

  private Future<?> about(RoutingContext ctx) {
    return service
        .about()
        .compose(a -> Responses.ok(ctx, new JsonObject().put("demoData", a.demoData())));
  }
}
