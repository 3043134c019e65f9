package org.bangfu.matching.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.DonorRow;
import org.bangfu.matching.model.Fairness;
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Unmatched;
import org.bangfu.matching.model.UnmatchedReason;

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
    checkUnmatched(out, spec, r, toNeed, fromPledge, toVillageUnit);
    checkRows(out, spec, r);
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

  /**
   * Every need left short is listed once, with the reason the spec's rules give (see {@link
   * UnmatchedReason} for the order), and needs past their deadline with theirs.
   */
  private static void checkUnmatched(
      List<String> out,
      Spec spec,
      Result r,
      Map<String, Long> toNeed,
      Map<String, Long> fromPledge,
      Map<String, Long> toVillageUnit) {
    Map<String, Long> pair = new HashMap<>();
    for (Allocation a : r.allocations()) {
      pair.merge(a.need() + "|" + a.pledge(), a.quantity(), Long::sum);
    }
    List<Unmatched> expected = new ArrayList<>();
    java.util.Set<String> takingPart = new java.util.HashSet<>();
    spec.needs().forEach(n -> takingPart.add(n.id()));
    for (Need n : spec.p.needs()) {
      boolean takesPart = takingPart.contains(n.id());
      long x = toNeed.getOrDefault(n.id(), 0L);
      if (!takesPart) {
        expected.add(new Unmatched(n.id(), 0, n.quantity(), UnmatchedReason.PAST_DEADLINE));
      } else if (x < n.quantity()) {
        expected.add(
            new Unmatched(
                n.id(),
                x,
                n.quantity() - x,
                reason(out, spec, n, x, pair, fromPledge, toVillageUnit)));
      }
    }
    expected.sort(Comparator.comparing(Unmatched::need));
    if (!expected.equals(r.unmatched())) {
      out.add("unmatched needs " + r.unmatched() + " should be " + expected);
    }
  }

  private static UnmatchedReason reason(
      List<String> out,
      Spec spec,
      Need n,
      long x,
      Map<String, Long> pair,
      Map<String, Long> fromPledge,
      Map<String, Long> toVillageUnit) {
    List<Pledge> ofUnit = spec.pledges().stream().filter(j -> j.unit().equals(n.unit())).toList();
    if (ofUnit.isEmpty()) {
      return UnmatchedReason.NO_PLEDGE_OF_UNIT;
    }
    if (ofUnit.stream()
        .noneMatch(j -> j.categories().isEmpty() || j.categories().contains(n.category()))) {
      return UnmatchedReason.NO_PLEDGE_FOR_CATEGORY;
    }
    List<Pledge> eligible = ofUnit.stream().filter(j -> spec.eligible(n, j)).toList();
    if (eligible.isEmpty()) {
      return UnmatchedReason.NO_PLEDGE_IN_SCOPE;
    }
    if (toVillageUnit.getOrDefault(n.village() + "|" + n.unit(), 0L)
        >= spec.capOf(n.village(), n.unit())) {
      return UnmatchedReason.VILLAGE_CAP_REACHED;
    }
    long value =
        spec.weights().priorityUnit() * n.priority()
            + (x < (n.quantity() + 1) / 2 ? spec.weights().coverageBonus() : 0);
    boolean leftover = false;
    for (Pledge j : eligible) {
      if (fromPledge.getOrDefault(j.id(), 0L) < j.quantity()) {
        leftover = true;
        long given = pair.getOrDefault(n.id() + "|" + j.id(), 0L);
        if (j.maxPerNeed() == null || given < j.maxPerNeed()) {
          if (value + spec.affinity(n, j) > 0) {
            out.add("not optimal: " + j.id() + " could give " + n.id() + " more at a profit");
          }
          return UnmatchedReason.NO_GAIN;
        }
      }
    }
    if (leftover) {
      return value > 0 ? UnmatchedReason.MAX_PER_NEED_REACHED : UnmatchedReason.NO_GAIN;
    }
    return UnmatchedReason.PLEDGES_USED_ELSEWHERE;
  }

  /** One row per need and donor: the donor's pledges' allocations to the need, summed. */
  private static void checkRows(List<String> out, Spec spec, Result r) {
    Map<String, String> donorOf = new HashMap<>();
    spec.pledges().forEach(j -> donorOf.put(j.id(), j.donor()));
    Map<String, DonorRow> rows = new java.util.TreeMap<>();
    for (Allocation a : r.allocations()) {
      String donor = donorOf.get(a.pledge());
      String key = a.need() + "\u0000" + donor;
      DonorRow row = rows.get(key);
      List<String> pledges = new ArrayList<>(row == null ? List.of() : row.pledges());
      pledges.add(a.pledge());
      pledges.sort(Comparator.naturalOrder());
      rows.put(
          key,
          new DonorRow(
              a.need(), donor, (row == null ? 0 : row.quantity()) + a.quantity(), pledges));
    }
    if (!new ArrayList<>(rows.values()).equals(r.donorRows())) {
      out.add("rows per need and donor differ from the allocations or are out of order");
    }
  }

  /**
   * The fairness term of an allocation, from its definition: per village and unit, each step of the
   * village's demand earns its bonus on what the village gets within that step.
   */
  public static long fairnessTerm(Problem p, Fairness f, List<Allocation> allocations) {
    Spec spec = new Spec(p);
    Map<String, Need> needs = new HashMap<>();
    spec.needs().forEach(n -> needs.put(n.id(), n));
    Map<String, Long> demand = new HashMap<>();
    spec.needs().forEach(n -> demand.merge(n.village() + "|" + n.unit(), n.quantity(), Long::sum));
    Map<String, Long> got = new HashMap<>();
    for (Allocation a : allocations) {
      Need n = needs.get(a.need());
      got.merge(n.village() + "|" + n.unit(), a.quantity(), Long::sum);
    }
    long term = 0;
    for (var e : demand.entrySet()) {
      term += fairnessTerm(f, e.getValue(), got.getOrDefault(e.getKey(), 0L));
    }
    return term;
  }

  /** The bonus a village earns on {@code got} of its {@code demand}. */
  public static long fairnessTerm(Fairness f, long demand, long got) {
    long term = 0;
    long start = 0;
    int cumulative = 0;
    for (Fairness.Step s : f.steps()) {
      cumulative += s.share();
      long end = demand * cumulative / 100;
      term += s.bonus() * Math.max(0, Math.min(got, end) - start);
      start = end;
    }
    return term;
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
