package org.bangfu.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.bangfu.audit.log.AuditRow;
import org.bangfu.audit.log.Merkle;
import org.bangfu.audit.log.MerkleStack;
import org.bangfu.audit.log.Signatures;
import org.bangfu.audit.log.TreeHead;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.EmbeddedDatabase;
import org.bangfu.db.Migrations;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Builds an audit log of N records for {@code scripts/bench-audit}: rows shaped like the national
 * data set's (an allocation's steps with their JSON), their chain hashes computed here by the log's
 * own rule ({@link AuditRow#chainHash}) and written with COPY (the triggers stand aside, as in the
 * national loader), and a signed tree head after every million, signed with a key made for the
 * bench. An existing log is continued up to N, so a second run reuses the first's rows.
 *
 * <p>{@code java … org.bangfu.bench.AuditLogBench DATA_DIR N} prints {@code DATABASE_URL=…} for the
 * verifier to be timed against.
 */
public final class AuditLogBench {

  private static final DateTimeFormatter CHAIN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter COPY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);
  private static final String[] STEPS = {"propose", "confirm", "deliver", "receive", "verify"};
  private static final String[] STATUS = {
    "proposed", "confirmed", "delivered", "received", "verified"
  };
  private static final int HEAD_EVERY = 1_000_000;

  private AuditLogBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long target = Long.parseLong(args[1]);
    EmbeddedDatabase db = EmbeddedDatabase.startPersistent(dir);
    DatabaseUrl url = db.url();
    Migrations.migrateBlocking(url);
    long started = System.nanoTime();
    long written = fill(url, target);
    System.err.printf(
        "bench-audit: %,d records written in %.1f s%n",
        written, (System.nanoTime() - started) / 1e9);
    System.out.println(
        "DATABASE_URL=postgresql://"
            + url.user()
            + ":"
            + url.password()
            + "@"
            + url.host()
            + ":"
            + url.port()
            + "/"
            + url.database());
    System.out.flush();
    Thread.currentThread().join(); // keeps the embedded PostgreSQL up until the script stops it
  }

  /** Continues the log up to {@code target} records; how many were written. */
  static long fill(DatabaseUrl url, long target) throws SQLException, IOException {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      long have = count(c);
      if (have >= target) {
        return 0;
      }
      if (have > 0) {
        throw new IllegalStateException(
            "the bench log has " + have + " records; remove its data directory to build " + target);
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL session_replication_role = replica");
      }
      KeyPair key = org.bangfu.keys.Keys.newAuditKey();
      String keyId = Signatures.keyId(key.getPublic());
      String origin = origin(c);
      insertKey(c, keyId, Signatures.encode(key.getPublic()));
      MerkleStack tree = new MerkleStack();
      CopyIn copy =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(
                  "COPY audit_log (id, at, actor_id, actor, role, entity, entity_id, action,"
                      + " before, after, prev_hash, hash) FROM STDIN");
      String prev = AuditRow.GENESIS;
      StringBuilder buf = new StringBuilder(1 << 21);
      long t0 = Instant.parse("2018-01-01T00:00:00Z").toEpochMilli() * 1000;
      for (long id = 1; id <= target; id++) {
        AuditRow r = row(id, t0 + id * 997, prev);
        prev = r.hash();
        tree.push(Merkle.leafHash(r.leaf()), id);
        line(buf, r, t0 + id * 997);
        if (buf.length() > (1 << 20)) {
          write(copy, buf);
        }
        if (id % HEAD_EVERY == 0 || id == target) {
          write(copy, buf);
          if (id == target) {
            copy.endCopy();
          }
          TreeHead h =
              TreeHead.sign(
                  origin,
                  id,
                  tree.root(),
                  Instant.parse("2019-01-01T00:00:00Z"),
                  id,
                  keyId,
                  key.getPrivate());
          insertHead(c, h, id == target ? null : copy);
          System.err.printf("bench-audit: %,d records%n", id);
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("SELECT setval('audit_log_id_seq', " + target + ")");
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        s.execute("VACUUM ANALYZE audit_log");
      }
      return target;
    }
  }

  private static AuditRow row(long id, long atMicros, String prev) {
    int step = (int) (id % 5);
    long alloc = id / 5 + 1;
    String after =
        step == 0
            ? "{\"needId\": "
                + (alloc * 7 % 1_000_000 + 1)
                + ", \"status\": \"proposed\", "
                + "\"pledgeId\": "
                + (alloc % 100_000 + 1)
                + ", \"quantity\": "
                + (alloc % 50 + 1) * 100
                + "}"
            : "{\"status\": \"" + STATUS[step] + "\", \"attachments\": 0}";
    String before = step == 0 ? null : "{\"status\": \"" + STATUS[step - 1] + "\"}";
    String at = CHAIN.format(Instant.ofEpochSecond(0, atMicros * 1000));
    AuditRow r =
        new AuditRow(
            id,
            at,
            1000 + id % 3000,
            "qiye-" + (id % 3000),
            "donor",
            "allocation",
            Long.toString(alloc),
            STEPS[step],
            before,
            after,
            prev,
            null);
    String hash = r.chainHash(prev);
    return new AuditRow(
        id,
        at,
        r.actorId(),
        r.actor(),
        r.role(),
        r.entity(),
        r.entityId(),
        r.action(),
        before,
        after,
        prev,
        hash);
  }

  private static void line(StringBuilder b, AuditRow r, long atMicros) {
    b.append(r.id()).append('\t');
    b.append(COPY.format(Instant.ofEpochSecond(0, atMicros * 1000))).append('\t');
    b.append(r.actorId()).append('\t').append(r.actor()).append('\t').append(r.role());
    b.append('\t').append(r.entity()).append('\t').append(r.entityId()).append('\t');
    b.append(r.action()).append('\t').append(r.before() == null ? "\\N" : r.before());
    b.append('\t').append(r.after()).append('\t').append(r.prevHash()).append('\t');
    b.append(r.hash()).append('\n');
  }

  private static void write(CopyIn copy, StringBuilder buf) throws SQLException {
    byte[] bytes = buf.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buf.setLength(0);
  }

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_log")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String origin(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT origin FROM audit_log_origin")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void insertKey(Connection c, String keyId, String pub) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO audit_log_keys (key_id, public_key, valid_from, first_size)"
                + " VALUES (?, ?, '2018-12-31T00:00:00Z', 0)")) {
      p.setString(1, keyId);
      p.setString(2, pub);
      p.executeUpdate();
    }
  }

  /** Heads are written after the COPY that holds their rows has ended (one COPY at a time). */
  private static final java.util.List<TreeHead> PENDING = new java.util.ArrayList<>();

  private static void insertHead(Connection c, TreeHead h, CopyIn open) throws SQLException {
    PENDING.add(h);
    if (open != null) {
      return;
    }
    for (TreeHead p : PENDING) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO audit_log_heads (tree_size, root_hash, time_ms, key_id, signature,"
                  + " last_id) VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setLong(1, p.size());
        s.setBytes(2, p.root());
        s.setLong(3, p.timeMillis());
        s.setString(4, p.keyId());
        s.setBytes(5, p.signature());
        s.setLong(6, p.lastId());
        s.executeUpdate();
      }
    }
    PENDING.clear();
  }
}
