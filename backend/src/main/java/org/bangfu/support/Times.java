package org.bangfu.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How instants are written in the API: ISO-8601 in UTC ({@code 2018-10-17T02:00:00Z}). */
public final class Times {
  private Times() {}

  /**
   * The instant as {@link java.time.Instant#toString()} writes it: seconds always, a fraction only
   * when there is one, in groups of three digits. Written here digit by digit for the years 0 to
   * 9999, since every answer carries a few (a need's page two) and the JDK's formatter took a
   * fortieth of the event loops' time on a need's page; any other year goes through the JDK's.
   * {@code TimesTest} holds the two to the same text.
   */
  public static String instant(OffsetDateTime t) {
    if (t == null) {
      return null;
    }
    OffsetDateTime utc =
        t.getOffset().equals(ZoneOffset.UTC) ? t : t.withOffsetSameInstant(ZoneOffset.UTC);
    int year = utc.getYear();
    if (year < 0 || year > 9999) {
      return utc.toInstant().toString();
    }
    int nano = utc.getNano();
    // no fraction, or milli-, micro- or nanoseconds: 3, 6 or 9 digits after the point
    int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
    byte[] s = new byte[20 + (fraction == 0 ? 0 : fraction + 1)];
    digits(s, 0, year, 4);
    s[4] = '-';
    digits(s, 5, utc.getMonthValue(), 2);
    s[7] = '-';
    digits(s, 8, utc.getDayOfMonth(), 2);
    s[10] = 'T';
    digits(s, 11, utc.getHour(), 2);
    s[13] = ':';
    digits(s, 14, utc.getMinute(), 2);
    s[16] = ':';
    digits(s, 17, utc.getSecond(), 2);
    int at = 19;
    if (fraction > 0) {
      s[at++] = '.';
      digits(
          s, at, fraction == 3 ? nano / 1_000_000 : fraction == 6 ? nano / 1000 : nano, fraction);
      at += fraction;
    }
    s[at] = 'Z';
    return new String(s, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** {@code value} in {@code width} decimal digits, with leading zeros, from {@code at}. */
  private static void digits(byte[] s, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      s[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
