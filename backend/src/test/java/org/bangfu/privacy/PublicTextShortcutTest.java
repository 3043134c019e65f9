package org.bangfu.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The privacy filter skips its patterns on texts that cannot hold what they hide (fewer than ten
 * digits; no character a health word begins with): the answer must be the one of every pattern run
 * over every text.
 */
class PublicTextShortcutTest {

  private static final List<String> PIECES =
      List.of(
          "1",
          "0",
          "3",
          "8",
          "9",
          "X",
          "x",
          " ",
          "-",
          "+86",
          "86",
          "138",
          "0595",
          "1234",
          "5678",
          "350521",
          "19870312",
          "2345",
          "6222",
          "联系",
          "电话",
          "户主",
          "村",
          "住院",
          "患有",
          "癌",
          "白血病",
          "透析",
          "HIV",
          "H",
          "病",
          "扶贫",
          "健康扶贫",
          "，",
          "。",
          "A",
          "b",
          PublicText.HEALTH_HIDDEN,
          PublicText.PHONE_HIDDEN);

  @Test
  @DisplayName("the filter with its shortcuts equals every pattern on every text")
  void sameAsEveryPattern() {
    Random random = new Random(2018);
    int hidden = 0;
    for (int k = 0; k < 20_000; k++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(14);
      for (int p = 0; p < parts; p++) {
        text.append(PIECES.get(random.nextInt(PIECES.size())));
      }
      String t = text.toString();
      String expected = PublicText.scrubEverywhere(t);
      assertThat(PublicText.scrub(t)).as(t).isEqualTo(expected);
      if (!expected.equals(t)) {
        hidden++;
      }
    }
    // the corpus holds both: texts with something to hide and texts with nothing
    assertThat(hidden).isBetween(1_000, 19_000);
  }

  @Test
  @DisplayName("the least a number pattern hides: a landline of ten digits, a mobile of eleven")
  void fewestDigits() {
    assertThat(PublicText.scrub("电话 010 1234567")).isEqualTo("电话 " + PublicText.PHONE_HIDDEN);
    assertThat(PublicText.scrub("电话138 1234 5678")).isEqualTo("电话" + PublicText.PHONE_HIDDEN);
    assertThat(PublicText.scrub("编号 059512345")).isEqualTo("编号 059512345");
  }
}
