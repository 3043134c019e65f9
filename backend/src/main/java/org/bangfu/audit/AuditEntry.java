package org.bangfu.audit;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * One row of the audit trail (审计留痕): who did what to which entity, the state before and after as
 * JSON text, and the row's hash in the chain.
 */
public record AuditEntry(
    long id,
    OffsetDateTime at,
    String actor,
    String role,
    String entity,
    String entityId,
    String action,
    String before,
    String after,
    String hash) {

  /** The shape of {@code GET /audit}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("at", Times.instant(at))
        .put("actor", actor)
        .put("role", role)
        .put("entity", entity)
        .put("entityId", entityId)
        .put("action", action)
        .put("before", before == null ? null : Json.decodeValue(before))
        .put("after", after == null ? null : Json.decodeValue(after))
        .put("hash", hash);
  }
}
