package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bangfu.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The process's pool shared out per event loop: a statement is sent and its answer read on the
 * caller's own event loop, never handed to the loop that happened to open the connection.
 */
@DisplayName("The pool per event loop")
class PoolPerEventLoopTest {

  Vertx vertx;
  ContextInternal first;
  ContextInternal second;
  DatabaseUrl db;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<EventLoop> loops = new ArrayList<>();
    VertxInternal internal = (VertxInternal) vertx;
    internal.nettyEventLoopGroup().forEach(e -> loops.add((EventLoop) e));
    first = internal.contextBuilder().withEventLoop(loops.get(0)).build();
    second = internal.contextBuilder().withEventLoop(loops.get(1)).build();
    db = TestDatabase.createEmpty();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName(
      "with every connection opened from one event loop, a statement from another is answered while"
          + " that loop is busy")
  void ownLoop() throws Exception {
    Pool pool = PoolFactory.perEventLoop(vertx, db, 4);
    // the start's way: the first loop opens as many connections as it may
    assertThat(backends(first, pool, 4)).isNotEmpty();
    CountDownLatch busy = new CountDownLatch(1);
    first.runOnContext(
        v -> {
          busy.countDown();
          sleep(1500);
        });
    assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
    long began = System.nanoTime();
    backends(second, pool, 1);
    long millis = (System.nanoTime() - began) / 1_000_000;
    // a connection on the busy loop would have answered after its 1.5 s
    assertThat(millis).as("ms for the second loop's statement").isLessThan(1000);
    pool.close().await();
  }

  @Test
  @DisplayName("the configured size is the process's connections, shared out among the loops")
  void sharedOut() {
    Pool pool = PoolFactory.perEventLoop(vertx, db, 3);
    Set<Integer> firstLoop = backends(first, pool, 6);
    Set<Integer> secondLoop = backends(second, pool, 6);
    assertThat(firstLoop).hasSize(2);
    assertThat(secondLoop).hasSize(1).doesNotContainAnyElementsOf(firstLoop);
    assertThat(pool.size()).isEqualTo(3);
    pool.close().await();

    Pool one = PoolFactory.perEventLoop(vertx, db, 1);
    assertThat(backends(first, one, 3)).isEqualTo(backends(second, one, 3)).hasSize(1);
    one.close().await();
  }

  /** The backends that answered {@code concurrent} statements sent at once from {@code context}. */
  private static Set<Integer> backends(ContextInternal context, Pool pool, int concurrent) {
    Promise<Set<Integer>> done = Promise.promise();
    context.runOnContext(
        v -> {
          List<Future<Integer>> all = new ArrayList<>();
          for (int i = 0; i < concurrent; i++) {
            all.add(
                pool.query("SELECT pg_backend_pid(), pg_sleep(0.1)")
                    .execute()
                    .map(rows -> rows.iterator().next().getInteger(0)));
          }
          Future.all(all)
              .map(
                  all2 -> {
                    Set<Integer> pids = new HashSet<>();
                    all.forEach(f -> pids.add(f.result()));
                    return pids;
                  })
              .onComplete(done);
        });
    return done.future().await();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
