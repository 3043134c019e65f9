package org.bangfu.monitor;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Working days: Saturdays and Sundays skipped, counted in China's time. */
final class WorkingDays {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private WorkingDays() {}

  static Instant after(Instant from, int days) {
    ZonedDateTime t = from.atZone(CHINA);
    int left = days;
    while (left > 0) {
      t = t.plusDays(1);
      if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return t.toInstant();
  }
}
