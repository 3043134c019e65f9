package org.bangfu.matching.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;

/**
 * Checks a result against the spec, independently of the engine: only items that take part,
 * eligible pairs, no need, pledge, cap or maxPerNeed exceeded, reasons right and in order, output
 * order, summaries, and the objective recomputed from the allocations.
 */
public final class ResultChecker {
  private ResultChecker() {}

  /** Every violation found; empty if the result is a feasible answer with a true objective. */
  public static List<String> violations(Problem p, Result r) {
    Spec spec = new Spec(p);
    List<String> out = new ArrayList<>();
    Map<String, Need> needs = new HashMap<>();
    spec.needs().forEach(n -> needs.put(n.id(), n));
    Map<String, Pledge> pledges = new HashMap<>();
    spec.pledges().forEach(j -> pledges.put(j.id(), j));
    Map<String, Long> toNeed = new HashMap<>();
    Map<String, Long> fromPledge = new HashMap<>();
    Map<String, Long> toVillageUnit = new HashMap<>();
    long objective = 0;
    Allocation previous = null;
    for (Allocation a : r.allocations()) {
      if (previous != null) {
        int c = previous.need().compareTo(a.need());
        if (c > 0 || c == 0 && previous.pledge().compareTo(a.pledge()) >= 0) {
          out.add("allocations out of order at " + a.need() + "/" + a.pledge());
        }
      }
      previous = a;
      Need n = needs.get(a.need());
      Pledge j = pledges.get(a.pledge());
      if (n == null || j == null) {
        out.add("allocation of an item not taking part: " + a);
        continue;
      }
      if (a.quantity() <= 0) {
        out.add("non-positive quantity: " + a);
      }
      if (!spec.eligible(n, j)) {
        out.add("ineligible pair: " + a);
      }
      if (j.maxPerNeed() != null && a.quantity() > j.maxPerNeed()) {
        out.add("maxPerNeed exceeded: " + a);
      }
      if (!spec.reasons(n, j).equals(a.reasons())) {
        out.add("reasons " + a.reasons() + " should be " + spec.reasons(n, j) + ": " + a);
      }
      toNeed.merge(n.id(), a.quantity(), Long::sum);
      fromPledge.merge(j.id(), a.quantity(), Long::sum);
      toVillageUnit.merge(n.village() + "|" + n.unit(), a.quantity(), Long::sum);
      objective += a.quantity() * spec.unitProfit(n, j);
    }
    for (Need n : spec.needs()) {
      long x = toNeed.getOrDefault(n.id(), 0L);
      if (x > n.quantity()) {
        out.add("need over-filled: " + n.id() + " gets " + x);
      }
      objective += spec.weights().coverageBonus() * Math.min(x, (n.quantity() + 1) / 2);
    }
    for (Pledge j : spec.pledges()) {
      long x = fromPledge.getOrDefault(j.id(), 0L);
      if (x > j.quantity()) {
        out.add("pledge over-spent: " + j.id() + " gives " + x);
      }
    }
    for (var e : toVillageUnit.entrySet()) {
      String[] vu = e.getKey().split("\\|", 2);
      if (e.getValue() > spec.capOf(vu[0], vu[1])) {
        out.add("cap exceeded: " + e.getKey() + " gets " + e.getValue());
      }
    }
    if (objective != r.objective()) {
      out.add("objective " + r.objective() + " but the allocations are worth " + objective);
    }
    checkSummaries(
        out,
        "need",
        r.needSummaries(),
        spec.needs().stream()
            .map(
                n ->
                    new ItemSummary(
                        n.id(),
                        toNeed.getOrDefault(n.id(), 0L),
                        n.quantity() - toNeed.getOrDefault(n.id(), 0L)))
            .toList());
    checkSummaries(
        out,
        "pledge",
        r.pledgeSummaries(),
        spec.pledges().stream()
            .map(
                j ->
                    new ItemSummary(
                        j.id(),
                        fromPledge.getOrDefault(j.id(), 0L),
                        j.quantity() - fromPledge.getOrDefault(j.id(), 0L)))
            .toList());
    return out;
  }

  private static void checkSummaries(
      List<String> out, String what, List<ItemSummary> got, List<ItemSummary> expected) {
    List<ItemSummary> sorted = new ArrayList<>(expected);
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    if (!sorted.equals(got)) {
      out.add(what + " summaries differ from the allocations or are out of order");
    }
  }
}
