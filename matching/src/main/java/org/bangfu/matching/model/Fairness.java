package org.bangfu.matching.model;

import java.util.List;

/**
 * A concave bonus on each village's share of its own demand (per unit): the first {@code
 * steps[0].share} percent of what a village needs in a unit earn {@code steps[0].bonus} more per
 * unit, the next {@code steps[1].share} percent earn {@code steps[1].bonus}, and so on; the rest
 * earns nothing more. Bonuses must not increase from one step to the next, so the first yuan to an
 * empty village is worth at least as much as the last one to a village that is nearly served —
 * which keeps the round a min-cost flow, solved exactly (each step is one arc of its own).
 */
public record Fairness(List<Step> steps) {
  /** A step: {@code share} percent (1–100) of the village's demand, {@code bonus} per unit. */
  public record Step(int share, long bonus) {}

  public Fairness {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("fairness needs at least one step");
    }
    int total = 0;
    long previous = Long.MAX_VALUE;
    for (Step s : steps) {
      if (s.share() < 1 || s.share() > 100) {
        throw new IllegalArgumentException(
            "a step's share must be from 1 to 100, got " + s.share());
      }
      if (s.bonus() < 0 || s.bonus() > Weights.MAX) {
        throw new IllegalArgumentException(
            "a step's bonus must be from 0 to " + Weights.MAX + ", got " + s.bonus());
      }
      if (s.bonus() > previous) {
        throw new IllegalArgumentException("the bonuses of the steps must not increase");
      }
      previous = s.bonus();
      total += s.share();
    }
    if (total > 100) {
      throw new IllegalArgumentException("the steps' shares add up to more than 100 percent");
    }
  }

  /**
   * The ready-made rule: the first 20 % of a village's demand earn 300 more per unit, the next 30 %
   * 100.
   */
  public static Fairness standard() {
    return new Fairness(List.of(new Step(20, 300), new Step(30, 100)));
  }

  /**
   * The capacity of each step for a village whose demand is {@code demand}: the cumulative share,
   * rounded down, minus the previous one.
   */
  public long[] capacities(long demand) {
    long[] out = new long[steps.size()];
    int cumulative = 0;
    long before = 0;
    for (int k = 0; k < out.length; k++) {
      cumulative += steps.get(k).share();
      long upTo = Math.multiplyExact(demand, cumulative) / 100;
      out[k] = upTo - before;
      before = upTo;
    }
    return out;
  }
}
