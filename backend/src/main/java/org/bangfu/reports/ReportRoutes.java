package org.bangfu.reports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.ClientAddress;
import org.bangfu.http.Files;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
import org.bangfu.support.FileTypes;

/**
 * The 12317 line (扶贫监督举报). Public: {@code POST /public/reports} (file, signed in or not), {@code
 * POST /public/reports/track} and {@code /public/reports/review} (with the tracking secret). The
 * desk: {@code GET /reports}, {@code GET /reports/{id}} and the handling steps.
 */
public final class ReportRoutes implements RouteModule {

  /** 贪污侵占, 违规使用, 弄虚作假, 作风问题, 优亲厚友/不公, 其他. */
  static final List<String> CATEGORIES =
      List.of("embezzlement", "misuse", "false_data", "work_style", "unfair", "other");

  private final ReportService service;

  public ReportRoutes(ReportService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.post("/public/reports").handler(RouteModule.handle(this::file));
    api.post("/public/reports/track").handler(RouteModule.handle(this::track));
    api.post("/public/reports/review").handler(RouteModule.handle(this::review));
    api.get("/reports").handler(RouteModule.handle(this::list));
    api.get("/reports/:id").handler(RouteModule.handle(this::get));
    api.get("/reports/:id/photo").handler(RouteModule.handle(this::photo));
    api.post("/reports/:id/accept")
        .handler(RouteModule.handle(ctx -> handle(ctx, ReportService.Action.ACCEPT)));
    api.post("/reports/:id/not-accept")
        .handler(RouteModule.handle(ctx -> handle(ctx, ReportService.Action.NOT_ACCEPT)));
    api.post("/reports/:id/investigate")
        .handler(RouteModule.handle(ctx -> handle(ctx, ReportService.Action.INVESTIGATE)));
    api.post("/reports/:id/answer")
        .handler(RouteModule.handle(ctx -> handle(ctx, ReportService.Action.ANSWER)));
    api.post("/reports/:id/close")
        .handler(RouteModule.handle(ctx -> handle(ctx, ReportService.Action.CLOSE)));
  }

  private static String address(RoutingContext ctx) {
    return ClientAddress.of(ctx);
  }

  /** A report takes at most one photo of at most this many bytes (what the reporter saw). */
  static final int MAX_PHOTO_BYTES = 2 * 1024 * 1024;

  private Future<?> file(RoutingContext ctx) {
    Optional<CurrentUser> user = CurrentUser.optional(ctx);
    // a photo is up to 2 MB of base64: the body is read and decoded on a worker, not the event loop
    return ctx.vertx()
        .executeBlocking(() -> filing(Body.of(ctx)), false)
        .compose(f -> service.file(user, address(ctx), f))
        .compose(
            f ->
                Responses.created(
                    ctx,
                    new JsonObject()
                        .put("trackingNumber", f.trackingNumber())
                        .put("secret", f.secret())
                        .put("report", f.report().toTrackingJson())));
  }

  /** The filing as sent: its fields checked, its photo decoded and checked by its content. */
  static ReportService.Filing filing(Body body) {
    Body b =
        body.only(
            List.of(
                "subjectKind",
                "subjectId",
                "countyId",
                "category",
                "content",
                "anonymous",
                "name",
                "contact",
                "photos"));
    SubjectKind kind =
        b.optionalEnum("subjectKind", SubjectKind.WIRES)
            .flatMap(SubjectKind::fromWire)
            .orElse(null);
    String subjectId = b.optionalString("subjectId", 1, 40).orElse(null);
    if (kind != null && subjectId == null) {
      throw DomainException.invalid("subjectId", "required", "is required");
    }
    if (kind == null && subjectId != null) {
      throw DomainException.invalid("subjectKind", "required", "is required");
    }
    String countyId = b.optionalString("countyId", 1, 40).orElse(null);
    if (kind != null && countyId != null) {
      throw DomainException.invalid(
          "countyId", "not_with_subject", "goes only with a report about no record");
    }
    String category = b.requiredEnum("category", CATEGORIES);
    String content = b.requiredString("content", 1, 5000);
    boolean anonymous = b.optionalBoolean("anonymous").orElse(true);
    String name = b.optionalString("name", 1, 50).orElse(null);
    String contact = b.optionalString("contact", 1, 100).orElse(null);
    checkReporter(anonymous, name, contact);
    List<FileContent> photos = Files.read(b, "photos", 1, MAX_PHOTO_BYTES, FileTypes.IMAGES);
    return new ReportService.Filing(
        kind,
        subjectId,
        countyId,
        category,
        content,
        anonymous,
        name,
        contact,
        photos.isEmpty() ? null : photos.get(0));
  }

