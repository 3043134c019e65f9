package org.bangfu.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one privacy filter of every public output (notices, the board, exports, the public API, the
 * open-data feed): what a person wrote or an official typed may still carry an ID number, a phone
 * number, a bank account or a health detail, and none of those may reach the public (the rule of
 * village notices: 不得公开身份证号、电话号码、银行账号和健康信息). Each is replaced by a marker that says what was
 * hidden, so a reader sees that something was withheld and nothing of it.
 *
 * <p>It works on text, not on fields, because the leaks it guards against are in free text: a
 * need's description, an objection, a notice's purpose. Structured personal data never reaches a
 * public output in the first place (it is sealed, and masked only for officials).
 */
public final class PublicText {
  /** What replaces an ID number. */
  public static final String ID_HIDDEN = "［证件号已隐去］";

  public static final String PHONE_HIDDEN = "［电话已隐去］";
  public static final String ACCOUNT_HIDDEN = "［账号已隐去］";
  public static final String HEALTH_HIDDEN = "［健康信息已隐去］";

  /** 18-character resident ID numbers (the last may be X) and the old 15-digit ones. */
  private static final Pattern ID_NUMBER =
      Pattern.compile("(?<![0-9A-Za-z])(?:[1-9]\\d{16}[\\dXx]|[1-9]\\d{14})(?![0-9A-Za-z])");

  /** Bank accounts: 16 to 19 digits, possibly in groups of four. */
  private static final Pattern ACCOUNT =
      Pattern.compile(
          "(?<![0-9A-Za-z])(?:\\d{4}[ -]){3,4}\\d{1,4}(?![0-9A-Za-z])|(?<![0-9A-Za-z])\\d{16,19}(?![0-9A-Za-z])");

