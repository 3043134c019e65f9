package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Last: the row that says this database holds the demo data (table demo_data), in the loading
 * transaction, so the screens' "演示数据" banner comes and goes with the data itself.
 */
final class DemoMarkSection implements DemoSection {

  static final String MARK =
      "INSERT INTO demo_data (loaded_at) VALUES (now()) ON CONFLICT (only_row) DO NOTHING";

  @Override
  public String name() {
    return "demo mark";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    return db.query(MARK).execute().mapEmpty();
  }
}
