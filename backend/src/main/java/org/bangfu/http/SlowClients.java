package org.bangfu.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Connections that hold the server without sending a request: a connection must deliver a request's
 * headers within {@link #HEADER_TIMEOUT} of opening (or of its previous answer), and a request's
 * body must arrive within its deadline ({@link #bodyDeadline}); otherwise it is closed (a body too
 * slow is answered 408 first). Idle keep-alive connections are closed by the server's idle timeout
 * ({@link #IDLE_TIMEOUT}). One instance per HTTP verticle: everything here runs on that verticle's
 * event loop.
 */
final class SlowClients {

  static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

  /**
   * No byte either way for this long closes a connection. Idle keep-alive connections are closed
   * sooner by the header timer; this one is a backstop for stalled transfers, and it must outlast
   * the longest work a request does before its answer (a county's warning file of 200,000 rows
   * takes over 30 s on a busy 2-core server, and a connection cut then would make the county send
   * it again).
   */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(180);

  /** For the body of an ordinary request (at most {@link HttpVerticle#BODY_LIMIT}). */
  static final Duration BODY_TIMEOUT = Duration.ofSeconds(20);

  /** For the receipt upload (up to {@link HttpVerticle#UPLOAD_LIMIT}, from a village's phone). */
  static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(180);

  private static final String DEADLINE_KEY = "bangfu.bodyDeadline";

  private final Vertx vertx;

  /** Per open connection: the header timer (or -1) and the requests in flight. */
  private final Map<HttpConnection, long[]> connections = new HashMap<>();

  SlowClients(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A new connection: it has {@link #HEADER_TIMEOUT} to send a request. */
  void connected(HttpConnection conn) {
    long[] state = {-1, 0};
    connections.put(conn, state);
    arm(conn, state);
    conn.closeHandler(
        v -> {
          long[] s = connections.remove(conn);
          if (s != null && s[0] >= 0) {
            vertx.cancelTimer(s[0]);
          }
        });
  }

  /** A request's headers arrived: no header timer while it is served; armed again after. */
  void request(HttpServerRequest req) {
    HttpConnection conn = req.connection();
    long[] state = conn == null ? null : connections.get(conn);
    if (state == null) {
      return;
    }
    if (state[0] >= 0) {
      vertx.cancelTimer(state[0]);
      state[0] = -1;
    }
    state[1]++;
    boolean[] finished = {false};
    Runnable done =
        () -> {
          if (finished[0]) {
            return;
          }
          finished[0] = true;
          state[1]--;
          if (state[1] == 0 && connections.containsKey(conn)) {
            arm(conn, state);
          }
        };
    req.response().closeHandler(v -> done.run());
    req.response().endHandler(v -> done.run());
  }

  private void arm(HttpConnection conn, long[] state) {
    state[0] =
        vertx.setTimer(
            HEADER_TIMEOUT.toMillis(),
            t -> {
              state[0] = -1;
              if (state[1] == 0) {
                conn.close();
              }
            });
  }

  /**
   * Before the body handler: the body must have arrived within {@code max}, else 408 and the
   * connection closed. {@link #bodyArrived} (after the body handler) cancels it.
   */
  static void bodyDeadline(RoutingContext ctx, Duration max) {
    if (ctx.request().isEnded() || ctx.get(DEADLINE_KEY) != null) {
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

  static void bodyArrived(RoutingContext ctx) {
    Long timer = ctx.get(DEADLINE_KEY);
    if (timer != null) {
      ctx.vertx().cancelTimer(timer);
    }
    ctx.next();
  }
}
