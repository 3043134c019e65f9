package org.bangfu.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a PostgreSQL notification channel on a connection of its own, for a node's caches that
 * PostgreSQL invalidates ({@code NOTIFY} is sent when the change commits). {@link #listening()} is
 * false while the connection is down: a cache must then not keep anything, since a notice may be
 * missed; {@code onGap} runs whenever that may have happened (the connection was lost, or listening
 * began), so the cache empties itself. Reconnects every second.
 */
public final class NoticeListener {
  private static final Logger LOG = LoggerFactory.getLogger(NoticeListener.class);

  private volatile boolean listening;
  private PgSubscriber subscriber;

  private NoticeListener() {}

  /** Starts listening on {@code channel}: each notice's payload to {@code onNotice}. */
  public static NoticeListener listen(
      Vertx vertx,
      PgConnectOptions options,
      String channel,
      Consumer<String> onNotice,
      Runnable onGap) {
    NoticeListener listener = new NoticeListener();
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options);
    listener.subscriber = subscriber;
    subscriber.reconnectPolicy(
        attempt -> {
          listener.listening = false;
          onGap.run();
          return 1_000L;
        });
    subscriber
        .channel(channel)
        .subscribeHandler(
            v -> {
              onGap.run();
              listener.listening = true;
            })
        .handler(onNotice::accept);
    subscriber
        .connect()
        .onFailure(
            e -> {
              LOG.warn("not listening on {}: {}; the cache stays empty", channel, e.getMessage());
              listener.listening = false;
            });
    return listener;
  }

  /** A listener that never listens (nothing may be cached). */
  public static NoticeListener none() {
    return new NoticeListener();
  }

  public boolean listening() {
    return listening;
  }

  /**
   * Completes once every notice of a change committed before this call has been handled: one
   * statement on the listening connection, and PostgreSQL sends a connection its pending notices
   * before it says the statement is done.
   */
  public Future<Void> sync() {
    PgConnection connection = subscriber == null ? null : subscriber.actualConnection();
    if (!listening || connection == null) {
      return Future.failedFuture("not listening");
    }
    return connection.query("SELECT 1").execute().mapEmpty();
  }
}
