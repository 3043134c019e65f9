package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestDatabase;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is nobody's fault and changes nothing: 503 with Retry-After and a code of its own,
 * never 500. PostgreSQL's "no space left" is raised the way PostgreSQL raises it (SQLSTATE 53100,
 * here from a trigger, since no test can fill the server's disk safely); the checkpoint file's by
 * writing it to {@code /dev/full}, which answers every write with ENOSPC.
 */
@DisplayName("A full disk answers 503 and changes nothing")
class StorageFullTest {

  @TempDir static Path dataDir;
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE, Map.of("BANGFU_DATA_DIR", dataDir.toString()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject need(String title) {
    return new JsonObject()
        .put("villageId", TestFixture.VILLAGE)
        .put("category", "education")
        .put("unit", "CNY")
        .put("quantity", 10000)
        .put("priority", 3)
        .put("title", title);
  }

  static Connection superuser() throws SQLException {
    DatabaseUrl u = TestDatabase.asSuperuser(app.database());
    return DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
  }

  static long count(String sql) throws SQLException {
    try (Connection c = superuser();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Inserting a need fails the way PostgreSQL fails when it cannot get space: {@code state}. */
  static void refuseNeeds(String state) throws SQLException {
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE OR REPLACE FUNCTION test_no_space() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " RAISE EXCEPTION 'could not extend file \"base/1/2\": No space left on device'"
              + " USING ERRCODE = '"
              + state
              + "'; END $$;"
              + "DROP TRIGGER IF EXISTS test_no_space ON needs;"
              + "CREATE TRIGGER test_no_space BEFORE INSERT ON needs"
              + " FOR EACH ROW EXECUTE FUNCTION test_no_space()");
    }
  }

  static void spaceAgain() throws SQLException {
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER IF EXISTS test_no_space ON needs");
    }
  }

  @Test
  @DisplayName(
      "PostgreSQL's disk_full: 503 storage_full with Retry-After, no need and no audit row written; it works again once there is space")
  void databaseDiskFull() throws Exception {
    long needs = count("SELECT count(*) FROM needs");
    long audit = count("SELECT count(*) FROM audit_log");
    refuseNeeds("53100");
    try {
      HttpResponse<Buffer> r = app.post("/api/v1/needs", Account.SECRETARY, need("满盘时的需求"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("storage_full");
      assertThat(r.getHeader("Retry-After")).isEqualTo("60");
      assertThat(r.bodyAsString()).doesNotContain("base/1/2");
    } finally {
      spaceAgain();
    }
    assertThat(count("SELECT count(*) FROM needs")).isEqualTo(needs);
    assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(audit);
    HttpResponse<Buffer> again = app.post("/api/v1/needs", Account.SECRETARY, need("有空间了"));
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(201);
  }

  @Test
  @DisplayName("PostgreSQL short of other resources (class 53): 503 unavailable with Retry-After")
  void databaseShortOfResources() throws Exception {
    long needs = count("SELECT count(*) FROM needs");
    for (String state : new String[] {"53000", "53200", "53400"}) {
      refuseNeeds(state);
      try {
        HttpResponse<Buffer> r = app.post("/api/v1/needs", Account.SECRETARY, need("资源不足"));
        assertThat(r.statusCode()).as(state + " " + r.bodyAsString()).isEqualTo(503);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unavailable");
        assertThat(r.getHeader("Retry-After")).isNotBlank();
      } finally {
        spaceAgain();
      }
    }
    assertThat(count("SELECT count(*) FROM needs")).isEqualTo(needs);
  }

  @Test
  @DisplayName(
      "no space for the node witness's state: signing a head answers 503 storage_full with Retry-After")
  void witnessStateOnAFullDisk() throws Exception {
    // the node's witness keeps its state in BANGFU_DATA_DIR/witness/<node>: put a full filesystem
    // there (a tmpfs of a few kilobytes, filled; root only, as in CI)
    Path dir = dataDir.resolve("witness").resolve("bangfu");
    Files.createDirectories(dir);
    Path keep = dataDir.resolve("witness-kept");
    Files.move(dir, keep);
    Files.createDirectories(dir);
    boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", dir.toString()) == 0;
    try {
      assumeTrue(mounted, "skipped: cannot mount a small filesystem here (not root)");
      for (Path f : Files.list(keep).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
      run("sh", "-c", "cat /dev/zero > " + dir.resolve("filler") + " 2>/dev/null");
      HttpResponse<Buffer> r = app.post("/api/v1/audit-log/heads", Account.ADMIN, null);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("storage_full");
      assertThat(r.getHeader("Retry-After")).isEqualTo("60");
    } finally {
      if (mounted) {
        run("umount", dir.toString());
      }
      Files.delete(dir);
      Files.move(keep, dir);
    }
    HttpResponse<Buffer> again = app.post("/api/v1/audit-log/heads", Account.ADMIN, null);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(201);
  }

  static int run(String... command) throws Exception {
    return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
  }
}
