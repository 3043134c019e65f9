package org.bangfu.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Slows down, then refuses, repeated failed sign-ins for one account or from one address.
 * The counts live in PostgreSQL (table login_throttle), so a cluster shares them.
 *
 * <p>Within a 15-minute window: from the {@code slowAfter}-th failure on, answers are delayed;
 * at {@code lockAfter} failures the account (or address) is refused with 429 for 15 minutes.
 * A successful sign-in clears the account's count (not the address's).
 */
public final class LoginThrottle {

  public enum Scope { ACCOUNT, ADDRESS }

  public record Limits(int slowAfter, int lockAfter) {
  }

  public static final Limits ACCOUNT_LIMITS = new Limits(3, 8);
  public static final Limits ADDRESS_LIMITS = new Limits(20, 60);
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration LOCK = Duration.ofMinutes(15);
  static final Duration SLOW_STEP = Duration.ofMillis(500);
  static final Duration SLOW_MAX = Duration.ofSeconds(3);

  /** What is known of one account and one address before checking a password. */
  public record State(int accountFailures, int addressFailures, OffsetDateTime lockedUntil) {

    public boolean locked() {
      return lockedUntil != null && lockedUntil.isAfter(OffsetDateTime.now());
    }

    /** How long to hold the answer, growing with the failures, at most {@link #SLOW_MAX}. */
    public Duration delay() {
      int over = Math.max(accountFailures - ACCOUNT_LIMITS.slowAfter() + 1,
          addressFailures - ADDRESS_LIMITS.slowAfter() + 1);
      if (over <= 0) {
        return Duration.ZERO;
      }
      Duration d = SLOW_STEP.multipliedBy(over);
      return d.compareTo(SLOW_MAX) > 0 ? SLOW_MAX : d;
    }
  }

  private static final String READ_ALL = "SELECT scope, "
      + "CASE WHEN window_start > now() - make_interval(secs => $3::int) THEN failures ELSE 0 END AS failures, "
      + "locked_until FROM login_throttle "
      + "WHERE (scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2)";
  private static final String FAIL = "INSERT INTO login_throttle AS t (scope, key, failures, window_start) "
      + "VALUES ($1, $2, 1, now()) ON CONFLICT (scope, key) DO UPDATE SET "
      + "failures = CASE WHEN t.window_start > now() - make_interval(secs => $3::int) THEN t.failures + 1 ELSE 1 END, "
      + "window_start = CASE WHEN t.window_start > now() - make_interval(secs => $3::int) THEN t.window_start ELSE now() END "
      + "RETURNING failures";
  private static final String LOCK_ROW = "UPDATE login_throttle SET locked_until = now() + make_interval(secs => $3::int) "
      + "WHERE scope = $1 AND key = $2";
  private static final String CLEAR = "DELETE FROM login_throttle WHERE scope = 'account' AND key = $1";

  private final Pool pool;

  public LoginThrottle(Pool pool) {
    this.pool = pool;
  }

  public Future<State> check(String username, String address) {
    return pool.preparedQuery(READ_ALL).execute(Tuple.of(username, address, interval(WINDOW)))
        .map(rows -> {
          int account = 0;
          int addr = 0;
          OffsetDateTime locked = null;
          for (Row r : rows) {
            if ("account".equals(r.getString("scope"))) {
              account = r.getInteger("failures");
            } else {
              addr = r.getInteger("failures");
            }
            OffsetDateTime until = r.getOffsetDateTime("locked_until");
            if (until != null && (locked == null || until.isAfter(locked))) {
              locked = until;
            }
          }
          return new State(account, addr, locked);
        });
  }

  /** Counts a failure for both; locks whichever reached its limit. */
  public Future<Void> recordFailure(String username, String address) {
    return bump("account", username, ACCOUNT_LIMITS)
        .compose(v -> bump("address", address, ADDRESS_LIMITS));
  }

  private Future<Void> bump(String scope, String key, Limits limits) {
    return pool.preparedQuery(FAIL).execute(Tuple.of(scope, key, interval(WINDOW)))
        .compose(rows -> rows.iterator().next().getInteger("failures") >= limits.lockAfter()
            ? pool.preparedQuery(LOCK_ROW).execute(Tuple.of(scope, key, interval(LOCK))).mapEmpty()
            : Future.succeededFuture());
  }

  public Future<Void> recordSuccess(String username) {
    return pool.preparedQuery(CLEAR).execute(Tuple.of(username)).mapEmpty();
  }

  private static int interval(Duration d) {
    return (int) d.toSeconds();
  }
}
