package org.bangfu.notices;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.ClientAddress;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * Public notice (公告公示): {@code GET /public/notices} (search and filters), {@code GET
 * /public/notices/{id}}, {@code POST /public/notices/{id}/objections} (anyone, no account); for
 * reviewers and auditors {@code GET /objections} and {@code POST /objections/{id}/answer}
 * (reviewers of the region).
 */
public final class NoticeRoutes implements RouteModule {
  static final List<String> STATUSES = List.of("open", "held", "closed", "withdrawn");

  private final NoticeService notices;

  public NoticeRoutes(NoticeService notices) {
    this.notices = notices;
  }

  @Override
  public void mount(Router api) {
    api.get("/public/notices").handler(RouteModule.handle(this::list));
    api.get("/public/notices/:id").handler(RouteModule.handle(this::get));
    api.post("/public/notices/:id/objections").handler(RouteModule.handle(this::object));
    api.get("/objections").handler(RouteModule.handle(this::objections));
    api.post("/objections/:id/answer").handler(RouteModule.handle(this::answer));
  }

  /** The filters of the notice list, shared with its export. */
  public static NoticeRepository.Filter filter(Params q) {
    return new NoticeRepository.Filter(
        q.optionalString("q", 100).orElse(null),
        q.optionalString("county", 40).orElse(null),
        q.optionalString("village", 40).orElse(null),
        q.optionalString("kind", 40).orElse(null),
        q.optionalEnum("status", STATUSES).orElse(null),
        q.optionalDate("from").orElse(null),
        q.optionalDate("to").orElse(null),
        q.optionalBoolean("corrected").orElse(false));
  }

  private Future<?> list(RoutingContext ctx) {
    Params q = Params.of(ctx);
    NoticeRepository.Filter f = filter(q);
    return notices
        .list(f, q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, Notice::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    long id = Params.of(ctx).pathId("id");
    return notices
        .get(id)
        .compose(
            n ->
                Responses.ok(
                    ctx,
                    n.notice()
                        .toJson()
                        .put(
                            "objectionList",
                            new JsonArray(
                                n.objections().stream().map(Objection::toPublicJson).toList()))));
  }

  private Future<?> object(RoutingContext ctx) {
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("text", "contact"));
    String text = b.requiredString("text", 1, 2000);
    String contact = b.optionalString("contact", 0, 100).filter(s -> !s.isEmpty()).orElse(null);
    String address = ClientAddress.of(ctx);
    return notices
        .object(id, text, contact, address)
        .compose(
            f ->
                Responses.created(
                    ctx,
                    new JsonObject()
                        .put("id", f.id())
                        .put("noticeId", f.noticeId())
                        .put("filedAt", f.filedAt().toString())
                        .put("dueAt", f.dueAt().toString())
                        .put("status", "open")));
  }

  private Future<?> objections(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.AUDITOR, Role.ADMIN);
    Params q = Params.of(ctx);
    String status = q.optionalEnum("status", List.of("open", "answered")).orElse(null);
    return notices
        .objections(user, status, q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, o -> o.toJson(notices.overdue(o)))));
  }

  private Future<?> answer(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("answer"));
    String answer = b.requiredString("answer", 1, 5000);
    return notices.answer(user, id, answer).compose(o -> Responses.ok(ctx, o.toJson(false)));
  }
}
