package org.bangfu.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bangfu.db.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Job} on its own timer (the composition root deploys one runner per process,
 * whatever the number of HTTP verticles). With a {@link SchedulerLock}, only the node holding it
 * runs jobs, so each job runs on one node of a cluster at a time and moves to another within {@link
 * #LOCK_RETRY} of the holder's death. A run still going when the next tick comes is not doubled.
 * Jobs are SQL through the reactive client, so their timers may fire on this verticle's event loop;
 * a job with heavy work moves it to a worker itself.
 */
public final class JobRunner extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  /** How often a node that does not run the jobs tries to take over. */
  public static final Duration LOCK_RETRY = Duration.ofSeconds(10);

  private final List<Job> jobs;
  private final Clock clock;
  private final SchedulerLock lock;
  private final Set<String> running = new HashSet<>();

  /** A runner for one process alone (no other node shares its database). */
  public JobRunner(List<Job> jobs, Clock clock) {
    this(jobs, clock, null);
  }

  /** A runner that runs jobs only while this node holds {@code lock}. */
  public JobRunner(List<Job> jobs, Clock clock, SchedulerLock lock) {
    this.jobs = List.copyOf(jobs);
    this.clock = clock;
    this.lock = lock;
  }

  @Override
  public Future<?> start() {
    // timers set in start() belong to this verticle and are cancelled when it is undeployed
    if (lock != null) {
      vertx.setPeriodic(0, LOCK_RETRY.toMillis(), t -> lock.tryAcquire());
    }
    for (Job job : jobs) {
      vertx.setPeriodic(
          job.firstDelay().toMillis(),
          job.every().toMillis(),
          t -> {
            if (owner()) {
              runOnce(job);
            }
          });
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
        .onFailure(e -> LOG.warn("job {} failed: {}", job.name(), e.toString()))
        .onComplete(r -> running.remove(job.name()));
  }
}
