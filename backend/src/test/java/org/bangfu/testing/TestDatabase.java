package org.bangfu.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.EmbeddedDatabase;
import org.bangfu.db.Migrations;

/**
 * A real PostgreSQL for tests: one embedded PostgreSQL 17 per test JVM (started on first use,
 * stopped when the JVM exits), or the server of TEST_DATABASE_URL when that is set. Each call of
 * {@link #create()} makes a fresh, migrated database, so test classes never see each other's rows.
 *
 * <p>As in production, the databases belong to a role that is no superuser (the embedded server's
 * {@value EmbeddedDatabase#ROLE}; on a TEST_DATABASE_URL server one made for this JVM), the
 * migrations run as that role, and {@link #create()} gives that role's URL: the tests prove the
 * application works without superuser rights. A test that must do what the application may not
 * (tamper with the data as an intruder would) asks for {@link #asSuperuser}.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase embedded;
  private static DatabaseUrl admin;
  private static DatabaseUrl application;
  private static String template;

  private TestDatabase() {}

  /**
   * A new database with every migration applied; the application role's URL. Blocking. The
   * migrations run once per test JVM, into a template database that every later call copies (a copy
   * takes a fraction of the second the migrations take, which adds up over hundreds of test classes
   * and over every mutant of a mutation-testing run). The template is migrated by Flyway exactly as
   * a production database is, so a copy is the same schema with the same history.
   */
  public static DatabaseUrl create() {
    return copyOf(migratedTemplate());
  }

  /** A new database without any table, owned by the application role; its URL. Blocking. */
  public static DatabaseUrl createEmpty() {
    return copyOf("template0");
  }

  /** The name of this JVM's migrated template database, made on first use. */
  private static synchronized String migratedTemplate() {
    if (template == null) {
      DatabaseUrl url = createEmpty();
      Migrations.migrateBlocking(url); // Flyway closes its connections: nobody is left on it
      template = url.database();
    }
    return template;
  }

  private static synchronized DatabaseUrl copyOf(String source) {
    DatabaseUrl server = server();
    String name = "bangfu_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE DATABASE "
              + name
              + " OWNER \""
              + application.user()
              + "\" ENCODING 'UTF8' TEMPLATE "
              + source);
    } catch (SQLException ex) {
      throw new IllegalStateException(
          "cannot create test database " + name + ": " + ex.getMessage(), ex);
    }
    return application.withDatabase(name);
  }

  /** The same database, signed in as the superuser. */
  public static synchronized DatabaseUrl asSuperuser(DatabaseUrl database) {
    return server().withDatabase(database.database());
  }

  /** The server's maintenance database as the superuser (to create databases on). */
  public static synchronized DatabaseUrl server() {
    if (admin != null) {
      return admin;
    }
    String external = System.getenv("TEST_DATABASE_URL");
    if (external != null && !external.isBlank()) {
      admin = DatabaseUrl.parse("TEST_DATABASE_URL", external);
      application = ExternalRole.create(admin);
    } else {
      embedded = EmbeddedDatabase.startThrowaway();
      admin = embedded.superuserUrl("postgres");
      application = embedded.url("postgres");
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-postgres-stop"));
    }
    return admin;
  }
}
