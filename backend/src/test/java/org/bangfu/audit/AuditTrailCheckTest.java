package org.bangfu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.keys.Keys;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit trail checked against its signed checkpoints, row by row: checkpoints in any order (as
 * several nodes' files may hold them), a row changed without recomputing the hashes named first, a
 * forged checkpoint named by its place, and the caller's connection left as it was.
 */
@DisplayName("Audit trail check: the chain recomputed and compared with signed checkpoints")
class AuditTrailCheckTest {
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app =
        TestApp.start(
            TestApp.Data.FIXTURE,
            Map.of(
                "BANGFU_DATA_DIR",
                java.nio.file.Files.createTempDirectory("bangfu-trail-").toString()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static void appendRows(int n) {
    for (int i = 0; i < n; i++) {
      app.pool()
          .preparedQuery(
              "INSERT INTO audit_log (actor, role, entity, entity_id, action, after) "
                  + "VALUES ('t-admin', 'admin', 'pledge', $1, 'create', $2)")
          .execute(Tuple.of(Integer.toString(i), new JsonObject().put("quantity", 500 + i)))
          .await();
    }
  }

  static AuditCheckpoint checkpoint() {
    var r = app.post("/api/v1/audit/checkpoints", Account.ADMIN, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return AuditCheckpoint.fromJson(r.bodyAsJsonObject());
  }

  static PublicKey key() {
    return Keys.publicKey(
        app.get("/api/v1/public/audit-checkpoints", null)
            .bodyAsJsonObject()
            .getString("publicKey"));
  }

  static AuditTrailCheck.Finding check(List<AuditCheckpoint> checkpoints) throws Exception {
    DatabaseUrl db = app.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      AuditTrailCheck.Finding f = AuditTrailCheck.check(c, checkpoints, key());
      assertThat(c.getAutoCommit()).as("the connection is left as it was").isTrue();
      return f;
    }
  }

  static void superuser(String sql) {
    app.pool().query(sql).execute().await();
  }

  @Test
  @DisplayName(
      "checkpoints in any order match; a changed row is named first; a forged checkpoint by its place")
  void rowByRow() throws Exception {
    appendRows(3);
    AuditCheckpoint a = checkpoint();
    appendRows(3);
    AuditCheckpoint b = checkpoint();
    appendRows(2);
    AuditCheckpoint c = checkpoint();

    AuditTrailCheck.Finding intact = check(List.of(c, a, b));
    assertThat(intact.problems()).isEmpty();
    assertThat(intact.newestMatched()).isEqualTo(c);
    assertThat(intact.checkpoints()).isEqualTo(3);
    assertThat(intact.lastId()).isEqualTo(c.lastId());

    // the second of three altered: its signature no longer holds, and it is named as the second
    AuditCheckpoint forged =
        new AuditCheckpoint(b.count() - 1, b.lastId(), b.hash(), b.at(), b.signature());
    AuditTrailCheck.Finding withForged = check(List.of(a, forged, c));
    assertThat(withForged.problems()).hasSize(1);
    assertThat(withForged.problems().get(0))
        .startsWith("checkpoint #2 (")
        .contains("signature does not match");
    assertThat(withForged.newestMatched()).isEqualTo(c);

    // a row between a and b changed by hand, the later hashes left as they were
    long edited = a.lastId() + 1;
    superuser("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    superuser("UPDATE audit_log SET after = '{\"quantity\": 1}' WHERE id = " + edited);
    superuser("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    List<AuditCheckpoint> all = new ArrayList<>(List.of(b, c, a));
    AuditTrailCheck.Finding changed = check(all);
    assertThat(changed.problems()).isNotEmpty();
    assertThat(changed.problems().get(0))
        .isEqualTo(
            "row "
                + edited
                + ": its hash does not match its content and the row before it "
                + "(changed, or a row before it deleted, without recomputing the hashes)");
    assertThat(changed.problems()).hasSize(1);
    assertThat(changed.newestMatched())
        .as("the stored hashes still match the checkpoints")
        .isEqualTo(c);
  }
}
