package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.households.HouseholdRepository;
import org.bangfu.households.HouseholdRoutes;
import org.bangfu.households.HouseholdStatus;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * {@code /status-applications}: the register's status changes (建档立卡动态管理) and their approval chain,
 * and {@code /registry/summary}: counts by status, county and year for reviewers, the united front
 * and auditors (counts only, never a household).
 */
public final class RegistryRoutes implements RouteModule {
  static final List<String> FIELDS =
      List.of(
          "householdId",
          "toStatus",
          "year",
          "removedReason",
          "dibao",
          "tekun",
          "incomePerHead",
          "unmet",
          "note");

  /** What an application may ask for ("new" is a year's count, applicant and cleared no target). */
  static final List<String> TARGETS =
      HouseholdStatus.WIRE.stream()
          .filter(s -> !List.of("new", "applicant", "cleared").contains(s))
          .toList();

  /** What a household entering the register may be identified as (never straight to exited). */
  static final List<String> REGISTER_AS = List.of("in_poverty", "marginal", "monitored");

  static final List<String> REGISTER_FIELDS =
      List.of(
          "villageId",
          "headName",
          "idNumber",
          "phone",
          "address",
          "status",
          "members",
          "labourCapacity",
          "gaps",
          "linkedCadre",
          "year",
          "incomePerHead",
          "dibao",
          "tekun",
          "note");
  static final List<String> DECISIONS = List.of("pass", "reject");

  private final RegistryService registry;
  private final RegistrySummaries summaries;

  public RegistryRoutes(RegistryService registry, RegistrySummaries summaries) {
    this.registry = registry;
    this.summaries = summaries;
  }

  @Override
  public void mount(Router api) {
    api.post("/households").handler(RouteModule.handle(this::register));
    api.post("/status-applications").handler(RouteModule.handle(this::submit));
    api.post("/status-applications/:id/withdraw").handler(RouteModule.handle(this::withdraw));
    api.get("/status-applications").handler(RouteModule.handle(this::list));
    api.get("/status-applications/:id").handler(RouteModule.handle(this::get));
    api.post("/status-applications/:id/review")
        .handler(RouteModule.handle(ctx -> decide(ctx, true)));
    api.post("/status-applications/:id/approve")
        .handler(RouteModule.handle(ctx -> decide(ctx, false)));
    api.get("/registry/summary").handler(RouteModule.handle(this::summary));
  }

  /** The request of an application as read from a body (also used by 回头看 for its fields). */
  static RegistryService.Request read(Body b) {
    long household = b.requiredLong("householdId", 1, Long.MAX_VALUE);
    HouseholdStatus to = HouseholdStatus.of(b.requiredEnum("toStatus", TARGETS));
    int year = b.requiredInt("year", 2000, 2100);
    return new RegistryService.Request(
        household,
        to,
        year,
        b.optionalEnum("removedReason", StatusRules.REMOVAL_REASONS).orElse(null),
        b.optionalBoolean("dibao").orElse(false),
        b.optionalBoolean("tekun").orElse(false),
        b.requiredLong("incomePerHead", 0, 10_000_000),
        b.stringList("unmet", HouseholdRoutes.GAPS.size(), 20, HouseholdRoutes.GAPS).stream()
            .distinct()
            .toList(),
        b.optionalString("note", 1, 2000).orElse(null),
        null);
  }

  /**
   * {@code POST /households}: a household enters the register as an applicant, and the status it is
   * to have is applied for at once — the township, the county and the notice decide it.
   */
  private Future<?> register(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    Body b = Body.of(ctx).only(REGISTER_FIELDS);
    String village = b.optionalString("villageId", 1, 40).orElse(user.villageId());
    if (village == null) {
      throw DomainException.invalid("villageId", "required", "is required");
    }
    Access.requireVillage(user, village);
    String idNumber = HouseholdRoutes.idNumber(b, true);
    String phone = HouseholdRoutes.phone(b);
    int members = b.requiredInt("members", 1, 30);
    int labour = b.requiredInt("labourCapacity", 0, 30);
    if (labour > members) {
      throw DomainException.validation("labourCapacity", "must not exceed members");
    }
    String headName = b.requiredString("headName", 1, 50);
    HouseholdStatus to = HouseholdStatus.of(b.requiredEnum("status", REGISTER_AS));
    List<String> gaps = HouseholdRoutes.gaps(b);
    var h =
        new HouseholdRepository.NewHousehold(
            village,
            headName,
            idNumber,
            phone,
            b.optionalString("address", 1, 200).orElse(null),
            HouseholdStatus.APPLICANT,
            members,
            labour,
            gaps == null ? List.of() : gaps,
            b.optionalString("linkedCadre", 1, 50).orElse(null),
            null);
    var grounds =
        new RegistryService.Request(
            0,
            to,
            b.optionalInt("year", 2000, 2100).orElse(registry.thisYear()),
            null,
            b.optionalBoolean("dibao").orElse(false),
            b.optionalBoolean("tekun").orElse(false),
            b.optionalLong("incomePerHead", 0, 10_000_000).orElse(0L),
            gaps == null ? List.of() : gaps,
            b.optionalString("note", 1, 2000).orElse(null),
            null);
    return registry
        .register(user, h, grounds)
        .compose(
            r ->
                Responses.created(
                    ctx, r.household().toJson().put("application", r.application().toJson())));
  }

