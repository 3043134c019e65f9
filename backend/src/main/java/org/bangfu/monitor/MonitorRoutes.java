package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * {@code /monitor/…}: 防止返贫动态监测 for officials — the cases of a county, township or village (the
 * triage queue, a case's page), a cadre's lead, every step of a case, the yearly income lines, the
 * figures (counts and durations only, for the united front and auditors too), and for a donor the
 * help proposed to it (the need and the place, never the household).
 */
public final class MonitorRoutes implements RouteModule {
  static final List<String> NEED_CATEGORIES =
      List.of(
          "industry",
          "employment",
          "relocation",
          "housing",
          "education",
          "health",
          "ecology",
          "training",
          "microcredit",
          "ecommerce",
          "tourism",
          "collective",
          "infrastructure",
          "public_service");

  private final Vertx vertx;
  private final MonitorService monitor;
  private final LeadService leads;

  public MonitorRoutes(Vertx vertx, MonitorService monitor, LeadService leads) {
    this.vertx = vertx;
    this.monitor = monitor;
    this.leads = leads;
  }

  @Override
  public void mount(Router api) {
    api.get("/monitor/cases").handler(RouteModule.handle(this::list));
    api.get("/monitor/cases/:id").handler(RouteModule.handle(this::get));
    api.get("/monitor/cases/:id/photo").handler(RouteModule.handle(this::photo));
    api.post("/monitor/leads").handler(RouteModule.handle(this::lead));
    api.post("/monitor/cases/:id/triage").handler(RouteModule.handle(this::triage));
    api.post("/monitor/cases/:id/check").handler(RouteModule.handle(this::check));
    api.post("/monitor/cases/:id/notice").handler(RouteModule.handle(this::notice));
    api.post("/monitor/cases/:id/township").handler(RouteModule.handle(this::township));
    api.post("/monitor/cases/:id/decide").handler(RouteModule.handle(this::decide));
    api.post("/monitor/cases/:id/reject").handler(RouteModule.handle(this::reject));
    api.post("/monitor/cases/:id/green").handler(RouteModule.handle(this::green));
    api.post("/monitor/cases/:id/help").handler(RouteModule.handle(this::help));
    api.post("/monitor/cases/:id/closure").handler(RouteModule.handle(this::closure));
    api.get("/monitor/thresholds").handler(RouteModule.handle(this::thresholds));
    api.put("/monitor/thresholds/:region/:year").handler(RouteModule.handle(this::setThreshold));
    api.get("/monitor/figures").handler(RouteModule.handle(this::figures));
    api.get("/monitor/proposals").handler(RouteModule.handle(this::proposals));
  }

  private static CurrentUser official(RoutingContext ctx) {
    return Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
  }

  private static CurrentUser reviewer(RoutingContext ctx) {
    return Access.require(ctx, Role.REVIEWER, Role.ADMIN);
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = official(ctx);
    Params q = Params.of(ctx);
    var f =
        new CaseRepository.Filter(
            q.optionalString("regionId", 40).orElse(null),
            q.optionalString("villageId", 40).orElse(null),
            q.list("state", CaseState.WIRE),
            q.optionalBoolean("green").orElse(null),
            q.optionalBoolean("late").orElse(null));
    Instant now = monitor.now();
    return monitor
        .list(user, f, q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, c -> c.toJson(now))));
  }

  static JsonObject detail(MonitorService.Detail d, Instant now) {
    return d.monitorCase()
        .toJson(now)
        .put("leadList", new JsonArray(d.leads().stream().map(Lead::toJson).toList()))
        .put("events", new JsonArray(d.events().stream().map(CaseEvent::toJson).toList()))
        .put("proposals", new JsonArray(d.proposals().stream().map(Proposal::toJson).toList()));
  }

  private Future<?> answer(RoutingContext ctx, Future<MonitorService.Detail> d) {
    return d.compose(x -> Responses.ok(ctx, detail(x, monitor.now())));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = official(ctx);
    return answer(ctx, monitor.get(user, Params.of(ctx).pathId("id")));
  }

  private Future<?> photo(RoutingContext ctx) {
    CurrentUser user = official(ctx);
    return monitor
        .photo(user, Params.of(ctx).pathId("id"))
        .compose(f -> Responses.file(ctx, f, false));
  }

  /** A cadre's lead (八必访): a registered household of theirs, or a person by name and ID. */
  private Future<?> lead(RoutingContext ctx) {
    CurrentUser user = official(ctx);
    Body b =
        Body.of(ctx)
            .only(
                List.of(
                    "householdId",
                    "name",
                    "idNumber",
                    "villageId",
                    "visitReason",
                    "risk",
                    "amount",
                    "detail"));
    Long household = b.optionalLong("householdId", 1, Long.MAX_VALUE).orElse(null);
    String name = household == null ? b.requiredString("name", 1, 50) : null;
    String id = household == null ? HouseholdRoutes.idNumber(b, true) : null;
    String village =
        household == null ? b.optionalString("villageId", 1, 40).orElse(user.villageId()) : null;
    if (household == null && village == null) {
      throw DomainException.invalid("villageId", "required", "is required");
    }
    var l =
        new LeadService.CadreLead(
            household,
            name,
            id,
            village,
            b.requiredEnum("visitReason", MonitorKinds.VISIT_REASONS),
            b.optionalEnum("risk", MonitorKinds.RISKS).orElse(null),
            b.optionalLong("amount", 0, 100_000_000).orElse(null),
            b.optionalString("detail", 1, 1000).orElse(null));
    return leads
        .cadreLead(user, l)
        .compose(caseId -> monitor.get(user, caseId))
        .compose(d -> Responses.created(ctx, detail(d, monitor.now())));
  }

  private Future<?> triage(RoutingContext ctx) {
    CurrentUser user = reviewer(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("decision", "villageId", "kind", "reason", "note"));
    boolean accept = b.requiredEnum("decision", List.of("accept", "dismiss")).equals("accept");
    var t =
        new MonitorService.Triage(
            accept,
            b.optionalString("villageId", 1, 40).orElse(null),
            b.optionalEnum("kind", MonitorKinds.KINDS).orElse(null),
            b.optionalEnum("reason", MonitorKinds.DISMISS_REASONS).orElse(null),
            b.optionalString("note", 1, 1000).orElse(null));
    return answer(ctx, monitor.triage(user, id, t));
  }

  /**
   * The home check: the finding, income, kind and risks, and at most one photo (a worker reads it).
   */
  private Future<?> check(RoutingContext ctx) {
    CurrentUser user = official(ctx);
    long id = Params.of(ctx).pathId("id");
    return vertx
        .executeBlocking(() -> homeCheck(Body.of(ctx)), false)
        .compose(h -> answer(ctx, monitor.check(user, id, h)));
  }

  static MonitorService.HomeCheck homeCheck(Body body) {
    Body b =
        body.only(
            List.of("atRisk", "visitedOn", "incomePerHead", "finding", "kind", "risks", "photos"));
    List<FileContent> photos = Files.read(b, "photos", 1, Files.MAX_BYTES, FileTypes.IMAGES);
    return new MonitorService.HomeCheck(
        b.requiredBoolean("atRisk"),
        b.requiredDate("visitedOn"),
        b.requiredLong("incomePerHead", 0, 10_000_000),
        b.requiredString("finding", 1, 2000),
        b.optionalEnum("kind", MonitorKinds.KINDS).orElse(null),
        b.stringList("risks", MonitorKinds.RISKS.size(), 30, MonitorKinds.RISKS),
        photos.isEmpty() ? null : photos.get(0));
  }

  private Future<?> notice(RoutingContext ctx) {
    CurrentUser user = official(ctx);
    Body.of(ctx).only(List.of());
    return answer(ctx, monitor.publishNotice(user, Params.of(ctx).pathId("id")));
  }

  private Future<?> township(RoutingContext ctx) {
    CurrentUser user = reviewer(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("decision", "reason"));
    boolean pass = b.requiredEnum("decision", List.of("pass", "reject")).equals("pass");
    String reason = b.optionalString("reason", 1, 1000).orElse(null);
    return answer(ctx, monitor.township(user, id, pass, reason));
  }

  static CaseHelp.Asked asked(Body b) {
    return b.optionalObject("help")
        .map(
            h -> {
              h.only(List.of("category", "yuan", "title"));
              return new CaseHelp.Asked(
                  h.optionalEnum("category", NEED_CATEGORIES).orElse(null),
                  h.optionalLong("yuan", 1, 10_000_000).orElse(null),
                  h.optionalString("title", 1, 200).orElse(null));
            })
        .orElse(null);
  }

  private Future<?> decide(RoutingContext ctx) {
    CurrentUser user = reviewer(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("decision", "kind", "note", "help"));
    boolean confirm = b.requiredEnum("decision", List.of("confirm", "reject")).equals("confirm");
    var d =
        new MonitorService.Decision(
            confirm,
            b.optionalEnum("kind", MonitorKinds.KINDS).orElse(null),
            b.optionalString("note", 1, 1000).orElse(null),
            asked(b));
    return answer(ctx, monitor.decide(user, id, d));
  }

  private Future<?> reject(RoutingContext ctx) {
    CurrentUser user = reviewer(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("reason"));
    return answer(ctx, monitor.reject(user, id, b.requiredString("reason", 1, 1000)));
  }

  private Future<?> green(RoutingContext ctx) {
    CurrentUser user = reviewer(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("reason", "help"));
    return answer(ctx, monitor.green(user, id, b.requiredString("reason", 1, 500), asked(b)));
  }

  private Future<?> help(RoutingContext ctx) {
    CurrentUser user = official(ctx);
    Body.of(ctx).only(List.of());
    return answer(ctx, monitor.confirmHelp(user, Params.of(ctx).pathId("id")));
  }

  private Future<?> closure(RoutingContext ctx) {
    CurrentUser user = official(ctx);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("incomePerHead", "note"));
    return answer(
        ctx,
        monitor.closure(
            user,
            id,
            b.requiredLong("incomePerHead", 0, 10_000_000),
            b.requiredString("note", 1, 2000)));
  }

  private Future<?> thresholds(RoutingContext ctx) {
    Access.require(
        ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    return monitor
        .thresholds()
        .compose(
            list ->
                Responses.ok(
                    ctx,
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(list.stream().map(Threshold::toJson).toList()))));
  }

  private Future<?> setThreshold(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.ADMIN);
    Params p = Params.of(ctx);
    String region = p.path("region");
    int year = yearOf(p.path("year"));
    Body b = Body.of(ctx).only(List.of("incomeLine", "effectiveFrom", "source"));
    return monitor
        .setThreshold(
            user,
            region,
            year,
            b.requiredLong("incomeLine", 1, 1_000_000),
            b.requiredDate("effectiveFrom"),
            b.requiredString("source", 1, 300))
        .compose(
            list ->
                Responses.ok(
                    ctx,
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(list.stream().map(Threshold::toJson).toList()))));
  }

  private static int yearOf(String text) {
    if (!text.matches("\\d{4}")) {
      throw DomainException.invalid("year", "not_year", "must be a year such as 2025");
    }
    int year = Integer.parseInt(text);
    if (year < 2000 || year > 2100) {
      throw DomainException.invalid("year", "out_of_range", "must be between 2000 and 2100");
    }
    return year;
  }

  private Future<?> figures(RoutingContext ctx) {
    CurrentUser user =
        Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    Params q = Params.of(ctx);
    String region = q.optionalString("regionId", 40).orElse(null);
    int days = q.optionalInt("days", 1, 3650).orElse(365);
    return monitor
        .figures(user, region, days)
        .compose(f -> Responses.ok(ctx, figuresJson(f, days)));
  }

  static JsonObject figuresJson(FigureRepository.Figures f, int days) {
    return new JsonObject()
        .put("days", days)
        .put("leadsByChannel", new JsonObject(new LinkedHashMap<>(f.leadsByChannel())))
        .put("casesByState", new JsonObject(new LinkedHashMap<>(f.casesByState())))
        .put("leads", f.leadsByChannel().values().stream().mapToLong(Long::longValue).sum())
        .put(
            "confirmed",
            f.casesByState().getOrDefault("confirmed", 0L)
                + f.casesByState().getOrDefault("closing", 0L)
                + f.casesByState().getOrDefault("closed", 0L))
        .put("decided", f.decided())
        .put("decidedInTime", f.decidedInTime())
        .put("decisionDaysP50", f.decisionP50())
        .put("decisionDaysP95", f.decisionP95())
        .put("helped", f.helped())
        .put("helpDaysP50", f.helpP50())
        .put("helpDaysP95", f.helpP95())
        .put("late", f.late())
        .put("green", f.green());
  }

  private Future<?> proposals(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR);
    return monitor
        .donorProposals(user, Params.of(ctx).paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, Proposal::toDonorJson)));
  }
}
