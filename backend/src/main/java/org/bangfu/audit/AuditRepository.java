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
 * {@code audit_log}, see the migration {@code V10__marketplace.sql}); the log over it, and its
 * checks, are in {@link org.bangfu.audit.log}.
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
  /** Many rows in one statement, in the order of the arrays ($1…$8, one element per row). */
  static final String INSERT_MANY =
      """
      INSERT INTO audit_log (actor_id, actor, role, entity, entity_id, action, before, after)
      SELECT d.actor_id, d.actor, d.role, d.entity, d.entity_id, d.action, d.before::jsonb, d.after::jsonb
        FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                    $8::text[]) AS d(actor_id, actor, role, entity, entity_id, action, before, after)\
      """;

  /** Rows given column by column (one array per column, one element per row), in their order. */
  public record Rows(
      Long[] actorId,
      String[] actor,
      String[] role,
      String[] entity,
      String[] entityId,
      String[] action,
      String[] before,
      String[] after) {}

  /** Appends {@code rows} in one statement. */
  public Future<Void> insertMany(SqlClient sql, Rows rows) {
    return sql.preparedQuery(INSERT_MANY)
        .execute(
            Tuple.from(
                new Object[] {
                  rows.actorId(),
                  rows.actor(),
                  rows.role(),
                  rows.entity(),
                  rows.entityId(),
                  rows.action(),
                  rows.before(),
                  rows.after()
                }))
        .mapEmpty();
  }

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
