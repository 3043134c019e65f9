package org.bangfu.progress;

import java.util.Map;
import java.util.TreeMap;

/**
 * One group of a campaign's figures (the totals, a county, a category, a donor's origin): amounts
 * by stage and unit, and counts. The stages are kept apart, each counting one thing:
 *
 * <ul>
 *   <li>{@code pledged}: what the campaign's pledges promise (a withdrawn or expired pledge for
 *       what it gave), plus what other pledges of its donors gave through the campaign's ties;
 *   <li>{@code proposed}: matches proposed and not yet confirmed by the donor (待确认);
 *   <li>{@code confirmed}: confirmed by the donor, whatever came after (confirmed or later);
 *   <li>{@code delivered}: reported delivered or later; {@code verified}: verified by the office.
 * </ul>
 */
public record Figures(Map<String, Map<String, Long>> amounts, Map<String, Long> counts) {
  public static final String[] STAGES = {
    "pledged", "proposed", "confirmed", "delivered", "verified"
  };
  public static final String[] COUNTS = {
    "donorsEnrolled", "villagesPaired", "needsOpen", "needsPartlyCovered", "needsFullyCovered"
  };

  public Figures {
    Map<String, Map<String, Long>> a = new TreeMap<>();
    amounts.forEach((k, v) -> a.put(k, Map.copyOf(v)));
    amounts = Map.copyOf(a);
    counts = Map.copyOf(counts);
  }

  public Map<String, Long> stage(String stage) {
    return amounts.getOrDefault(stage, Map.of());
  }

  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** Collects figures while rows are read; {@link #build()} freezes them. */
  static final class Builder {
    private final Map<String, Map<String, Long>> amounts = new TreeMap<>();
    private final Map<String, Long> counts = new TreeMap<>();

    Builder add(String stage, String unit, Long q) {
      if (q != null && q != 0) {
        amounts.computeIfAbsent(stage, k -> new TreeMap<>()).merge(unit, q, Long::sum);
      }
      return this;
    }

    Builder count(String name, long n) {
      counts.merge(name, n, Long::sum);
      return this;
    }

    Builder set(String name, long n) {
      counts.put(name, n);
      return this;
    }

    Figures build() {
      return new Figures(amounts, counts);
    }
  }
}
