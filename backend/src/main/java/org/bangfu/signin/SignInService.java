package org.bangfu.signin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.auth.PasswordHasher;
import org.bangfu.auth.TokenService;
import org.bangfu.support.DomainException;
import org.bangfu.users.User;
import org.bangfu.users.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in: the attempt is counted ({@link Throttle}) before the password is read; the password
 * is checked off the event loop, against a dummy hash when the account does not exist, so both take
 * the same time; the answer is held a little after a few failures; a success gives a token carrying
 * the account's token version. Sign-ins and refusals are logged with the username and the address,
 * never the password.
 */
public final class SignInService {

  private static final Logger LOG = LoggerFactory.getLogger(SignInService.class);

  /** A successful sign-in: the token and the account. */
  public record SignedIn(TokenService.Issued token, User user) {}

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final TokenService tokens;
  private final UserRepository users;
  private final SignInRepository attempts;

  public SignInService(
      Vertx vertx,
      Pool pool,
      Clock clock,
      TokenService tokens,
      UserRepository users,
      SignInRepository attempts) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.tokens = tokens;
    this.users = users;
    this.attempts = attempts;
  }

  /** Signs {@code username} in from {@code address}; fails with 429 or 401 as a domain error. */
  public Future<SignedIn> signIn(String username, String password, String address) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return attempts
        .attempt(pool, username, address, now)
        .compose(
            attempt ->
                attempt.refused()
                    ? Future.failedFuture(refused(attempt, username, address))
                    : check(username, password, address, attempt));
  }

  private DomainException refused(Throttle.Attempt attempt, String username, String address) {
    long wait = attempt.retryAfterSeconds(clock);
    LOG.warn(
        "sign-in refused (too many attempts) user={} address={} retryAfter={}s",
        username,
        address,
        wait);
    return new DomainException(
        DomainException.Kind.TOO_MANY_REQUESTS,
        "too_many_requests",
        "too many failed sign-ins: try again in " + (wait + 59) / 60 + " minutes",
        Map.of("retryAfter", wait),
        List.of());
  }

  private Future<SignedIn> check(
      String username, String password, String address, Throttle.Attempt attempt) {
    return users
        .findForLogin(pool, username)
        .compose(
            found ->
                PasswordHasher.verify(
                        vertx,
                        password,
                        found.map(UserRepository.WithHash::passwordHash).orElse(null))
                    .compose(ok -> delay(attempt.delay()).map(ok))
                    .compose(ok -> finish(username, address, found, ok)));
  }

  private Future<SignedIn> finish(
      String username, String address, Optional<UserRepository.WithHash> found, boolean ok) {
    if (ok && found.isPresent() && found.get().user().active()) {
      User user = found.get().user();
      TokenService.Issued issued = tokens.issue(user.asCurrentUser(), found.get().tokenVersion());
      LOG.info("sign-in ok user={} role={} address={}", username, user.role(), address);
      return attempts.succeeded(pool, username, address).map(v -> new SignedIn(issued, user));
    }
    String why = found.isEmpty() ? "unknown account" : !ok ? "wrong password" : "inactive account";
    LOG.warn("sign-in failed user={} address={} reason={}", username, address, why);
    // the attempt was counted before the password was checked
    return Future.failedFuture(DomainException.unauthorized("wrong username or password"));
  }

  private Future<Void> delay(Duration d) {
    return d.isZero() ? Future.succeededFuture() : vertx.timer(d.toMillis()).mapEmpty();
  }

  /** The signed-in account as it is now: 401 when it is gone or inactive. */
  public Future<User> me(long id) {
    return users
        .find(pool, id)
        .map(
            u ->
                u.filter(User::active)
                    .orElseThrow(
                        () ->
                            DomainException.unauthorized(
                                "this account no longer exists or is inactive")));
  }
}
