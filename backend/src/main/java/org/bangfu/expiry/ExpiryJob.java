package org.bangfu.expiry;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/**
 * {@link Expiry} hourly (the first run an hour after start, so no expiry sweeps a test's or a
 * demo's data a minute in; rounds run expiry themselves before they solve).
 */
public final class ExpiryJob implements Job {
  private final Pool pool;
  private final Clock clock;

  public ExpiryJob(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
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
    return Expiry.run(pool, now, clock);
  }
}
