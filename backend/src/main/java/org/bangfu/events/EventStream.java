package org.bangfu.events;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bangfu.auth.AccountCheck;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.TokenHandler;
import org.bangfu.auth.TokenService;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * {@code GET /events}: Server-Sent Events of what changes, for open screens. Anyone may listen
 * without a token; a token that is sent must be good (else 401, never an anonymous stream). Each
 * event goes only to streams whose user may see it ({@link EventAccess}).
 *
 * <p>A signed-in stream lives only as long as its sign-in: before each event meant for it, and at
 * every heartbeat (15 s), the token's expiry is compared with the clock and the account is looked
 * up again (the node's cached {@link AccountCheck}, which forgets an account the moment it
 * changes); a stream whose token expired, whose account was deactivated or whose password was
 * changed gets {@code event: signed-out} and is closed, and nothing more is written to it.
 *
 * <p>One consumer on the (clustered) event bus serves every HTTP verticle; each stream is written
 * on the event loop that opened it.
 */
public final class EventStream implements RouteModule {
  static final long HEARTBEAT_MS = 15_000;
  static final String SIGNED_OUT = "event: signed-out\ndata: {}\n\n";

  private final Vertx vertx;
  private final AccountCheck accounts;
  private final Clock clock;
  private final Map<HttpServerResponse, Listener> listeners = new ConcurrentHashMap<>();

  /** A stream: who opened it (null: a visitor), with which token, on which event loop. */
  private record Listener(
      CurrentUser user, TokenService.Verified token, Context context, HttpServerResponse out) {}

  public EventStream(Vertx vertx, AccountCheck accounts, Clock clock) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.clock = clock;
    vertx.eventBus().<JsonObject>consumer(Events.ADDRESS, m -> deliver(Event.fromJson(m.body())));
  }

  @Override
  public void mount(Router api) {
    api.get("/events").handler(RouteModule.handle(this::open));
  }

  private Future<?> open(RoutingContext ctx) {
    String badToken = ctx.get(TokenHandler.TOKEN_ERROR_KEY);
    if (badToken != null) {
      throw DomainException.unauthorized(badToken);
    }
    CurrentUser user = CurrentUser.optional(ctx).orElse(null);
    TokenService.Verified token = user == null ? null : ctx.get(TokenHandler.TOKEN_KEY);
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    Listener listener = new Listener(user, token, vertx.getOrCreateContext(), response);
    listeners.put(response, listener);
    long heartbeat =
        vertx.setPeriodic(HEARTBEAT_MS, t -> whenSignedIn(listener, ": keep-alive\n\n"));
    response.closeHandler(
        v -> {
          vertx.cancelTimer(heartbeat);
          listeners.remove(response);
        });
    return response.write(": connected\n\n");
  }

  private void deliver(Event event) {
    String frame = "event: change\ndata: " + event.forBrowser().encode() + "\n\n";
    listeners
        .values()
        .forEach(
            listener -> {
              if (EventAccess.maySee(listener.user(), event)) {
                whenSignedIn(listener, frame);
              }
            });
  }

  /** Writes {@code frame} if the stream's sign-in still holds; otherwise signs the stream out. */
  private void whenSignedIn(Listener listener, String frame) {
    signedIn(listener)
        .onComplete(
            ok ->
                listener
                    .context()
                    .runOnContext(
                        v -> {
                          HttpServerResponse out = listener.out();
                          if (out.closed() || out.ended()) {
                            return;
                          }
                          if (ok.succeeded() && ok.result()) {
                            out.write(frame);
                          } else if (ok.succeeded()) {
                            listeners.remove(out);
                            out.end(SIGNED_OUT);
                          }
                        }));
  }

  /** A visitor's stream always; a signed-in one while its token and its account are good. */
  private Future<Boolean> signedIn(Listener listener) {
    if (listener.user() == null) {
      return Future.succeededFuture(true);
    }
    TokenService.Verified token = listener.token();
    if (token == null || !clock.instant().isBefore(token.expiresAt())) {
      return Future.succeededFuture(false);
    }
    return accounts
        .state(listener.user().id())
        .map(s -> s.active() && s.tokenVersion() == token.tokenVersion());
  }

  /** How many streams are open here (for metrics and tests). */
  public int streams() {
    return listeners.size();
  }
}
