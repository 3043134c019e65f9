package org.bangfu.matching.network;

import java.util.BitSet;

/**
 * The floor of a unit ({@code Options.floors}): a donor's pledge is not cut into slivers for needs
 * it leaves short. After the optimal allocation is found, a need that stays short keeps only the
 * pieces of at least the floor; its smaller pieces are withdrawn and stay with their pledges (the
 * need is then listed as {@code below-floor}). A need the round completes keeps every piece,
 * however small: that piece finishes what the village asked for. Withdrawing never completes a
 * need, so one pass decides it.
 *
 * <p>This is the problem the engine solves exactly: the spec's optimum, then this rule on its rows.
 * Requiring every piece to be zero, complete its need or reach the floor inside the optimisation
 * would make amounts semi-continuous — a mixed-integer problem, not a flow — which the engine does
 * not claim to solve.
 */
final class Floors {
  private Floors() {}

  /**
   * Filters a unit's pairs (sorted by need) with its floor: returns the pairs kept and marks in
   * {@code shortened} the needs (local index) that lost pieces.
   */
  static UnitAnswer.SortedPairs apply(
      UnitNetwork net, UnitAnswer.SortedPairs p, long floor, BitSet shortened) {
    long[] total = new long[net.needGlobal.size()];
    for (int x = 0; x < p.size(); x++) {
      total[p.need()[x]] += p.amount()[x];
    }
    int[] needs = new int[p.size()];
    int[] pledges = new int[p.size()];
    long[] amounts = new long[p.size()];
    int n = 0;
    for (int x = 0; x < p.size(); x++) {
      int i = p.need()[x];
      if (total[i] >= net.quantity(i) || p.amount()[x] >= floor) {
        needs[n] = i;
        pledges[n] = p.pledge()[x];
        amounts[n++] = p.amount()[x];
      } else {
        shortened.set(i);
      }
    }
    return new UnitAnswer.SortedPairs(needs, pledges, amounts, n);
  }
}