  /** An anonymous report names nobody; a named one names someone. */
  private static void checkReporter(boolean anonymous, String name, String contact) {
    if (anonymous && (name != null || contact != null)) {
      throw DomainException.invalid(
          name != null ? "name" : "contact",
          "not_with_anonymous",
          "is not asked for an anonymous report");
    }
    if (!anonymous && name == null) {
      throw DomainException.invalid("name", "required", "is required");
    }
  }

  private record Credentials(String trackingNumber, String secret) {}

  private static Credentials credentials(Body b) {
    return new Credentials(
        b.requiredString("trackingNumber", 1, 40).toUpperCase(),
        b.requiredString("secret", 1, 100));
  }

  private Future<?> track(RoutingContext ctx) {
    Credentials c = credentials(Body.of(ctx).only(List.of("trackingNumber", "secret")));
    return service
        .track(address(ctx), c.trackingNumber(), c.secret())
        .compose(r -> Responses.ok(ctx, r.toTrackingJson()));
  }

  private Future<?> review(RoutingContext ctx) {
    Body b = Body.of(ctx).only(List.of("trackingNumber", "secret", "reason"));
    Credentials c = credentials(b);
    String reason = b.requiredString("reason", 1, 2000);
    return service
        .requestReview(address(ctx), c.trackingNumber(), c.secret(), reason)
        .compose(r -> Responses.ok(ctx, r.toTrackingJson()));
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.AUDITOR, Role.ADMIN);
    Params p = Params.of(ctx);
    String county = p.optionalString("county", 40).orElse(null);
    Access.requireRegionInReach(user, county);
    ReportRepository.Filter f =
        new ReportRepository.Filter(
            p.optionalEnum("status", ReportStatus.WIRES).orElse(null),
            county,
            p.optionalBoolean("overdue").orElse(null),
            p.optionalBoolean("escalated").orElse(null),
            p.optionalEnum("category", CATEGORIES).orElse(null),
            null);
    return service
        .list(user, f, p.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, Report::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.AUDITOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return service
        .get(user, id)
        .compose(
            r -> {
              // who reported is for the discipline commission and auditors only (纪委/审计)
              if (user.role() != Role.AUDITOR) {
                return Responses.ok(ctx, r.toJson());
              }
              return service
                  .reporter(r)
                  .compose(
                      rep ->
                          Responses.ok(
                              ctx,
                              r.toJson().put("reporter", rep.map(Reporter::toJson).orElse(null))));
            });
  }

  private Future<?> photo(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.AUDITOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return service.photo(user, id).compose(f -> Responses.file(ctx, f, false));
  }

  private Future<?> handle(RoutingContext ctx, ReportService.Action action) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.AUDITOR);
    long id = Params.of(ctx).pathId("id");
    ReportService.Handling h = ReportService.Handling.NONE;
    if (action == ReportService.Action.NOT_ACCEPT) {
      Body b = Body.of(ctx).only(List.of("reason"));
      h = new ReportService.Handling(b.requiredString("reason", 1, 2000), null, null, null);
    } else if (action == ReportService.Action.ANSWER) {
      Body b = Body.of(ctx).only(List.of("finding", "answer", "measures"));
      h =
          new ReportService.Handling(
              null,
              b.requiredEnum("finding", ReportAnswer.FINDINGS),
              b.requiredString("answer", 1, 5000),
              b.optionalString("measures", 1, 5000).orElse(""));
    } else {
      Body.of(ctx).only(List.of());
    }
    return service.handle(user, id, action, h).compose(r -> Responses.ok(ctx, r.toJson()));
  }
}
