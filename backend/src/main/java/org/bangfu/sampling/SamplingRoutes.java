package org.bangfu.sampling;

import io.vertx.core.Future;
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
import org.bangfu.support.DomainException;

/**
 * Proof of delivery by sample. Public: {@code GET /public/delivery-samples} (each sample with its
 * frame, seed and received rate) and {@code /public/delivery-samples/{id}/checks} (what each
 * sampled allocation was found to be; no notes). The checkers' desk: {@code GET /delivery-checks},
 * {@code POST /delivery-checks/{id}/answer}.
 */
public final class SamplingRoutes implements RouteModule {
  static final List<String> STATUSES = List.of("pending", "received", "not_received", "problems");
  static final Role[] CHECKERS = {Role.REVIEWER, Role.AUDITOR, Role.ADMIN};

  private final SamplingService service;

  public SamplingRoutes(SamplingService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/public/delivery-samples").handler(RouteModule.handle(this::samples));
    api.get("/public/delivery-samples/:id").handler(RouteModule.handle(this::sample));
    api.get("/public/delivery-samples/:id/checks").handler(RouteModule.handle(this::sampleChecks));
    api.get("/delivery-checks").handler(RouteModule.handle(this::desk));
    api.post("/delivery-checks/:id/answer").handler(RouteModule.handle(this::answer));
  }

  private Future<?> samples(RoutingContext ctx) {
    return service
        .samples(Params.of(ctx).paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, DeliverySample::toJson)));
  }

  private Future<?> sample(RoutingContext ctx) {
    return service.sample(Params.of(ctx).pathId("id")).compose(s -> Responses.ok(ctx, s.toJson()));
  }

  private Future<?> sampleChecks(RoutingContext ctx) {
    Params q = Params.of(ctx);
    return service
        .publicChecks(q.pathId("id"), q.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, DeliveryCheck::toPublicJson)));
  }

  private Future<?> desk(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, CHECKERS);
    Params q = Params.of(ctx);
    var filter =
        new SamplingRepository.Filter(
            q.optionalEnum("status", STATUSES).orElse(null),
            q.optionalLong("sampleId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalString("region", 40).orElse(null),
            q.optionalLong("allocationId", 1, Long.MAX_VALUE).orElse(null));
    return service
        .desk(user, filter, q.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, DeliveryCheck::toJson)));
  }

  private Future<?> answer(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, CHECKERS);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("status", "note"));
    String status = b.requiredEnum("status", SamplingService.ANSWERS);
    String note = b.optionalString("note", 1, 2000).orElse(null);
    if (note == null && !status.equals("received")) {
      throw DomainException.invalid("note", "required", "say what the household or village said");
    }
    return service.answer(user, id, status, note).compose(c -> Responses.ok(ctx, c.toJson()));
  }
}
