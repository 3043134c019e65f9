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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/**
 * All SQL about what the log publishes: its origin, signed tree heads, the keys that signed them,
 * witnesses and their cosignatures. The reactive methods serve the API; the JDBC ones ({@link
 * Connection}) serve the checks, which run on a worker thread or on the command line.
 */
public final class HeadRepository {

  static final String ORIGIN = "SELECT origin FROM audit_log_origin";
  static final String HEAD_COLUMNS =
      "SELECT tree_size, root_hash, time_ms, key_id, signature, last_id FROM audit_log_heads";
  static final String LATEST = HEAD_COLUMNS + " ORDER BY tree_size DESC LIMIT 1";
  static final String BY_SIZE = HEAD_COLUMNS + " WHERE tree_size = $1";
  static final String PAGE = HEAD_COLUMNS + " ORDER BY tree_size DESC LIMIT $1 OFFSET $2";
  static final String ALL = HEAD_COLUMNS + " ORDER BY tree_size";
  static final String COUNT = "SELECT count(*) AS n FROM audit_log_heads";
  static final String COSIGNATURE_COLUMNS =
      """
      SELECT c.tree_size, w.name, w.key_id, w.public_key, c.time_ms, c.signature
        FROM audit_log_cosignatures c JOIN audit_log_witnesses w ON w.key_id = c.witness_key""";
  static final String COSIGNATURES_OF =
      COSIGNATURE_COLUMNS + " WHERE c.tree_size = ANY($1) ORDER BY c.tree_size, c.time_ms";
  static final String ALL_COSIGNATURES = COSIGNATURE_COLUMNS + " ORDER BY c.tree_size, c.time_ms";
  static final String KEYS =
      "SELECT key_id, public_key, valid_from, valid_until, first_size FROM audit_log_keys"
          + " ORDER BY valid_from, key_id";
  static final String WITNESS_COLUMNS =
      "SELECT key_id, public_key, name, kind, registered_at FROM audit_log_witnesses";
  static final String WITNESSES = WITNESS_COLUMNS + " ORDER BY registered_at, key_id";
  static final String WITNESS = WITNESS_COLUMNS + " WHERE key_id = $1";
  static final String INSERT_WITNESS =
      """
      INSERT INTO audit_log_witnesses (key_id, public_key, name, kind, registered_at)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""";
  static final String INSERT_COSIGNATURE =
      """
      INSERT INTO audit_log_cosignatures (tree_size, witness_key, time_ms, signature)
      VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""";

  /** One head at a time, cluster-wide (the number is this lock's own). */
  static final String LOCK = "SELECT pg_advisory_lock(4242090)";

  static final String UNLOCK = "SELECT pg_advisory_unlock(4242090)";
  static final String INSERT_KEY =
      """
      INSERT INTO audit_log_keys (key_id, public_key, valid_from, first_size)
      VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING""";
  static final String RETIRE_KEYS =
      "UPDATE audit_log_keys SET valid_until = ? WHERE valid_until IS NULL AND key_id <> ?";
  static final String INSERT_HEAD =
      """
      INSERT INTO audit_log_heads (tree_size, root_hash, time_ms, key_id, signature, last_id)
      VALUES (?, ?, ?, ?, ?, ?)""";

  // ------------------------------------------------------------------ the API (reactive)

  public Future<String> origin(SqlClient db) {
    return db.query(ORIGIN).execute().map(rows -> rows.iterator().next().getString("origin"));
  }

  public Future<Optional<TreeHead>> latest(SqlClient db, String origin) {
    return db.query(LATEST).execute().map(rows -> Rows.first(rows, r -> head(r, origin)));
  }

  public Future<Optional<TreeHead>> bySize(SqlClient db, String origin, long size) {
    return db.preparedQuery(BY_SIZE)
        .execute(Tuple.of(size))
        .map(rows -> Rows.first(rows, r -> head(r, origin)));
  }

  /** Newest first. */
  public Future<Page<TreeHead>> page(SqlClient db, String origin, Paging paging) {
    return db.query(COUNT)
        .execute()
        .compose(
            count ->
                db.preparedQuery(PAGE)
                    .execute(Tuple.of(paging.size(), paging.offset()))
                    .map(
                        rows ->
                            new Page<>(
                                Rows.all(rows, r -> head(r, origin)),
                                count.iterator().next().getLong("n"),
                                paging.page(),
                                paging.size())));
  }

  /** The cosignatures of the heads of these sizes, by size. */
  public Future<Map<Long, List<Cosignature>>> cosignatures(SqlClient db, List<Long> sizes) {
    return db.preparedQuery(COSIGNATURES_OF)
        .execute(Tuple.of(sizes.toArray(new Long[0])))
        .map(
            rows -> {
              Map<Long, List<Cosignature>> out = new HashMap<>();
              for (Row r : rows) {
                out.computeIfAbsent(r.getLong("tree_size"), k -> new ArrayList<>())
                    .add(cosignature(r));
              }
              return out;
            });
  }

  public Future<List<LogKey>> keys(SqlClient db) {
    return db.query(KEYS).execute().map(rows -> Rows.all(rows, HeadRepository::key));
  }

  public Future<List<WitnessEntry>> witnesses(SqlClient db) {
    return db.query(WITNESSES).execute().map(rows -> Rows.all(rows, HeadRepository::witness));
  }

  public Future<Optional<WitnessEntry>> witness(SqlClient db, String keyId) {
    return db.preparedQuery(WITNESS)
        .execute(Tuple.of(keyId))
        .map(rows -> Rows.first(rows, HeadRepository::witness));
  }

