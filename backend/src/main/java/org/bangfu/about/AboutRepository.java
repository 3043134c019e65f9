package org.bangfu.about;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** All SQL about this installation as a whole. */
public final class AboutRepository {

  /** The demo loader's row (V103): the database holds the invented demo data. */
  static final String DEMO_DATA = "SELECT EXISTS (SELECT 1 FROM demo_data)";

  public Future<Boolean> demoData(SqlClient db) {
    return db.query(DEMO_DATA).execute().map(rows -> rows.iterator().next().getBoolean(0));
  }
}
