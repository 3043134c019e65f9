package org.bangfu.users;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;

/** An account as stored (without its password hash). */
public record User(
    long id,
    String username,
    String displayName,
    Role role,
    String villageId,
    String regionId,
    Long donorId,
    boolean active,
    OffsetDateTime createdAt) {

  public CurrentUser asCurrentUser() {
    return new CurrentUser(id, username, role, villageId, regionId, donorId);
  }

  /** The shape of {@code GET /me} and of the users endpoints. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("username", username)
        .put("displayName", displayName)
        .put("role", role.wire())
        .put("villageId", villageId)
        .put("regionId", regionId)
        .put("reviewerLevel", asCurrentUser().reviewerLevel())
        .put("donorId", donorId)
        .put("active", active);
  }
}
