package org.bangfu.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bangfu.audit.VerifyAudit;
import org.bangfu.config.AppConfig;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.keys.Keys;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;

/**
 * One Bangfu for a test of the transparency log, with a data directory of its own (keys, this
 * node's witness), and what the tests do to it: write records, sign heads, tamper as someone with
 * database rights (the superuser, the append-only triggers disabled), run {@code verify-audit} and
 * {@code witness} as their commands run.
 */
final class LogFixture implements AutoCloseable {

  final TestApp app;
  final Path dataDir;
  final AppConfig config;

  LogFixture() throws Exception {
    dataDir = Files.createTempDirectory("bangfu-log-");
    app = TestApp.start(TestApp.Data.FIXTURE, Map.of("BANGFU_DATA_DIR", dataDir.toString()));
    config = TestApp.config(Map.of("BANGFU_DATA_DIR", dataDir.toString()));
  }

  @Override
  public void close() {
    app.close();
  }

  record Run(int exit, String out) {}

  Run verifyAudit(String... args) {
    List<String> all = new ArrayList<>(List.of("--database-url", databaseUrl()));
    all.addAll(List.of(args));
    return command(
        (out, err) ->
            VerifyAudit.run(
                all,
                config,
                new LogVerification(new HeadRepository(), new TreeRepository()),
                out,
                err));
  }

  Run witness(Path state, String... args) {
    List<String> all =
        new ArrayList<>(List.of("--log", app.baseUrl(), "--state", state.toString()));
    all.addAll(List.of(args));
    return command((out, err) -> WitnessCommand.run(all, app.clock(), out, err));
  }

  interface Command {
    int run(PrintStream out, PrintStream err);
  }

  static Run command(Command c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        c.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
  }

  String databaseUrl() {
    DatabaseUrl d = app.database();
    return "postgresql://"
        + d.user()
        + ":"
        + d.password()
        + "@"
        + d.host()
        + ":"
        + d.port()
        + "/"
        + d.database();
  }

  /** Writes {@code n} records through the chain's trigger, as every write does. */
  void append(int n) {
    for (int i = 0; i < n; i++) {
      app.pool()
          .preparedQuery(
              "INSERT INTO audit_log (actor, role, entity, entity_id, action, after) "
                  + "VALUES ('t-admin', 'admin', 'need', $1, 'publish', $2)")
          .execute(
              Tuple.of(
                  Integer.toString(i),
                  new JsonObject().put("quantity", 1000 + i).put("note", "第" + i + "条\t\\\"")))
          .await();
    }
  }

  /** An admin signs a head now: 201, the head with this node's cosignature. */
  JsonObject head() {
    HttpResponse<Buffer> r = app.post("/api/v1/audit-log/heads", Account.ADMIN, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  JsonObject verifyApi() {
    HttpResponse<Buffer> r = app.get("/api/v1/audit/verify", Account.AUDITOR);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  List<String> problemCodes(JsonObject verify) {
    return verify.getJsonArray("problems", new JsonArray()).stream()
        .map(p -> ((JsonObject) p).getString("code"))
        .toList();
  }

  void superuser(String sql) {
    app.pool().query(sql).execute().await();
  }

  long one(String sql) {
    Row r = app.pool().query(sql).execute().await().iterator().next();
    return r.getLong(0);
  }

  /** The n-th record's id (1-based, in chain order). */
  long idAt(long n) {
    return one("SELECT id FROM audit_log ORDER BY id OFFSET " + (n - 1) + " LIMIT 1");
  }

  /**
   * Changes one record's content and recomputes every later hash with the database's own function:
   * the chain is whole again, and the database alone cannot tell.
   */
  void rewrite(long id) {
    superuser("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    superuser("UPDATE audit_log SET after = '{\"quantity\": 1}' WHERE id = " + id);
    superuser(
        """
        DO $$
        DECLARE r record; prev text;
        BEGIN
          SELECT coalesce((SELECT hash FROM audit_log WHERE id < %d ORDER BY id DESC LIMIT 1),
                          'genesis') INTO prev;
          FOR r IN SELECT id FROM audit_log WHERE id >= %d ORDER BY id LOOP
            UPDATE audit_log a SET prev_hash = prev, hash = audit_log_row_hash(prev, a) WHERE a.id = r.id
              RETURNING a.hash INTO prev;
          END LOOP;
        END $$"""
            .formatted(id, id));
    superuser("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
  }

  /** Deletes what the log publishes from the database: heads of this size and more, and theirs. */
  void deleteHeadsFrom(long size) {
    withTriggersOff(
        "DELETE FROM audit_log_cosignatures WHERE tree_size >= " + size,
        "DELETE FROM audit_log_heads WHERE tree_size >= " + size);
  }

  void withTriggersOff(String... statements) {
    String[] tables = {
      "audit_log", "audit_log_heads", "audit_log_cosignatures", "audit_log_nodes", "audit_log_keys"
    };
    for (String t : tables) {
      superuser("ALTER TABLE " + t + " DISABLE TRIGGER USER");
    }
    try {
      for (String s : statements) {
        superuser(s);
      }
    } finally {
      for (String t : tables) {
        superuser("ALTER TABLE " + t + " ENABLE TRIGGER USER");
      }
    }
  }

  /**
   * What someone holding the audit key can do: sign a head over the records as they are now (the
   * log's own tree, computed as the server computes it) and put it in the database.
   */
  TreeHead forgeHead(KeyPair key) throws Exception {
    try (Connection c = Jdbc.of(app.database().connectOptions()).open()) {
      c.setAutoCommit(false);
      LogCheck check = new LogCheck(List.of());
      new TreeRepository().stream(c, 0, check::row);
      LogCheck.Result r = check.finish();
      String origin = new HeadRepository().origin(c);
      TreeHead h =
          TreeHead.sign(
              origin,
              r.rows(),
              r.root(),
              app.clock().instant(),
              r.lastId(),
              Signatures.keyId(key.getPublic()),
              key.getPrivate());
      new HeadRepository().insert(c, h);
      c.commit();
      return h;
    }
  }

  /** The root of the first {@code k} records, computed from the rows as the checks compute it. */
  byte[] rootOf(long k) {
    try (Connection c = Jdbc.of(app.database().connectOptions()).open()) {
      c.setAutoCommit(false);
      LogCheck check = new LogCheck(List.of());
      long[] n = {0};
      new TreeRepository()
          .stream(
              c,
              0,
              row -> {
                if (n[0]++ < k) {
                  check.row(row);
                }
              });
      c.rollback();
      return check.finish().root();
    } catch (java.sql.SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The log's service as the composition root builds it, signing with {@code key}. */
  LogService logServiceWith(KeyPair key) {
    return new LogService(
        app.vertx(),
        app.pool(),
        Jdbc.of(app.database().connectOptions()),
        app.clock(),
        () -> key,
        WitnessStore.of(dataDir, app.appContext().config().nodeName()),
        LegacyCheckpoints.file(dataDir),
        new HeadRepository(),
        new TreeRepository());
  }

  static KeyPair auditKey() {
    return Keys.installed().orElseThrow().auditKey();
  }

  static byte[] unhex(String s) {
    return HexFormat.of().parseHex(s);
  }

  static List<byte[]> hashes(JsonArray a) {
    return a.stream().map(o -> unhex((String) o)).toList();
  }
}
