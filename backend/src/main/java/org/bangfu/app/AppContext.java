package org.bangfu.app;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.function.Consumer;
import org.bangfu.auth.AccountCheck;
import org.bangfu.auth.TokenService;
import org.bangfu.config.AppConfig;
import org.bangfu.db.NoticeListener;
import org.bangfu.keys.Keys;

/**
 * The platform the services are built on: made once by {@link org.bangfu.Main} (or a test's {@code
 * TestApp}) and handed to {@link Services#build}; no feature sees it. Holds no per-request state.
 *
 * <p>{@code clock} is the one source of time for every business rule (deadlines, windows, expiry,
 * escalation): tests hand in a clock they move instead of sleeping. Pass its instant into SQL as a
 * parameter rather than using {@code now()} where a rule depends on it. {@code accounts} is the
 * node's cached token check, which the users feature tells when it changes an account; {@code
 * database} is where caches listen for PostgreSQL's notices of change.
 */
public record AppContext(
    Vertx vertx,
    Pool pool,
    AppConfig config,
    TokenService tokens,
    AccountCheck accounts,
    Clock clock,
    PgConnectOptions database,
    Keys keys) {

  /**
   * Listens on a PostgreSQL notification channel for a node's cache ({@link NoticeListener}); no
   * listening (nothing may be cached) when {@code database} is null.
   */
  public NoticeListener listen(String channel, Consumer<String> onNotice, Runnable onGap) {
    return database == null
        ? NoticeListener.none()
        : NoticeListener.listen(vertx, database, channel, onNotice, onGap);
  }
}
