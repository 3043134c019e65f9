package org.bangfu.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Slows down, then refuses, repeated sign-ins for one account or from one address. The counts live
 * in PostgreSQL (table login_throttle), so a cluster shares them.
 *
 * <p>Every attempt is counted <em>before</em> its password is checked, and the count and the
 * decision are one atomic statement ({@code INSERT … ON CONFLICT DO UPDATE … RETURNING}): fifty
 * attempts sent at once get fifty different counts, so exactly the first {@code lockAfter} are
 * checked and the rest are refused, however the requests interleave. The attempt that reaches the
 * limit also sets {@code locked_until} in that statement. Within a 15-minute window: from the
 * {@code slowAfter}-th attempt on, answers are delayed; after {@code lockAfter} attempts the
 * account (or address) is refused with 429 for 15 minutes. A successful sign-in clears the
 * account's count and gives the address its attempt back (so people signing in correctly behind one
 * address never lock it).
 */
public final class LoginThrottle {

  public record Limits(int slowAfter, int lockAfter) {}

  public static final Limits ACCOUNT_LIMITS = new Limits(3, 8);
  public static final Limits ADDRESS_LIMITS = new Limits(20, 60);
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration LOCK = Duration.ofMinutes(15);
  static final Duration SLOW_STEP = Duration.ofMillis(500);
  static final Duration SLOW_MAX = Duration.ofSeconds(3);

  /**
   * One counted attempt: how many attempts (this one included) the account and the address have
   * made in their windows, and until when one of them is locked.
   */
  public record Attempt(int accountAttempts, int addressAttempts, OffsetDateTime lockedUntil) {

    /** Beyond a limit: this attempt is refused without looking at the password. */
    public boolean refused() {
      return accountAttempts > ACCOUNT_LIMITS.lockAfter()
          || addressAttempts > ADDRESS_LIMITS.lockAfter();
    }

    /** Seconds until the lock ends (at least 1). */
    public long retryAfterSeconds(Clock clock) {
      if (lockedUntil == null) {
        return LOCK.toSeconds();
      }
      return Math.max(1, Duration.between(clock.instant(), lockedUntil.toInstant()).toSeconds());
    }

    /** How long to hold the answer, growing with the attempts, at most {@link #SLOW_MAX}. */
    public Duration delay() {
      int over =
          Math.max(
              accountAttempts - ACCOUNT_LIMITS.slowAfter(),
              addressAttempts - ADDRESS_LIMITS.slowAfter());
      if (over <= 0) {
        return Duration.ZERO;
      }
      Duration d = SLOW_STEP.multipliedBy(over);
      return d.compareTo(SLOW_MAX) > 0 ? SLOW_MAX : d;
    }
  }

  /**
   * Counts one attempt for the account ($1) and the address ($2) at instant $3 and returns both
   * counts. A row starts afresh when its lock is over or, unlocked, when its window is over; the
   * attempt that reaches the scope's limit ($4 account, $5 address) locks it until $3 + $7 s.
   */
  static final String ATTEMPT =
      """
      INSERT INTO login_throttle AS t (scope, key, failures, window_start, locked_until)
      VALUES ('account', $1, 1, $3, NULL), ('address', $2, 1, $3, NULL)
      ON CONFLICT (scope, key) DO UPDATE SET
        failures = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $3)
                          OR (t.locked_until IS NULL AND t.window_start <= $3 - make_interval(secs => $6::int))
                        THEN 1 ELSE t.failures + 1 END,
        window_start = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $3)
                              OR (t.locked_until IS NULL AND t.window_start <= $3 - make_interval(secs => $6::int))
                            THEN $3 ELSE t.window_start END,
        locked_until = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $3)
                              OR (t.locked_until IS NULL AND t.window_start <= $3 - make_interval(secs => $6::int))
                            THEN NULL
                            WHEN t.locked_until IS NOT NULL THEN t.locked_until
                            WHEN t.failures + 1 >= CASE t.scope WHEN 'account' THEN $4::int ELSE $5::int END
                            THEN $3 + make_interval(secs => $7::int)
                            ELSE NULL END
      RETURNING scope, failures, locked_until""";

  /**
   * A success: the account starts afresh; the address gets this attempt back (and no lock from it).
   */
  static final String SUCCEEDED =
      """
      WITH account AS (DELETE FROM login_throttle WHERE scope = 'account' AND key = $1)
      UPDATE login_throttle SET failures = greatest(failures - 1, 0), locked_until = NULL
       WHERE scope = 'address' AND key = $2 AND failures <= $3""";

  private final Pool pool;
  private final Clock clock;

  public LoginThrottle(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Counts this attempt for both the account and the address, in one statement. */
  public Future<Attempt> attempt(String username, String address) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.preparedQuery(ATTEMPT)
        .execute(
            Tuple.from(
                new Object[] {
                  username,
                  address,
                  now,
                  ACCOUNT_LIMITS.lockAfter(),
                  ADDRESS_LIMITS.lockAfter(),
                  (int) WINDOW.toSeconds(),
                  (int) LOCK.toSeconds()
                }))
        .map(
            rows -> {
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
              return new Attempt(account, addr, locked);
            });
  }

  /** The password was right: clear the account's count, give the address its attempt back. */
  public Future<Void> succeeded(String username, String address) {
    return pool.preparedQuery(SUCCEEDED)
        .execute(Tuple.of(username, address, ADDRESS_LIMITS.lockAfter()))
        .mapEmpty();
  }
}
