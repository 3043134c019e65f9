package org.bangfu.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The reactive PostgreSQL pool all runtime SQL goes through. */
public final class PoolFactory {

  private PoolFactory() {
  }

  public static Pool create(Vertx vertx, DatabaseUrl url, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(url.connectOptions())
        .using(vertx)
        .build();
  }
}
