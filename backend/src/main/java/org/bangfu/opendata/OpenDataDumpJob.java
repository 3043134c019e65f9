package org.bangfu.opendata;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.bangfu.jobs.Job;

/** Makes the day's dump of the open-data feed (once a day: the job looks every hour). */
public final class OpenDataDumpJob implements Job {
  private final OpenDataService openData;

  public OpenDataDumpJob(OpenDataService openData) {
    this.openData = openData;
  }

  @Override
  public String name() {
    return "open-data-dump";
  }

  @Override
  public Duration every() {
    return Duration.ofHours(1);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return openData.makeDump(now);
  }
}
