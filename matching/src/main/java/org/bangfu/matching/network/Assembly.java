package org.bangfu.matching.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.DonorRow;
import org.bangfu.matching.model.FairnessReport;
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Unmatched;
import org.bangfu.matching.model.UnmatchedReason;
import org.bangfu.matching.model.Weights;

/**
 * The answer of a solved round, from the units' per-(need, pledge) quantities: allocations in the
 * spec's order with their reasons, the objective recomputed from them (and checked against the
 * optimal flow's cost: a difference is a bug and fails loudly), summaries, unmatched needs with
 * their reasons, rows per need and donor, and the fairness report. With floors ({@link Floors}),
 * the optimum is checked first and the pieces the floor withdraws are left out of everything after:
 * allocations, objective, summaries and rows describe what is given.
 */
final class Assembly {
  private final RoundSolution sol;
  private final Round r;
  private final Weights w;
  private final int[] needRank;
  private final int[] pledgeRank;
  private final long[] needAllocated;
  private final long[] pledgeAllocated;
  private final List<Allocation> allocations = new ArrayList<>();
  private final List<DonorRow> rows = new ArrayList<>();

  /** Needs that lost pieces below their unit's floor (global index). */
  private BitSet shortened = new BitSet();

  @SuppressWarnings("unchecked")
  private final List<String>[] reasonNames = new List[128];

  Assembly(RoundSolution sol) {
    this.sol = sol;
    this.r = sol.round;
    this.w = r.w;
    this.needRank = ranks(r.needs.stream().map(Need::id).toList());
    this.pledgeRank = ranks(r.pledges.stream().map(Pledge::id).toList());
    this.needAllocated = new long[r.needs.size()];
    this.pledgeAllocated = new long[r.pledges.size()];
  }

  Result result() {
    long[] sorted = sortedTriples();
    long optimum;
    long objective;
    if (r.options.floors().isEmpty()) {
      objective = allocate(sorted);
      optimum = objective;
    } else {
      optimum = value(sorted);
      Floors.Kept kept = Floors.apply(r, sorted, byRank(needRank), Math.max(1, r.pledges.size()));
      shortened = kept.shortened();
      objective = allocate(kept.sorted());
    }
    long fairnessTerm = 0;
    long cost = 0;
    for (UnitSolver u : sol.units) {
      fairnessTerm += u.net.fairnessTerm();
      cost += u.cost();
    }
    if (optimum + fairnessTerm != -cost) {
      throw new IllegalStateException(
          "allocation objective "
              + optimum
              + " (fairness term "
              + fairnessTerm
              + ") differs from the optimal flow's "
              + -cost);
    }
    FairnessReport fairness =
        r.options.fairness() == null ? null : fairnessReport(objective, fairnessTerm);
    return new Result(
        objective, allocations, needSummaries(), pledgeSummaries(), unmatched(), rows, fairness);
  }

