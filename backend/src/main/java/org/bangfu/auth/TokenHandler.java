package org.bangfu.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Reads {@code Authorization: Bearer <token>} on every API request and, when the token is
 * valid, puts the {@link CurrentUser} in the context. It never refuses by itself: public
 * endpoints stay public, and {@link CurrentUser#of} / {@link Access#require} give 401 with
 * the reason (no token, or an invalid or expired one). A token of an account that has been
 * deactivated (or deleted) since it was issued stops working at once: one primary-key lookup
 * per signed-in request.
 */
public final class TokenHandler implements Handler<RoutingContext> {

  public static final String TOKEN_ERROR_KEY = "bangfu.tokenError";

  private static final String ACTIVE = "SELECT active FROM users WHERE id = $1";

  private final TokenService tokens;
  private final Pool pool;

  public TokenHandler(TokenService tokens, Pool pool) {
    this.tokens = tokens;
    this.pool = pool;
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
        .onFailure(err -> ctx.put(TOKEN_ERROR_KEY, "the token is invalid or expired: sign in again"))
        .compose(user -> pool.preparedQuery(ACTIVE).execute(Tuple.of(user.id())).compose(rows -> {
          var it = rows.iterator();
          if (it.hasNext() && Boolean.TRUE.equals(it.next().getBoolean("active"))) {
            ctx.put(CurrentUser.CONTEXT_KEY, user);
          } else {
            ctx.put(TOKEN_ERROR_KEY, "this account is no longer active");
          }
          return Future.succeededFuture();
        }))
        .onComplete(ignored -> ctx.next());
  }
}
