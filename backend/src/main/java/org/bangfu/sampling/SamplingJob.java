package org.bangfu.sampling;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/**
 * Draws the samples that are due (last month's, once; each settled round's, once), every hour by
 * the application's clock, so a month's sample is drawn within the first hour of the next month.
 */
public final class SamplingJob implements Job {
  private final SamplingService sampling;

  public SamplingJob(SamplingService sampling) {
    this.sampling = sampling;
  }

  @Override
  public String name() {
    return "delivery-samples";
  }

  @Override
  public Duration every() {
    return Duration.ofHours(1);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return sampling.drawDue(now);
  }
}
