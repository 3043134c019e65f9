package org.bangfu.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the role Bangfu connects as may do beyond its own database. Bangfu needs none of it; a
 * superuser (or a member of {@code pg_read_server_files} and friends) could read the server's files
 * and run programs on its machine, so whoever learns the database password would hold much more
 * than Bangfu's data. The start says so in one log line; docs/operations.md shows how to set up the
 * role without them.
 */
public final class Privileges {

  private static final Logger LOG = LoggerFactory.getLogger(Privileges.class);

  static final String POWERS =
      """
      SELECT r.rolsuper AS superuser, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb,
             r.rolreplication AS replication, r.rolbypassrls AS bypassrls,
             pg_has_role(current_user, 'pg_read_server_files', 'USAGE') AS pg_read_server_files,
             pg_has_role(current_user, 'pg_write_server_files', 'USAGE') AS pg_write_server_files,
             pg_has_role(current_user, 'pg_execute_server_program', 'USAGE')
               AS pg_execute_server_program
        FROM pg_roles r WHERE r.rolname = current_user""";

  private Privileges() {}

  /** The powers of {@code url}'s role beyond its own objects; empty when it has none. Blocking. */
  public static List<String> beyondOwnSchema(DatabaseUrl url) throws SQLException {
    List<String> held = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(POWERS)) {
      if (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          if (rs.getBoolean(i)) {
            held.add(rs.getMetaData().getColumnLabel(i));
          }
        }
      }
    }
    return held;
  }

  /** One warning line when the role may do more than Bangfu needs. Blocking; never fails. */
  static void warnIfTooPowerful(DatabaseUrl url) {
    try {
      List<String> held = beyondOwnSchema(url);
      if (!held.isEmpty()) {
        LOG.warn(
            "Connected to PostgreSQL as {}, which has {}: whoever learns its password may read the"
                + " server's files (the keys too) or run programs there; use a role that owns"
                + " Bangfu's database and nothing else (docs/operations.md)",
            url.user(),
            held.contains("superuser") ? "superuser rights" : String.join(", ", held));
      }
    } catch (SQLException ex) {
      LOG.debug("cannot read the role's rights: {}", ex.getMessage());
    }
  }
}
