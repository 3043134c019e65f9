package org.bangfu.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role Bangfu works as on the embedded PostgreSQL: it signs in with its own password, owns its
 * database and everything in it, and nothing else — not a superuser, cannot create roles or
 * databases, replicate or bypass row security, and is a member of no role, so PostgreSQL refuses it
 * {@code pg_read_file}, {@code COPY … TO/FROM} a file or a program, {@code lo_import} and the like.
 * Set up by the superuser at every start; a database of an earlier version (owned by the superuser,
 * its tables too) is handed over to the role.
 *
 * <p>No migration needs more than that (no extension, {@code ALTER SYSTEM} or event trigger), so
 * Flyway runs as this role too.
 */
final class ApplicationRole {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationRole.class);

  /** What the role may not do, stated at every start (an earlier grant is taken back). */
  static final String ATTRIBUTES =
      "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";

  static final String ROLE_EXISTS = "SELECT 1 FROM pg_roles WHERE rolname = ?";
  static final String MEMBER_OF =
      "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
          + "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ?";
  static final String DATABASE_OWNER =
      "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?";

  /**
   * Gives the role every object of the schema public it does not own yet: tables, views and
   * sequences (a table's own sequences and indexes go with it), functions and types.
   */
  static final String HAND_OVER =
      """
      DO $$
      DECLARE
        r record;
        me regrole := '%1$s';
      BEGIN
        IF (SELECT nspowner FROM pg_namespace WHERE nspname = 'public')
           NOT IN (me, 'pg_database_owner'::regrole) THEN
          ALTER SCHEMA public OWNER TO %1$s;
        END IF;
        FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                  WHERE c.relnamespace = 'public'::regnamespace AND c.relowner <> me
                    AND c.relkind IN ('r', 'p', 'v', 'm', 'f') LOOP
          EXECUTE format('ALTER %%s %%s OWNER TO %1$s',
            CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                           WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name);
        END LOOP;
        FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                  WHERE c.relnamespace = 'public'::regnamespace AND c.relowner <> me
                    AND c.relkind = 'S' LOOP
          EXECUTE format('ALTER SEQUENCE %%s OWNER TO %1$s', r.name);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
                  WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> me LOOP
          EXECUTE format('ALTER %%s %%s OWNER TO %1$s',
            CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE'
                           ELSE 'FUNCTION' END, r.name);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
                  WHERE t.typnamespace = 'public'::regnamespace AND t.typowner <> me
                    AND (t.typtype IN ('e', 'd', 'r')
                         OR (t.typtype = 'c'
                             AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) LOOP
          EXECUTE format('ALTER TYPE %%s OWNER TO %1$s', r.name);
        END LOOP;
      END
      $$""";

  private ApplicationRole() {}

  /**
   * As the superuser ({@code superuser} names the maintenance database): the role with {@code
   * password}, and, when {@code database} is not null, that database owned by the role with
   * everything in it. Blocking.
   */
  static void prepare(DatabaseUrl superuser, String role, String password, String database) {
    try (Connection c = connect(superuser)) {
      role(c, role, password);
      if (database != null) {
        database(c, role, database);
      }
    } catch (SQLException ex) {
      throw new DatabaseStartException(
          "cannot set up the role " + role + " of the embedded PostgreSQL: " + ex.getMessage(), ex);
    }
    if (database != null) {
      try (Connection c = connect(superuser.withDatabase(database));
          Statement s = c.createStatement()) {
        s.execute(HAND_OVER.formatted(quoted(role)));
      } catch (SQLException ex) {
        throw new DatabaseStartException(
            "cannot give the database " + database + " to " + role + ": " + ex.getMessage(), ex);
      }
    }
  }

  private static void role(Connection c, String role, String password) throws SQLException {
    boolean exists;
    try (PreparedStatement q = c.prepareStatement(ROLE_EXISTS)) {
      q.setString(1, role);
      try (ResultSet rs = q.executeQuery()) {
        exists = rs.next();
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(
          (exists ? "ALTER ROLE " : "CREATE ROLE ")
              + quoted(role)
              + " "
              + ATTRIBUTES
              + " PASSWORD '"
              + Scram.verifier(password)
              + "'");
      for (String granted : memberships(c, role)) {
        LOG.warn("The role {} was a member of {}: taken back", role, granted);
        s.execute("REVOKE " + quoted(granted) + " FROM " + quoted(role));
      }
    }
    List<String> left = memberships(c, role);
    if (!left.isEmpty()) {
      throw new SQLException("the role " + role + " is still a member of " + left);
    }
  }

  private static List<String> memberships(Connection c, String role) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(MEMBER_OF)) {
      q.setString(1, role);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static void database(Connection c, String role, String database) throws SQLException {
    String owner = null;
    boolean exists;
    try (PreparedStatement q = c.prepareStatement(DATABASE_OWNER)) {
      q.setString(1, database);
      try (ResultSet rs = q.executeQuery()) {
        exists = rs.next();
        if (exists) {
          owner = rs.getString(1);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      if (!exists) {
        s.execute(
            "CREATE DATABASE "
                + quoted(database)
                + " OWNER "
                + quoted(role)
                + " ENCODING 'UTF8' TEMPLATE template0");
      } else if (!role.equals(owner)) {
        LOG.warn(
            "The database {} belonged to {}: it now belongs to {}, which owns nothing else",
            database,
            owner,
            role);
        s.execute("ALTER DATABASE " + quoted(database) + " OWNER TO " + quoted(role));
      }
    }
  }

  /** A name as an SQL identifier: only lower-case names are made here, so this is a check. */
  static String quoted(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("bad name " + name);
    }
    return "\"" + name + "\"";
  }

  static Connection connect(DatabaseUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }
}
