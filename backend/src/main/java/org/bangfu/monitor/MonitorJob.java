package org.bangfu.monitor;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/**
 * Every ten minutes: cases whose decision is late are escalated once (their clock's {@link
 * CaseClock#escalate}), and confirmed cases whose help got its first allocation are marked helped
 * (the figure "from discovery to help").
 */
public final class MonitorJob implements Job {
  private final CaseClock clock;
  private final MonitorService monitor;

  public MonitorJob(CaseClock clock, MonitorService monitor) {
    this.clock = clock;
    this.monitor = monitor;
  }

  @Override
  public String name() {
    return "monitor";
  }

  @Override
  public Duration every() {
    return Duration.ofMinutes(10);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return clock
        .escalate(now)
        .compose(late -> monitor.sweepFirstHelp(now).map(helped -> late + helped));
  }
}
