package org.bangfu.reports;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/** Every few minutes: an overdue 12317 report goes up to the city level (逾期上报市级). */
public final class ReportEscalationJob implements Job {
  private final ReportService service;

  public ReportEscalationJob(ReportService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "report-escalation";
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
