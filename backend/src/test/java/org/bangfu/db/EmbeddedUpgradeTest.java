package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A data directory of an earlier version, open to every local user, is closed at start")
class EmbeddedUpgradeTest {

  /**
   * What earlier versions left: zonky's initdb (every local connection trusted), the database made
   * and migrated by the superuser, who owns every table.
   */
  static void earlierVersion(Path dataDir) throws Exception {
    Path pgDir = dataDir.resolve("pg");
    Files.createDirectories(pgDir);
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(false).start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE bangfu ENCODING 'UTF8' TEMPLATE template0");
      }
      DatabaseUrl old = new DatabaseUrl("localhost", pg.getPort(), "bangfu", "postgres", "");
      Migrations.migrateBlocking(old);
      try (Connection c = DriverManager.getConnection(old.jdbcUrl(), "postgres", "");
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO donors (name, type) VALUES ('旧版本的捐赠方', 'enterprise');"
                + "CREATE TABLE kept (id bigserial PRIMARY KEY, v text);"
                + "CREATE VIEW kept_view AS SELECT v FROM kept;"
                + "CREATE FUNCTION kept_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM kept';"
                + "INSERT INTO kept (v) VALUES ('还在')");
      }
    }
    assertThat(PasswordSignIn.trusts(Files.readString(pgDir.resolve("pg_hba.conf"))))
        .as("the earlier version trusted local connections")
        .isTrue();
  }

  @Test
  @DisplayName(
      "the superuser gets a password, pg_hba takes one for every sign-in, and Bangfu's role owns the data and migrates it")
  void upgraded(@TempDir Path dataDir) throws Exception {
    earlierVersion(dataDir);
    try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(dataDir)) {
      String hba =
          Files.readString(dataDir.resolve("pg").resolve("pg_hba.conf"), StandardCharsets.UTF_8);
      assertThat(PasswordSignIn.trusts(hba)).isFalse();
      assertThat(hba).isEqualTo(PasswordSignIn.HBA);
      int port = db.url().port();
      for (String user : new String[] {"postgres", EmbeddedDatabase.ROLE}) {
        assertThatThrownBy(
                () ->
                    DriverManager.getConnection(
                            "jdbc:postgresql://localhost:" + port + "/bangfu", user, "")
                        .close())
            .as(user + " without a password")
            .isInstanceOf(SQLException.class);
      }

      DatabaseUrl app = db.url();
      assertThat(Migrations.migrateBlocking(app)).as("nothing left to migrate").isZero();
      try (Connection c = DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
          Statement s = c.createStatement()) {
        s.execute("INSERT INTO kept (v) VALUES ('新的')");
        s.execute("ALTER TABLE kept ADD COLUMN note text"); // the owner may change it
        try (ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(*) FROM kept_view), kept_count(), "
                    + "(SELECT name FROM donors WHERE name = '旧版本的捐赠方'), "
                    + "(SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                    + "   AND relowner <> current_user::regrole), "
                    + "(SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace "
                    + "   AND proowner <> current_user::regrole)")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(2);
          assertThat(rs.getLong(2)).isEqualTo(2);
          assertThat(rs.getString(3)).isEqualTo("旧版本的捐赠方");
          assertThat(rs.getLong(4)).as("relations still owned by someone else").isZero();
          assertThat(rs.getLong(5)).as("functions still owned by someone else").isZero();
        }
      }
      assertThat(Privileges.beyondOwnSchema(app)).isEmpty();
    }

    // and the next start keeps it so
    try (EmbeddedDatabase again = EmbeddedDatabase.startPersistent(dataDir)) {
      DatabaseUrl app = again.url();
      try (Connection c = DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(2);
      }
    }
  }
}
