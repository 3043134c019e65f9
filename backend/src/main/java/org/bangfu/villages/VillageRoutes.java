package org.bangfu.villages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * {@code /villages/{id}/incomes}: a village's collective income per year (村集体经营性收入); {@code
 * /villages/{id}/exit}: 摘帽; {@code /collective-goals}: per county, the villages still under the
 * hollow line this year and the weak line (to clear by next year), and counts per year.
 * Village-level figures only, no household.
 */
public final class VillageRoutes implements RouteModule {
  static final List<String> CRITERIA = List.of("roads", "drinkingWater", "power", "clinic");
  private final VillageService service;

  public VillageRoutes(VillageService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/villages/:id/incomes").handler(RouteModule.handle(this::incomes));
    api.put("/villages/:id/incomes/:year").handler(RouteModule.handle(this::enter));
    api.post("/villages/:id/incomes/:year/verify").handler(RouteModule.handle(this::verify));
    api.get("/villages/:id/exit").handler(RouteModule.handle(this::exitOf));
    api.get("/villages/:id/exit/criteria").handler(RouteModule.handle(this::criteria));
    api.post("/villages/:id/exit").handler(RouteModule.handle(this::exit));
    api.post("/villages/:id/exit/withdraw").handler(RouteModule.handle(this::withdrawExit));
    api.get("/collective-goals").handler(RouteModule.handle(this::goals));
  }

  private static int year(Params p) {
    String s = p.path("year");
    if (!s.matches("\\d{4}")) {
      throw DomainException.invalid("year", "not_year", "must be a year yyyy");
    }
    return Integer.parseInt(s);
  }

  private Future<?> incomes(RoutingContext ctx) {
    CurrentUser user =
        Access.require(
            ctx,
            Role.VILLAGE_SECRETARY,
            Role.REVIEWER,
            Role.UNITED_FRONT,
            Role.AUDITOR,
            Role.ADMIN);
    String village = Params.of(ctx).path("id");
    if (user.is(Role.VILLAGE_SECRETARY, Role.REVIEWER) && !Access.canSeeVillage(user, village)) {
      throw DomainException.forbidden("village " + village + " is not yours");
    }
    return service
        .incomes(village)
        .compose(
            list -> {
              JsonArray items = new JsonArray();
              list.forEach(i -> items.add(i.toJson()));
              return Responses.ok(
                  ctx, new JsonObject().put("villageId", village).put("items", items));
            });
  }

  private Future<?> enter(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    Params p = Params.of(ctx);
    String village = p.path("id");
    int year = year(p);
    long amount =
        Body.of(ctx).only(List.of("amount")).requiredLong("amount", 0, 1_000_000_000_000L);
    return service.enter(user, village, year, amount).compose(i -> Responses.ok(ctx, i.toJson()));
  }

  private Future<?> verify(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    Params p = Params.of(ctx);
    return service.verify(user, p.path("id"), year(p)).compose(i -> Responses.ok(ctx, i.toJson()));
  }

