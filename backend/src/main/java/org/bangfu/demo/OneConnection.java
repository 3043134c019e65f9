package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.TransactionPropagation;
import java.util.function.Function;

/**
 * The loader's one connection, in its one transaction, seen as a pool: a service built on it runs
 * each of its steps (its own "transaction") inside the demo's, so the demo is made by the services'
 * own rules and still loads all or nothing. Closing it closes nothing.
 */
final class OneConnection implements Pool {
  private final SqlConnection db;

  OneConnection(SqlConnection db) {
    this.db = db;
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return Future.succeededFuture(db);
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return db.query(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return db.preparedQuery(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return db.preparedQuery(sql, options);
  }

  @Override
  public <T> Future<T> withTransaction(Function<SqlConnection, Future<T>> work) {
    return work.apply(db);
  }

  @Override
  public <T> Future<T> withTransaction(
      TransactionPropagation propagation, Function<SqlConnection, Future<T>> work) {
    return work.apply(db);
  }

  @Override
  public <T> Future<T> withConnection(Function<SqlConnection, Future<T>> work) {
    return work.apply(db);
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
