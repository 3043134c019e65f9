package org.bangfu.expiry;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/**
 * {@link Expiry} hourly (the first run an hour after start, so no expiry sweeps a test's or a
 * demo's data a minute in; rounds run expiry themselves before they solve).
 */
public final class ExpiryJob implements Job {
  private final Expiry expiry;

  public ExpiryJob(Expiry expiry) {
    this.expiry = expiry;
  }

  @Override
  public String name() {
    return "expiry";
  }

  @Override
  public Duration every() {
    return Duration.ofHours(1);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return expiry.run(now);
  }
}
