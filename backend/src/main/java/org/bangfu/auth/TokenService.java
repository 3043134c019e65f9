package org.bangfu.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Optional;
import org.bangfu.keys.Keys;

/**
 * Bearer tokens: HS256 JWTs with the user's id, role and binding, valid for a short while. The key
 * comes from BANGFU_JWT_SECRET, or from the key file {@code BANGFU_DATA_DIR/keys/jwt.key} ({@link
 * Keys}); every node of a cluster needs the same one.
 */
public final class TokenService {

  static final String VERSION_CLAIM = "tv";

  private final JWTAuth jwt;
  private final int ttlSeconds;
  private final VerifiedTokens recent = new VerifiedTokens(System::currentTimeMillis);

  private TokenService(JWTAuth jwt, int ttlSeconds) {
    this.jwt = jwt;
    this.ttlSeconds = ttlSeconds;
  }

  /**
   * The token service with BANGFU_JWT_SECRET when configured, else the key the start loaded ({@link
   * Keys}: the key file, never the database). {@code pool} is no longer used.
   */
  public static Future<TokenService> create(
      Vertx vertx, Pool pool, Optional<String> configured, int ttlSeconds) {
    Optional<String> secret =
        configured.isPresent() ? configured : Keys.installed().map(Keys::jwtSecret);
    if (secret.isEmpty()) {
      return Future.failedFuture(
          new IllegalStateException("the token key is not loaded (Keys.load)"));
    }
    return Future.succeededFuture(create(vertx, secret.get(), ttlSeconds));
  }

  public static TokenService create(Vertx vertx, String secret, int ttlSeconds) {
    return new TokenService(
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setAlgorithm("HS256").setLeeway(5))),
        ttlSeconds);
  }

  public record Issued(String token, Instant expiresAt) {}

  /**
   * A verified token: who it stands for, the account's token version it was issued under, and when
   * it expires.
   */
  public record Verified(CurrentUser user, int tokenVersion, Instant expiresAt) {}

  public Issued issue(CurrentUser user) {
    return issue(user, 0);
  }

  /**
   * A token carrying the account's {@code token_version}: a password change or a deactivation
   * raises the version in the database, and every token issued before stops working.
   */
  public Issued issue(CurrentUser user, int tokenVersion) {
    String token =
        jwt.generateToken(
            user.claims().put(VERSION_CLAIM, tokenVersion),
            new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(ttlSeconds));
    return new Issued(token, Instant.now().plusSeconds(ttlSeconds));
  }

  /** The user a token stands for; fails when it is forged, malformed or expired. */
  public Future<CurrentUser> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .map(u -> CurrentUser.fromClaims(u.principal()));
  }

  /**
   * {@link #verify}, with the token version the token was issued under (0 when it has none). A
   * token this node has verified before is answered from {@link VerifiedTokens} while it is
   * certainly still valid (the same answer, without decoding, checking and mapping it again on
   * every request); otherwise the library decides, as for a new one.
   */
  public Future<Verified> verifyWithVersion(String token) {
    Verified known = recent.get(token);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return jwt.authenticate(new TokenCredentials(token))
        .map(
            u -> {
              Verified v =
                  new Verified(
                      CurrentUser.fromClaims(u.principal()),
                      u.principal().getInteger(VERSION_CLAIM, 0),
                      expiry(u));
              recent.remember(token, v, issuedAt(u));
              return v;
            });
  }

  /** The token's {@code iat} claim in epoch seconds, or null when it has none. */
  private static Long issuedAt(io.vertx.ext.auth.User u) {
    return u.attributes().getLong("iat", u.principal().getLong("iat"));
  }

  /** The token's {@code exp} claim (Vert.x keeps it among the user's attributes). */
  private static Instant expiry(io.vertx.ext.auth.User u) {
    Long exp = u.attributes().getLong("exp", u.principal().getLong("exp"));
    if (exp == null) {
      throw new IllegalStateException("a token without an expiry");
    }
    return Instant.ofEpochSecond(exp);
  }

  public JsonObject describe() {
    return new JsonObject().put("algorithm", "HS256").put("ttlSeconds", ttlSeconds);
  }
}
