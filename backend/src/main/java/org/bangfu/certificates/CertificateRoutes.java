package org.bangfu.certificates;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bangfu.auth.Access;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * {@code GET /public/certificates/{allocationId}} (捐赠证明 of a verified allocation, anyone), {@code
 * GET /donors/{id}/statements/{year}} (年度捐赠报告) and {@code GET /donors/{id}/help} (the donor's help
 * with its evidence and the villages' progress).
 */
public final class CertificateRoutes implements RouteModule {
  private final CertificateService service;

  public CertificateRoutes(CertificateService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/public/certificates/:id").handler(RouteModule.handle(this::certificate));
    api.get("/donors/:id/statements/:year").handler(RouteModule.handle(this::statement));
    api.get("/donors/:id/help").handler(RouteModule.handle(this::help));
  }

  private Future<?> certificate(RoutingContext ctx) {
    return service
        .certificate(Params.of(ctx).pathId("id"))
        .compose(c -> Responses.ok(ctx, c.toJson()));
  }

  private Future<?> statement(RoutingContext ctx) {
    var user = Access.signedIn(ctx);
    Params q = Params.of(ctx);
    long year = q.pathId("year");
    if (year < 2000 || year > 2100) {
      throw org.bangfu.support.DomainException.invalid(
          "year", "out_of_range", "must be a year from 2000 to 2100");
    }
    return service
        .statement(user, q.pathId("id"), (int) year)
        .compose(s -> Responses.ok(ctx, s.toJson()));
  }

  private Future<?> help(RoutingContext ctx) {
    var user = Access.signedIn(ctx);
    Params q = Params.of(ctx);
    return service
        .help(user, q.pathId("id"), q.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, HelpLine::toJson)));
  }
}
