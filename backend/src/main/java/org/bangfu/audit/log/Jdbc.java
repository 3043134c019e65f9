package org.bangfu.audit.log;

import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A JDBC connection to the deployment's PostgreSQL, for the checks that stream the whole log (a
 * cursor read on a worker thread, where the reactive client would hand every row to an event loop).
 */
@FunctionalInterface
public interface Jdbc {

  Connection open() throws SQLException;

  static Jdbc of(PgConnectOptions db) {
    String url = "jdbc:postgresql://" + db.getHost() + ":" + db.getPort() + "/" + db.getDatabase();
    return () -> DriverManager.getConnection(url, db.getUser(), db.getPassword());
  }
}
