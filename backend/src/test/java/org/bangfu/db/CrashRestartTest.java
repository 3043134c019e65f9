package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Crash-only start: the embedded PostgreSQL after a kill -9")
class CrashRestartTest {

  /** A JVM running only the embedded PostgreSQL of {@code dir}, as the server would. */
  record Child(Process process, int port, long watchdog) {}

  private static Child startChild(Path dir) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                cp,
                EmbeddedDatabaseProcess.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    int port = -1;
    long watchdog = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String line;
    while (watchdog < 0 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
      if (line.startsWith("port ")) {
        port = Integer.parseInt(line.substring(5).trim());
      } else if (line.startsWith("watchdog ")) {
        watchdog = Long.parseLong(line.substring(9).trim());
      }
    }
    assertThat(port).as("the child started its PostgreSQL").isPositive();
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // keep the pipe flowing
                }
              } catch (java.io.IOException ignored) {
                // the child is gone
              }
            });
    drain.setDaemon(true);
    drain.start();
    return new Child(p, port, watchdog);
  }

  /** As the application's role, with its password from the key directory. */
  private static Connection connect(Path dir, int port) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + port + "/bangfu",
        EmbeddedDatabase.ROLE,
        DatabasePasswords.application(dir.resolve("keys")).orElseThrow());
  }

  private static void write(Path dir, int port, String value) throws SQLException {
    try (Connection c = connect(dir, port);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS kept (v text); INSERT INTO kept VALUES ('" + value + "')");
    }
  }

  private static int count(EmbeddedDatabase db) throws SQLException {
    DatabaseUrl u = db.url();
    try (Connection c = DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static boolean eventually(Duration max, java.util.function.BooleanSupplier condition)
      throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  @Test
  @DisplayName(
      "kill -9 of the server: its watchdog stops PostgreSQL, and the next start is ready at once")
  void watchdogStopsTheServerOfAKilledProcess(@TempDir Path dir) throws Exception {
    Child child = startChild(dir);
    write(dir, child.port(), "before the crash");
    long postmaster = EmbeddedDatabase.runningPostmaster(dir.resolve("pg")).orElseThrow().pid();

    // while its process lives, nobody else may start on that data directory
    assertThatThrownBy(() -> EmbeddedDatabase.startPersistent(dir))
        .isInstanceOf(DatabaseStartException.class)
        .hasMessageContaining("another running Bangfu");

    child.process().destroyForcibly().waitFor();
    assertThat(eventually(Duration.ofSeconds(15), () -> ProcessHandle.of(postmaster).isEmpty()))
        .as("the embedded PostgreSQL does not outlive its process")
        .isTrue();

    long t0 = System.nanoTime();
    try (EmbeddedDatabase again = EmbeddedDatabase.startPersistent(dir)) {
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
      assertThat(count(again)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName(
      "an orphaned PostgreSQL (its process and watchdog killed) is stopped by the next start, which works first time")
  void orphanIsStoppedAtStart(@TempDir Path dir) throws Exception {
    Child child = startChild(dir);
    write(dir, child.port(), "before the crash");
    ProcessHandle.of(child.watchdog()).ifPresent(ProcessHandle::destroyForcibly);
    child.process().destroyForcibly().waitFor();
    Thread.sleep(1500);
    long orphan =
        EmbeddedDatabase.runningPostmaster(dir.resolve("pg"))
            .orElseThrow(() -> new AssertionError("the orphan should still run"))
            .pid();

    long t0 = System.nanoTime();
    try (EmbeddedDatabase again = EmbeddedDatabase.startPersistent(dir)) {
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
      assertThat(ProcessHandle.of(orphan)).isEmpty();
      assertThat(count(again)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("PostgreSQL killed under a running server is started again on the same port")
  void restartedWhenItDies(@TempDir Path dir) throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(dir)) {
      int port = db.url().port();
      write(dir, port, "kept");
      ProcessHandle pg = db.postmaster().orElseThrow();
      pg.destroyForcibly();
      pg.onExit().get(10, TimeUnit.SECONDS);
      assertThat(
              eventually(
                  Duration.ofSeconds(45),
                  () -> {
                    try {
                      return count(db) == 1;
                    } catch (SQLException ex) {
                      return false;
                    }
                  }))
          .as("the database answers again")
          .isTrue();
      assertThat(eventually(Duration.ofSeconds(10), () -> db.restarts() == 1))
          .as("started again once")
          .isTrue();
      assertThat(db.url().port()).isEqualTo(port);
    }
  }
}
