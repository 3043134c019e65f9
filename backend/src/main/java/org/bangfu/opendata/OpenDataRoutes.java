package org.bangfu.opendata;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Times;

/**
 * The open-data feed, public: {@code GET /public/open-data/grants} (a 360Giving package, page by
 * page), {@code /public/open-data/allocations/{id}} (one donor grant), {@code /schema}, {@code
 * /traceability}, {@code /villages}, {@code /dumps} and {@code /dumps/{day}} (the day's gzip file).
 */
public final class OpenDataRoutes implements RouteModule {
  static final List<String> FLOWS = List.of("donor", "fiscal");
  static final String SCHEMA_PATH = "/api/v1/public/open-data/schema";

  private final OpenDataService service;

  public OpenDataRoutes(OpenDataService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/public/open-data/grants").handler(RouteModule.handle(this::grants));
    api.get("/public/open-data/allocations/:id").handler(RouteModule.handle(this::allocation));
    api.get("/public/open-data/schema").handler(RouteModule.handle(this::schema));
    api.get("/public/open-data/traceability").handler(RouteModule.handle(this::traceability));
    api.get("/public/open-data/villages").handler(RouteModule.handle(this::villages));
    api.get("/public/open-data/dumps").handler(RouteModule.handle(this::dumps));
    api.get("/public/open-data/dumps/:day").handler(RouteModule.handle(this::dump));
  }

  /** The feed's filters from the query. */
  static OpenDataRepository.Filter filter(Params q) {
    return new OpenDataRepository.Filter(
        q.optionalString("county", 40).orElse(null),
        q.optionalInt("year", 2000, 2100).orElse(null));
  }

  private Future<?> grants(RoutingContext ctx) {
    Params q = Params.of(ctx);
    String flow = q.optionalEnum("flow", FLOWS).orElse("donor");
    return service
        .grants(flow, filter(q), q.paging())
        .compose(page -> Responses.ok(ctx, packageOf(flow, page)));
  }

  /** A 360Giving package: {@code grants}, with the page and where the schema is. */
  static JsonObject packageOf(String flow, Page<JsonObject> page) {
    return new JsonObject()
        .put("grants", new JsonArray(new java.util.ArrayList<>(page.items())))
        .put("flow", flow)
        .put("total", page.total())
        .put("totalCapped", page.totalCapped())
        .put("page", page.page())
        .put("size", page.size())
        .put("schema", SCHEMA_PATH);
  }

  private Future<?> allocation(RoutingContext ctx) {
    return service.donorGrant(Params.of(ctx).pathId("id")).compose(g -> Responses.ok(ctx, g));
  }

  private Future<?> schema(RoutingContext ctx) {
    return service
        .schema()
        .compose(
            s ->
                ctx.response()
                    .putHeader("Content-Type", "application/schema+json; charset=utf-8")
                    .putHeader("Cache-Control", "public, max-age=3600")
                    .end(s));
  }

  private Future<?> traceability(RoutingContext ctx) {
    return service.traceability().compose(t -> Responses.ok(ctx, t.toJson()));
  }

  private Future<?> villages(RoutingContext ctx) {
    Params q = Params.of(ctx);
    return service
        .villages(q.optionalString("county", 40).orElse(null), q.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, VillageCount::toJson)));
  }

  private Future<?> dumps(RoutingContext ctx) {
    return service
        .dumps()
        .compose(
            list ->
                Responses.ok(
                    ctx,
                    Responses.items(
                        list,
                        d ->
                            new JsonObject()
                                .put("day", d.day().toString())
                                .put("grants", d.grants())
                                .put("sha256", d.sha256())
                                .put("size", d.size())
                                .put("madeAt", Times.instant(d.madeAt()))
                                .put("href", "/api/v1/public/open-data/dumps/" + d.day()))));
  }

  private Future<?> dump(RoutingContext ctx) {
    String day = Params.of(ctx).path("day");
    if (!day.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw DomainException.invalid("day", "not_date", "must be a date yyyy-mm-dd");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(day);
    } catch (RuntimeException e) {
      throw DomainException.invalid("day", "not_date", "must be a date yyyy-mm-dd");
    }
    return service
        .dump(date)
        .compose(
            bytes ->
                ctx.response()
                    .putHeader("Content-Type", "application/gzip")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"bangfu-360giving-" + date + ".json.gz\"")
                    .putHeader("Cache-Control", "public, max-age=86400")
                    .end(Buffer.buffer(bytes)));
  }
}
