package org.bangfu.db;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure to reach PostgreSQL (down, restarting, refusing connections, a connection cut in
 * the middle, a pool that cannot get a connection in time or that was closed by a stopping node, a
 * server short of resources) from every other failure. Such a failure is nobody's fault and passes:
 * the error handler answers it 503 with Retry-After, never 500, and the token handler never turns
 * it into a 401.
 */
public final class DatabaseTrouble {

  /** Seconds a client should wait before trying again. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseTrouble() {}

  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg && unavailableState(pg.getSqlState())) {
        return true;
      }
      if (t instanceof ClosedConnectionException
          || t instanceof ConnectException
          || t instanceof ClosedChannelException
          || t instanceof TimeoutException
          || t instanceof io.netty.channel.ConnectTimeoutException
          || t instanceof io.vertx.core.impl.NoStackTraceTimeoutException
          || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
        return true;
      }
      if (t instanceof VertxException
          && t.getMessage() != null
          && t.getMessage().toLowerCase().contains("connection closed")) {
        return true;
      }
      // the server's end of the connection gone: seen on reading (reset) or on writing the next
      // statement before the close was read (a broken pipe)
      if (t instanceof java.io.IOException io && cutWhileInUse(io.getMessage())) {
        return true;
      }
      // the pool of a node that is stopping, closed under a request that came late; or every
      // connection busy for longer than a request waits for one (a burst of heavy reads)
      if (POOL_CLOSED.equals(t.getMessage()) || POOL_BUSY.equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** An operating system's words for a connection whose other end went away while in use. */
  static boolean cutWhileInUse(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("connection reset") || m.contains("broken pipe");
  }

  /** Vert.x's message when a request asks a pool that has been closed for a connection. */
  static final String POOL_CLOSED = "Pool closed";

  /** Vert.x's message when no connection of the pool came free within its wait. */
  static final String POOL_BUSY = "Timeout waiting for connection";

  /**
   * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57P01–57P03 (shut
   * down by the administrator, crash shutdown, cannot connect now: starting or stopping), class 53
   * (insufficient resources: too many connections, out of memory, disk full — {@link StorageFull}
   * tells the last apart).
   */
  static boolean unavailableState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")
            || state.startsWith("53"));
  }
}
