package org.bangfu.registry;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * Hourly: status changes whose village notice (公示) has run its 7 days without objection take
 * effect.
 */
public final class StatusNoticeJob implements org.bangfu.jobs.Job {
  private final RegistryService registry;

  public StatusNoticeJob(RegistryService registry) {
    this.registry = registry;
  }

  @Override
  public String name() {
    return "registry-notice";
  }

  @Override
  public Duration every() {
    return Duration.ofHours(1);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return registry.applyDue(now);
  }
}
