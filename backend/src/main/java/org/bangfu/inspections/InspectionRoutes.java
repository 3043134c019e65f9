package org.bangfu.inspections;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import org.bangfu.http.Files;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;

/**
 * Inspections and rectification: {@code /inspections} (with findings and the 整改情况 report as JSON
 * and .xlsx), {@code /findings} (the rectifying units' and inspectors' list, rectifications,
 * decisions), and {@code /oversight/counts} (open and overdue reports and findings by county).
 */
public final class InspectionRoutes implements RouteModule {
  static final List<String> SEVERITIES = List.of("minor", "serious", "grave");
  static final int MAX_FILES = 4;
  static final int MAX_FILE_BYTES = Files.MAX_BYTES;

  private static final Role[] INSPECTING = {
    Role.UNITED_FRONT, Role.AUDITOR, Role.REVIEWER, Role.ADMIN
  };
  private static final Role[] EVERYONE = {
    Role.UNITED_FRONT, Role.AUDITOR, Role.REVIEWER, Role.ADMIN, Role.VILLAGE_SECRETARY, Role.DONOR
  };

  private final Vertx vertx;
  private final InspectionService service;

  public InspectionRoutes(Vertx vertx, InspectionService service) {
    this.vertx = vertx;
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/inspections").handler(RouteModule.handle(this::list));
    api.post("/inspections").handler(RouteModule.handle(this::create));
    api.get("/inspections/:id").handler(RouteModule.handle(this::get));
    api.post("/inspections/:id/findings").handler(RouteModule.handle(this::addFinding));
    api.get("/inspections/:id/report").handler(RouteModule.handle(this::report));
    api.get("/inspections/:id/report.xlsx").handler(RouteModule.handle(this::workbook));
    api.get("/findings").handler(RouteModule.handle(this::findings));
    api.get("/findings/:id").handler(RouteModule.handle(this::finding));
    api.get("/inspections/:id/founded-reports").handler(RouteModule.handle(this::foundedReports));
    api.post("/findings/:id/rectifications").handler(RouteModule.handle(this::rectify));
    api.get("/findings/:id/rectifications/:version/files/:n")
        .handler(RouteModule.handle(this::file));
    api.post("/findings/:id/accept").handler(RouteModule.handle(ctx -> decide(ctx, true)));
    api.post("/findings/:id/return").handler(RouteModule.handle(ctx -> decide(ctx, false)));
    api.get("/oversight/counts").handler(RouteModule.handle(this::counts));
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, INSPECTING);
    return service
        .list(user, Params.of(ctx).paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, Inspection::toJson)));
  }

  private Future<?> create(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.REVIEWER);
    Body b = Body.of(ctx).only(List.of("title", "periodFrom", "periodTo", "counties"));
    String title = b.requiredString("title", 1, 200);
    LocalDate from = b.requiredDate("periodFrom");
    LocalDate to = b.requiredDate("periodTo");
    if (to.isBefore(from)) {
      throw DomainException.invalid("periodTo", "before_start", "must not be before periodFrom");
    }
    List<String> counties = b.stringList("counties", 50, 40, null);
    if (counties.isEmpty()) {
      throw DomainException.invalid("counties", "required", "is required");
    }
    return service
        .create(
            user,
            new InspectionService.NewInspection(
                title, from, to, counties.stream().distinct().toList()))
        .compose(i -> Responses.created(ctx, i.toJson()));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, INSPECTING);
    long id = Params.of(ctx).pathId("id");
    return service
        .get(user, id)
        .compose(
            i ->
                Responses.ok(
                    ctx, i.toJson().put("inspector", InspectionService.isInspector(user, i))));
  }

  private Future<?> foundedReports(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.REVIEWER);
    Params p = Params.of(ctx);
    long id = p.pathId("id");
    String words = p.optionalString("q", 40).orElse("");
    int limit = p.optionalInt("limit", 1, 50).orElse(20);
    return service
        .foundedReports(user, id, words, limit)
        .compose(found -> Responses.ok(ctx, Responses.items(found, FoundedReport::toJson)));
  }

  private Future<?> addFinding(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.REVIEWER);
    long id = Params.of(ctx).pathId("id");
    Body b =
        Body.of(ctx).only(List.of("subjectKind", "subjectId", "severity", "problem", "deadline"));
    FindingSubject kind =
        FindingSubject.fromWire(b.requiredEnum("subjectKind", FindingSubject.WIRES)).orElseThrow();
    String subjectId = b.requiredString("subjectId", 1, 40);
    String severity = b.requiredEnum("severity", SEVERITIES);
    String problem = b.requiredString("problem", 1, 5000);
    LocalDate deadline = b.requiredDate("deadline");
    return service
        .addFinding(
            user,
            id,
            new InspectionService.NewFinding(kind, subjectId, severity, problem, deadline))
        .compose(f -> Responses.created(ctx, f.toJson()));
  }

  private Future<?> report(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, INSPECTING);
    Params p = Params.of(ctx);
    long id = p.pathId("id");
    return service
        .report(user, id, p.optionalString("county", 40).orElse(null))
        .compose(r -> Responses.ok(ctx, r.toJson()));
  }

  private Future<?> workbook(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, INSPECTING);
    Params p = Params.of(ctx);
    long id = p.pathId("id");
    String county = p.optionalString("county", 40).orElse(null);
    return service
        .workbook(user, id, county)
        .compose(
            bytes ->
                ctx.response()
                    .putHeader(
                        "Content-Type",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"inspection-"
                            + id
                            + (county == null ? "" : "-" + county.replaceAll("[^0-9A-Za-z-]", ""))
                            + ".xlsx\"")
                    .putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(bytes)));
  }

  private Future<?> findings(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, EVERYONE);
    Params p = Params.of(ctx);
    String county = p.optionalString("county", 40).orElse(null);
    Access.requireRegionInReach(user, county);
    InspectionRepository.FindingFilter f =
        new InspectionRepository.FindingFilter(
            p.optionalLong("inspection", 1, Long.MAX_VALUE).orElse(null),
            p.optionalEnum("status", FindingStatus.WIRES).orElse(null),
            county,
            p.optionalBoolean("overdue").orElse(null));
    return service
        .findings(user, f, p.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, Finding::toJson)));
  }

  private Future<?> finding(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, EVERYONE);
    long id = Params.of(ctx).pathId("id");
    return service
        .finding(user, id)
        .compose(
            f ->
                Responses.ok(
                    ctx, f.toJson().put("responsible", InspectionService.isResponsible(user, f))));
  }

  private Future<?> rectify(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.VILLAGE_SECRETARY, Role.DONOR);
    long id = Params.of(ctx).pathId("id");
    // evidence is up to 20 MB of base64: parsed and decoded on a worker, not the event loop
    return vertx
        .executeBlocking(() -> Rectification.of(Body.of(ctx)), false)
        .compose(r -> service.rectify(user, id, r.note(), r.files()))
        .compose(f -> Responses.created(ctx, f.toJson()));
  }

  /** A rectification as sent: its note and its evidence, decoded and checked. */
  record Rectification(String note, List<FileContent> files) {
    static Rectification of(Body body) {
      Body b = body.only(List.of("note", "attachments"));
      return new Rectification(b.requiredString("note", 1, 5000), attachments(b));
    }
  }

  /**
   * Evidence files: {@code attachments[i] = {name, contentType, dataBase64}}, at most 4 of 5 MB.
   */
  static List<FileContent> attachments(Body body) {
    return Files.read(body, "attachments", MAX_FILES, MAX_FILE_BYTES, null).stream()
        .map(f -> new FileContent(f.name(), f.contentType(), f.data()))
        .toList();
  }

  private Future<?> file(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, EVERYONE);
    Params p = Params.of(ctx);
    long id = p.pathId("id");
    int version = (int) Math.min(Integer.MAX_VALUE, p.pathId("version"));
    int n = (int) Math.min(Integer.MAX_VALUE, p.pathId("n"));
    return service.file(user, id, version, n).compose(f -> Responses.file(ctx, f, false));
  }

  private Future<?> decide(RoutingContext ctx, boolean accept) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.REVIEWER);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(accept ? List.of() : List.of("reason"));
    String reason = accept ? null : b.requiredString("reason", 1, 2000);
    return service.decide(user, id, accept, reason).compose(f -> Responses.ok(ctx, f.toJson()));
  }

  private Future<?> counts(RoutingContext ctx) {
    CurrentUser user =
        Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.REVIEWER, Role.ADMIN);
    return service
        .counts(user)
        .compose(
            list -> {
              JsonArray arr = new JsonArray();
              list.forEach(
                  c ->
                      arr.add(
                          new JsonObject()
                              .put("countyId", c.countyId())
                              .put("countyName", c.countyName())
                              .put("reportsOpen", c.reportsOpen())
                              .put("reportsOverdue", c.reportsOverdue())
                              .put("findingsOpen", c.findingsOpen())
                              .put("findingsOverdue", c.findingsOverdue())));
              return Responses.ok(ctx, new JsonObject().put("counties", arr));
            });
  }
}
