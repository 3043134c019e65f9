package org.bangfu.audit.log;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.bangfu.support.Rows;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * All SQL about the tree itself: the audit rows as leaves, in id order, and the stored hashes of
 * every 8th level's subtrees ({@code audit_log_nodes}). The JDBC methods stream the whole log for
 * the checks; the reactive ones read the few hundred hashes and rows a proof needs.
 */
public final class TreeRepository {

  /** Levels whose subtrees are stored: every 8th (256, 65,536 … leaves). */
  public static final int STORED_EVERY = 8;

  /** Leaves in a tile: the subtree of the first stored level. */
  public static final int TILE = 1 << STORED_EVERY;

  /**
   * The row's content as {@code audit_log_row_hash} (V10) writes it, column by column, for {@link
   * AuditRow}: the time in the chain's own text form, the JSON as PostgreSQL prints a jsonb.
   */
  static final String ROW_COLUMNS =
      """
      SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
             actor_id, actor, role, entity, entity_id, action, before::text AS before_text,
             after::text AS after_text, prev_hash, hash
        FROM audit_log""";

  /**
   * The rows after an id, in id order, for the checks, as COPY's text: the server streams them
   * while the check hashes (a cursor would wait for each batch to be asked for), and prints every
   * column plainly, which costs it half the time of formatting them as the chain writes them
   * ({@link RowBytes#copyLine} does that). {@code %d}: the id (a number).
   */
  static final String COPY_ROWS =
      """
      COPY (SELECT id, at, actor_id, actor, role, entity, entity_id, action, before, after,
                   prev_hash, hash
              FROM audit_log WHERE id > %d ORDER BY id) TO STDOUT""";

  /** The session as {@link RowBytes#copyLine} reads it: times in UTC, in ISO form. */
  static final String COPY_SESSION = "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'";

  static final String ROWS_FROM = ROW_COLUMNS + " WHERE id >= $1 ORDER BY id LIMIT $2";
  static final String ROWS_OF =
      ROW_COLUMNS + " WHERE entity = $1 AND entity_id = $2 ORDER BY id LIMIT 200";
  static final String ROW = ROW_COLUMNS + " WHERE id = $1";

  /**
   * Where an audit id sits in the tree: the stored tile that starts at or before it, and how many
   * rows lie between that tile's first row and it. Without a tile, counted from the start.
   */
  static final String POSITION =
      """
      WITH t AS (SELECT idx, first_id FROM audit_log_nodes
                  WHERE level = 8 AND first_id <= $1 ORDER BY first_id DESC LIMIT 1)
      SELECT (SELECT idx FROM t) AS tile,
             (SELECT count(*) FROM audit_log a
               WHERE a.id < $1 AND a.id >= coalesce((SELECT first_id FROM t), 0)) AS within""";

  static final String NODES =
      "SELECT idx, hash FROM audit_log_nodes WHERE level = $1 AND idx >= $2 AND idx < $3"
          + " ORDER BY idx";
  static final String TILE_START =
      """
      SELECT coalesce((SELECT first_id FROM audit_log_nodes WHERE level = 8 AND idx = $1),
                      (SELECT last_id + 1 FROM audit_log_nodes WHERE level = 8 AND idx = $1 - 1),
                      CASE WHEN $1 = 0 THEN 0 END) AS first_id""";
  static final String NODES_BETWEEN =
      "SELECT idx, hash FROM audit_log_nodes WHERE level = 8 AND idx >= ? AND idx < ? ORDER BY idx";
  static final String INSERT_NODES =
      """
      INSERT INTO audit_log_nodes (level, idx, hash, first_id, last_id)
      SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[], ?::bigint[], ?::bigint[])
      ON CONFLICT DO NOTHING""";

  /** What a notice is about: its subject's audit rows belong to its proof too. */
  static final String NOTICE_SUBJECT =
      "SELECT subject_type, subject_id::text AS subject_id FROM notices WHERE id = $1";

  /** A stored subtree hash, with the audit ids of its first and last leaf. */
  public record StoredNode(Merkle.Node node, byte[] hash, long firstId, long lastId) {}

  /** Receives the rows of a stream, in id order. */
  public interface RowSink {
    void row(RowBytes row);
  }

  // ------------------------------------------------------------------ the checks (JDBC)

