package org.bangfu.rounds;

import java.util.List;

/**
 * What giving first to villages not yet helped did in a round: the round's objective (the
 * allocation rules' score), the best objective those rules allow without it, and the difference
 * ({@code cost}, what it cost in the main objective); the number of (village, unit) whose total
 * changed and the first {@link #VILLAGES_KEPT} of them with their names.
 */
record RoundFairness(
    long objective,
    long fairnessTerm,
    long objectiveWithoutFairness,
    long cost,
    int villagesChanged,
    List<Village> villages) {
  /** How many changed villages a round keeps by name (the count is exact). */
  static final int VILLAGES_KEPT = 50;

  RoundFairness {
    villages = List.copyOf(villages);
  }

  /** A village's demand in a unit (what it lacked) and what it gets with and without fairness. */
  record Village(
      String villageId,
      String villageName,
      String unit,
      long demand,
      long allocated,
      long allocatedWithoutFairness) {}
}
