package org.bangfu.matching.model;

import java.util.List;

/**
 * What the fairness term did: the allocation's objective by the spec ({@code objective}), the
 * fairness term it earned on top, the best objective the spec allows without fairness, and the
 * difference — what giving first to villages with little cost in the spec's terms. {@code villages}
 * lists every (village, unit) whose total differs from the round solved without fairness.
 */
public record FairnessReport(
    long objective,
    long fairnessTerm,
    long objectiveWithoutFairness,
    long cost,
    List<Village> villages) {
  public FairnessReport {
    villages = List.copyOf(villages);
  }

  /** A village's demand in a unit and what it gets with and without fairness. */
  public record Village(
      String village, String unit, long demand, long allocated, long allocatedWithoutFairness) {}
}
