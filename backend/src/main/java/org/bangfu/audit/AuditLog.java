package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import org.bangfu.auth.CurrentUser;

/**
 * Appends to the tamper-evident audit trail. Always called with the caller's transaction
 * connection, after the change it records, so the change and its audit row commit together. The
 * hash chain itself is computed by the database (see {@link AuditRepository}).
 *
 * <p>Call it last in a transaction: the trigger takes a transaction-wide lock that serialises
 * appends, and taking row locks after it could deadlock with other writers.
 */
public final class AuditLog {
  /** For batches: {@code (actor_id, actor, role, entity, entity_id, action, before, after)}. */
  public static final String INSERT = AuditRepository.INSERT;

  private static final AuditRepository AUDIT = new AuditRepository();

  private AuditLog() {}

  /** Records {@code action} on {@code entity} by {@code who} (null: the system itself). */
  public static Future<Void> append(
      SqlClient sql,
      CurrentUser who,
      String entity,
      Object entityId,
      String action,
      JsonObject before,
      JsonObject after) {
    Long actorId = who == null ? null : Long.valueOf(who.id());
    String actor = who == null ? "system" : who.username();
    String role = who == null ? "system" : who.role().wire();
    return AUDIT.insert(
        sql, actorId, actor, role, entity, String.valueOf(entityId), action, before, after);
  }
}
