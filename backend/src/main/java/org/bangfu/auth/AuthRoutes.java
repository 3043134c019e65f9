package org.bangfu.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bangfu.http.AppContext;
import org.bangfu.http.Body;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.users.User;
import org.bangfu.users.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /auth/login} (public) and {@code GET /me} (any signed-in user). */
public final class AuthRoutes implements RouteModule {

  private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);

  private final Vertx vertx;
  private final Pool pool;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final Clock clock;
  private final UserRepository users = new UserRepository();

  public AuthRoutes(AppContext app) {
    this.vertx = app.vertx();
    this.pool = app.pool();
    this.tokens = app.tokens();
    this.clock = app.clock();
    this.throttle = new LoginThrottle(app.pool(), clock);
  }

  @Override
  public void mount(Router api) {
    api.post("/auth/login").handler(RouteModule.handle(this::login));
    api.get("/me").handler(RouteModule.handle(this::me));
  }

  private Future<?> login(RoutingContext ctx) {
    Body body = Body.of(ctx).only(List.of("username", "password"));
    String username = body.requiredString("username", 1, 40).toLowerCase();
    String password = body.requiredString("password", 1, 200);
    String address =
        ctx.request().remoteAddress() == null
            ? "unknown"
            : ctx.request().remoteAddress().hostAddress();
    return throttle
        .attempt(username, address)
        .compose(
            attempt -> {
              if (attempt.refused()) {
                long wait = attempt.retryAfterSeconds(clock);
                LOG.warn(
                    "sign-in refused (too many attempts) user={} address={} retryAfter={}s",
                    username,
                    address,
                    wait);
                ctx.response().putHeader("Retry-After", Long.toString(wait));
                return Future.failedFuture(
                    DomainException.tooManyRequests(
                        "too many failed sign-ins: try again in " + (wait + 59) / 60 + " minutes"));
              }
              return users
                  .findForLogin(pool, username)
                  .compose(
                      found ->
                          PasswordHasher.verify(
                                  vertx,
                                  password,
                                  found.map(UserRepository.WithHash::passwordHash).orElse(null))
                              .compose(ok -> delay(attempt.delay()).map(ok))
                              .compose(ok -> finish(ctx, username, address, found, ok)));
            });
  }

  private Future<?> finish(
      RoutingContext ctx,
      String username,
      String address,
      Optional<UserRepository.WithHash> found,
      boolean passwordOk) {
    if (passwordOk && found.isPresent() && found.get().user().active()) {
      User user = found.get().user();
      TokenService.Issued issued = tokens.issue(user.asCurrentUser(), found.get().tokenVersion());
      LOG.info("sign-in ok user={} role={} address={}", username, user.role(), address);
      return throttle
          .succeeded(username, address)
          .compose(
              v ->
                  Responses.ok(
                      ctx,
                      new JsonObject()
                          .put("token", issued.token())
                          .put("expiresAt", issued.expiresAt().toString())
                          .put("user", user.toJson())));
    }
    String why =
        found.isEmpty() ? "unknown account" : !passwordOk ? "wrong password" : "inactive account";
    LOG.warn("sign-in failed user={} address={} reason={}", username, address, why);
    // the attempt was counted before the password was checked
    return Future.failedFuture(DomainException.unauthorized("wrong username or password"));
  }

  private Future<Void> delay(Duration d) {
    if (d.isZero()) {
      return Future.succeededFuture();
    }
    return vertx.timer(d.toMillis()).mapEmpty();
  }

  private Future<?> me(RoutingContext ctx) {
    CurrentUser current = Access.signedIn(ctx);
    return users
        .find(pool, current.id())
        .compose(
            u -> {
              if (u.isEmpty() || !u.get().active()) {
                return Future.failedFuture(
                    DomainException.unauthorized("this account no longer exists or is inactive"));
              }
              return Responses.ok(ctx, u.get().toJson());
            });
  }
}
