package org.bangfu.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Connections that hold the server without sending a request: a connection must deliver a request's
 * headers within the header timeout (BANGFU_HEADER_TIMEOUT_SECONDS) of opening or of its previous
 * answer, and a request's body must arrive within its deadline ({@link #bodyDeadline}); otherwise
 * it is closed (a body too slow is answered 408 first). Idle keep-alive connections are closed by
 * the server's idle timeout ({@link #IDLE_TIMEOUT}). One instance per HTTP verticle: everything
 * here runs on that verticle's event loop.
 */
final class SlowClients {

  /**
   * No byte either way for this long closes a connection. Idle keep-alive connections are closed
   * sooner by the header timer; this one is a backstop for stalled transfers, and it must outlast
   * the longest work a request does before its answer (a county's warning file of 200,000 rows
   * takes over 30 s on a busy 2-core server, and a connection cut then would make the county send
   * it again).
   */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(180);

  /** For the receipt upload (up to {@link HttpVerticle#UPLOAD_LIMIT}, from a village's phone). */
  static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(180);

  private static final String DEADLINE_KEY = "bangfu.bodyDeadline";

  private final Vertx vertx;
  private final long headerTimeoutMillis;

  /** Per open connection: its header timer, the requests in flight, when it last fell idle. */
  private final Map<HttpConnection, Idle> connections = new HashMap<>();

  /**
   * A connection's header timer. It is not moved on every request: when it fires, a connection that
   * fell idle again since it was set gets the rest of its time, one serving a request gets a new
   * timer when its answer ends. So a keep-alive connection costs a timer every header timeout
   * instead of a cancelled one and a new one per request, and is closed at the same moment: the
   * header timeout after it opened or after its last answer.
   */
  private static final class Idle {
    long timer = -1;
    int inFlight;
    long idleSinceNanos = System.nanoTime();
  }

  SlowClients(Vertx vertx, Duration headerTimeout) {
    this.vertx = vertx;
    this.headerTimeoutMillis = headerTimeout.toMillis();
  }

  /** A new connection: it has the header timeout to send a request. */
  void connected(HttpConnection conn) {
    Idle state = new Idle();
    connections.put(conn, state);
    arm(conn, state, headerTimeoutMillis);
    conn.closeHandler(
        v -> {
          Idle s = connections.remove(conn);
          if (s != null && s.timer >= 0) {
            vertx.cancelTimer(s.timer);
          }
        });
  }

  /** A request's headers arrived: no header timer while it is served; its time starts after. */
  void request(HttpServerRequest req) {
    HttpConnection conn = req.connection();
    Idle state = conn == null ? null : connections.get(conn);
    if (state == null) {
      return;
    }
    state.inFlight++;
    boolean[] finished = {false};
    Runnable done =
        () -> {
          if (finished[0]) {
            return;
          }
          finished[0] = true;
          state.inFlight--;
          if (state.inFlight == 0 && connections.containsKey(conn)) {
            state.idleSinceNanos = System.nanoTime();
            if (state.timer < 0) {
              arm(conn, state, headerTimeoutMillis);
            }
          }
        };
    req.response().closeHandler(v -> done.run());
    req.response().endHandler(v -> done.run());
  }

  private void arm(HttpConnection conn, Idle state, long millis) {
    state.timer =
        vertx.setTimer(
            Math.max(1, millis),
            t -> {
              state.timer = -1;
              if (state.inFlight > 0) {
                return; // armed again when its answer ends
              }
              long idle = (System.nanoTime() - state.idleSinceNanos) / 1_000_000;
              long left = headerTimeoutMillis - idle;
              if (left > 0) {
                arm(conn, state, left);
              } else {
                conn.close();
              }
            });
  }

  /**
   * Before the body handler: the body must have arrived within {@code max}, else 408 and the
   * connection closed. {@link #bodyArrived} (after the body handler) cancels it.
   */
  static void bodyDeadline(RoutingContext ctx, Duration max) {
    if (ctx.request().isEnded() || !declaresBody(ctx.request()) || ctx.get(DEADLINE_KEY) != null) {
      ctx.next();
      return;
    }
    long timer =
        ctx.vertx()
            .setTimer(
                max.toMillis(),
                t -> {
                  if (!ctx.response().headWritten()) {
                    ctx.response()
                        .setStatusCode(408)
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .putHeader("Connection", "close")
                        .end(
                            new JsonObject()
                                .put("error", "request_timeout")
                                .put("message", "the request body did not arrive in time")
                                .encode())
                        .onComplete(r -> ctx.request().connection().close());
                  } else {
                    ctx.request().connection().close();
                  }
                });
    ctx.put(DEADLINE_KEY, timer);
    ctx.next();
  }

  /**
   * Whether a body follows the headers: in HTTP/1.1 a request without Content-Length and without
   * Transfer-Encoding has none (the next bytes are the next request), so there is nothing to wait
   * for and no timer to set (a GET, most of the traffic).
   */
  static boolean declaresBody(HttpServerRequest req) {
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    return (length != null && !length.equals("0"))
        || req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
  }

  static void bodyArrived(RoutingContext ctx) {
    Long timer = ctx.get(DEADLINE_KEY);
    if (timer != null) {
      ctx.vertx().cancelTimer(timer);
    }
    ctx.next();
  }
}
