package org.bangfu.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Instants in the API")
class TimesTest {

  @Test
  @DisplayName("written as the JDK writes an instant, over 200,000 instants of every shape")
  void sameAsTheJdk() {
    Random random = new Random(20181017);
    long first = OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
    long last = OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      long second =
          i % 4 == 0
              ? first + Math.floorMod(random.nextLong(), last - first)
              // the years the data has, where the digits of each field matter most
              : 1_500_000_000L + random.nextInt(1_000_000_000);
      int nano =
          switch (i % 5) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            case 3 -> random.nextInt(1_000_000_000);
            default -> (random.nextInt(9) + 1) * 100; // nanoseconds with trailing zeros
          };
      ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800);
      OffsetDateTime t = Instant.ofEpochSecond(second, nano).atOffset(offset);
      assertThat(Times.instant(t)).as("%s", t).isEqualTo(jdk(t));
    }
  }

  @Test
  @DisplayName("the first and last instants of years 0 and 9999, years beyond, and none")
  void edges() {
    for (OffsetDateTime t :
        new OffsetDateTime[] {
          OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
          OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC),
          OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
          OffsetDateTime.of(-1, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC),
          OffsetDateTime.of(2018, 10, 17, 2, 0, 0, 0, ZoneOffset.ofHours(8)),
          OffsetDateTime.of(1, 1, 1, 0, 30, 0, 0, ZoneOffset.ofHours(1)),
        }) {
      assertThat(Times.instant(t)).as("%s", t).isEqualTo(jdk(t));
    }
    assertThat(Times.instant(OffsetDateTime.of(2018, 10, 17, 10, 0, 0, 0, ZoneOffset.ofHours(8))))
        .isEqualTo("2018-10-17T02:00:00Z");
    assertThat(Times.instant(null)).isNull();
  }

  private static String jdk(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }
}
