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
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Bearer tokens: HS256 JWTs with the user's id, role and binding, valid for a short while.
 * The key comes from BANGFU_JWT_SECRET, or is generated once and kept in PostgreSQL so that
 * every node of a cluster signs and checks with the same key.
 */
public final class TokenService {

  private static final String SECRET_NAME = "jwt-hs256";
  static final String VERSION_CLAIM = "tv";

  private final JWTAuth jwt;
  private final int ttlSeconds;

  private TokenService(JWTAuth jwt, int ttlSeconds) {
    this.jwt = jwt;
    this.ttlSeconds = ttlSeconds;
  }

  public static Future<TokenService> create(Vertx vertx, Pool pool, Optional<String> configured,
                                            int ttlSeconds) {
    Future<String> secret = configured.map(Future::succeededFuture)
        .orElseGet(() -> sharedSecret(pool));
    return secret.map(s -> new TokenService(JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(s))
        .setJWTOptions(new JWTOptions().setAlgorithm("HS256").setLeeway(5))), ttlSeconds));
  }

  /** The key kept in PostgreSQL; whichever node starts first creates it, the others read it. */
  private static Future<String> sharedSecret(Pool pool) {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return pool.preparedQuery("INSERT INTO app_secrets (name, value) VALUES ($1, $2) "
            + "ON CONFLICT (name) DO NOTHING")
        .execute(Tuple.of(SECRET_NAME, candidate))
        .compose(r -> pool.preparedQuery("SELECT value FROM app_secrets WHERE name = $1")
            .execute(Tuple.of(SECRET_NAME)))
        .map(rows -> rows.iterator().next().getString("value"));
  }

  public record Issued(String token, Instant expiresAt) {
  }

  /** A verified token: who it stands for and the account's token version it was issued under. */
  public record Verified(CurrentUser user, int tokenVersion) {
  }

  public Issued issue(CurrentUser user) {
    return issue(user, 0);
  }

  /**
   * A token carrying the account's {@code token_version}: a password change or a deactivation
   * raises the version in the database, and every token issued before stops working.
   */
  public Issued issue(CurrentUser user, int tokenVersion) {
    String token = jwt.generateToken(user.claims().put(VERSION_CLAIM, tokenVersion),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(ttlSeconds));
    return new Issued(token, Instant.now().plusSeconds(ttlSeconds));
  }

  /** The user a token stands for; fails when it is forged, malformed or expired. */
  public Future<CurrentUser> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .map(u -> CurrentUser.fromClaims(u.principal()));
  }

  /** {@link #verify}, with the token version the token was issued under (0 when it has none). */
  public Future<Verified> verifyWithVersion(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .map(u -> new Verified(CurrentUser.fromClaims(u.principal()),
            u.principal().getInteger(VERSION_CLAIM, 0)));
  }

  public JsonObject describe() {
    return new JsonObject().put("algorithm", "HS256").put("ttlSeconds", ttlSeconds);
  }
}
