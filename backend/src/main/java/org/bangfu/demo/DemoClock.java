package org.bangfu.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time a demo service reads while the loader replays a month: set to each step's instant, so
 * every date (a case's clock, a deadline's start, a notice's window) is the one the step would have
 * had, ending at the load's "now".
 */
final class DemoClock extends Clock {
  private volatile Instant now;

  DemoClock(Instant now) {
    this.now = now;
  }

  void set(Instant instant) {
    this.now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
