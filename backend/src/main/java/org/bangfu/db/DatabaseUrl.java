package org.bangfu.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.bangfu.config.ConfigException;

/**
 * Where PostgreSQL is: parsed from {@code postgresql://user:pass@host:port/db} (the form
 * DATABASE_URL takes), and turned into what the reactive client and the JDBC driver (migrations
 * only) each need.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

  public DatabaseUrl {
    if (host == null || host.isBlank() || database == null || database.isBlank()) {
      throw new IllegalArgumentException("host and database are required");
    }
  }

  public static DatabaseUrl parse(String variable, String url) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme();
      if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
        throw new ConfigException(variable, "must start with postgresql://");
      }
      String user = "postgres";
      String password = "";
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : "";
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (uri.getHost() == null || path.isBlank()) {
        throw new ConfigException(variable, "must look like postgresql://user:pass@host:port/db");
      }
      return new DatabaseUrl(
          uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path, user, password);
    } catch (URISyntaxException ex) {
      throw new ConfigException(variable, "must look like postgresql://user:pass@host:port/db");
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true);
  }

  public DatabaseUrl withDatabase(String otherDatabase) {
    return new DatabaseUrl(host, port, otherDatabase, user, password);
  }

  /** For logs: never the password. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
