package org.bangfu.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.PoolFactory;
import org.bangfu.db.SchedulerLock;
import org.bangfu.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scheduled jobs run on one node at a time, and move when that node dies")
class SchedulerLockTest {
  static Vertx vertx;
  static DatabaseUrl db;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    db = TestDatabase.create();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("two nodes: one holds the lock; when its session dies, the other takes over")
  void failover() {
    SchedulerLock nodeA = new SchedulerLock(vertx, db.connectOptions());
    SchedulerLock nodeB = new SchedulerLock(vertx, db.connectOptions());
    assertThat(nodeA.tryAcquire().await()).isTrue();
    assertThat(nodeB.tryAcquire().await()).isFalse();
    assertThat(nodeA.held()).isTrue();
    assertThat(nodeB.held()).isFalse();

    // node A dies: the database ends its session (as it does when a killed process's socket closes)
    Pool admin = PoolFactory.create(vertx, db, 1);
    admin
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND objid = "
                + SchedulerLock.KEY
                + " AND granted")
        .execute()
        .await();
    long until = System.currentTimeMillis() + 10_000;
    while (nodeA.held() && System.currentTimeMillis() < until) {
      vertx.timer(50).await();
    }
    assertThat(nodeA.held()).as("A noticed it lost the lock").isFalse();
    assertThat(nodeB.tryAcquire().await()).as("B takes over at its next try").isTrue();
    assertThat(nodeA.tryAcquire().await()).as("A, back, does not take it from B").isFalse();
    nodeB.release().await();
    assertThat(nodeA.tryAcquire().await()).as("a released lock is free at once").isTrue();
    nodeA.release().await();
    admin.close().await();
  }

  @Test
  @DisplayName(
      "a runner runs nothing while another node holds the lock; deployed with the lock free it takes it, undeployed it lets go")
  void runnerFollowsTheLock() {
    SchedulerLock elsewhere = new SchedulerLock(vertx, db.connectOptions());
    SchedulerLock mine = new SchedulerLock(vertx, db.connectOptions());
    assertThat(elsewhere.tryAcquire().await()).isTrue();
    org.bangfu.testing.MutableClock clock =
        new org.bangfu.testing.MutableClock(
            java.time.Instant.parse("2018-10-17T01:00:00Z"), java.time.ZoneOffset.UTC);
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    Job counting =
        new Job() {
          @Override
          public String name() {
            return "counting";
          }

          @Override
          public java.time.Duration every() {
            return java.time.Duration.ofMinutes(1);
          }

          @Override
          public io.vertx.core.Future<Integer> run(java.time.Instant now) {
            return io.vertx.core.Future.succeededFuture(runs.incrementAndGet());
          }
        };
    JobRunner runner = new JobRunner(java.util.List.of(counting), clock, mine, false);
    clock.advance(java.time.Duration.ofMinutes(2));
    assertThat(runner.owner()).isFalse();
    assertThat(runner.runDue().await()).isZero();
    assertThat(runs.get()).as("another node runs the jobs").isZero();

    elsewhere.release().await();
    String deployment = vertx.deployVerticle(runner).await();
    long until = System.currentTimeMillis() + 10_000;
    while (!runner.owner() && System.currentTimeMillis() < until) {
      vertx.timer(50).await();
    }
    assertThat(runner.owner()).as("the deployed runner took the free lock").isTrue();
    assertThat(runner.runDue().await()).isEqualTo(1);

    vertx.undeploy(deployment).await();
    assertThat(elsewhere.tryAcquire().await()).as("undeployed, it let the lock go").isTrue();
    elsewhere.release().await();
  }
}
