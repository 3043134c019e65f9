package org.bangfu;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import org.bangfu.db.PoolFactory;
import org.bangfu.rounds.RoundLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node leaves (SIGTERM, Ctrl-C; the tests stop theirs the same way). Vert.x's own close shuts
 * the connection pool first, in parallel with everything else, so requests still in flight and a
 * running match round would lose the database under them. Instead, in this order:
 *
 * <ol>
 *   <li>stop taking requests and let those in flight finish: every verticle is undeployed (the HTTP
 *       servers stop accepting and wait for their requests, at most {@code HttpVerticle.DRAIN}; the
 *       job runner lets go of the scheduler lock);
 *   <li>wait, at most {@link #ROUND_WAIT}, for a match round this process is running;
 *   <li>close the pool: a round still writing is rolled back with its connection, nothing of it is
 *       half-written;
 *   <li>mark this process's rounds still running failed, on a connection of its own, so that any
 *       node may start one at once;
 *   <li>close Vert.x (listeners, event bus, cluster membership).
 * </ol>
 *
 * A request that still reaches the node after the pool closed is answered 503 {@code unavailable}
 * with Retry-After ({@code DatabaseTrouble}), never 500.
 */
public final class Shutdown {

  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

  /** How long a stopping node waits for its running match round before failing it. */
  static final Duration ROUND_WAIT = Duration.ofSeconds(2);

  private static final long POLL_MILLIS = 100;

  /** Why a round of a stopped node failed (shown with the round). */
  static final String STOPPED = "stopped: the node running it shut down";

  private Shutdown() {}

  /** Leaves in the order above; {@code running} is null when the start had not got that far. */
  public static Future<Void> stop(Vertx vertx, Main.Running running) {
    if (running == null) {
      return vertx.close();
    }
    Pool pool = running.pool();
    PgConnectOptions database = running.app().database();
    RoundLease lease = running.lease();
    return undeployAll(vertx)
        .transform(ar -> awaitRounds(vertx, pool, lease, System.nanoTime() + ROUND_WAIT.toNanos()))
        .transform(ar -> pool.close())
        .transform(ar -> failLeftRounds(vertx, database, lease))
        .transform(ar -> vertx.close());
  }

  /** Every verticle (the HTTP servers drain in their stop, the job runner releases its lock). */
  private static Future<Void> undeployAll(Vertx vertx) {
    List<Future<Void>> undeployed = vertx.deploymentIDs().stream().map(vertx::undeploy).toList();
    return Future.join(undeployed)
        .<Void>mapEmpty()
        .onFailure(e -> LOG.warn("not every verticle stopped cleanly: {}", e.toString()));
  }

  private static Future<Void> awaitRounds(Vertx vertx, Pool pool, RoundLease lease, long deadline) {
    return lease
        .running(pool, PoolFactory.PROCESS_NAME)
        .compose(
            n -> {
              if (n == 0) {
                return Future.succeededFuture();
              }
              if (System.nanoTime() >= deadline) {
                LOG.warn("{} match round(s) still running: failing them before leaving", n);
                return Future.succeededFuture();
              }
              return vertx
                  .timer(POLL_MILLIS)
                  .compose(v -> awaitRounds(vertx, pool, lease, deadline));
            });
  }

  private static Future<Void> failLeftRounds(
      Vertx vertx, PgConnectOptions database, RoundLease lease) {
    if (database == null) {
      return Future.succeededFuture();
    }
    return PgConnection.connect(vertx, database)
        .compose(
            c ->
                lease
                    .failOf(c, PoolFactory.PROCESS_NAME, STOPPED)
                    .onSuccess(
                        n -> {
                          if (n > 0) {
                            LOG.warn("{} match round(s) of this node marked failed", n);
                          }
                        })
                    .eventually(c::close))
        .<Void>mapEmpty()
        .onFailure(
            e ->
                LOG.warn(
                    "could not mark this node's rounds failed ({}): the next round to start, on "
                        + "any node, fails them",
                    e.toString()));
  }
}
