package org.bangfu.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.bangfu.db.DatabaseUrl;

/**
 * On a TEST_DATABASE_URL server: a role of this test JVM's own that is no superuser, as the
 * embedded server's application role is; where the given user may not create roles, its own
 * connection is used and the tests say so.
 */
final class ExternalRole {

  private ExternalRole() {}

  static DatabaseUrl create(DatabaseUrl admin) {
    String role = "bangfu_test_app_" + ProcessHandle.current().pid();
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      // a role left by an earlier JVM of the same pid is taken over with a new password
      s.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
              + role
              + "') THEN CREATE ROLE "
              + role
              + "; END IF; END $$");
      s.execute(
          "ALTER ROLE "
              + role
              + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
              + password
              + "'");
      // the creating user must be able to create databases owned by it
      s.execute("GRANT " + role + " TO CURRENT_USER");
      return new DatabaseUrl(admin.host(), admin.port(), admin.database(), role, password);
    } catch (SQLException ex) {
      System.err.println(
          "TEST_DATABASE_URL: cannot create a role that is no superuser ("
              + ex.getMessage()
              + "): the tests connect as "
              + admin.user());
      return admin;
    }
  }
}
