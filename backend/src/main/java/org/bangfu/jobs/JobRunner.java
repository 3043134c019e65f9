package org.bangfu.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Job} on its own timer, once per process (the composition root deploys one
 * runner whatever the number of HTTP verticles). A run still going when the next tick comes is
 * not doubled. Jobs are SQL through the reactive client, so their timers may fire on this
 * verticle's event loop; a job with heavy work moves it to a worker itself.
 */
public final class JobRunner extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final List<Job> jobs;
  private final Clock clock;
  private final Set<String> running = new HashSet<>();

  public JobRunner(List<Job> jobs, Clock clock) {
    this.jobs = List.copyOf(jobs);
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    // timers set in start() belong to this verticle and are cancelled when it is undeployed
    for (Job job : jobs) {
      vertx.setPeriodic(job.firstDelay().toMillis(), job.every().toMillis(), t -> runOnce(job));
    }
    return Future.succeededFuture();
  }

  /** Runs a job now unless it is already running here; answers how many things it changed. */
  Future<Integer> runOnce(Job job) {
    if (!running.add(job.name())) {
      return Future.succeededFuture(0);
    }
    return job.run(clock.instant())
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("job {}: {} changed", job.name(), n);
          }
        })
        .onFailure(e -> LOG.warn("job {} failed: {}", job.name(), e.toString()))
        .onComplete(r -> running.remove(job.name()));
  }
}
