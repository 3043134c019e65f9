package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.households.HouseholdRoutes;
import org.bangfu.http.Body;
import org.bangfu.http.Files;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
import org.bangfu.support.FileTypes;

/**
 * {@code /review-rounds}: 回头看, the county's yearly review of its exited households; the village
 * records the visits; {@code /review-rounds/{id}/progress} counts them per village.
 */
public final class ReviewRoundRoutes implements RouteModule {
  private final Vertx vertx;
  private final ReviewRoundService service;

  public ReviewRoundRoutes(Vertx vertx, ReviewRoundService service) {
    this.vertx = vertx;
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/review-rounds").handler(RouteModule.handle(this::list));
    api.post("/review-rounds").handler(RouteModule.handle(this::open));
    api.get("/review-rounds/:id").handler(RouteModule.handle(this::get));
    api.get("/review-rounds/:id/households").handler(RouteModule.handle(this::households));
    api.post("/review-rounds/:id/visits").handler(RouteModule.handle(this::visit));
    api.get("/review-rounds/:id/progress").handler(RouteModule.handle(this::progress));
    api.get("/review-visits/:id/photo").handler(RouteModule.handle(this::photo));
  }

  private static CurrentUser user(RoutingContext ctx) {
    return Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user =
        Access.require(
            ctx,
            Role.VILLAGE_SECRETARY,
            Role.REVIEWER,
            Role.UNITED_FRONT,
            Role.AUDITOR,
            Role.ADMIN);
    return service
        .list(user, Params.of(ctx).paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, ReviewRound::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user =
        Access.require(
            ctx,
            Role.VILLAGE_SECRETARY,
            Role.REVIEWER,
            Role.UNITED_FRONT,
            Role.AUDITOR,
            Role.ADMIN);
    return service
        .get(user, Params.of(ctx).pathId("id"))
        .compose(r -> Responses.ok(ctx, r.toJson()));
  }

  private Future<?> open(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    Body b = Body.of(ctx).only(List.of("countyId", "year", "incomeLine"));
    String county = b.optionalString("countyId", 1, 40).orElse(user.regionId());
    if (county == null) {
      throw DomainException.invalid("countyId", "required", "is required");
    }
    int year = b.requiredInt("year", 2000, 2100);
    long line = b.requiredLong("incomeLine", 0, 1_000_000);
    return service.open(user, county, year, line).compose(r -> Responses.created(ctx, r.toJson()));
  }

  static JsonObject json(ReviewRoundRepository.RoundHousehold h) {
    return new JsonObject()
        .put("householdId", h.householdId())
        .put("headName", h.headName())
        .put("villageId", h.villageId())
        .put("villageName", h.villageName())
        .put("status", h.status())
        .put("visitId", h.visitId())
        .put("visitedOn", h.visitedOn() == null ? null : h.visitedOn().toString())
        .put("incomePerHead", h.incomePerHead())
        .put("unmet", new JsonArray(new ArrayList<>(h.unmet())))
        .put("passed", h.passed())
        .put("applicationId", h.applicationId())
        .put("note", h.note())
        .put("hasPhoto", h.hasPhoto());
  }

  private Future<?> households(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    Params q = Params.of(ctx);
    return service
        .households(user, q.pathId("id"), q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, ReviewRoundRoutes::json)));
  }

  private Future<?> visit(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    // a photo is megabytes of base64: read on a worker, not the event loop
    return vertx
        .executeBlocking(() -> visitOf(Body.of(ctx)), false)
        .compose(v -> service.visit(user, id, v))
        .compose(h -> Responses.created(ctx, json(h)));
  }

  /**
   * A visit as read from its body: date, income, the checklist of 两不愁三保障 (and water, met unless
   * said otherwise), the finding and at most one photo.
   */
  static ReviewRoundService.Visit visitOf(Body body) {
    Body b =
        body.only(
            List.of("householdId", "visitedOn", "incomePerHead", "checklist", "note", "photos"));
    long household = b.requiredLong("householdId", 1, Long.MAX_VALUE);
    var on = b.requiredDate("visitedOn");
    long income = b.requiredLong("incomePerHead", 0, 10_000_000);
    Body checklist =
        b.optionalObject("checklist")
            .orElseThrow(() -> DomainException.invalid("checklist", "required", "is required"));
    checklist.only(HouseholdRoutes.GAPS);
    List<String> unmet = new ArrayList<>();
    for (String item : HouseholdRoutes.GAPS) {
      boolean met =
          item.equals("water")
              ? checklist.optionalBoolean(item).orElse(true)
              : checklist.requiredBoolean(item);
      if (!met) {
        unmet.add(item);
      }
    }
    String note = b.optionalString("note", 1, 1000).orElse(null);
    List<FileContent> photos = Files.read(b, "photos", 1, Files.MAX_BYTES, FileTypes.IMAGES);
    return new ReviewRoundService.Visit(
        household, on, income, unmet, note, photos.isEmpty() ? null : photos.get(0));
  }

  private Future<?> photo(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    return service
        .photo(user, Params.of(ctx).pathId("id"))
        .compose(f -> Responses.file(ctx, f, false));
  }

  private Future<?> progress(RoutingContext ctx) {
    CurrentUser user =
        Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return service
        .get(user, id)
        .compose(
            round ->
                service
                    .progress(user, id)
                    .compose(
                        list -> {
                          JsonArray villages = new JsonArray();
                          list.forEach(
                              v ->
                                  villages.add(
                                      new JsonObject()
                                          .put("villageId", v.villageId())
                                          .put("villageName", v.villageName())
                                          .put("township", v.township())
                                          .put("townshipName", v.townshipName())
                                          .put("households", v.households())
                                          .put("visited", v.visited())
                                          .put("passed", v.passed())
                                          .put("failed", v.failed())));
                          return Responses.ok(ctx, round.toJson().put("villages", villages));
                        }));
  }
}
