package org.bangfu.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads {@code Authorization: Bearer <token>} on every API request and, when the token is valid,
 * puts the {@link CurrentUser} in the context. It never refuses by itself: public endpoints stay
 * public, and {@link CurrentUser#of} / {@link Access#require} give 401 with the reason (no token,
 * or an invalid or expired one). A token of an account that has been deactivated (or deleted), or
 * whose password was changed, since it was issued stops working at once: the token's version is
 * compared with the account's {@code token_version}, read through the node's {@link AccountCheck}
 * (cached, forgotten on every change). When that lookup fails (the database is down) the request
 * fails with the database's error, which the error handler answers 503, not 401.
 */
public final class TokenHandler implements Handler<RoutingContext> {

  public static final String TOKEN_ERROR_KEY = "bangfu.tokenError";

  /** The verified token behind the current user (what a long-lived stream checks again later). */
  public static final String TOKEN_KEY = "bangfu.token";

  private final TokenService tokens;
  private final AccountCheck accounts;

  public TokenHandler(TokenService tokens, AccountCheck accounts) {
    this.tokens = tokens;
    this.accounts = accounts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      ctx.next();
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
      ctx.put(TOKEN_ERROR_KEY, "the Authorization header must be 'Bearer <token>'");
      ctx.next();
      return;
    }
    tokens
        .verifyWithVersion(header.substring(7).trim())
        .onComplete(
            verified -> {
              if (verified.failed()) {
                ctx.put(TOKEN_ERROR_KEY, "the token is invalid or expired: sign in again");
                ctx.next();
                return;
              }
              TokenService.Verified token = verified.result();
              accounts
                  .state(token.user().id())
                  .onComplete(
                      looked -> {
                        if (looked.failed()) {
                          // the database did not answer: that is not the caller's fault (503),
                          // never a 401
                          ctx.fail(looked.cause());
                          return;
                        }
                        AccountCheck.State account = looked.result();
                        if (!account.active()) {
                          ctx.put(TOKEN_ERROR_KEY, "this account is no longer active");
                        } else if (account.tokenVersion() != token.tokenVersion()) {
                          ctx.put(
                              TOKEN_ERROR_KEY,
                              "the password of this account was changed: sign in again");
                        } else {
                          ctx.put(CurrentUser.CONTEXT_KEY, token.user());
                          ctx.put(TOKEN_KEY, token);
                        }
                        ctx.next();
                      });
            });
  }
}
