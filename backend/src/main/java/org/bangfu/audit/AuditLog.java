package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
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

  /** One row to append: {@code action} on {@code entity} by {@code who} (null: the system). */
  public record Entry(
      CurrentUser who,
      String entity,
      Object entityId,
      String action,
      JsonObject before,
      JsonObject after) {
    Tuple tuple() {
      return Tuple.of(
          who == null ? null : Long.valueOf(who.id()),
          who == null ? "system" : who.username(),
          who == null ? "system" : who.role().wire(),
          entity,
          String.valueOf(entityId),
          action,
          before,
          after);
    }
  }

  /**
   * Appends {@code entries} in one round trip, in their order: the chain's lock is then held for
   * that round trip and the commit only, which is what bounds how many writes a second the whole
   * platform takes.
   */
  public static Future<Void> appendAll(SqlClient sql, List<Entry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    if (entries.size() == 1) {
      return sql.preparedQuery(INSERT).execute(entries.get(0).tuple()).mapEmpty();
    }
    return sql.preparedQuery(INSERT)
        .executeBatch(entries.stream().map(Entry::tuple).toList())
        .mapEmpty();
  }

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
