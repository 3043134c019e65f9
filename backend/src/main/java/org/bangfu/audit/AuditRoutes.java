package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bangfu.auth.Access;
import org.bangfu.auth.Role;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * {@code /audit}: the append-only trail, for auditors and admins (its check, {@code /audit/verify},
 * is the transparency log's: {@link org.bangfu.audit.log.TransparencyRoutes}).
 */
public final class AuditRoutes implements RouteModule {

  private final AuditService service;

  public AuditRoutes(AuditService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/audit").handler(RouteModule.handle(this::list));
  }

  private Future<?> list(RoutingContext ctx) {
    Access.require(ctx, Role.AUDITOR, Role.ADMIN);
    Params q = Params.of(ctx);
    var paging = q.paging();
    var filter =
        new AuditRepository.Filter(
            q.optionalString("entity", 40).orElse(null),
            q.optionalString("entityId", 40).orElse(null));
    return service
        .list(filter, paging)
        .compose(p -> Responses.ok(ctx, Responses.page(p, AuditEntry::toJson)));
  }
}
