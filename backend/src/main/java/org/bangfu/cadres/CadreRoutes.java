package org.bangfu.cadres;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
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
 * {@code /cadres}: cadres in charge of households (帮扶责任人) and 第一书记; {@code /households/{id}/plan}:
 * a household's cadre, plan (一户一策) and visits; {@code /cadre-reports/*}: households without a cadre
 * or plan, cadres with too many households, visits per cadre per quarter. For the village, its
 * reviewers and admins only.
 */
public final class CadreRoutes implements RouteModule {
  private final CadreService service;

  public CadreRoutes(CadreService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/cadres").handler(RouteModule.handle(this::list));
    api.post("/cadres").handler(RouteModule.handle(this::create));
    api.get("/cadres/:id").handler(RouteModule.handle(this::get));
    api.post("/cadres/:id/end").handler(RouteModule.handle(this::endTerm));
    api.get("/help-units").handler(RouteModule.handle(this::units));
    api.post("/help-units").handler(RouteModule.handle(this::createUnit));
    api.get("/villages/:id/first-secretary").handler(RouteModule.handle(this::firstSecretary));
    api.get("/households/:id/plan").handler(RouteModule.handle(this::plan));
    api.post("/households/:id/cadre").handler(RouteModule.handle(this::assign));
    api.post("/households/:id/plan/measures").handler(RouteModule.handle(this::addMeasure));
    api.patch("/plan-measures/:id").handler(RouteModule.handle(this::updateMeasure));
    api.post("/households/:id/visits").handler(RouteModule.handle(this::visit));
    api.get("/cadre-reports/uncovered").handler(RouteModule.handle(this::uncovered));
    api.get("/cadre-reports/overloaded").handler(RouteModule.handle(this::overloaded));
    api.get("/cadre-reports/visits").handler(RouteModule.handle(this::visits));
  }

  private static CurrentUser user(RoutingContext ctx) {
    return Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    Params q = Params.of(ctx);
    return service
        .list(user, q.optionalBoolean("firstSecretaries").orElse(false), q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, Cadre::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    return service
        .get(user, Params.of(ctx).pathId("id"))
        .compose(c -> Responses.ok(ctx, c.toJson()));
  }

  private Future<?> create(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    Body b =
        Body.of(ctx)
            .only(
                List.of(
                    "name",
                    "unit",
                    "level",
                    "regionId",
                    "phone",
                    "firstSecretaryOf",
                    "dispatchedBy",
                    "unitId",
                    "appointedOn"));
    String name = b.requiredString("name", 1, 50);
    Long unitId = b.optionalLong("unitId", 1, Long.MAX_VALUE).orElse(null);
    String unit =
        unitId == null
            ? b.requiredString("unit", 1, 100)
            : b.optionalString("unit", 1, 100).orElse(null);
    String level = b.requiredEnum("level", Cadre.LEVELS);
    String region = b.optionalString("regionId", 1, 40).orElse(CadreService.scope(user));
    if (region == null) {
      throw DomainException.invalid("regionId", "required", "is required");
    }
    String phone = b.optionalString("phone", 11, 11).orElse(null);
    if (phone != null && !phone.matches("1[3-9]\\d{9}")) {
      throw DomainException.validation("phone", "must be an 11-digit mobile number");
    }
    String village = b.optionalString("firstSecretaryOf", 1, 40).orElse(null);
    String dispatcher = b.optionalEnum("dispatchedBy", Cadre.DISPATCHERS).orElse(null);
    if ((village == null) != (dispatcher == null)) {
      throw DomainException.invalid(
          village == null ? "firstSecretaryOf" : "dispatchedBy",
          "required",
          "a 第一书记 needs both the village and who dispatched them");
    }
    if (village != null && unitId == null) {
      throw DomainException.invalid(
          "unitId", "required", "a 第一书记 is appointed with the unit that sends them");
    }
    LocalDate appointed = b.optionalDate("appointedOn").orElse(service.today());
    return service
        .create(
            user,
            new CadreRepository.NewCadre(
                name, unit, level, region, phone, village, dispatcher, unitId, appointed))
        .compose(c -> Responses.created(ctx, c.toJson()));
  }

  private Future<?> endTerm(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("endedOn"));
    LocalDate on = b.optionalDate("endedOn").orElse(service.today());
    return service.endTerm(user, id, on).compose(c -> Responses.ok(ctx, c.toJson()));
  }

