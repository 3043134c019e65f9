package org.bangfu.audit;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/** A signed checkpoint of the audit chain every day (one is also taken at every start). */
public final class AuditCheckpointJob implements Job {

  private final AuditCheckpointService checkpoints;

  public AuditCheckpointJob(AuditCheckpointService checkpoints) {
    this.checkpoints = checkpoints;
  }

  @Override
  public String name() {
    return "audit-checkpoint";
  }

  @Override
  public Duration every() {
    return Duration.ofDays(1);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return checkpoints.take(now).map(cp -> 1);
  }
}
