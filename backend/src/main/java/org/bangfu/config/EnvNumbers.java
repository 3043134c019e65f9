package org.bangfu.config;

import java.util.Map;

/**
 * Whole numbers read from environment variables, one rule for every setting: unset or blank is the
 * default; anything else must be a whole number (spaces around it allowed), and an error names the
 * variable and the value.
 */
final class EnvNumbers {
  private EnvNumbers() {}

  /** The variable's whole number, or {@code dflt} when it is unset or blank. */
  static int whole(Map<String, String> env, String name, int dflt) {
    String v = env.get(name);
    return v == null || v.isBlank() ? dflt : parse(name, v, "");
  }

  /**
   * The same, between {@code min} and {@code max}; {@code unit} ("days", or empty) is named in the
   * errors.
   */
  static int within(Map<String, String> env, String name, int dflt, int min, int max, String unit) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    int n = parse(name, v, unit);
    if (n < min || n > max) {
      throw new ConfigException(
          name, "must be between " + min + " and " + max + (unit.isEmpty() ? "" : " " + unit));
    }
    return n;
  }

  /** {@code v} as a whole number; an error names {@code name}. */
  static int parse(String name, String v, String unit) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          name,
          "must be a whole number" + (unit.isEmpty() ? "" : " of " + unit) + ", not '" + v + "'");
    }
  }
}
