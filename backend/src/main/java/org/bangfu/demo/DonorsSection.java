package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

final class DonorsSection implements DemoSection {

  @Override
  public String name() {
    return "donors";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    return Future.succeededFuture();
  }
}
