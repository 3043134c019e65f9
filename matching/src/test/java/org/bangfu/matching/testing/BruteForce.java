package org.bangfu.matching.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.matching.model.Fairness;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;

/**
 * The optimum by enumerating every integer allocation (tiny problems only): the spec's objective
 * evaluated on each feasible x, straight from its definition.
 */
public final class BruteForce {
  private final Spec spec;
  private final List<Need> needs;
  private final List<Pledge> pledges;
  private final List<int[]> pairs = new ArrayList<>();
  private final long[] needLeft;
  private final long[] pledgeLeft;
  private final long[] x;
  private final Fairness fairness;
  private long best = Long.MIN_VALUE;

  private BruteForce(Problem p, Fairness fairness) {
    this.fairness = fairness;
    spec = new Spec(p);
    needs = spec.needs();
    pledges = spec.pledges();
    for (int i = 0; i < needs.size(); i++) {
      for (int j = 0; j < pledges.size(); j++) {
        if (spec.eligible(needs.get(i), pledges.get(j))) {
          pairs.add(new int[] {i, j});
        }
      }
    }
    needLeft = needs.stream().mapToLong(Need::quantity).toArray();
    pledgeLeft = pledges.stream().mapToLong(Pledge::quantity).toArray();
    x = new long[pairs.size()];
  }

  public static long optimum(Problem p) {
    return optimum(p, null);
  }

  /** The best spec objective plus fairness term (fairness null: the spec's objective alone). */
  public static long optimum(Problem p, Fairness fairness) {
    BruteForce b = new BruteForce(p, fairness);
    b.search(0);
    return b.best;
  }

  private void search(int k) {
    if (k == pairs.size()) {
      evaluate();
      return;
    }
    int i = pairs.get(k)[0];
    int j = pairs.get(k)[1];
    Long mpn = pledges.get(j).maxPerNeed();
    long max = Math.min(needLeft[i], pledgeLeft[j]);
    if (mpn != null) {
      max = Math.min(max, mpn);
    }
    for (long q = 0; q <= max; q++) {
      x[k] = q;
      needLeft[i] -= q;
      pledgeLeft[j] -= q;
      search(k + 1);
      needLeft[i] += q;
      pledgeLeft[j] += q;
    }
    x[k] = 0;
  }

  private void evaluate() {
    Map<String, Long> perVillageUnit = new HashMap<>();
    long value = 0;
    long[] got = new long[needs.size()];
    for (int k = 0; k < pairs.size(); k++) {
      if (x[k] == 0) {
        continue;
      }
      Need n = needs.get(pairs.get(k)[0]);
      value += x[k] * spec.unitProfit(n, pledges.get(pairs.get(k)[1]));
      got[pairs.get(k)[0]] += x[k];
      perVillageUnit.merge(n.village() + "|" + n.unit(), x[k], Long::sum);
    }
    for (var e : perVillageUnit.entrySet()) {
      String[] vu = e.getKey().split("\\|", 2);
      if (e.getValue() > spec.capOf(vu[0], vu[1])) {
        return;
      }
    }
    for (int i = 0; i < needs.size(); i++) {
      value += spec.weights().coverageBonus() * Math.min(got[i], (needs.get(i).quantity() + 1) / 2);
    }
    if (fairness != null) {
      Map<String, Long> demand = new HashMap<>();
      for (Need n : needs) {
        demand.merge(n.village() + "|" + n.unit(), n.quantity(), Long::sum);
      }
      for (var e : demand.entrySet()) {
        value +=
            ResultChecker.fairnessTerm(
                fairness, e.getValue(), perVillageUnit.getOrDefault(e.getKey(), 0L));
      }
    }
    best = Math.max(best, value);
  }
}
