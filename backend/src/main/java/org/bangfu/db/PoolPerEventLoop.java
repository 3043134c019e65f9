package org.bangfu.db;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The process's connections as one pool per event loop: a statement goes to the pool of the event
 * loop its caller runs on, and every connection of that pool lives on that loop, so the request
 * that asked reads the answer on its own thread.
 *
 * <p>Why: the PostgreSQL client's pool lends any free connection, and a connection stays on the
 * event loop that opened it. The start opens them all from one loop (the audit log's verification,
 * the keys, the account listener), so every request of the HTTP verticles on the other loops sent
 * its statement to that loop and had the answer handed back: two wake-ups of another thread per
 * statement, and a third of the event loops' processor time on a loop no request ran on
 * (docs/benchmarks.md). A caller's context, worker or event loop, always has one event loop, so a
 * pool here is only ever used, and its connections only ever opened, from its loop.
 *
 * <p>The configured size stays the process's number of connections: it is shared out among the
 * event loops (at most one pool per connection; with fewer connections than loops, loops share a
 * pool in turn, and with a size of one everything goes through the one pool as before). A loop's
 * requests thus have its share only, not every idle connection of the process; Main runs one event
 * loop per HTTP verticle, so no share sits on a loop that serves no request (8 connections on 2
 * loops: 4 each).
 */
public final class PoolPerEventLoop implements Pool {

  private final VertxInternal vertx;
  private final List<Pool> pools;
  private final Map<EventLoop, Pool> byLoop;

  /**
   * One pool per event loop of {@code vertx} (fewer when {@code size} is smaller), made by {@code
   * pool} with its share of {@code size} connections.
   */
  PoolPerEventLoop(Vertx vertx, int size, IntFunction<Pool> pool) {
    this.vertx = (VertxInternal) vertx;
    List<EventLoop> loops = new ArrayList<>();
    this.vertx.nettyEventLoopGroup().forEach(e -> loops.add((EventLoop) e));
    int count = Math.max(1, Math.min(size, loops.size()));
    List<Pool> made = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // the connections shared out as evenly as they go: 8 over 3 loops are 3, 3 and 2
      made.add(pool.apply(size / count + (i < size % count ? 1 : 0)));
    }
    this.pools = List.copyOf(made);
    Map<EventLoop, Pool> map = new IdentityHashMap<>();
    for (int i = 0; i < loops.size(); i++) {
      map.put(loops.get(i), pools.get(i % count));
    }
    this.byLoop = map;
  }

  /** The pool of the caller's event loop. */
  private Pool own() {
    ContextInternal context = vertx.getOrCreateContext();
    Pool pool = byLoop.get(context.nettyEventLoop());
    // a context on a loop of another group (never made here): the first pool
    return pool == null ? pools.get(0) : pool;
  }

  /** How many pools the connections are shared among. */
  int pools() {
    return pools.size();
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return own().getConnection();
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return own().query(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return own().preparedQuery(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return own().preparedQuery(sql, options);
  }

  /** The connections open in all the pools. */
  @Override
  public int size() {
    int n = 0;
    for (Pool p : pools) {
      n += p.size();
    }
    return n;
  }

  @Override
  public Future<Void> close() {
    return Future.join(pools.stream().map(Pool::close).toList()).mapEmpty();
  }
}
