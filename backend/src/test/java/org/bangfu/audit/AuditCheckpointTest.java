package org.bangfu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bangfu.config.AppConfig;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two rewritings someone with database rights can do, done here as the superuser with the
 * append-only trigger disabled, and caught by verify-audit against the signed checkpoints.
 */
@DisplayName("Audit checkpoints: a trail rewritten inside the database is caught")
class AuditCheckpointTest {

  static TestApp app;
  static Path dataDir;
  static AppConfig config;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("bangfu-audit-");
    app = TestApp.start(TestApp.Data.FIXTURE, Map.of("BANGFU_DATA_DIR", dataDir.toString()));
    config = TestApp.config(Map.of("BANGFU_DATA_DIR", dataDir.toString()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  record Run(int exit, String out) {}

  static Run verify(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        VerifyAudit.run(
            List.of(args),
            config,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
  }

  static String databaseUrl() {
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

  static void appendRows(int n) {
    for (int i = 0; i < n; i++) {
      app.pool()
          .preparedQuery(
              "INSERT INTO audit_log (actor, role, entity, entity_id, action, after) "
                  + "VALUES ('t-admin', 'admin', 'need', $1, 'publish', $2)")
          .execute(Tuple.of(Integer.toString(i), new JsonObject().put("quantity", 1000 + i)))
          .await();
    }
  }

  static JsonObject checkpoint() {
    HttpResponse<Buffer> r = app.post("/api/v1/audit/checkpoints", Account.ADMIN, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static void superuser(String sql) {
    app.pool().query(sql).execute().await();
  }

  @Test
  @DisplayName(
      "intact trail: 0; a row changed with every later hash recomputed: 1; the newest rows deleted: 1")
  void tamperingsAreCaught() throws Exception {
    appendRows(5);
    JsonObject a = checkpoint();
    appendRows(5);
    JsonObject b = checkpoint();
    Path file = AuditCheckpointService.file(dataDir);

    // published on the public board, with the key to check them
    HttpResponse<Buffer> board = app.get("/api/v1/public/audit-checkpoints", null);
    assertThat(board.statusCode()).isEqualTo(200);
    assertThat(board.bodyAsJsonObject().getString("publicKey")).isNotBlank();
    assertThat(
            board.bodyAsJsonObject().getJsonArray("checkpoints").stream()
                .map(o -> ((JsonObject) o).getLong("lastId")))
        .contains(a.getLong("lastId"), b.getLong("lastId"));

    Run intact = verify("--database-url", databaseUrl(), "--checkpoints", file.toString());
    assertThat(intact.exit()).as(intact.out()).isZero();
    assertThat(intact.out()).startsWith("intact");
    Run fromBoard =
        verify(
            "--database-url",
            databaseUrl(),
            "--checkpoints",
            app.baseUrl() + "/api/v1/public/audit-checkpoints");
    assertThat(fromBoard.exit()).as(fromBoard.out()).isZero();

    // 1. recomputation: edit a row between the two checkpoints, then recompute every later hash
    //    with the database's own function
    long edited = a.getLong("lastId") + 2;
    superuser("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    superuser("UPDATE audit_log SET after = '{\"quantity\": 1}' WHERE id = " + edited);
    superuser(
        """
        DO $$
        DECLARE r record; prev text;
        BEGIN
          SELECT hash INTO prev FROM audit_log WHERE id < %d ORDER BY id DESC LIMIT 1;
          FOR r IN SELECT id FROM audit_log WHERE id >= %d ORDER BY id LOOP
            UPDATE audit_log a SET prev_hash = prev, hash = audit_log_row_hash(prev, a) WHERE a.id = r.id
              RETURNING a.hash INTO prev;
          END LOOP;
        END $$"""
            .formatted(edited, edited));
    superuser("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    // the database's own check is fooled …
    assertThat(
            app.get("/api/v1/audit/verify", Account.AUDITOR)
                .bodyAsJsonObject()
                .getBoolean("intact"))
        .isTrue();
    // … the checkpoints are not
    Run recomputed = verify("--database-url", databaseUrl(), "--checkpoints", file.toString());
    assertThat(recomputed.exit()).as(recomputed.out()).isEqualTo(1);
    assertThat(recomputed.out())
        .startsWith("TAMPERED: checkpoint #")
        .contains("(" + b.getString("at") + ", ")
        .contains("after row " + a.getLong("lastId") + " and up to row " + b.getLong("lastId"));

    // 2. truncation: delete the newest rows, into what checkpoint A covers
    Path onlyA = dataDir.resolve("only-a.jsonl");
    Files.writeString(onlyA, a.encode() + "\n");
    superuser("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    superuser("DELETE FROM audit_log WHERE id >= " + (a.getLong("lastId") - 1));
    superuser("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    assertThat(
            app.get("/api/v1/audit/verify", Account.AUDITOR)
                .bodyAsJsonObject()
                .getBoolean("intact"))
        .isTrue();
    Run truncated = verify("--database-url", databaseUrl(), "--checkpoints", onlyA.toString());
    assertThat(truncated.exit()).as(truncated.out()).isEqualTo(1);
    assertThat(truncated.out())
        .startsWith("TAMPERED: checkpoint #1")
        .contains("newest rows were deleted");

    // a checkpoint altered to fit (fewer rows) no longer carries a valid signature
    Path forged = dataDir.resolve("forged.jsonl");
    Files.writeString(
        forged,
        a.copy()
                .put("count", a.getLong("count") - 2)
                .put("lastId", a.getLong("lastId") - 2)
                .encode()
            + "\n");
    Run forgedRun = verify("--database-url", databaseUrl(), "--checkpoints", forged.toString());
    assertThat(forgedRun.exit()).isEqualTo(1);
    assertThat(forgedRun.out()).contains("signature does not match");
  }

  @Test
  @DisplayName("bad usage is exit code 2")
  void badUsage() {
    assertThat(verify("--frobnicate").exit()).isEqualTo(2);
    assertThat(verify("--checkpoints", dataDir.resolve("none.jsonl").toString()).exit())
        .isEqualTo(2);
  }

  @Test
  @DisplayName("only an admin takes a checkpoint on demand; the list is public")
  void access() {
    assertThat(app.post("/api/v1/audit/checkpoints", Account.AUDITOR, null).statusCode())
        .isEqualTo(403);
    assertThat(app.get("/api/v1/public/audit-checkpoints", null).statusCode()).isEqualTo(200);
  }
}
