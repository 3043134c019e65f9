package org.bangfu.matching.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.DonorRow;
import org.bangfu.matching.model.FairnessReport;
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Unmatched;
import org.bangfu.matching.model.UnmatchedReason;

/**
 * The answer of a solved round: each unit's part ({@link UnitAnswer}: allocations in the spec's
 * order with their reasons, rows per need and donor, summaries, needs left short with their
 * reasons), assembled on the machine's cores for the units whose flow changed and kept for the
 * others, merged by id; the objective summed from the parts (and checked against the optimal flow's
 * cost: a difference is a bug and fails loudly); the needs past their deadline; the fairness
 * report. With floors ({@link Floors}), the optimum is checked first and the pieces the floor
 * withdraws are left out of everything after: allocations, objective, summaries and rows describe
 * what is given.
 */
final class Assembly {
  private final RoundSolution sol;
  private final Round r;

  Assembly(RoundSolution sol) {
    this.sol = sol;
    this.r = sol.round;
  }

  Result result() {
    List<UnitSolver> missing = new ArrayList<>();
    for (UnitSolver u : units()) {
      if (u.answer == null) {
        missing.add(u);
      }
    }
    RoundSolution.runAll(missing, UnitSolver::answer, needsPerUnit(missing));
    long optimum = 0;
    long objective = 0;
    long fairnessTerm = 0;
    long cost = 0;
    for (UnitSolver u : units()) {
      optimum = Math.addExact(optimum, u.answer.optimum);
      objective = Math.addExact(objective, u.answer.objective);
      fairnessTerm += u.answer.fairnessTerm;
      cost += u.answer.cost;
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
    // the needs' summaries merged by id, recording which part each came from: each part's
    // allocations, rows and needs left short are in need id order too, so they are merged by
    // taking each need's runs from its part, with no id compared again
    List<UnitAnswer> parts = new ArrayList<>();
    for (UnitSolver u : units()) {
      parts.add(u.answer);
    }
    int[] partOf = new int[total(parts, a -> a.needSummaries)];
    List<ItemSummary> needSummaries = byLastOrder(parts, partOf);
    sol.needsByLastOrder = needSummaries != null;
    if (needSummaries == null) {
      needSummaries = merge(lists(parts, a -> a.needSummaries), ItemSummary::id, partOf);
    }
    keepOrder(parts, partOf);
    // the merges of a national round's million allocations and rows take a while: the
    // allocations and pledge summaries are merged on a thread of their own meanwhile
    CompletableFuture<List<Allocation>> allocations = new CompletableFuture<>();
    CompletableFuture<List<ItemSummary>> pledgeSummaries = new CompletableFuture<>();
    Thread beside =
        new Thread(
            () -> {
              try {
                allocations.complete(
                    byRuns(parts, partOf, a -> a.allocations, a -> a.allocationsBefore));
                pledgeSummaries.complete(merged(a -> a.pledgeSummaries, ItemSummary::id));
              } catch (RuntimeException | Error e) {
                allocations.completeExceptionally(e);
                pledgeSummaries.completeExceptionally(e);
              }
            },
            "bangfu-merge");
    beside.setDaemon(true);
    beside.start();
    List<Unmatched> unmatched = byRuns(parts, partOf, a -> a.unmatched, a -> a.unmatchedBefore);
    if (!pastDeadline().isEmpty()) {
      unmatched = merge(List.of(unmatched, pastDeadline()), Unmatched::need);
    }
    List<DonorRow> rows = byRuns(parts, partOf, a -> a.rows, a -> a.rowsBefore);
    return new Result(
        objective,
        joined(allocations),
        needSummaries,
        joined(pledgeSummaries),
        unmatched,
        rows,
        fairness);
  }

  /**
   * The needs' summaries in id order from the last answer's order of the needs with the needs new
   * since put in their places (a change's thousand new needs are sorted and placed by binary
   * search): each part's needs are in id order, so walking that order and taking each need from the
   * head of its unit's part, where it is there, merges the parts without comparing a million ids (a
   * comparison reads two need objects and their ids, scattered over the heap). Needs no longer in
   * the round are in the order but at the head of no part. Null if there is no last order, or if a
   * part's needs do not all come out (the caller merges by id then).
   */
  private List<ItemSummary> byLastOrder(List<UnitAnswer> parts, int[] partOf) {
    if (sol.needOrder == null) {
      return null;
    }
    int[] order = withNewNeeds(sol.needOrder, sol.needsThen);
    int[] partOfUnit = new int[r.unitCount()];
    Arrays.fill(partOfUnit, -1);
    for (int k = 0; k < parts.size(); k++) {
      partOfUnit[parts.get(k).unit()] = k;
    }
    int[] at = new int[parts.size()];
    int[] size = new int[parts.size()];
    for (int k = 0; k < parts.size(); k++) {
      size[k] = parts.get(k).needSummaries.size();
    }
    List<ItemSummary> out = new ArrayList<>(partOf.length);
    int n = 0;
    for (int i : order) {
      int unit = r.needUnit.get(i);
      int k = unit < partOfUnit.length ? partOfUnit[unit] : -1;
      if (k >= 0 && at[k] < size[k] && parts.get(k).globalNeed(at[k]) == i) {
        partOf[n++] = k;
        out.add(parts.get(k).needSummaries.get(at[k]++));
      }
    }
    return n == partOf.length ? out : null;
  }

  /** The last order with the needs the round got since (from {@code seen} on) placed by id. */
  private int[] withNewNeeds(int[] last, int seen) {
    int count = r.needs.size() - seen;
    if (count == 0) {
      return last;
    }
    Integer[] fresh = new Integer[count];
    for (int k = 0; k < count; k++) {
      fresh[k] = seen + k;
    }
    Arrays.sort(fresh, Comparator.comparing((Integer i) -> needId(i)));
    int[] added = new int[count];
    for (int k = 0; k < count; k++) {
      added[k] = fresh[k];
    }
    return PlacedById.merge(last, last.length, added, this::needId);
  }

  private String needId(int i) {
    return r.needs.get(i).id();
  }

  /** The needs of this answer in id order, for the next answer (see {@link #byLastOrder}). */
  private void keepOrder(List<UnitAnswer> parts, int[] partOf) {
    int[] order = new int[partOf.length];
    int[] at = new int[parts.size()];
    for (int k = 0; k < partOf.length; k++) {
      int p = partOf[k];
      order[k] = parts.get(p).globalNeed(at[p]++);
    }
    sol.needOrder = order;
    sol.needsThen = r.needs.size();
  }

  /** A merge's list from the other thread; what it threw, as it threw it. */
  private static <T> T joined(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** The units solved (a unit that only ever had needs past their deadline has no network). */
  private List<UnitSolver> units() {
    List<UnitSolver> out = new ArrayList<>();
    for (UnitSolver u : sol.units) {
      if (u != null) {
        out.add(u);
      }
    }
    return out;
  }

  /** The units' sizes by need count (largest assembled first). */
  private long[] needsPerUnit(List<UnitSolver> units) {
    long[] size = new long[r.unitCount()];
    for (UnitSolver u : units) {
      size[u.net.unit] = u.net.needGlobal.size();
    }
    return size;
  }

  private static <T> List<List<T>> lists(
      List<UnitAnswer> parts, Function<UnitAnswer, List<T>> part) {
    List<List<T>> out = new ArrayList<>();
    for (UnitAnswer a : parts) {
      out.add(part.apply(a));
    }
    return out;
  }

  private static int total(List<UnitAnswer> parts, Function<UnitAnswer, List<?>> part) {
    int n = 0;
    for (UnitAnswer a : parts) {
      n += part.apply(a).size();
    }
    return n;
  }

  /**
   * The parts' lists in need id order, each need's run taken from its part: {@code partOf[k]} is
   * the part of the k-th need of the merged summaries, and {@code before} gives a part's runs by
   * the position of the need in its summaries.
   */
  private static <T> List<T> byRuns(
      List<UnitAnswer> parts,
      int[] partOf,
      Function<UnitAnswer, List<T>> list,
      Function<UnitAnswer, int[]> before) {
    int total = 0;
    List<List<T>> lists = new ArrayList<>();
    List<int[]> runs = new ArrayList<>();
    for (UnitAnswer a : parts) {
      lists.add(list.apply(a));
      runs.add(before.apply(a));
      total += list.apply(a).size();
    }
    List<T> out = new ArrayList<>(total);
    int[] at = new int[parts.size()];
    for (int u : partOf) {
      int k = at[u]++;
      int[] run = runs.get(u);
      List<T> from = lists.get(u);
      for (int x = run[k]; x < run[k + 1]; x++) {
        out.add(from.get(x));
      }
    }
    return out;
  }

  /** One list of every unit's part, merged by id (parts never share an id). */
  private <T> List<T> merged(Function<UnitAnswer, List<T>> part, Function<T, String> id) {
    List<List<T>> parts = new ArrayList<>();
    for (UnitSolver u : units()) {
      parts.add(part.apply(u.answer));
    }
    return merge(parts, id);
  }

  /**
   * Merges lists sorted by id into one; the lists' ids are disjoint, so a run of equal ids (one
   * need's allocations) comes from one list and keeps its order.
   */
  static <T> List<T> merge(List<List<T>> parts, Function<T, String> id) {
    return merge(parts, id, null);
  }

  /** The same, writing the list each item came from into {@code partOf} (if not null). */
  static <T> List<T> merge(List<List<T>> parts, Function<T, String> id, int[] partOf) {
    int total = 0;
    for (List<T> p : parts) {
      total += p.size();
    }
    List<T> out = new ArrayList<>(total);
    int[] at = new int[parts.size()];
    String[] head = new String[parts.size()];
    for (int k = 0; k < parts.size(); k++) {
      head[k] = parts.get(k).isEmpty() ? null : id.apply(parts.get(k).get(0));
    }
    int n = 0;
    while (n < total) {
      int best = -1;
      int second = -1;
      for (int k = 0; k < head.length; k++) {
        if (head[k] == null) {
          continue;
        }
        if (best < 0 || head[k].compareTo(head[best]) < 0) {
          second = best;
          best = k;
        } else if (second < 0 || head[k].compareTo(head[second]) < 0) {
          second = k;
        }
      }
      // a run from the list in front, up to the next list's head: one comparison per item
      List<T> p = parts.get(best);
      String bound = second < 0 ? null : head[second];
      String next;
      do {
        if (partOf != null) {
          partOf[n] = best;
        }
        out.add(p.get(at[best]++));
        n++;
        next = at[best] < p.size() ? id.apply(p.get(at[best])) : null;
      } while (next != null && (bound == null || next.compareTo(bound) < 0));
      head[best] = next;
    }
    return out;
  }

  /** The needs past their deadline (the current version of each id), by id. */
  private List<Unmatched> pastDeadline() {
    if (pastDeadline == null) {
      pastDeadline = new ArrayList<>();
      for (int i = r.needActive.nextClearBit(0);
          i < r.needs.size();
          i = r.needActive.nextClearBit(i + 1)) {
        Need n = r.needs.get(i);
        if (r.needById.getOrDefault(n.id(), -1) == i) {
          pastDeadline.add(new Unmatched(n.id(), 0, n.quantity(), UnmatchedReason.PAST_DEADLINE));
        }
      }
      pastDeadline.sort(Comparator.comparing(Unmatched::need));
    }
    return pastDeadline;
  }

  private List<Unmatched> pastDeadline;

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
