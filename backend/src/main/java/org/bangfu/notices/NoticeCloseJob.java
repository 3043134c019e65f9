package org.bangfu.notices;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bangfu.jobs.Job;

/** Closes the notices whose objection window has passed (every 10 minutes). */
public final class NoticeCloseJob implements Job {
  private final NoticeService notices;
  private final List<NoticeClosedListener> listeners;

  /** {@code listeners}: told of each closed notice of their kind. */
  public NoticeCloseJob(NoticeService notices, List<NoticeClosedListener> listeners) {
    this.notices = notices;
    this.listeners = listeners;
  }

  @Override
  public String name() {
    return "notice-close";
  }

  @Override
  public Duration every() {
    return Duration.ofMinutes(10);
  }

  @Override
  public Future<Integer> run(Instant now) {
    return notices.closeDue(now, listeners);
  }
}
