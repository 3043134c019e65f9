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
import org.bangfu.http.Body;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.Times;

/**
 * {@code /notifications}: the signed-in user's notifications (newest unread first, with the unread
 * count), {@code /notifications/unread} the count alone for the header, and {@code POST
 * /notifications/read} to mark some ({@code keys}) or all ({@code all: true}) read.
 */
public final class NotificationRoutes implements RouteModule {
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
    return new JsonObject()
        .put("key", n.key())
        .put("kind", n.kind().wire())
        .put("at", Times.instant(n.at()))
        .put("ref", n.ref())
        .put("title", n.title())
        .put("villageName", n.villageName())
        .put("unit", n.unit())
        .put("quantity", n.quantity())
        .put("read", n.read());
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    return service
        .inbox(user)
        .compose(
            inbox -> {
              JsonArray items = new JsonArray();
              inbox.items().forEach(n -> items.add(toJson(n)));
              return Responses.ok(
                  ctx,
                  new JsonObject()
                      .put("items", items)
                      .put("total", inbox.total())
                      .put("unread", inbox.unread()));
            });
  }

  private Future<?> unread(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    return service
        .counts(user)
        .compose(
            c ->
                Responses.ok(
                    ctx, new JsonObject().put("total", c.total()).put("unread", c.unread())));
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
