package org.bangfu.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How instants are written in the API: ISO-8601 in UTC ({@code 2018-10-17T02:00:00Z}). */
public final class Times {
  private Times() {}

  public static String instant(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }
}