  private Future<?> units(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    Params q = Params.of(ctx);
    String search = q.optionalString("q", 50).filter(x -> !x.isBlank()).orElse(null);
    return service
        .units(user, search, q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, HelpUnit::toJson)));
  }

  private Future<?> createUnit(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    Body b = Body.of(ctx).only(List.of("name", "level", "regionId"));
    var u =
        new CadreRepository.NewUnit(
            b.requiredString("name", 1, 100),
            b.requiredEnum("level", HelpUnit.LEVELS),
            b.optionalString("regionId", 1, 40).orElse(user.regionId()));
    if (u.regionId() == null) {
      throw DomainException.invalid("regionId", "required", "is required");
    }
    return service.createUnit(user, u).compose(x -> Responses.created(ctx, x.toJson()));
  }

  /**
   * Public: the village's 第一书记 and the unit that sent them, wherever a village is shown; 204 when
   * none serves.
   */
  private Future<?> firstSecretary(RoutingContext ctx) {
    String village = Params.of(ctx).path("id");
    return service
        .firstSecretaryOf(village)
        .compose(
            c ->
                c.isPresent()
                    ? Responses.ok(ctx, c.get().toPublicJson())
                    : Responses.noContent(ctx));
  }

  static JsonObject planJson(CadreService.Plan p) {
    JsonArray measures = new JsonArray();
    p.measures().forEach(m -> measures.add(m.toJson()));
    JsonArray visits = new JsonArray();
    p.visits().forEach(v -> visits.add(v.toJson()));
    return new JsonObject()
        .put("householdId", p.householdId())
        .put("cadre", p.cadre() == null ? null : p.cadre().toJson())
        .put("measures", measures)
        .put("visits", visits);
  }

  private Future<?> plan(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    return service
        .plan(user, Params.of(ctx).pathId("id"))
        .compose(p -> Responses.ok(ctx, planJson(p)));
  }

  private Future<?> assign(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("cadreId"));
    long cadre = b.requiredLong("cadreId", 1, Long.MAX_VALUE);
    return service.assign(user, id, cadre).compose(p -> Responses.created(ctx, planJson(p)));
  }

  private Future<?> addMeasure(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("kind", "target", "status", "needId"));
    String kind = b.requiredEnum("kind", PlanMeasure.KINDS);
    String target = b.requiredString("target", 1, 500);
    String status = b.optionalEnum("status", PlanMeasure.STATUSES).orElse("planned");
    Long need = b.optionalLong("needId", 1, Long.MAX_VALUE).orElse(null);
    return service
        .addMeasure(user, id, kind, target, status, need)
        .compose(m -> Responses.created(ctx, m.toJson()));
  }

  private Future<?> updateMeasure(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("target", "status", "needId"));
    String target = b.optionalString("target", 1, 500).orElse(null);
    String status = b.optionalEnum("status", PlanMeasure.STATUSES).orElse(null);
    Long need = b.optionalLong("needId", 1, Long.MAX_VALUE).orElse(null);
    if (target == null && status == null && need == null) {
      throw DomainException.validation("body", "names no field to change");
    }
    return service
        .updateMeasure(user, id, target, status, need)
        .compose(m -> Responses.ok(ctx, m.toJson()));
  }

  private Future<?> visit(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("cadreId", "visitedOn", "what", "photoUrl"));
    Long cadre = b.optionalLong("cadreId", 1, Long.MAX_VALUE).orElse(null);
    var on = b.requiredDate("visitedOn");
    String what = b.requiredString("what", 1, 2000);
    String photo = b.optionalString("photoUrl", 1, 500).orElse(null);
    if (photo != null && !photo.matches("(https?://|/)\\S+")) {
      throw DomainException.validation("photoUrl", "must be a link (https://… or /…)");
    }
    return service
        .visit(user, id, cadre, on, what, photo)
        .compose(p -> Responses.created(ctx, planJson(p)));
  }

  private static CurrentUser reviewer(RoutingContext ctx) {
    return Access.require(ctx, Role.REVIEWER, Role.ADMIN);
  }

  private Future<?> uncovered(RoutingContext ctx) {
    CurrentUser user = reviewer(ctx);
    return service
        .uncovered(user, Params.of(ctx).paging())
        .compose(
            p ->
                Responses.ok(
                    ctx,
                    Responses.page(
                        p,
                        u ->
                            new JsonObject()
                                .put("householdId", u.householdId())
                                .put("headName", u.headName())
                                .put("villageId", u.villageId())
                                .put("villageName", u.villageName())
                                .put("status", u.status())
                                .put("hasCadre", u.hasCadre())
                                .put("hasPlan", u.hasPlan()))));
  }

  private Future<?> overloaded(RoutingContext ctx) {
    CurrentUser user = reviewer(ctx);
    int limit = Params.of(ctx).optionalInt("limit", 0, 1000).orElse(10);
    return service
        .overloaded(user, limit)
        .compose(
            list -> {
              JsonArray items = new JsonArray();
              list.forEach(c -> items.add(c.toJson()));
              return Responses.ok(ctx, new JsonObject().put("limit", limit).put("items", items));
            });
  }

  private Future<?> visits(RoutingContext ctx) {
    CurrentUser user = reviewer(ctx);
    int year = Params.of(ctx).optionalInt("year", 2000, 2100).orElse(service.thisYear());
    return service
        .visitsPerQuarter(user, year)
        .compose(
            list -> {
              JsonArray items = new JsonArray();
              list.forEach(
                  q ->
                      items.add(
                          new JsonObject()
                              .put("cadreId", q.cadreId())
                              .put("cadreName", q.cadreName())
                              .put("quarter", q.quarter())
                              .put("visits", q.visits())));
              return Responses.ok(ctx, new JsonObject().put("year", year).put("items", items));
            });
  }
}
