package org.bangfu.supervision;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/** Runs the supervision rules every hour. */
public final class SupervisionJob implements Job {
  private final SupervisionService service;

  public SupervisionJob(SupervisionService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "supervision";
  }

  @Override
  public Duration every() {
    return Duration.ofHours(1);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return service.run(now);
  }
}
