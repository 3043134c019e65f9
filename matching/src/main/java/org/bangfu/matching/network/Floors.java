package org.bangfu.matching.network;

import java.util.Arrays;
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

  /** What {@link #apply} kept, and what it withdrew. */
  record Kept(long[] sorted, BitSet shortened, long[] withdrawnPerNeed) {}

  /**
   * Filters (need rank, pledge rank, amount) pairs sorted by need: returns the pairs kept, the
   * needs that lost pieces (global index) and the amount each lost.
   */
  static Kept apply(Round r, long[] sorted, int[] needByRank, long pledges) {
    long[] out = new long[sorted.length];
    BitSet shortened = new BitSet();
    long[] withdrawn = new long[r.needs.size()];
    int n = 0;
    int x = 0;
    while (x < sorted.length) {
      int rank = (int) (sorted[x] / pledges);
      int end = x;
      long total = 0;
      while (end < sorted.length && sorted[end] / pledges == rank) {
        total += sorted[end + 1];
        end += 2;
      }
      int i = needByRank[rank];
      long floor = r.options.floor(r.unitName(r.needUnit.get(i)));
      boolean complete = total >= r.needs.get(i).quantity();
      for (; x < end; x += 2) {
        if (complete || sorted[x + 1] >= floor) {
          out[n++] = sorted[x];
          out[n++] = sorted[x + 1];
        } else {
          shortened.set(i);
          withdrawn[i] += sorted[x + 1];
        }
      }
    }
    return new Kept(Arrays.copyOf(out, n), shortened, withdrawn);
  }
}
