package org.bangfu.inspections;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/** Every few minutes: a finding not rectified by its deadline is marked escalated (逾期督办). */
public final class FindingEscalationJob implements Job {
  private final InspectionService service;

  public FindingEscalationJob(InspectionService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "finding-escalation";
  }

  @Override
  public Duration every() {
    return Duration.ofMinutes(5);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return service.escalate(now);
  }
}