  private Future<?> withdraw(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("reason"));
    String reason = b.requiredString("reason", 1, 1000);
    return registry.withdraw(user, id, reason).compose(a -> Responses.ok(ctx, a.toJson()));
  }

  private Future<?> submit(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    Body b = Body.of(ctx).only(FIELDS);
    return registry.submit(user, read(b)).compose(a -> Responses.created(ctx, a.toJson()));
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
    Params q = Params.of(ctx);
    var paging = q.paging();
    String village = q.optionalString("villageId", 40).orElse(user.villageId());
    if (village != null && !Access.canSeeVillage(user, village)) {
      throw DomainException.forbidden("village " + village + " is not yours");
    }
    String region = user.is(Role.REVIEWER) ? user.regionId() : null;
    List<String> states = q.list("state", StatusApplication.State.WIRE);
    Long household = q.optionalLong("householdId", 1, Long.MAX_VALUE).orElse(null);
    return registry
        .list(region, village, household, states, paging)
        .compose(p -> Responses.ok(ctx, Responses.page(p, StatusApplication::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return registry.get(user, id).compose(a -> Responses.ok(ctx, a.toJson()));
  }

  private Future<?> decide(RoutingContext ctx, boolean township) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("decision", "reason"));
    boolean pass = b.requiredEnum("decision", DECISIONS).equals("pass");
    String reason = b.optionalString("reason", 1, 1000).orElse(null);
    Future<StatusApplication> done =
        township
            ? registry.review(user, id, pass, reason)
            : registry.approve(user, id, pass, reason);
    return done.compose(a -> Responses.ok(ctx, a.toJson()));
  }

  private Future<?> summary(RoutingContext ctx) {
    CurrentUser user =
        Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    String region =
        Access.regionFilter(user, Params.of(ctx).optionalString("regionId", 40).orElse(null));
    return summaries
        .summary(region, () -> readSummary(region))
        .compose(
            answer -> {
              // X-Cache says whether the node's kept answer was served (for operators and tests)
              ctx.response().putHeader("X-Cache", answer.kept() ? "hit" : "miss");
              return Responses.encoded(ctx, 200, answer.value());
            });
  }

  private Future<Buffer> readSummary(String region) {
    return registry
        .countsByCounty(region)
        .compose(
            byCounty ->
                registry
                    .overTime(region)
                    .map(years -> summaryJson(region, byCounty, years).toBuffer()));
  }

  private static JsonObject summaryJson(
      String region,
      List<StatusApplicationRepository.CountyCount> byCounty,
      List<StatusApplicationRepository.YearCount> years) {
    JsonArray counties = new JsonArray();
    byCounty.forEach(
        c ->
            counties.add(
                new JsonObject()
                    .put("county", c.county())
                    .put("countyName", c.countyName())
                    .put("status", c.status())
                    .put("households", c.households())
                    .put("dibao", c.dibao())
                    .put("tekun", c.tekun())));
    JsonArray overTime = new JsonArray();
    years.forEach(
        y ->
            overTime.add(
                new JsonObject()
                    .put("year", y.year())
                    .put("status", y.status())
                    .put("households", y.households())));
    JsonObject totals = new JsonObject();
    byCounty.forEach(c -> totals.put(c.status(), totals.getLong(c.status(), 0L) + c.households()));
    return new JsonObject()
        .put("regionId", region)
        .put("totals", totals)
        .put("byCounty", counties)
        .put("overTime", overTime);
  }
}
