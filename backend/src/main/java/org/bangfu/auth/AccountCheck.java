package org.bangfu.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bangfu.db.NoticeListener;

/**
 * Whether an account may still use its tokens (active, and the token version they carry), kept per
 * node so that a signed-in request does not cost a database round trip each time.
 *
 * <p>PostgreSQL stays the truth: the {@code users} trigger that raises the token version (on a
 * password change or a deactivation, by whatever path) also sends {@code NOTIFY bangfu_accounts}
 * with the account's id when the change commits, and every node listens on its own connection and
 * forgets that account. The node that made the change forgets it at once too ({@link #forget}),
 * before it answers. While the listening connection is down nothing is cached (every request asks
 * the database, as without a cache) and the cache is emptied when it comes back, so a notice lost
 * in between cannot leave an account open. An entry lives at most {@link #TTL_MILLIS} whatever
 * happens.
 */
public final class AccountCheck {
  /** The channel the users trigger notifies (V76). */
  static final String CHANNEL = "bangfu_accounts";

  static final long TTL_MILLIS = 60_000;
  static final int MAX_ENTRIES = 200_000;

  /** An account's state as the token check needs it; {@code active} false for a deleted one. */
  public record State(boolean active, int tokenVersion, long readAt) {}

  private final Pool pool;
  private final AccountRepository accounts;
  private final Clock clock;
  private final Map<Long, State> cache = new ConcurrentHashMap<>();

  /** Raised by every forgetting: a lookup that started before one must not fill the cache. */
  private final AtomicLong epoch = new AtomicLong();

  private volatile NoticeListener notices = NoticeListener.none();

  private AccountCheck(Pool pool, AccountRepository accounts, Clock clock) {
    this.pool = pool;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** A check that caches while it listens for account changes on its own connection. */
  public static AccountCheck listening(
      Vertx vertx, Pool pool, AccountRepository accounts, PgConnectOptions options, Clock clock) {
    AccountCheck check = new AccountCheck(pool, accounts, clock);
    check.notices =
        NoticeListener.listen(
            vertx, options, CHANNEL, id -> check.forget(parse(id)), check::forgetAll);
    return check;
  }

  /** The account's state, from the cache while it is fresh, else from the database. */
  public Future<State> state(long userId) {
    long now = clock.millis();
    State known = cache.get(userId);
    if (known != null
        && notices.listening()
        && now - known.readAt() < TTL_MILLIS
        && now >= known.readAt()) {
      return Future.succeededFuture(known);
    }
    long before = epoch.get();
    return accounts
        .state(pool, userId, now)
        .map(
            state -> {
              if (notices.listening() && epoch.get() == before) {
                if (cache.size() >= MAX_ENTRIES) {
                  cache.clear();
                }
                cache.put(userId, state);
              }
              return state;
            });
  }

  /** Forgets one account (it changed). */
  public void forget(long userId) {
    epoch.incrementAndGet();
    cache.remove(userId);
  }

  /** Forgets every account. */
  public void forgetAll() {
    epoch.incrementAndGet();
    cache.clear();
  }

  /** How many accounts are cached (for /metrics and tests). */
  public int size() {
    return cache.size();
  }

  private static long parse(String payload) {
    try {
      return Long.parseLong(payload.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