  /** Mobile numbers (with or without +86) and landlines with their area code. */
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![0-9A-Za-z])(?:(?:\\+?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}|0\\d{2,3}[ -]?\\d{7,8})(?![0-9A-Za-z])");

  /**
   * Words that name an illness, a disability's degree or a treatment: a household's health detail.
   * Policy words (健康扶贫, 基本医疗, 医疗保障, 大病救助, 慢病报销) are not in it: they name help, not a person's
   * condition.
   */
  static final List<String> HEALTH_WORDS =
      List.of(
          "恶性肿瘤", "肿瘤", "癌症", "癌", "白血病", "尿毒症", "透析", "肾衰竭", "肾衰", "心脏病", "冠心病", "心梗", "脑梗", "脑溢血",
          "脑出血", "中风", "瘫痪", "偏瘫", "截瘫", "精神分裂", "精神病", "精神障碍", "抑郁症", "艾滋病", "HIV", "乙肝", "肝炎",
          "肝硬化", "肺结核", "结核病", "糖尿病", "高血压", "重病", "慢性病", "重症", "罕见病", "病危", "病重", "病情", "化疗", "放疗",
          "住院", "手术", "残疾等级", "一级残疾", "二级残疾", "智力残疾", "视力残疾", "听力残疾", "肢体残疾", "失明", "失聪", "植物人",
          "患病", "患有", "确诊");

  /**
   * The health words by the character they begin with, each list in the order of {@link
   * #alternation} (longest first): what the pattern of all of them tries at each position, looked
   * up instead of tried word by word.
   */
  private static final Map<Character, List<String>> HEALTH_BY_FIRST = byFirst(HEALTH_WORDS);

  /**
   * The characters a health word begins with, one bit each: the pass asks at every character of a
   * text, and most begin none, so they are answered without boxing the character for the map.
   */
  private static final BitSet HEALTH_FIRSTS = firsts(HEALTH_BY_FIRST.keySet());

  private PublicText() {}

  /** The text with every ID number, bank account, phone number and health word hidden. */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // every match of the three number patterns holds at least ten digits (a landline with its
    // area code; a mobile 11, an account 13, an ID number 15): a text with fewer holds none, and
    // most of a public answer's strings (names, titles, dates, codes) are passed at once; of the
    // rest, those whose digits can form no match (an instant, a village's 12-digit code) too
    String out = digits(text) >= MIN_DIGITS && mayHoldNumber(text) ? numbersHidden(text) : text;
    // the health words are looked up by their first character, so a text naming none costs a
    // lookup per character and is passed as it is
    return healthHidden(out);
  }

  private static String numbersHidden(String text) {
    String out = replace(ID_NUMBER, text, ID_HIDDEN);
    out = replace(ACCOUNT, out, ACCOUNT_HIDDEN);
    return replace(PHONE, out, PHONE_HIDDEN);
  }

  private static String healthHidden(String text) {
    return collapse(healthWordsHidden(text));
  }

  /**
   * Every health word replaced by the marker, as {@code Pattern.compile(alternation(HEALTH_WORDS))
   * .matcher(text).replaceAll(HEALTH_HIDDEN)} would: from left to right, at each position the first
   * word of the alternation's order that starts there, the search going on after it.
   */
  static String healthWordsHidden(String text) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < text.length()) {
      String word = healthWordAt(text, i);
      if (word == null) {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16);
      }
      out.append(text, copied, i).append(HEALTH_HIDDEN);
      i += word.length();
      copied = i;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static String healthWordAt(String text, int i) {
    char first = text.charAt(i);
    if (!HEALTH_FIRSTS.get(first)) {
      return null;
    }
    List<String> candidates = HEALTH_BY_FIRST.get(first);
    if (candidates != null) {
      for (String w : candidates) {
        if (text.startsWith(w, i)) {
          return w;
        }
      }
    }
    return null;
  }

  private static BitSet firsts(Set<Character> chars) {
    BitSet bits = new BitSet(Character.MAX_VALUE + 1);
    chars.forEach(c -> bits.set(c));
    return bits;
  }

  private static Map<Character, List<String>> byFirst(List<String> words) {
    Map<Character, List<String>> m = new java.util.HashMap<>();
    for (String w : sortedForAlternation(words)) {
      m.computeIfAbsent(w.charAt(0), c -> new java.util.ArrayList<>()).add(w);
    }
    m.replaceAll((c, l) -> List.copyOf(l));
    return Map.copyOf(m);
  }

  /** Every pattern over the whole text, no shortcut: what {@link #scrub(String)} must equal. */
  static String scrubEverywhere(String text) {
    return healthHidden(numbersHidden(text));
  }

  private static final int MIN_DIGITS = 10;

  private static int digits(String text) {
    int n = 0;
    for (int i = 0; i < text.length() && n < MIN_DIGITS; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether one of the three number patterns could match somewhere in {@code text}: false only when
   * none can. A match is digits joined by single spaces or hyphens (with a '+' before, an X after),
   * between characters that are no letter or digit, so its digits lie in one stretch of digits
   * joined by single separators, and a stretch of fewer than ten digits holds none. A stretch
   * without a separator can only be matched whole (a digit next to a match would be a boundary that
   * is a digit), so its length and first digit say which pattern could take it: 15 to 19 digits an
   * ID number or an account, 11 from a 1 a mobile, 13 from 86 a mobile with its country code, 10 to
   * 12 from a 0 a landline. Anything else — an instant (its stretches are a date's eight digits and
   * a time's two), a village's 12-digit code — holds none.
   */
  static boolean mayHoldNumber(String text) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int digits = 0;
      boolean joined = false;
      while (true) {
        while (i < n && isDigit(text.charAt(i))) {
          digits++;
          i++;
        }
        if (i + 1 < n && isSeparator(text.charAt(i)) && isDigit(text.charAt(i + 1))) {
          joined = true;
          i++;
          continue;
        }
        break;
      }
      if (digits >= MIN_DIGITS && (joined || wholeMayMatch(text, start, digits))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a run of {@code length} digits alone, from {@code start}, can be a whole match. */
  private static boolean wholeMayMatch(String text, int start, int length) {
    char first = text.charAt(start);
    return (length >= 15 && length <= 19)
        || (length == 11 && first == '1')
        || (length == 13 && first == '8' && text.charAt(start + 1) == '6')
        || (length <= 12 && first == '0');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-';
  }

  /** Whether {@code text} passes the filter unchanged (nothing to hide in it). */
  public static boolean clean(String text) {
    return text == null || text.equals(scrub(text));
  }

  /** Every string of a JSON answer scrubbed, at any depth (a copy; the original is unchanged). */
  public static JsonObject scrub(JsonObject json) {
    if (json == null) {
      return null;
    }
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : json) {
      out.put(e.getKey(), value(e.getValue()));
    }
    return out;
  }

  /**
   * {@link #scrub(JsonObject)} of an object its caller has just built and shares with nobody: the
   * same answer, its values replaced where they are instead of in a copy.
   */
  public static JsonObject scrubOwn(JsonObject json) {
    if (json != null) {
      for (Map.Entry<String, Object> e : json.getMap().entrySet()) {
        e.setValue(value(e.getValue()));
      }
    }
    return json;
  }

  public static JsonArray scrub(JsonArray json) {
    if (json == null) {
      return null;
    }
    JsonArray out = new JsonArray();
    for (Object o : json) {
      out.add(value(o));
    }
    return out;
  }

  private static Object value(Object v) {
    if (v instanceof String s) {
      return scrub(s);
    }
    if (v instanceof JsonObject o) {
      return scrub(o);
    }
    if (v instanceof JsonArray a) {
      return scrub(a);
    }
    if (v instanceof Map<?, ?> m) {
      return scrub(new JsonObject(castMap(m)));
    }
    if (v instanceof List<?> l) {
      return scrub(new JsonArray(List.copyOf(l)));
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static String replace(Pattern p, String text, String marker) {
    Matcher m = p.matcher(text);
    return m.find() ? m.replaceAll(Matcher.quoteReplacement(marker)) : text;
  }

  /** Neighbouring health markers read as one ("尿毒症透析" → one marker, not two). */
  private static String collapse(String text) {
    String twice = HEALTH_HIDDEN + HEALTH_HIDDEN;
    String out = text;
    while (out.contains(twice)) {
      out = out.replace(twice, HEALTH_HIDDEN);
    }
    return out;
  }

  /** Longest words first, so "恶性肿瘤" is hidden whole rather than as "恶性" + a marker. */
  static String alternation(List<String> words) {
    return sortedForAlternation(words).stream()
        .map(Pattern::quote)
        .reduce((a, b) -> a + "|" + b)
        .orElseThrow();
  }

  private static List<String> sortedForAlternation(List<String> words) {
    return words.stream().sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
  }
}
