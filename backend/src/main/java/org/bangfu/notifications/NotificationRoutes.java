package org.bangfu.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.deadlines.Deadline;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.Times;

/**
 * The inbox: {@code GET /notifications} a page of the signed-in user's open deadlines ({@code
 * section} to do, due soon or late; {@code kind}), soonest due first, with the counts of every
 * section; {@code GET /notifications/unread} the counts alone for the header's badge; {@code POST
 * /notifications/read} marks some ({@code keys}) or all ({@code all: true}) read.
 */
public final class NotificationRoutes implements RouteModule {
  static final List<String> SECTIONS = List.of("todo", "soon", "late");

  private final NotificationService service;

  public NotificationRoutes(NotificationService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/notifications").handler(RouteModule.handle(this::list));
    api.get("/notifications/unread").handler(RouteModule.handle(this::unread));
    api.post("/notifications/read").handler(RouteModule.handle(this::read));
  }

  static JsonObject toJson(Notification n) {
    Deadline d = n.deadline();
    return new JsonObject()
        .put("key", n.key())
        .put("id", d.id())
        .put("kind", d.kind())
        .put("subjectType", d.subject().type())
        .put("subjectId", d.subject().id())
        .put("title", d.title())
        .put("place", d.place())
        .put("placeName", n.placeName())
        .put("section", n.section().wire())
        .put("startsAt", Times.instant(d.startsAt()))
        .put("dueAt", Times.instant(d.dueAt()))
        .put("amberAt", Times.instant(d.amberAt()))
        .put(
            "rule",
            new JsonObject()
                .put("setting", d.rule().setting())
                .put("value", d.rule().value())
                .put("unit", d.rule().unit().wire()))
        .put("escalated", d.escalatedAt() != null)
        .put("escalatedAt", Times.instant(d.escalatedAt()))
        .put("escalatedToYou", n.toReader())
        .put("read", n.read())
        .put(
            "proposals",
            n.proposals() == null
                ? null
                : new JsonObject()
                    .put("roundId", n.proposals().roundId())
                    .put("waiting", n.proposals().waiting()));
  }

  static JsonObject toJson(Notification.Counts c) {
    JsonObject json =
        new JsonObject()
            .put("todo", c.todo())
            .put("soon", c.soon())
            .put("late", c.late())
            .put("total", c.total())
            .put("unread", c.unread());
    return c.capped() ? json.put("capped", true) : json;
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    Params q = Params.of(ctx);
    Deadline.Section section =
        q.optionalEnum("section", SECTIONS).flatMap(Deadline.Section::fromWire).orElse(null);
    String kind = q.optionalEnum("kind", DeadlineKind.wires()).orElse(null);
    return service
        .inbox(user, section, kind, q.paging())
        .compose(
            inbox -> {
              JsonArray items = new JsonArray();
              inbox.items().forEach(n -> items.add(toJson(n)));
              JsonObject json =
                  new JsonObject()
                      .put("items", items)
                      .put("total", inbox.total())
                      .put("page", inbox.page())
                      .put("size", inbox.size())
                      .put("counts", toJson(inbox.counts()))
                      .put("unread", inbox.counts().unread());
              return Responses.ok(ctx, inbox.totalCapped() ? json.put("totalCapped", true) : json);
            });
  }

  private Future<?> unread(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    return service.counts(user).compose(c -> Responses.ok(ctx, toJson(c)));
  }

  private Future<?> read(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    Body b = Body.of(ctx).only(Set.of("keys", "all"));
    boolean all = b.optionalBoolean("all").orElse(false);
    List<String> keys = b.stringList("keys", 200, 100, null);
    if (!all && keys.isEmpty()) {
      throw DomainException.invalid("keys", "required", "is required");
    }
    return service
        .markRead(user, all ? null : keys)
        .compose(n -> Responses.ok(ctx, new JsonObject().put("marked", n)));
  }
}
