package org.bangfu.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Weights;
import org.bangfu.matching.network.CompressedNetwork;
import org.bangfu.matching.network.FlowDecomposition;
import org.bangfu.matching.network.Regions;
import org.bangfu.matching.solver.MaxProfitFlow;

/**
 * The exact allocation engine: {@link #solve} returns an optimal allocation of the allocation spec,
 * with the reasons of every allocation. It is plain, blocking, CPU-bound Java: call it from a
 * worker thread, never from an event loop. Thread-safe (it keeps no state).
 */
public final class AllocationEngine {
  private final Progress progress;

  /** Where timings go (the command line prints them on standard error). */
  public interface Progress {
    void report(String line);

    Progress NONE = line -> {};
  }

  public AllocationEngine() {
    this(Progress.NONE);
  }

  public AllocationEngine(Progress progress) {
    this.progress = progress;
  }

  /**
   * Solves a round.
   *
   * @throws InvalidProblemException if the problem breaks the spec's rules (see {@link
   *     ProblemValidator})
   */
  public Result solve(Problem problem) {
    ProblemValidator.requireValid(problem);
    try {
      return solveValid(problem);
    } catch (ArithmeticException e) {
      throw new InvalidProblemException(
          List.of(
              "input: the objective would exceed "
                  + Long.MAX_VALUE
                  + "; lower the quantities or the weights"));
    }
  }

  private Result solveValid(Problem problem) {
    long t0 = System.nanoTime();
    CompressedNetwork net = new CompressedNetwork(problem);
    long t1 = System.nanoTime();
    progress.report(
        String.format(
            "network: %d nodes, %d arcs in %d ms",
            net.network().nodeCount(), net.network().edgeCount(), (t1 - t0) / 1_000_000));
    MaxProfitFlow solver = new MaxProfitFlow(net.network(), net.source(), net.sink());
    long cost = solver.solve();
    long t2 = System.nanoTime();
    progress.report(
        String.format(
            "flow: %d phases, %d level graphs, %d augmentations in %d ms (shortest paths %d ms)",
            solver.phases(),
            solver.levelGraphs(),
            solver.augmentations(),
            (t2 - t1) / 1_000_000,
            solver.dijkstraMillis()));
    Result result = assemble(problem, net, FlowDecomposition.of(net));
    if (result.objective() != -cost) {
      throw new IllegalStateException(
          "allocation objective "
              + result.objective()
              + " differs from the optimal flow's "
              + -cost);
    }
    progress.report(
        String.format(
            "allocations: %d in %d ms",
            result.allocations().size(), (System.nanoTime() - t2) / 1_000_000));
    return result;
  }

  private static Result assemble(Problem p, CompressedNetwork net, FlowDecomposition.Triples t) {
    List<Need> needs = p.needs().stream().filter(n -> n.activeOn(p.date())).toList();
    List<Pledge> pledges = p.pledges().stream().filter(j -> j.activeOn(p.date())).toList();
    int[] needRank = ranks(needs.stream().map(Need::id).toList());
    int[] pledgeRank = ranks(pledges.stream().map(Pledge::id).toList());
    Integer[] order = new Integer[t.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingInt(k -> needRank[t.need()[k]])
            .thenComparingInt(k -> pledgeRank[t.pledge()[k]]));

    Regions regions = new Regions(p);
    Map<Integer, Regions.Donor> donors = new HashMap<>();
    Weights w = p.weights();
    long[] needAllocated = new long[needs.size()];
    long[] pledgeAllocated = new long[pledges.size()];
    List<Allocation> allocations = new ArrayList<>();
    long objective = 0;
    for (int k = 0; k < order.length; ) {
      int i = t.need()[order[k]];
      int j = t.pledge()[order[k]];
      long q = 0;
      while (k < order.length && t.need()[order[k]] == i && t.pledge()[order[k]] == j) {
        q += t.amount()[order[k]];
        k++;
      }
      Need n = needs.get(i);
      Regions.Donor d = donors.computeIfAbsent(j, x -> regions.new Donor(pledges.get(x)));
      int v = regions.villageOf(n.village());
      long unitProfit = w.priorityUnit() * n.priority() + d.affinity(v);
      objective = Math.addExact(objective, Math.multiplyExact(q, unitProfit));
      needAllocated[i] += q;
      pledgeAllocated[j] += q;
      allocations.add(new Allocation(n.id(), pledges.get(j).id(), q, d.reasons(v)));
    }
    List<ItemSummary> needSummaries = new ArrayList<>(needs.size());
    for (int i : byRank(needRank)) {
      Need n = needs.get(i);
      long x = needAllocated[i];
      objective =
          Math.addExact(
              objective,
              Math.multiplyExact(w.coverageBonus(), Math.min(x, (n.quantity() + 1) / 2)));
      needSummaries.add(new ItemSummary(n.id(), x, n.quantity() - x));
    }
    List<ItemSummary> pledgeSummaries = new ArrayList<>(pledges.size());
    for (int j : byRank(pledgeRank)) {
      Pledge pl = pledges.get(j);
      pledgeSummaries.add(
          new ItemSummary(pl.id(), pledgeAllocated[j], pl.quantity() - pledgeAllocated[j]));
    }
    return new Result(objective, allocations, needSummaries, pledgeSummaries);
  }

  /** rank[index] = position of ids[index] in id order (String.compareTo). */
  private static int[] ranks(List<String> ids) {
    Integer[] idx = new Integer[ids.size()];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = k;
    }
    Arrays.sort(idx, Comparator.comparing(ids::get));
    int[] rank = new int[idx.length];
    for (int r = 0; r < idx.length; r++) {
      rank[idx[r]] = r;
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
}