  /** rank[index] = position of ids[index] in id order (String.compareTo). */
  static int[] ranks(List<String> ids) {
    Integer[] idx = new Integer[ids.size()];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = k;
    }
    Arrays.sort(idx, Comparator.comparing(ids::get));
    int[] rank = new int[idx.length];
    for (int k = 0; k < idx.length; k++) {
      rank[idx[k]] = k;
    }
    return rank;
  }

  private static int[] byRank(int[] rank) {
    int[] out = new int[rank.length];
    for (int k = 0; k < rank.length; k++) {
      out[rank[k]] = k;
    }
    return out;
  }

  /** Every unit's triples as (need rank, pledge rank, amount), sorted; a pair's pieces summed. */
  private long[] sortedTriples() {
    int total = 0;
    for (UnitSolver u : sol.units) {
      total += u.triples.size;
    }
    long[] keys = new long[total];
    long[] amounts = new long[total];
    int k = 0;
    long pledges = Math.max(1, r.pledges.size());
    for (UnitSolver u : sol.units) {
      Decomposition.Triples t = u.triples;
      for (int x = 0; x < t.size; x++) {
        keys[k] = needRank[t.need[x]] * pledges + pledgeRank[t.pledge[x]];
        amounts[k] = t.amount[x];
        k++;
      }
    }
    Integer[] order = new Integer[total];
    for (int x = 0; x < total; x++) {
      order[x] = x;
    }
    Arrays.sort(order, Comparator.comparingLong(x -> keys[x]));
    long[] out = new long[2 * total];
    int n = 0;
    for (int x = 0; x < total; x++) {
      long key = keys[order[x]];
      if (n > 0 && out[2 * n - 2] == key) {
        out[2 * n - 1] += amounts[order[x]];
      } else {
        out[2 * n] = key;
        out[2 * n + 1] = amounts[order[x]];
        n++;
      }
    }
    return Arrays.copyOf(out, 2 * n);
  }

  /** Allocations and donor rows from the sorted pairs; returns the spec's objective. */
  private long allocate(long[] sorted) {
    int[] needByRank = byRank(needRank);
    int[] pledgeByRank = byRank(pledgeRank);
    long pledges = Math.max(1, r.pledges.size());
    long objective = 0;
    int groupStart = 0;
    for (int x = 0; x < sorted.length; x += 2) {
      int i = needByRank[(int) (sorted[x] / pledges)];
      int j = pledgeByRank[(int) (sorted[x] % pledges)];
      long q = sorted[x + 1];
      Need n = r.needs.get(i);
      int v = r.needVillage.get(i);
      Regions.Donor d = r.donors.get(j);
      objective =
          Math.addExact(
              objective, Math.multiplyExact(q, w.priorityUnit() * n.priority() + d.affinity(v)));
      needAllocated[i] += q;
      pledgeAllocated[j] += q;
      if (!allocations.isEmpty()
          && !allocations.get(allocations.size() - 1).need().equals(n.id())) {
        donorRows(groupStart, allocations.size());
        groupStart = allocations.size();
      }
      allocations.add(new Allocation(n.id(), r.pledges.get(j).id(), q, names(d.reasonSet(v))));
    }
    donorRows(groupStart, allocations.size());
    for (int i = r.needActive.nextSetBit(0); i >= 0; i = r.needActive.nextSetBit(i + 1)) {
      long half = (r.needs.get(i).quantity() + 1) / 2;
      objective =
          Math.addExact(
              objective, Math.multiplyExact(w.coverageBonus(), Math.min(needAllocated[i], half)));
    }
    return objective;
  }

  /** The spec's objective of the sorted pairs, before any floor (nothing recorded). */
  private long value(long[] sorted) {
    int[] needByRank = byRank(needRank);
    int[] pledgeByRank = byRank(pledgeRank);
    long pledges = Math.max(1, r.pledges.size());
    long[] total = new long[r.needs.size()];
    long objective = 0;
    for (int x = 0; x < sorted.length; x += 2) {
      int i = needByRank[(int) (sorted[x] / pledges)];
      int j = pledgeByRank[(int) (sorted[x] % pledges)];
      long q = sorted[x + 1];
      long each = w.priorityUnit() * r.needs.get(i).priority();
      objective =
          Math.addExact(
              objective,
              Math.multiplyExact(q, each + r.donors.get(j).affinity(r.needVillage.get(i))));
      total[i] += q;
    }
    for (int i = r.needActive.nextSetBit(0); i >= 0; i = r.needActive.nextSetBit(i + 1)) {
      long half = (r.needs.get(i).quantity() + 1) / 2;
      objective =
          Math.addExact(objective, Math.multiplyExact(w.coverageBonus(), Math.min(total[i], half)));
    }
    return objective;
  }

  private List<String> names(int set) {
    List<String> names = reasonNames[set];
    if (names == null) {
      names = reasonNames[set] = Affinity.wireNames(Affinity.reasons(set));
    }
    return names;
  }

  /** The rows of one need's allocations [from, to), one per donor, by donor id. */
  private void donorRows(int from, int to) {
    if (from == to) {
      return;
    }
    List<Allocation> group = new ArrayList<>(allocations.subList(from, to));
    group.sort(
        Comparator.comparing((Allocation a) -> donorOf(a)).thenComparing(Allocation::pledge));
    int k = 0;
    while (k < group.size()) {
      String donor = donorOf(group.get(k));
      long sum = 0;
      List<String> ids = new ArrayList<>(2);
      for (; k < group.size() && donorOf(group.get(k)).equals(donor); k++) {
        sum += group.get(k).quantity();
        ids.add(group.get(k).pledge());
      }
      rows.add(new DonorRow(group.get(0).need(), donor, sum, ids));
    }
  }

  private String donorOf(Allocation a) {
    return r.pledges.get(r.pledgeById.get(a.pledge())).donor();
  }

  private List<ItemSummary> needSummaries() {
    List<ItemSummary> out = new ArrayList<>();
    for (int i : byRank(needRank)) {
      if (r.needActive.get(i)) {
        Need n = r.needs.get(i);
        out.add(new ItemSummary(n.id(), needAllocated[i], n.quantity() - needAllocated[i]));
      }
    }
    return out;
  }

  private List<ItemSummary> pledgeSummaries() {
    List<ItemSummary> out = new ArrayList<>();
    for (int j : byRank(pledgeRank)) {
      if (r.pledgeActive.get(j)) {
        Pledge p = r.pledges.get(j);
        out.add(new ItemSummary(p.id(), pledgeAllocated[j], p.quantity() - pledgeAllocated[j]));
      }
    }
    return out;
  }

  /** Needs left short, with the reason; needs past their deadline first get their own. */
  private List<Unmatched> unmatched() {
    UnmatchedReason[] reason = new UnmatchedReason[r.needs.size()];
    for (UnitSolver u : sol.units) {
      UnitNetwork net = u.net;
      long[] local = new long[net.needGlobal.size()];
      for (int x = 0; x < local.length; x++) {
        local[x] = needAllocated[net.needGlobal.get(x)];
      }
      UnmatchedReason[] got = UnmatchedReasons.of(net, local);
      for (int x = 0; x < local.length; x++) {
        reason[net.needGlobal.get(x)] = got[x];
      }
    }
    List<Unmatched> out = new ArrayList<>();
    for (int i : byRank(needRank)) {
      Need n = r.needs.get(i);
      if (r.needActive.get(i)) {
        // a need that lost pieces to the floor is short because of it, whatever the flow says
        UnmatchedReason why = shortened.get(i) ? UnmatchedReason.BELOW_FLOOR : reason[i];
        if (why != null) {
          out.add(new Unmatched(n.id(), needAllocated[i], n.quantity() - needAllocated[i], why));
        }
      } else if (r.needById.getOrDefault(n.id(), -1) == i) {
        out.add(new Unmatched(n.id(), 0, n.quantity(), UnmatchedReason.PAST_DEADLINE));
      }
    }
    return out;
  }

  private FairnessReport fairnessReport(long objective, long fairnessTerm) {
    long plainCost = 0;
    List<FairnessReport.Village> villages = new ArrayList<>();
    for (int k = 0; k < sol.units.size(); k++) {
      UnitNetwork fair = sol.units.get(k).net;
      UnitNetwork plain = sol.plainUnits.get(k).net;
      plainCost += sol.plainUnits.get(k).cost();
      long[] with = fair.villageTotals();
      long[] without = plain.villageTotals();
      for (int v = 0; v < with.length; v++) {
        if (with[v] != without[v]) {
          villages.add(
              new FairnessReport.Village(
                  r.regions.villageId(v),
                  r.unitName(fair.unit),
                  fair.demand[v],
                  with[v],
                  without[v]));
        }
      }
    }
    villages.sort(
        Comparator.comparing(FairnessReport.Village::village)
            .thenComparing(FairnessReport.Village::unit));
    return new FairnessReport(
        objective, fairnessTerm, -plainCost, -plainCost - objective, villages);
  }
}
