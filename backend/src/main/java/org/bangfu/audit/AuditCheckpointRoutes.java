package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Base64;
import org.bangfu.auth.Access;
import org.bangfu.auth.Role;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * {@code GET /public/audit-checkpoints} (public): the signed checkpoints of the audit chain with
 * the public key to check them, so anyone can keep a copy; {@code POST /audit/checkpoints} (admin):
 * take one now.
 */
public final class AuditCheckpointRoutes implements RouteModule {

  private final AuditCheckpointService checkpoints;
  private final Clock clock;

  public AuditCheckpointRoutes(AuditCheckpointService checkpoints, Clock clock) {
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.get("/public/audit-checkpoints").handler(RouteModule.handle(this::published));
    api.post("/audit/checkpoints").handler(RouteModule.handle(this::take));
  }

  private Future<?> published(RoutingContext ctx) {
    return checkpoints
        .list()
        .compose(
            list -> {
              JsonArray arr = new JsonArray();
              list.forEach(cp -> arr.add(cp.toJson()));
              return Responses.ok(
                  ctx,
                  new JsonObject()
                      .put("algorithm", "Ed25519")
                      .put(
                          "publicKey",
                          Base64.getEncoder()
                              .encodeToString(
                                  AuditCheckpointService.key().getPublic().getEncoded()))
                      .put("checkpoints", arr));
            });
  }

  private Future<?> take(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    return checkpoints.take(clock.instant()).compose(cp -> Responses.created(ctx, cp.toJson()));
  }
}
