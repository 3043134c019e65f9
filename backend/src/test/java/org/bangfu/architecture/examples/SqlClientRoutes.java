package org.bangfu.architecture.examples;

import io.vertx.sqlclient.Pool;

/** Breaks "routes hold no SQL client". */
public final class SqlClientRoutes {
  private final Pool pool;

  public SqlClientRoutes(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }
}
