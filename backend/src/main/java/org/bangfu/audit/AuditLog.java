package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import org.bangfu.auth.CurrentUser;

/**
 * Appends to the tamper-evident audit trail; made once by the composition root and handed to every
 * service that records what it changes. Always called with the caller's transaction connection,
 * after the change it records, so the change and its audit row commit together. The hash chain
 * itself is computed by the database (see {@link AuditRepository}).
 *
 * <p>Call it last in a transaction: the trigger takes a transaction-wide lock that serialises
 * appends, and taking row locks after it could deadlock with other writers.
 */
public final class AuditLog {
  private final AuditRepository rows;

  public AuditLog(AuditRepository rows) {
    this.rows = rows;
  }

  /** One row to append: {@code action} on {@code entity} by {@code who} (null: the system). */
  public record Entry(
      CurrentUser who,
      String entity,
      Object entityId,
      String action,
      JsonObject before,
      JsonObject after) {}

  /** Rows per statement when many are appended. */
  static final int CHUNK = 20_000;

  /**
   * Appends {@code entries} in their order, as few statements as it takes ({@link #CHUNK} rows
   * each; one for a claim's two rows): the chain's lock is then held for one round trip and the
   * commit, which is what bounds how many writes a second the whole platform takes, and a national
   * round's 300,000 rows cost seconds rather than minutes.
   */
  public Future<Void> appendAll(SqlClient sql, List<Entry> entries) {
    Future<Void> done = Future.succeededFuture();
    for (int from = 0; from < entries.size(); from += CHUNK) {
      List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
      done = done.compose(v -> insertMany(sql, chunk));
    }
    return done;
  }

  private Future<Void> insertMany(SqlClient sql, List<Entry> chunk) {
    int n = chunk.size();
    Long[] actorId = new Long[n];
    String[] actor = new String[n];
    String[] role = new String[n];
    String[] entity = new String[n];
    String[] entityId = new String[n];
    String[] action = new String[n];
    String[] before = new String[n];
    String[] after = new String[n];
    for (int k = 0; k < n; k++) {
      Entry e = chunk.get(k);
      actorId[k] = e.who() == null ? null : e.who().id();
      actor[k] = e.who() == null ? "system" : e.who().username();
      role[k] = e.who() == null ? "system" : e.who().role().wire();
      entity[k] = e.entity();
      entityId[k] = String.valueOf(e.entityId());
      action[k] = e.action();
      before[k] = e.before() == null ? null : e.before().encode();
      after[k] = e.after() == null ? null : e.after().encode();
    }
    return rows.insertMany(
        sql,
        new AuditRepository.Rows(actorId, actor, role, entity, entityId, action, before, after));
  }

  /** Records {@code action} on {@code entity} by {@code who} (null: the system itself). */
  public Future<Void> append(
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
    return rows.insert(
        sql, actorId, actor, role, entity, String.valueOf(entityId), action, before, after);
  }
}
