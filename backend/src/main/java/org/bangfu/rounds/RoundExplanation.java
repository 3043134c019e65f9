package org.bangfu.rounds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.matching.model.FairnessReport;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Unmatched;

/**
 * What a solved round explains besides its proposals, in the database's terms: the needs it left
 * short with the engine's reason (and those that sat out for a full village cap), and what giving
 * first to villages not yet helped did.
 */
final class RoundExplanation {
  private RoundExplanation() {}

  /** The needs left (partly) short, by need id: the engine's list and the needs that sat out. */
  static List<UnmatchedNeed> unmatched(Problem problem, Result result, List<UnmatchedNeed> satOut) {
    Map<String, Need> needs = new HashMap<>();
    problem.needs().forEach(n -> needs.put(n.id(), n));
    List<UnmatchedNeed> out = new ArrayList<>(satOut);
    for (Unmatched u : result.unmatched()) {
      Need n = needs.get(u.need());
      out.add(
          new UnmatchedNeed(
              ProblemBuilder.id(u.need()),
              null,
              n.village(),
              null,
              n.unit(),
              u.allocated(),
              u.remaining(),
              u.reason().code()));
    }
    out.sort(Comparator.comparingLong(UnmatchedNeed::needId));
    return out;
  }

  /** The villages whose total fairness changed, those that gained most first. */
  static List<FairnessReport.Village> changed(FairnessReport report) {
    List<FairnessReport.Village> villages = new ArrayList<>(report.villages());
    villages.sort(
        Comparator.comparingLong(
                (FairnessReport.Village v) -> v.allocatedWithoutFairness() - v.allocated())
            .thenComparing(FairnessReport.Village::village)
            .thenComparing(FairnessReport.Village::unit));
    return villages.subList(0, Math.min(villages.size(), RoundFairness.VILLAGES_KEPT));
  }

  /** The report in the round's terms, with the villages' names. */
  static RoundFairness fairness(FairnessReport report, Map<String, String> names) {
    List<RoundFairness.Village> villages = new ArrayList<>();
    for (FairnessReport.Village v : changed(report)) {
      villages.add(
          new RoundFairness.Village(
              v.village(),
              names.get(v.village()),
              v.unit(),
              v.demand(),
              v.allocated(),
              v.allocatedWithoutFairness()));
    }
    return new RoundFairness(
        report.objective(),
        report.fairnessTerm(),
        report.objectiveWithoutFairness(),
        report.cost(),
        report.villages().size(),
        villages);
  }
}
