package org.bangfu.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.bangfu.support.DomainException;

/**
 * The signed-in user of a request, read from the bearer token by {@link TokenHandler}. villageId is
 * set for a village secretary, regionId for a reviewer, donorId for a donor.
 */
public record CurrentUser(
    long id, String username, Role role, String villageId, String regionId, Long donorId) {

  /** Key under which the token handler puts the user in the routing context. */
  public static final String CONTEXT_KEY = "bangfu.currentUser";

  public CurrentUser {
    if (role == null || username == null) {
      throw new IllegalArgumentException("role and username are required");
    }
  }

  /** The signed-in user, or a 401 failure when the request carries no valid token. */
  public static CurrentUser of(RoutingContext ctx) {
    CurrentUser user = ctx.get(CONTEXT_KEY);
    if (user == null) {
      String why = ctx.get(TokenHandler.TOKEN_ERROR_KEY);
      throw DomainException.unauthorized(
          why != null ? why : "sign in first: send Authorization: Bearer <token>");
    }
    return user;
  }

  /** The signed-in user if there is one (public endpoints that show more to some roles). */
  public static java.util.Optional<CurrentUser> optional(RoutingContext ctx) {
    return java.util.Optional.ofNullable(ctx.get(CONTEXT_KEY));
  }

  public boolean is(Role... roles) {
    for (Role r : roles) {
      if (r == role) {
        return true;
      }
    }
    return false;
  }

  /**
   * At which level a reviewer works: a township reviewer (乡镇扶贫办, region {@code <county>-Tnn})
   * reviews, a county reviewer (县扶贫办, a county code) approves; null for every other role.
   */
  public String reviewerLevel() {
    if (role != Role.REVIEWER || regionId == null) {
      return null;
    }
    if (regionId.matches("[0-9A-Z]+-T[0-9A-Za-z]+")) {
      return "township";
    }
    return regionId.matches("\\d{6}|3505TS") ? "county" : null;
  }

  /** The token claims for this user (ids only, nothing personal). */
  public JsonObject claims() {
    return new JsonObject()
        .put("sub", Long.toString(id))
        .put("username", username)
        .put("role", role.wire())
        .put("villageId", villageId)
        .put("regionId", regionId)
        .put("donorId", donorId);
  }

  public static CurrentUser fromClaims(JsonObject c) {
    Role role =
        Role.fromWire(c.getString("role"))
            .orElseThrow(() -> DomainException.unauthorized("token has an unknown role"));
    return new CurrentUser(
        Long.parseLong(c.getString("sub")),
        c.getString("username"),
        role,
        c.getString("villageId"),
        c.getString("regionId"),
        c.getLong("donorId"));
  }
}
