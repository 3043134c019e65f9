package org.bangfu.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How match rounds are solved, from environment variables (read with the rest of {@link AppConfig};
 * documented in the README).
 *
 * @param fairness BANGFU_ROUND_FAIRNESS: {@code on} (default) — villages not yet helped come first
 *     (the engine's standard fairness term); {@code off} — the plain optimum. A round's start
 *     request may turn it off or on for that round alone.
 * @param floors BANGFU_ROUND_FLOORS: per unit, the smallest piece of a pledge a round gives to a
 *     need it leaves short, e.g. {@code CNY=1000,job=1} (default: none). A piece that completes its
 *     need is given however small.
 */
public record RoundConfig(boolean fairness, Map<String, Long> floors) {
  static final String FAIRNESS = "BANGFU_ROUND_FAIRNESS";
  static final String FLOORS = "BANGFU_ROUND_FLOORS";

  public RoundConfig {
    floors = Map.copyOf(floors);
  }

  public static RoundConfig defaults() {
    return fromEnv(Map.of());
  }

  public static RoundConfig fromEnv(Map<String, String> env) {
    String f = env.getOrDefault(FAIRNESS, "");
    boolean fairness =
        switch (f.isBlank() ? "on" : f.trim().toLowerCase()) {
          case "on" -> true;
          case "off" -> false;
          default -> throw new ConfigException(FAIRNESS, "must be on or off, not '" + f + "'");
        };
    return new RoundConfig(fairness, floors(env.getOrDefault(FLOORS, "")));
  }

  /** {@code CNY=1000,job=1}: a unit, '=', a whole number from 1 to 10^12, per entry. */
  private static Map<String, Long> floors(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String entry : text.split("\\s*,\\s*")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] kv = entry.trim().split("\\s*=\\s*", -1);
      if (kv.length != 2 || !validUnit(kv[0])) {
        throw new ConfigException(FLOORS, "'" + entry + "' is not unit=amount, e.g. CNY=1000");
      }
      try {
        long amount = Long.parseLong(kv[1]);
        if (amount < 1 || amount > 1_000_000_000_000L) {
          throw new NumberFormatException();
        }
        if (out.put(kv[0], amount) != null) {
          throw new ConfigException(FLOORS, "names " + kv[0] + " twice");
        }
      } catch (NumberFormatException e) {
        throw new ConfigException(
            FLOORS, "the floor of " + kv[0] + " must be a whole number from 1 to 10^12");
      }
    }
    return out;
  }

  /** The units needs and pledges may use (the database's {@code unit_name}). */
  private static boolean validUnit(String unit) {
    return unit.equals("CNY")
        || unit.equals("job")
        || unit.equals("training-place")
        || unit.matches(
            "item:[a-z0-9\\u3400-\\u4dbf\\u4e00-\\u9fff]"
                + "([a-z0-9\\u3400-\\u4dbf\\u4e00-\\u9fff -]{0,38}[a-z0-9\\u3400-\\u4dbf\\u4e00-\\u9fff])?");
  }
}
