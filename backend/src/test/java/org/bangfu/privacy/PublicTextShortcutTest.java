package org.bangfu.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
          // what a need's page holds: instants, a village's code, and runs a pattern takes whole
          "2026-12-07T08:15:30.123Z",
          "350524101201",
          "13812345678",
          "8613812345678",
          "0595123456",
          "T",
          ":",
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
  @DisplayName(
      "the health words are hidden as the pattern of all of them hides them, word for word")
  void healthWordsAsThePattern() {
    Pattern all = Pattern.compile(PublicText.alternation(PublicText.HEALTH_WORDS));
    List<String> pieces = new ArrayList<>(List.of("户主", "，", "a", "H", "I", "V", "性", "衰"));
    for (String w : PublicText.HEALTH_WORDS) {
      pieces.add(w);
      pieces.add(w.substring(0, 1));
      pieces.add(w.substring(0, w.length() - 1)); // a word cut short, and the start of a longer one
      pieces.add(w.substring(1));
    }
    Random random = new Random(1017);
    int hidden = 0;
    for (int k = 0; k < 20_000; k++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(10);
      for (int p = 0; p < parts; p++) {
        text.append(pieces.get(random.nextInt(pieces.size())));
      }
      String t = text.toString();
      String expected =
          all.matcher(t).replaceAll(Matcher.quoteReplacement(PublicText.HEALTH_HIDDEN));
      assertThat(PublicText.healthWordsHidden(t)).as(t).isEqualTo(expected);
      if (!expected.equals(t)) {
        hidden++;
      }
    }
    assertThat(hidden).isBetween(1_000, 19_000);
    for (String w : PublicText.HEALTH_WORDS) {
      assertThat(PublicText.scrub("户主" + w + "。")).isEqualTo("户主" + PublicText.HEALTH_HIDDEN + "。");
    }
  }

  @Test
  @DisplayName("an instant and a village's code are passed without the number patterns")
  void codesAndInstantsSkipThePatterns() {
    assertThat(PublicText.mayHoldNumber("2026-12-07T08:15:30.123Z")).isFalse();
    assertThat(PublicText.mayHoldNumber("350524101201")).isFalse();
    assertThat(PublicText.mayHoldNumber("村 350524101201 的需求")).isFalse();
    // what the patterns take stays in: a mobile, a landline, an ID number, grouped digits
    assertThat(PublicText.mayHoldNumber("13812345678")).isTrue();
    assertThat(PublicText.mayHoldNumber("059512345678")).isTrue();
    assertThat(PublicText.mayHoldNumber("35052119870312234X")).isTrue();
    assertThat(PublicText.mayHoldNumber("6222 1234 5678 9012")).isTrue();
    assertThat(PublicText.scrub("2026-12-07T08:15:30.123Z")).isEqualTo("2026-12-07T08:15:30.123Z");
  }

  @Test
  @DisplayName("the least a number pattern hides: a landline of ten digits, a mobile of eleven")
  void fewestDigits() {
    assertThat(PublicText.scrub("电话 010 1234567")).isEqualTo("电话 " + PublicText.PHONE_HIDDEN);
    assertThat(PublicText.scrub("电话138 1234 5678")).isEqualTo("电话" + PublicText.PHONE_HIDDEN);
    assertThat(PublicText.scrub("编号 059512345")).isEqualTo("编号 059512345");
  }
}