  /**
   * Streams the rows with an id above {@code afterId}, in id order, on the caller's transaction
   * (one snapshot); each to {@code sink} in the same {@link RowBytes}, reused. How many.
   */
  public long stream(Connection c, long afterId, RowSink sink) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(COPY_SESSION);
    }
    CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(COPY_ROWS.formatted(afterId));
    RowBytes row = new RowBytes();
    long n = 0;
    try {
      byte[] line;
      while ((line = copy.readFromCopy()) != null) {
        sink.row(row.copyLine(line));
        n++;
      }
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    return n;
  }

  /** Stores subtree hashes (those stored already are left as they are). */
  public void insertNodes(Connection c, List<StoredNode> nodes) throws SQLException {
    for (int from = 0; from < nodes.size(); from += 20_000) {
      List<StoredNode> chunk = nodes.subList(from, Math.min(nodes.size(), from + 20_000));
      Short[] level = new Short[chunk.size()];
      Long[] idx = new Long[chunk.size()];
      byte[][] hash = new byte[chunk.size()][];
      Long[] first = new Long[chunk.size()];
      Long[] last = new Long[chunk.size()];
      for (int i = 0; i < chunk.size(); i++) {
        StoredNode s = chunk.get(i);
        level[i] = (short) s.node().level();
        idx[i] = s.node().index();
        hash[i] = s.hash();
        first[i] = s.firstId();
        last[i] = s.lastId();
      }
      try (PreparedStatement p = c.prepareStatement(INSERT_NODES)) {
        p.setArray(1, c.createArrayOf("smallint", level));
        p.setArray(2, c.createArrayOf("bigint", idx));
        p.setObject(3, hash);
        p.setArray(4, c.createArrayOf("bigint", first));
        p.setArray(5, c.createArrayOf("bigint", last));
        p.executeUpdate();
      }
    }
  }

  /** The stored hashes of the tiles {@code [from, to)}, by tile, null where none is stored. */
  public byte[][] tiles(Connection c, long from, long to) throws SQLException {
    byte[][] out = new byte[(int) (to - from)][];
    try (PreparedStatement q = c.prepareStatement(NODES_BETWEEN)) {
      q.setLong(1, from);
      q.setLong(2, to);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out[(int) (rs.getLong(1) - from)] = rs.getBytes(2);
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ proofs (reactive)

  /** The stored hashes of {@code count} subtrees of {@code level} from {@code index}, in order. */
  public Future<List<byte[]>> nodes(SqlClient db, int level, long index, long count) {
    return db.preparedQuery(NODES)
        .execute(Tuple.of(level, index, index + count))
        .map(rows -> Rows.all(rows, r -> r.getBuffer("hash").getBytes()));
  }

  /** The audit id the tile {@code tile} starts at; empty when the log cannot say. */
  public Future<Optional<Long>> tileStart(SqlClient db, long tile) {
    return db.preparedQuery(TILE_START)
        .execute(Tuple.of(tile))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getLong("first_id")));
  }

  /** Up to {@code limit} rows from id {@code fromId} on. */
  public Future<List<AuditRow>> rowsFrom(SqlClient db, long fromId, int limit) {
    return db.preparedQuery(ROWS_FROM)
        .execute(Tuple.of(fromId, limit))
        .map(rows -> Rows.all(rows, TreeRepository::row));
  }

  public Future<Optional<AuditRow>> row(SqlClient db, long id) {
    return db.preparedQuery(ROW)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, TreeRepository::row));
  }

  /** The position (leaf index) of the row with id {@code id}, which must exist. */
  public Future<Long> position(SqlClient db, long id) {
    return db.preparedQuery(POSITION)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              Long tile = r.getLong("tile");
              return (tile == null ? 0 : tile * TILE) + r.getLong("within");
            });
  }

  /** The rows about one record (at most 200), oldest first. */
  public Future<List<AuditRow>> rowsOf(SqlClient db, String entity, String entityId) {
    return db.preparedQuery(ROWS_OF)
        .execute(Tuple.of(entity, entityId))
        .map(rows -> Rows.all(rows, TreeRepository::row));
  }

  /** A notice's subject ({@code type}, {@code id}); empty when there is no such notice. */
  public Future<Optional<String[]>> noticeSubject(SqlClient db, long noticeId) {
    return db.preparedQuery(NOTICE_SUBJECT)
        .execute(Tuple.of(noticeId))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r -> new String[] {r.getString("subject_type"), r.getString("subject_id")}));
  }

  static AuditRow row(Row r) {
    return new AuditRow(
        r.getLong("id"),
        r.getString("at_text"),
        r.getLong("actor_id"),
        r.getString("actor"),
        r.getString("role"),
        r.getString("entity"),
        r.getString("entity_id"),
        r.getString("action"),
        r.getString("before_text"),
        r.getString("after_text"),
        r.getString("prev_hash"),
        r.getString("hash"));
  }
}
