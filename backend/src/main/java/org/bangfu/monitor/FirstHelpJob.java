package org.bangfu.monitor;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/**
 * Every ten minutes: confirmed cases whose help got its first allocation are marked helped (the
 * figure "from discovery to help"). A case's deadlines are the deadline engine's and its job's.
 */
public final class FirstHelpJob implements Job {
  private final MonitorService monitor;

  public FirstHelpJob(MonitorService monitor) {
    this.monitor = monitor;
  }

  @Override
  public String name() {
    return "monitor_first_help";
  }

  @Override
  public Duration every() {
    return Duration.ofMinutes(10);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return monitor.sweepFirstHelp(now);
  }
}
