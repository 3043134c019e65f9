package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.bangfu.auth.CurrentUser;

/**
 * Appends to the tamper-evident audit trail. Always called with the caller's transaction
 * connection, after the change it records, so the change and its audit row commit together.
 * The hash chain itself is computed by the database (trigger in V10__marketplace.sql).
 *
 * <p>Call it last in a transaction: the trigger takes a transaction-wide lock that
 * serialises appends, and taking row locks after it could deadlock with other writers.
 */
public final class AuditLog {
    /** For batches: {@code (actor_id, actor, role, entity, entity_id, action, before, after)}. */
    public static final String INSERT = """
            INSERT INTO audit_log (actor_id, actor, role, entity, entity_id, action, before, after)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

    private AuditLog() {
    }

    public static Future<Void> append(SqlClient sql, CurrentUser who, String entity, Object entityId,
                                      String action, JsonObject before, JsonObject after) {
        Long actorId = who == null ? null : Long.valueOf(who.id());
        String actor = who == null ? "system" : who.username();
        String role = who == null ? "system" : who.role().wire();
        return sql.preparedQuery(INSERT)
                .execute(Tuple.of(actorId, actor, role, entity, String.valueOf(entityId), action, before, after))
                .mapEmpty();
    }
}