  /** Registers a witness unless its key is registered already; whether it was new. */
  public Future<Boolean> insertWitness(SqlClient db, WitnessEntry w) {
    return db.preparedQuery(INSERT_WITNESS)
        .execute(
            Tuple.of(
                w.keyId(),
                w.publicKey(),
                w.name(),
                w.kind(),
                w.registeredAt().atOffset(java.time.ZoneOffset.UTC)))
        .map(r -> r.rowCount() > 0);
  }

  /** Keeps a cosignature (a witness's second one of the same head is ignored). */
  public Future<Boolean> insertCosignature(SqlClient db, long size, Cosignature c) {
    return db.preparedQuery(INSERT_COSIGNATURE)
        .execute(
            Tuple.of(
                size, c.keyId(), c.timeMillis(), io.vertx.core.buffer.Buffer.buffer(c.signature())))
        .map(r -> r.rowCount() > 0);
  }

  private static TreeHead head(Row r, String origin) {
    return new TreeHead(
        origin,
        r.getLong("tree_size"),
        r.getBuffer("root_hash").getBytes(),
        r.getLong("time_ms"),
        r.getString("key_id"),
        r.getBuffer("signature").getBytes(),
        r.getLong("last_id"),
        List.of());
  }

  private static Cosignature cosignature(Row r) {
    return new Cosignature(
        r.getString("name"),
        r.getString("key_id"),
        r.getString("public_key"),
        r.getLong("time_ms"),
        r.getBuffer("signature").getBytes());
  }

  private static LogKey key(Row r) {
    var until = r.getOffsetDateTime("valid_until");
    return new LogKey(
        r.getString("key_id"),
        r.getString("public_key"),
        r.getOffsetDateTime("valid_from").toInstant(),
        until == null ? null : until.toInstant(),
        r.getLong("first_size"));
  }

  private static WitnessEntry witness(Row r) {
    return new WitnessEntry(
        r.getString("key_id"),
        r.getString("public_key"),
        r.getString("name"),
        r.getString("kind"),
        r.getOffsetDateTime("registered_at").toInstant());
  }

  // ------------------------------------------------------------------ the checks (JDBC)

  public String origin(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(ORIGIN)) {
      if (!rs.next()) {
        throw new SQLException("the table audit_log_origin is empty");
      }
      return rs.getString(1);
    }
  }

  /** Every signed head, smallest first, each with its cosignatures. */
  public List<TreeHead> all(Connection c, String origin) throws SQLException {
    Map<Long, List<Cosignature>> cos = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(ALL_COSIGNATURES)) {
      while (rs.next()) {
        cos.computeIfAbsent(rs.getLong("tree_size"), k -> new ArrayList<>())
            .add(
                new Cosignature(
                    rs.getString("name"),
                    rs.getString("key_id"),
                    rs.getString("public_key"),
                    rs.getLong("time_ms"),
                    rs.getBytes("signature")));
      }
    }
    List<TreeHead> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(ALL)) {
      while (rs.next()) {
        long size = rs.getLong("tree_size");
        out.add(
            new TreeHead(
                origin,
                size,
                rs.getBytes("root_hash"),
                rs.getLong("time_ms"),
                rs.getString("key_id"),
                rs.getBytes("signature"),
                rs.getLong("last_id"),
                cos.getOrDefault(size, List.of())));
      }
    }
    return out;
  }

  public List<LogKey> keys(Connection c) throws SQLException {
    List<LogKey> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(KEYS)) {
      while (rs.next()) {
        Timestamp until = rs.getTimestamp("valid_until");
        out.add(
            new LogKey(
                rs.getString("key_id"),
                rs.getString("public_key"),
                rs.getTimestamp("valid_from").toInstant(),
                until == null ? null : until.toInstant(),
                rs.getLong("first_size")));
      }
    }
    return out;
  }

  public List<WitnessEntry> witnesses(Connection c) throws SQLException {
    List<WitnessEntry> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(WITNESSES)) {
      while (rs.next()) {
        out.add(
            new WitnessEntry(
                rs.getString("key_id"),
                rs.getString("public_key"),
                rs.getString("name"),
                rs.getString("kind"),
                rs.getTimestamp("registered_at").toInstant()));
      }
    }
    return out;
  }

  /** Waits for the cluster-wide lock that lets one head be taken at a time (session-level). */
  public void lock(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(LOCK);
    }
  }

  public void unlock(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(UNLOCK);
    }
  }

  /**
   * Records {@code key} as the key in use from {@code at} (its first head of size {@code size})
   * unless it is known already, and ends the use of any other.
   */
  public void useKey(Connection c, LogKey key, Instant at) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(RETIRE_KEYS)) {
      p.setTimestamp(1, Timestamp.from(at));
      p.setString(2, key.keyId());
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement(INSERT_KEY)) {
      p.setString(1, key.keyId());
      p.setString(2, key.publicKey());
      p.setTimestamp(3, Timestamp.from(key.validFrom()));
      p.setLong(4, key.firstSize());
      p.executeUpdate();
    }
  }

  public void insert(Connection c, TreeHead h) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT_HEAD)) {
      p.setLong(1, h.size());
      p.setBytes(2, h.root());
      p.setLong(3, h.timeMillis());
      p.setString(4, h.keyId());
      p.setBytes(5, h.signature());
      p.setLong(6, h.lastId());
      p.executeUpdate();
    }
  }
}
