package org.bangfu.events;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bangfu.auth.CurrentUser;
import org.bangfu.http.RouteModule;

/**
 * {@code GET /events}: Server-Sent Events of what changes, for open screens. Anyone may listen;
 * each event goes only to streams whose user may see it ({@link EventAccess}). One instance per
 * HTTP verticle: it listens on the event bus (so events from every node arrive) and writes to the
 * streams opened on its own event loop. A comment line every 15 s keeps proxies from closing an
 * idle stream.
 */
public final class EventStream implements RouteModule {
  static final long HEARTBEAT_MS = 15_000;

  private final Vertx vertx;
  private final Map<HttpServerResponse, Listener> listeners = new ConcurrentHashMap<>();
  private MessageConsumer<JsonObject> consumer;

  private record Listener(CurrentUser user) {}

  public EventStream(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void mount(Router api) {
    api.get("/events").handler(this::open);
  }

  private void open(RoutingContext ctx) {
    CurrentUser user = CurrentUser.optional(ctx).orElse(null);
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": connected\n\n");
    listenOnce();
    listeners.put(response, new Listener(user));
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> response.write(": keep-alive\n\n"));
    response.closeHandler(
        v -> {
          vertx.cancelTimer(heartbeat);
          listeners.remove(response);
        });
  }

  /** Starts listening on the event bus on the first stream (this verticle's context). */
  private void listenOnce() {
    if (consumer == null) {
      consumer = vertx.eventBus().consumer(Events.ADDRESS, m -> deliver(Event.fromJson(m.body())));
    }
  }

  private void deliver(Event event) {
    String frame = "event: change\ndata: " + event.forBrowser().encode() + "\n\n";
    listeners.forEach(
        (response, listener) -> {
          if (EventAccess.maySee(listener.user(), event) && !response.closed()) {
            response.write(frame);
          }
        });
  }

  /** How many streams are open here (for metrics and tests). */
  public int streams() {
    return listeners.size();
  }
}
