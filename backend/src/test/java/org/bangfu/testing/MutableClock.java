package org.bangfu.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves: {@code app.clock().advance(Duration.ofDays(11))} passes a 10-day notice
 * window without sleeping. Starts at the real time; every reader sees a move at once.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public MutableClock(Instant start, ZoneId zone) {
    this.now = new AtomicReference<>(start);
    this.zone = zone;
  }

  public static MutableClock startingNow() {
    return new MutableClock(Instant.now(), ZoneId.systemDefault());
  }

  public void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  public void set(Instant t) {
    now.set(t);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId z) {
    MutableClock c = new MutableClock(now.get(), z);
    return c;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
