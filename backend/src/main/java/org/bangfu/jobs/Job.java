package org.bangfu.jobs;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * Work that runs on a schedule rather than on a request: expiry, deadline and alert rules,
 * escalations. {@link JobRunner} calls {@link #run} every {@link #every()} (the first time after
 * {@link #firstDelay()}), never twice at once; a job must be safe to run again at any moment (row
 * locks, states re-checked under them) and answers how many things it changed.
 */
public interface Job {

  /** A short stable name, for logs and metrics ({@code expiry}). */
  String name();

  Duration every();

  default Duration firstDelay() {
    return every();
  }

  /** One run at {@code now} (read from the application's clock). */
  Future<Integer> run(Instant now);
}
