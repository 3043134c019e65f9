package org.bangfu.matching.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of the objective (allocation spec, "Objective"). Every weight is a non-negative
 * integer; {@link #DEFAULTS} holds the spec's defaults.
 */
public record Weights(
    long priorityUnit,
    long coverageBonus,
    long pairedVillage,
    long hometownVillage,
    long hometownTownship,
    long hometownCounty,
    long pairedCounty,
    long sameCounty) {

  /** The largest weight accepted: keeps every objective term far from overflow. */
  public static final long MAX = 1_000_000L;

  public static final Weights DEFAULTS = new Weights(100, 200, 150, 120, 80, 50, 60, 30);

  /** The wire names, in the spec's order, mapped to their default values. */
  public static final Map<String, Long> DEFAULT_BY_NAME = DEFAULTS.byName();

  public Weights {
    for (long w :
        new long[] {
          priorityUnit,
          coverageBonus,
          pairedVillage,
          hometownVillage,
          hometownTownship,
          hometownCounty,
          pairedCounty,
          sameCounty
        }) {
      if (w < 0 || w > MAX) {
        throw new IllegalArgumentException(
            "weights must be integers from 0 to " + MAX + ", got " + w);
      }
    }
  }

  /** The defaults with the given wire-named overrides; unknown names are rejected. */
  public static Weights withOverrides(Map<String, Long> overrides) {
    Map<String, Long> all = new LinkedHashMap<>(DEFAULT_BY_NAME);
    for (var e : overrides.entrySet()) {
      if (!all.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown weight " + e.getKey());
      }
      all.put(e.getKey(), e.getValue());
    }
    return new Weights(
        all.get("priorityUnit"),
        all.get("coverageBonus"),
        all.get("paired-village"),
        all.get("hometown-village"),
        all.get("hometown-township"),
        all.get("hometown-county"),
        all.get("paired-county"),
        all.get("same-county"));
  }

  /** These weights by their wire names, in the spec's order. */
  public Map<String, Long> byName() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("priorityUnit", priorityUnit);
    m.put("coverageBonus", coverageBonus);
    m.put("paired-village", pairedVillage);
    m.put("hometown-village", hometownVillage);
    m.put("hometown-township", hometownTownship);
    m.put("hometown-county", hometownCounty);
    m.put("paired-county", pairedCounty);
    m.put("same-county", sameCounty);
    return m;
  }
}
