package org.bangfu.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads {@code Authorization: Bearer <token>} on every API request and, when the token is
 * valid, puts the {@link CurrentUser} in the context. It never refuses by itself: public
 * endpoints stay public, and {@link CurrentUser#of} / {@link Access#require} give 401 with
 * the reason (no token, or an invalid or expired one).
 */
public final class TokenHandler implements Handler<RoutingContext> {

  public static final String TOKEN_ERROR_KEY = "bangfu.tokenError";

  private final TokenService tokens;

  public TokenHandler(TokenService tokens) {
    this.tokens = tokens;
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
    tokens.verify(header.substring(7).trim())
        .onSuccess(user -> ctx.put(CurrentUser.CONTEXT_KEY, user))
        .onFailure(err -> ctx.put(TOKEN_ERROR_KEY, "the token is invalid or expired: sign in again"))
        .onComplete(ignored -> ctx.next());
  }
}
