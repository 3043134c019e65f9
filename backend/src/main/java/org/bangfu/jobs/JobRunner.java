package org.bangfu.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bangfu.db.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Job} when it is due by the application's clock: a timer ticks every {@link
 * #TICK} and runs each job whose time has come ({@link Job#firstDelay()} after the start, then
 * every {@link Job#every()}), so a clock moved forward (a test passing a deadline) makes the due
 * jobs run at the next tick, the same path as in production. The composition root deploys one
 * runner per process, whatever the number of HTTP verticles. With a {@link SchedulerLock}, only the
 * node holding it runs jobs, so each job runs on one node of a cluster at a time and moves to
 * another within {@link #LOCK_RETRY} of the holder's death. A run still going when the next tick
 * comes is not doubled. Jobs are SQL through the reactive client, so they may run on this
 * verticle's event loop; a job with heavy work moves it to a worker itself. Without ticking
 * (BANGFU_JOBS=manual, for tests) the due jobs run only when {@link #runDue()} is called.
 */
public final class JobRunner extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  /** How often a node that does not run the jobs tries to take over. */
  public static final Duration LOCK_RETRY = Duration.ofSeconds(10);

  /** How often the runner looks for due jobs. */
  static final Duration TICK = Duration.ofSeconds(1);

  private final List<Job> jobs;
  private final Clock clock;
  private final SchedulerLock lock;
  private final boolean ticking;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> nextAt = new ConcurrentHashMap<>();
  private final Map<String, String> failing = new ConcurrentHashMap<>();

  /** A runner for one process alone (no other node shares its database). */
  public JobRunner(List<Job> jobs, Clock clock) {
    this(jobs, clock, null, true);
  }

  /**
   * A runner that runs jobs only while this node holds {@code lock}; {@code ticking} false: only
   * when asked ({@link #runDue()}).
   */
  public JobRunner(List<Job> jobs, Clock clock, SchedulerLock lock, boolean ticking) {
    this.jobs = List.copyOf(jobs);
    this.clock = clock;
    this.lock = lock;
    this.ticking = ticking;
    Instant now = clock.instant();
    for (Job job : this.jobs) {
      nextAt.put(job.name(), now.plus(job.firstDelay()));
    }
  }

  @Override
  public Future<?> start() {
    // timers set in start() belong to this verticle and are cancelled when it is undeployed
    if (lock != null) {
      vertx.setPeriodic(0, LOCK_RETRY.toMillis(), t -> lock.tryAcquire());
    }
    if (ticking) {
      vertx.setPeriodic(TICK.toMillis(), t -> runDue());
    }
    return Future.succeededFuture();
  }

  /** Whether this node runs the jobs now. */
  public boolean owner() {
    return lock == null || lock.held();
  }

  @Override
  public Future<?> stop() {
    return lock == null ? Future.succeededFuture() : lock.release();
  }

  /**
   * Runs every job that is due by the clock (on the node that runs the jobs); answers how many
   * things they changed, once they have all finished.
   */
  public Future<Integer> runDue() {
    if (!owner()) {
      return Future.succeededFuture(0);
    }
    Instant now = clock.instant();
    List<Future<Integer>> runs = new ArrayList<>();
    for (Job job : jobs) {
      if (!now.isBefore(nextAt.get(job.name()))) {
        nextAt.put(job.name(), now.plus(job.every()));
        runs.add(runOnce(job));
      }
    }
    // a failed job counts nothing, and takes nothing from the others' counts
    return Future.join(runs)
        .transform(
            all ->
                Future.succeededFuture(
                    runs.stream().mapToInt(f -> f.succeeded() ? f.result() : 0).sum()));
  }

  /**
   * The jobs whose last run failed, with the error: a job that fails on every run (a broken query)
   * would otherwise only show as a warning in the log, and its work would silently never happen.
   */
  public Map<String, String> failing() {
    return Map.copyOf(failing);
  }

  /** Runs a job now unless it is already running here; answers how many things it changed. */
  Future<Integer> runOnce(Job job) {
    if (!running.add(job.name())) {
      return Future.succeededFuture(0);
    }
    return job.run(clock.instant())
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.info("job {}: {} changed", job.name(), n);
              }
            })
        .onFailure(
            e -> {
              failing.put(job.name(), e.toString());
              LOG.warn("job {} failed: {}", job.name(), e.toString());
            })
        .onSuccess(n -> failing.remove(job.name()))
        .onComplete(r -> running.remove(job.name()));
  }
}
