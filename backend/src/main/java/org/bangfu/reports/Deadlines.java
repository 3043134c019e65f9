package org.bangfu.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.bangfu.config.OversightConfig;

/** When a report must be acknowledged and answered, from the moment it was received. */
public final class Deadlines {
  private final OversightConfig config;

  public Deadlines(OversightConfig config) {
    this.config = config;
  }

  /** {@code received} plus the acknowledgement's working days, Saturdays and Sundays skipped. */
  public Instant ackDue(Instant received) {
    ZonedDateTime t = received.atZone(config.zone());
    int left = config.ackWorkingDays();
    while (left > 0) {
      t = t.plusDays(1);
      if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return t.toInstant();
  }

  /** {@code from} (receipt, or a request for review) plus the answer's days. */
  public Instant answerDue(Instant from) {
    return from.atZone(config.zone()).plusDays(config.answerDays()).toInstant();
  }
}