  private Future<?> exitOf(RoutingContext ctx) {
    Access.require(
        ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    return service.exitOf(Params.of(ctx).path("id")).compose(e -> Responses.ok(ctx, e.toJson()));
  }

  private Future<?> criteria(RoutingContext ctx) {
    CurrentUser user =
        Access.require(
            ctx,
            Role.VILLAGE_SECRETARY,
            Role.REVIEWER,
            Role.UNITED_FRONT,
            Role.AUDITOR,
            Role.ADMIN);
    Params p = Params.of(ctx);
    int year =
        p.optionalInt("year", 2000, 2100)
            .orElseThrow(() -> DomainException.invalid("year", "required", "is required"));
    return service
        .exitCriteria(user, p.path("id"), year)
        .compose(c -> Responses.ok(ctx, c.toJson()));
  }

  private Future<?> exit(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    String village = Params.of(ctx).path("id");
    Body b = Body.of(ctx).only(List.of("year", "roads", "drinkingWater", "power", "clinic"));
    int year = b.requiredInt("year", 2000, 2100);
    Map<String, Boolean> criteria = new LinkedHashMap<>();
    CRITERIA.forEach(c -> criteria.put(c, b.requiredBoolean(c)));
    return service
        .exit(user, village, year, criteria)
        .compose(e -> Responses.created(ctx, e.toJson()));
  }

  private Future<?> withdrawExit(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    String village = Params.of(ctx).path("id");
    Body b = Body.of(ctx).only(List.of("reason"));
    String reason = b.requiredString("reason", 1, 1000);
    return service.withdrawExit(user, village, reason).compose(e -> Responses.ok(ctx, e.toJson()));
  }

  private Future<?> goals(RoutingContext ctx) {
    CurrentUser user =
        Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    Params p = Params.of(ctx);
    String region = Access.regionFilter(user, p.optionalString("regionId", 40).orElse(null));
    Integer year = p.optionalInt("year", 2000, 2100).orElse(null);
    return service.goals(region, year).compose(g -> Responses.ok(ctx, goalsJson(g, region)));
  }

  /** The goals' answer: per county its villages by standing and the two goals; years; exits. */
  private static JsonObject goalsJson(VillageService.Goals g, String region) {
    JsonArray byYear = new JsonArray();
    g.byYear()
        .forEach(
            y ->
                byYear.add(
                    new JsonObject()
                        .put("year", y.year())
                        .put("hollow", y.hollow())
                        .put("weak", y.weak())
                        .put("ok", y.ok())));
    JsonArray exits = new JsonArray();
    g.exitsByYear()
        .forEach(
            e -> exits.add(new JsonObject().put("year", e.year()).put("villages", e.villages())));
    return new JsonObject()
        .put("year", g.year())
        .put("regionId", region)
        .put("hollowLine", VillageIncome.HOLLOW_LINE)
        .put("weakLine", VillageIncome.WEAK_LINE)
        .put("totals", totals(g.standing()))
        .put("counties", new JsonArray(List.copyOf(counties(g.standing()))))
        .put("byYear", byYear)
        .put("exitsByYear", exits);
  }

  /**
   * Each county with its villages counted and listed as hollow, weak or without an income, and
   * whether it meets the goals (no hollow village this year, no weak one yet).
   */
  private static Collection<JsonObject> counties(List<VillageRepository.Standing> standing) {
    Map<String, JsonObject> counties = new LinkedHashMap<>();
    for (var s : standing) {
      JsonObject c = counties.computeIfAbsent(s.county(), k -> county(k, s.countyName()));
      c.put("villages", c.getInteger("villages") + 1);
      JsonObject v =
          new JsonObject()
              .put("villageId", s.villageId())
              .put("villageName", s.villageName())
              .put("year", s.year())
              .put("amount", s.amount())
              .put("verified", s.verified());
      switch (s.standing()) {
        case "no_income" -> c.getJsonArray("noIncome").add(v);
        case "hollow" -> c.getJsonArray("hollow").add(v);
        case "weak" -> c.getJsonArray("weak").add(v);
        default -> {
          // meets both lines: counted, not listed
        }
      }
    }
    counties.values().forEach(VillageRoutes::goalsMet);
    return counties.values();
  }

  /** How many villages the rule counted, and how many stand hollow, weak, ok, without an income. */
  private static JsonObject totals(List<VillageRepository.Standing> standing) {
    JsonObject t =
        new JsonObject()
            .put("villages", standing.size())
            .put("hollow", 0)
            .put("weak", 0)
            .put("ok", 0)
            .put("noIncome", 0);
    for (var s : standing) {
      String key = s.standing().equals("no_income") ? "noIncome" : s.standing();
      t.put(key, t.getInteger(key, 0) + 1);
    }
    return t;
  }

  private static JsonObject county(String id, String name) {
    return new JsonObject()
        .put("countyId", id)
        .put("countyName", name)
        .put("villages", 0)
        .put("hollow", new JsonArray())
        .put("weak", new JsonArray())
        .put("noIncome", new JsonArray());
  }

  private static void goalsMet(JsonObject c) {
    boolean noHollow = c.getJsonArray("hollow").isEmpty() && c.getJsonArray("noIncome").isEmpty();
    c.put("noHollowThisYear", noHollow)
        .put("noWeakYet", c.getJsonArray("weak").isEmpty() && noHollow);
  }
}
