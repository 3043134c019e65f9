package org.bangfu.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The rules that slow down, then refuse, repeated sign-ins for one account or from one address. The
 * counts live in PostgreSQL (table login_throttle, {@link SignInRepository}), so a cluster shares
 * them.
 *
 * <p>Every attempt is counted <em>before</em> its password is checked, and the count and the
 * decision are one atomic statement: fifty attempts sent at once get fifty different counts, so
 * exactly the first {@code lockAfter} are checked and the rest are refused, however the requests
 * interleave. Within a 15-minute window: from the {@code slowAfter}-th attempt on, each answer is
 * held a little longer; the {@code lockAfter}-th locks the account (or address) for 15 minutes.
 */
public final class Throttle {

  public record Limits(int slowAfter, int lockAfter) {}

  public static final Limits ACCOUNT_LIMITS = new Limits(3, 8);
  public static final Limits ADDRESS_LIMITS = new Limits(20, 60);
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration LOCK = Duration.ofMinutes(15);
  static final Duration SLOW_STEP = Duration.ofMillis(500);
  static final Duration SLOW_MAX = Duration.ofSeconds(3);

  private Throttle() {}

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
}
