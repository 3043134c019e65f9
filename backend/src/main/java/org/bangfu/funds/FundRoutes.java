package org.bangfu.funds;

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
import org.bangfu.http.Body;
import org.bangfu.http.Files;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.needs.Category;
import org.bangfu.support.Amounts;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;

/**
 * Fund programmes (资金项目计划) and projects (项目) under {@code /funds}: programmes for the united front
 * (create) and every official (read); projects planned, approved, paid (拨付) and accepted (验收) by
 * reviewers of the region, progress reported by the village's secretary; the mountain-sea flows
 * (山海协作对口资金) for the dashboard.
 */
public final class FundRoutes implements RouteModule {
  /** A programme's or project's purpose: the kinds of help, as for needs. */
  static final List<String> CATEGORIES = Category.ALL;

  static final List<String> HOUSEHOLD_STATUSES =
      List.of("in_poverty", "exited", "returned", "new", "marginal");
  static final int MAX_PHOTOS = 4;
  static final int MAX_PHOTO_BYTES = Files.MAX_BYTES;
  static final List<String> PHOTO_TYPES = List.of("image/jpeg", "image/png", "image/webp");
  static final Role[] OFFICIALS = {
    Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN
  };

  private final Vertx vertx;
  private final FundService funds;

  public FundRoutes(Vertx vertx, FundService funds) {
    this.vertx = vertx;
    this.funds = funds;
  }

  @Override
  public void mount(Router api) {
    api.get("/funds/programmes").handler(RouteModule.handle(this::programmes));
    api.post("/funds/programmes").handler(RouteModule.handle(this::createProgramme));
    api.get("/funds/programmes/:id").handler(RouteModule.handle(this::programme));
    api.get("/funds/projects").handler(RouteModule.handle(this::projects));
    api.post("/funds/projects").handler(RouteModule.handle(this::createProject));
    api.get("/funds/projects/:id").handler(RouteModule.handle(this::project));
    api.post("/funds/projects/:id/approve").handler(RouteModule.handle(this::approve));
    api.post("/funds/projects/:id/disbursements").handler(RouteModule.handle(this::disburse));
    api.post("/funds/projects/:id/progress").handler(RouteModule.handle(this::report));
    api.post("/funds/projects/:id/accept").handler(RouteModule.handle(this::accept));
    api.get("/funds/photos/:id").handler(RouteModule.handle(this::photo));
    api.get("/funds/mountain-sea-flows").handler(RouteModule.handle(this::flows));
  }

  // ---------------------------------------------------------------- programmes

  /** The filters of the programme list, shared with its export. */
  public static FundRepository.ProgrammeFilter programmeFilter(Params q) {
    return new FundRepository.ProgrammeFilter(
        q.optionalInt("year", 2000, 2100).orElse(null),
        q.optionalEnum("source", Programme.SOURCES).orElse(null),
        q.optionalEnum("category", CATEGORIES).orElse(null),
        q.optionalString("county", 40).orElse(null),
        q.optionalString("q", 100).orElse(null));
  }

