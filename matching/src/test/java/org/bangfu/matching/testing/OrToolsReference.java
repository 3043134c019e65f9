package org.bangfu.matching.testing;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.matching.json.ProblemJson;
import org.bangfu.matching.model.Fairness;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;

/**
 * The reference: Google OR-Tools' min-cost flow on the plain network of the spec, one arc per
 * eligible (pledge, need) pair — s → pledge → need → two coverage arcs → (cap node) → t, plus a
 * free s → t arc so that any amount may flow. Its optimal cost is minus the optimal objective.
 *
 * <p>Command line (for the benchmark, whole process): {@code OrToolsReference INPUT.json} prints
 * {@code objective N} and {@code arcs N} on standard output.
 */
public final class OrToolsReference {
  private static boolean loaded;

  public record Answer(long objective, long eligiblePairs) {}

  public static synchronized void load() {
    if (!loaded) {
      Loader.loadNativeLibraries();
      loaded = true;
    }
  }

  public static Answer solve(Problem p) {
    return solve(p, null);
  }

  /**
   * With fairness: every need of a village (and unit) goes through the village's node, then one arc
   * per step (the step's share of the village's demand, −bonus) and one for the rest, to the cap
   * node or t; the objective is then the spec's plus the fairness term.
   */
  public static Answer solve(Problem p, Fairness fairness) {
    load();
    Spec spec = new Spec(p);
    List<Need> needs = spec.needs();
    List<Pledge> pledges = spec.pledges();
    int s = 0;
    int t = 1;
    int next = 2;
    int firstPledge = next;
    next += pledges.size();
    int firstNeed = next;
    next += needs.size();
    Map<String, Integer> capNodes = new HashMap<>();
    Map<String, Long> demand = new HashMap<>();
    for (Need n : needs) {
      demand.merge(n.village() + "|" + n.unit(), n.quantity(), Long::sum);
    }
    MinCostFlow mcf = new MinCostFlow();
    long supply = 0;
    for (int j = 0; j < pledges.size(); j++) {
      supply += pledges.get(j).quantity();
      mcf.addArcWithCapacityAndUnitCost(s, firstPledge + j, pledges.get(j).quantity(), 0);
    }
    // group needs by unit so each pledge scans only its own unit
    Map<String, List<Integer>> needsByUnit = new HashMap<>();
    for (int i = 0; i < needs.size(); i++) {
      needsByUnit.computeIfAbsent(needs.get(i).unit(), x -> new java.util.ArrayList<>()).add(i);
    }
    long pairs = 0;
    for (int j = 0; j < pledges.size(); j++) {
      Pledge pl = pledges.get(j);
      long cap = pl.maxPerNeed() == null ? pl.quantity() : Math.min(pl.quantity(), pl.maxPerNeed());
      for (int i : needsByUnit.getOrDefault(pl.unit(), List.of())) {
        Need n = needs.get(i);
        if (spec.eligible(n, pl)) {
          mcf.addArcWithCapacityAndUnitCost(
              firstPledge + j, firstNeed + i, cap, -spec.unitProfit(n, pl));
          pairs++;
        }
      }
    }
    Map<String, Integer> fairNodes = new HashMap<>();
    for (int i = 0; i < needs.size(); i++) {
      Need n = needs.get(i);
      String key = n.village() + "|" + n.unit();
      long max = spec.capOf(n.village(), n.unit());
      int target = t;
      if (max < demand.get(key)) {
        Integer c = capNodes.get(key);
        if (c == null) {
          c = next++;
          capNodes.put(key, c);
          mcf.addArcWithCapacityAndUnitCost(c, t, max, 0);
        }
        target = c;
      }
      if (fairness != null) {
        Integer f = fairNodes.get(key);
        if (f == null) {
          f = next++;
          fairNodes.put(key, f);
          long total = demand.get(key);
          long[] caps = fairness.capacities(total);
          long rest = total;
          for (int k = 0; k < caps.length; k++) {
            mcf.addArcWithCapacityAndUnitCost(f, target, caps[k], -fairness.steps().get(k).bonus());
            rest -= caps[k];
          }
          mcf.addArcWithCapacityAndUnitCost(f, target, rest, 0);
        }
        target = f;
      }
      long q = n.quantity();
      mcf.addArcWithCapacityAndUnitCost(
          firstNeed + i, target, (q + 1) / 2, -spec.weights().coverageBonus());
      if (q / 2 > 0) {
        mcf.addArcWithCapacityAndUnitCost(firstNeed + i, target, q / 2, 0);
      }
    }
    mcf.addArcWithCapacityAndUnitCost(s, t, supply, 0);
    mcf.setNodeSupply(s, supply);
    mcf.setNodeSupply(t, -supply);
    MinCostFlowBase.Status status = mcf.solve();
    if (status != MinCostFlowBase.Status.OPTIMAL) {
      throw new IllegalStateException("OR-Tools: " + status);
    }
    long objective = -mcf.getOptimalCost();
    mcf.delete();
    return new Answer(objective, pairs);
  }

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Problem p;
    try (InputStream in =
        new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16)) {
      p = ProblemJson.read(in);
    }
    long t1 = System.nanoTime();
    Answer a = solve(p);
    long t2 = System.nanoTime();
    System.err.printf(
        "or-tools: read %d ms, build+solve %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    System.out.println("objective " + a.objective());
    System.out.println("arcs " + a.eligiblePairs());
  }
}
