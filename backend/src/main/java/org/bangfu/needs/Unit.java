package org.bangfu.needs;

import java.util.regex.Pattern;
import org.bangfu.support.DomainException;

/**
 * The unit of a need, a pledge or a village cap: {@code CNY} (whole yuan), {@code job}, {@code
 * training-place}, or goods named freely, {@code item:<what>}: 1 to 40 characters of lower-case
 * Latin letters, CJK ideographs (e.g. {@code item:棉被}), digits, spaces and '-', beginning and
 * ending with a letter or digit. The schema's {@code unit_name} domain holds the same rule, so
 * nothing else can be stored.
 */
public final class Unit {
  /** {@code item:} and 40 characters. */
  public static final int MAX_LENGTH = 45;

  private static final String WORD = "a-z0-9\\u3400-\\u4dbf\\u4e00-\\u9fff";
  static final Pattern PATTERN =
      Pattern.compile(
          "CNY|job|training-place|item:[" + WORD + "](?:[" + WORD + " -]{0,38}[" + WORD + "])?");

  private Unit() {}

  public static boolean valid(String unit) {
    return unit != null && PATTERN.matcher(unit).matches();
  }

  /** {@code unit} when it is one, else invalid input naming {@code field}. */
  public static String of(String field, String unit) {
    if (!valid(unit)) {
      throw DomainException.invalid(
          field,
          "not_unit",
          "must be CNY, job, training-place or item:<what> (1-40 letters, digits, spaces or '-')");
    }
    return unit;
  }
}
