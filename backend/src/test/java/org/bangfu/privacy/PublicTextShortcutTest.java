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
  @DisplayName("the least a number pattern hides: a landline of ten digits, a mobile of eleven")
  void fewestDigits() {
    assertThat(PublicText.scrub("电话 010 1234567")).isEqualTo("电话 " + PublicText.PHONE_HIDDEN);
    assertThat(PublicText.scrub("电话138 1234 5678")).isEqualTo("电话" + PublicText.PHONE_HIDDEN);
    assertThat(PublicText.scrub("编号 059512345")).isEqualTo("编号 059512345");
  }
}
