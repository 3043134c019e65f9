package org.bangfu.subjects;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * Public: {@code GET /public/report-subjects?kind=&q=} — the records of a kind whose name holds the
 * words, for the 12317 form's picker (a need, a verified allocation, a village, a donor on the
 * board).
 */
public final class SubjectRoutes implements RouteModule {

  /** At most this many records per answer. */
  static final int MAX = 30;

  private final SubjectService service;

  public SubjectRoutes(SubjectService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/public/report-subjects").handler(RouteModule.handle(this::search));
  }

  private Future<?> search(RoutingContext ctx) {
    Params p = Params.of(ctx);
    String kind =
        p.optionalEnum("kind", SubjectService.KINDS)
            .orElseThrow(() -> DomainException.invalid("kind", "required", "is required"));
    String words = p.requiredString("q", 40);
    int limit = p.optionalInt("limit", 1, MAX).orElse(15);
    return service
        .search(kind, words, limit)
        .compose(found -> Responses.ok(ctx, Responses.items(found, ReportSubject::toJson)));
  }
}
