package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * All SQL about the audit trail. The hash chain itself is computed by the database (a trigger on
 * {@code audit_log}, see the migration {@code V10__marketplace.sql}).
 */
public final class AuditRepository {

  /** One row: {@code (actor_id, actor, role, entity, entity_id, action, before, after)}. */
  static final String INSERT =
      """
      INSERT INTO audit_log (actor_id, actor, role, entity, entity_id, action, before, after)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

  static final String COLUMNS =
      "SELECT id, at, actor, role, entity, entity_id, action, before, after, hash";
  static final String FROM = "FROM audit_log";

  /**
   * Recomputes every row's hash and its link to the row before; the first mismatch is where
   * tampering starts.
   */
  static final String VERIFY =
      """
      SELECT count(*) AS checked, min(id) FILTER (WHERE broken) AS first_broken FROM (
          SELECT a.id, (a.hash <> audit_log_row_hash(a.prev_hash, a)
                        OR a.prev_hash <> coalesce(lag(a.hash) OVER (ORDER BY a.id), 'genesis')) AS broken
            FROM audit_log a) x""";

  /** What a list may be narrowed to (null: not narrowed). */
  public record Filter(String entity, String entityId) {}

  public Future<Void> insert(
      SqlClient db,
      Long actorId,
      String actor,
      String role,
      String entity,
      String entityId,
      String action,
      JsonObject before,
      JsonObject after) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(actorId, actor, role, entity, entityId, action, before, after))
        .mapEmpty();
  }

  /** The newest first. */
  public Future<Page<AuditEntry>> list(SqlClient db, Filter filter, Paging paging) {
    Listing list = new Listing();
    if (filter.entity() != null) {
      list.where("entity = $?", filter.entity());
    }
    if (filter.entityId() != null) {
      list.where("entity_id = $?", filter.entityId());
    }
    return list.page(db, COLUMNS, FROM, "id DESC", paging, AuditRepository::map);
  }

  /** The chain's head: how many rows, the last row's id and hash ({@code genesis} when empty). */
  public record Head(long rows, long lastId, String hash) {}

  /** The number of rows and the last row, read in one statement (one snapshot). */
  static final String HEAD =
      """
      SELECT c.n, h.id, h.hash FROM (SELECT count(*) AS n FROM audit_log) c
        LEFT JOIN LATERAL (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) h ON true""";

  /**
   * Every row in chain order with its own text, as {@code audit_log_row_hash} concatenates it after
   * the previous hash (for {@link AuditTrailCheck}, which hashes it itself).
   */
  static final String CHAIN =
      """
      SELECT id, prev_hash, hash,
             concat_ws('|', id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       coalesce(actor_id::text, ''), actor, role, entity, entity_id, action,
                       coalesce(before::text, 'null'), coalesce(after::text, 'null')) AS payload
        FROM audit_log ORDER BY id""";

  public Future<Head> head(SqlClient db) {
    return db.query(HEAD)
        .execute()
        .map(
            rows -> {
              Row r = rows.iterator().next();
              Long last = r.getLong("id");
              return new Head(
                  r.getLong("n"),
                  last == null ? 0 : last,
                  last == null ? "genesis" : r.getString("hash"));
            });
  }

  public Future<AuditEntry.Verification> verify(SqlClient db) {
    return db.query(VERIFY)
        .execute()
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new AuditEntry.Verification(r.getLong("checked"), r.getLong("first_broken"));
            });
  }

  static AuditEntry map(Row r) {
    return new AuditEntry(
        r.getLong("id"),
        r.getOffsetDateTime("at"),
        r.getString("actor"),
        r.getString("role"),
        r.getString("entity"),
        r.getString("entity_id"),
        r.getString("action"),
        json(r.getValue("before")),
        json(r.getValue("after")),
        r.getString("hash"));
  }

  private static String json(Object value) {
    return value == null ? null : io.vertx.core.json.Json.encode(value);
  }
}
