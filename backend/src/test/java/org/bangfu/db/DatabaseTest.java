package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.bangfu.config.ConfigException;
import org.bangfu.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("PostgreSQL: URLs, migrations, the embedded server")
class DatabaseTest {

  @Test
  @DisplayName(
      "DATABASE_URL is parsed, with escaped passwords, and never printed with its password")
  void parsesUrls() {
    DatabaseUrl u =
        DatabaseUrl.parse(
            "DATABASE_URL", "postgresql://bangfu:p%40ss%3Aw0rd@db.local:6543/bangfu_prod");
    assertThat(u.host()).isEqualTo("db.local");
    assertThat(u.port()).isEqualTo(6543);
    assertThat(u.database()).isEqualTo("bangfu_prod");
    assertThat(u.user()).isEqualTo("bangfu");
    assertThat(u.password()).isEqualTo("p@ss:w0rd");
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/bangfu_prod");
    assertThat(u.toString()).doesNotContain("w0rd");
    assertThat(DatabaseUrl.parse("DATABASE_URL", "postgres://h/db").port()).isEqualTo(5432);
    assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "mysql://h/db"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgresql://h"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  @DisplayName("migrations build the schema once; running them again changes nothing")
  void migrations() throws Exception {
    DatabaseUrl db = TestDatabase.createEmpty();
    assertThat(Migrations.migrateBlocking(db)).isGreaterThanOrEqualTo(4);
    assertThat(Migrations.migrateBlocking(db)).isZero();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                    + "('regions', 'region_pairings', 'donors', 'campaigns', 'users', 'app_secrets', 'login_throttle')")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(7);
    }
  }

  @Test
  @DisplayName("the embedded PostgreSQL keeps its data in the data directory across restarts")
  void embeddedKeepsData(@TempDir Path dir) throws Exception {
    try (EmbeddedDatabase first = EmbeddedDatabase.startPersistent(dir)) {
      DatabaseUrl u = first.url();
      try (Connection c = DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('还在')");
      }
    }
    assertThat(Files.exists(dir.resolve("pg").resolve("PG_VERSION"))).isTrue();
    try (EmbeddedDatabase second = EmbeddedDatabase.startPersistent(dir)) {
      DatabaseUrl u = second.url();
      try (Connection c = DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("还在");
      }
    }
  }

  @Test
  @DisplayName(
      "an unusable data directory gives an error that says to set DATABASE_URL or BANGFU_DATA_DIR")
  void clearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("not-a-directory");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> EmbeddedDatabase.startPersistent(file))
        .isInstanceOf(DatabaseStartException.class)
        .hasMessageContaining("DATABASE_URL");
  }
}
