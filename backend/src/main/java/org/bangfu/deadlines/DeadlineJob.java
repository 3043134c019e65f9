package org.bangfu.deadlines;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/**
 * Every minute: what time brings opens (a pledge coming within its expiry warning), deadlines whose
 * window is 75 % gone turn amber, and late ones turn red and are escalated once (逾期上报).
 */
public final class DeadlineJob implements Job {
  private final DeadlineService service;

  public DeadlineJob(DeadlineService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "deadlines";
  }

  @Override
  public Duration every() {
    return Duration.ofMinutes(1);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return service.advance(now);
  }
}