  private Future<?> programmes(RoutingContext ctx) {
    Access.require(ctx, OFFICIALS);
    Params q = Params.of(ctx);
    return funds
        .programmes(programmeFilter(q), q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, Programme::toJson)));
  }

  private Future<?> programme(RoutingContext ctx) {
    Access.require(ctx, OFFICIALS);
    return funds.programme(Params.of(ctx).pathId("id")).compose(p -> Responses.ok(ctx, p.toJson()));
  }

  private Future<?> createProgramme(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
    Body b =
        Body.of(ctx)
            .only(
                List.of(
                    "name",
                    "source",
                    "sourceRegionId",
                    "campaignId",
                    "category",
                    "year",
                    "budget",
                    "eligibility",
                    "eligibleCounties",
                    "dispatchedBy",
                    "householdStatuses",
                    "startsOn",
                    "endsOn",
                    "description"));
    String eligibility = b.optionalEnum("eligibility", Programme.ELIGIBILITY).orElse("any");
    var p =
        new FundRepository.NewProgramme(
            b.requiredString("name", 1, 200),
            b.requiredEnum("source", Programme.SOURCES),
            b.optionalString("sourceRegionId", 1, 40).orElse(null),
            b.optionalLong("campaignId", 1, Long.MAX_VALUE).orElse(null),
            b.requiredEnum("category", CATEGORIES),
            b.requiredInt("year", 2000, 2100),
            b.requiredLong("budget", 1, Amounts.MAX),
            eligibility,
            b.stringList("eligibleCounties", 20, 40, null),
            eligibility.equals("help_villages")
                ? b.optionalEnum("dispatchedBy", List.of("city", "province", "county")).orElse(null)
                : null,
            b.stringList("householdStatuses", 5, 20, HOUSEHOLD_STATUSES),
            b.requiredDate("startsOn"),
            b.requiredDate("endsOn"),
            b.optionalString("description", 0, 2000).orElse(""));
    return funds.createProgramme(user, p).compose(g -> Responses.created(ctx, g.toJson()));
  }

  private Future<?> flows(RoutingContext ctx) {
    Integer year = Params.of(ctx).optionalInt("year", 2000, 2100).orElse(null);
    return funds
        .mountainSeaFlows(year)
        .compose(
            list ->
                Responses.ok(
                    ctx,
                    Responses.items(
                        list,
                        f ->
                            new JsonObject()
                                .put("fromId", f.fromId())
                                .put("fromName", f.fromName())
                                .put("toId", f.toId())
                                .put("toName", f.toName())
                                .put("programmes", f.programmes())
                                .put("budget", f.budget())
                                .put("allocated", f.allocated())
                                .put("disbursed", f.disbursed()))));
  }

  // ---------------------------------------------------------------- projects

  /**
   * The filters of the project list (narrowed to what the user may see), shared with its export.
   */
  public static FundRepository.ProjectFilter projectFilter(CurrentUser user, Params q) {
    String county = q.optionalString("county", 40).orElse(null);
    Access.requireRegionInReach(user, county);
    return new FundRepository.ProjectFilter(
        FundService.scope(user),
        q.optionalEnum("status", Project.Status.wires()).orElse(null),
        county,
        q.optionalLong("programme", 1, Long.MAX_VALUE).orElse(null),
        q.optionalEnum("category", CATEGORIES).orElse(null),
        q.optionalString("q", 100).orElse(null));
  }

  private Future<?> projects(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, OFFICIALS);
    Params q = Params.of(ctx);
    return funds
        .projects(projectFilter(user, q), q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, Project::toJson)));
  }

  private Future<?> project(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, OFFICIALS);
    return funds
        .project(user, Params.of(ctx).pathId("id"))
        .compose(d -> Responses.ok(ctx, d.toJson()));
  }

  private Future<?> createProject(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    Body b =
        Body.of(ctx)
            .only(
                List.of(
                    "name",
                    "regionId",
                    "householdId",
                    "category",
                    "implementer",
                    "procurement",
                    "plannedStart",
                    "plannedEnd",
                    "description",
                    "sources"));
    var p =
        new FundRepository.NewProject(
            b.requiredString("name", 1, 200),
            b.requiredString("regionId", 1, 40),
            b.optionalLong("householdId", 1, Long.MAX_VALUE).orElse(null),
            b.requiredEnum("category", CATEGORIES),
            b.requiredString("implementer", 1, 200),
            b.requiredEnum("procurement", Project.PROCUREMENT),
            b.requiredDate("plannedStart"),
            b.requiredDate("plannedEnd"),
            b.optionalString("description", 0, 2000).orElse(""));
    JsonArray arr =
        b.optionalArray("sources", 10)
            .orElseThrow(
                () ->
                    DomainException.invalid("sources", "required", "name at least one programme"));
    if (arr.isEmpty()) {
      throw DomainException.invalid("sources", "empty", "name at least one programme");
    }
    List<FundService.Share> shares = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      Body s = b.element("sources", arr, i).only(List.of("programmeId", "amount"));
      long gid = s.requiredLong("programmeId", 1, Long.MAX_VALUE);
      if (shares.stream().anyMatch(x -> x.programmeId() == gid)) {
        throw DomainException.invalid(
            "sources[" + i + "].programmeId", "duplicate", "each programme once");
      }
      shares.add(new FundService.Share(gid, s.requiredLong("amount", 1, Amounts.MAX)));
    }
    return funds
        .createProject(user, p, shares)
        .compose(
            d -> {
              ctx.response().putHeader("Location", "/api/v1/funds/projects/" + d.project().id());
              return Responses.created(ctx, d.toJson());
            });
  }

  private Future<?> approve(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body.of(ctx).only(List.of());
    return funds.approve(user, id).compose(d -> Responses.ok(ctx, d.toJson()));
  }

  private Future<?> disburse(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("programmeId", "amount", "note"));
    Long programme = b.optionalLong("programmeId", 1, Long.MAX_VALUE).orElse(null);
    long amount = b.requiredLong("amount", 1, Amounts.MAX);
    String note = b.optionalString("note", 0, 1000).orElse("");
    return funds
        .disburse(user, id, programme, amount, note)
        .compose(d -> Responses.created(ctx, d.toJson()));
  }

  private Future<?> report(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    // photos are up to 20 MB of base64: parsed and decoded on a worker, not the event loop
    return vertx
        .executeBlocking(() -> Report.of(Body.of(ctx)), false)
        .compose(r -> funds.report(user, id, r.percent(), r.note(), r.photos()))
        .compose(d -> Responses.created(ctx, d.toJson()));
  }

  /** A progress report as sent: percent, note, photos decoded and checked. */
  record Report(int percent, String note, List<FileContent> photos) {
    static Report of(Body b) {
      b.only(List.of("percent", "note", "photos"));
      int percent = b.requiredInt("percent", 0, 100);
      String note = b.requiredString("note", 1, 2000);
      List<FileContent> photos =
          Files.read(b, "photos", MAX_PHOTOS, MAX_PHOTO_BYTES, PHOTO_TYPES).stream()
              .map(f -> new FileContent(f.name(), f.contentType(), f.data()))
              .toList();
      return new Report(percent, note, photos);
    }
  }

  private Future<?> accept(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("note"));
    String note = b.requiredString("note", 1, 2000);
    return funds.accept(user, id, note).compose(d -> Responses.ok(ctx, d.toJson()));
  }

  private Future<?> photo(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, OFFICIALS);
    return funds
        .photo(user, Params.of(ctx).pathId("id"))
        .compose(
            p -> Responses.file(ctx, new FileContent("photo", p.contentType(), p.data()), false));
  }
}
