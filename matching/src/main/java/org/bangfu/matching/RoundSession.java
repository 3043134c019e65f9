package org.bangfu.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.Changes;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.network.RoundSolution;

/**
 * A solved round kept in memory: its result, and the exact new optimum after changes ({@link
 * #apply}) — 1,000 new needs and 100 changed pledges, say — re-solved from this solution's flow and
 * potentials, so only what the change touches is redone. Not thread-safe: one caller at a time,
 * from a worker thread (it blocks and uses the machine's cores).
 */
public final class RoundSession {
  private final RoundSolution solution;
  private final AllocationEngine.Progress progress;
  private final Set<String> villages = new HashSet<>();
  private final Set<String> counties;
  private Result result;

  RoundSession(RoundSolution solution, Problem problem, AllocationEngine.Progress progress) {
    this.solution = solution;
    this.progress = progress;
    for (Village v : problem.villages()) {
      villages.add(v.id());
    }
    counties = problem.counties().isEmpty() ? null : new HashSet<>();
    for (County c : problem.counties()) {
      counties.add(c.id());
    }
  }

  /** The answer of the round as it stands. */
  public Result result() {
    if (result == null) {
      long t0 = System.nanoTime();
      long c0 = processCpu();
      try {
        result = solution.result();
      } catch (ArithmeticException e) {
        throw AllocationEngine.tooLarge();
      }
      progress.report(
          String.format(
              "allocations: %d in %d ms (process cpu %d ms)",
              result.allocations().size(),
              (System.nanoTime() - t0) / 1_000_000,
              (processCpu() - c0) / 1_000_000));
    }
    return result;
  }

  /**
   * Applies the changes and re-solves warm; returns the new answer, the exact optimum of the round
   * as changed (the same as solving it from scratch).
   *
   * @throws InvalidProblemException if a changed item breaks the spec's rules, or a removed id is
   *     not in the round (nothing is changed then)
   */
  public Result apply(Changes changes) {
    List<String> errors = validate(changes);
    if (!errors.isEmpty()) {
      throw new InvalidProblemException(errors);
    }
    long t0 = System.nanoTime();
    try {
      solution.apply(changes);
    } catch (ArithmeticException e) {
      throw AllocationEngine.tooLarge();
    }
    progress.report(String.format("re-solved in %d ms", (System.nanoTime() - t0) / 1_000_000));
    result = null;
    return result();
  }

  /**
   * The process's processor time, nanoseconds (the answer is assembled on several threads; wall
   * time says little on a shared machine); 0 where the platform does not tell.
   */
  private static long processCpu() {
    // the JDK's own API (the engine depends on nothing else, not even com.sun.management)
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
  }

  private List<String> validate(Changes ch) {
    List<String> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int k = 0; k < ch.needs().size(); k++) {
      ProblemValidator.checkNeed(errors, k, ch.needs().get(k), villages, seen);
    }
    seen.clear();
    for (int k = 0; k < ch.pledges().size(); k++) {
      ProblemValidator.checkPledge(errors, k, ch.pledges().get(k), villages, counties, seen);
    }
    for (int k = 0; k < ch.caps().size(); k++) {
      Cap c = ch.caps().get(k);
      if (!villages.contains(c.village())) {
        errors.add("caps[" + k + "]: village \"" + c.village() + "\" is not a known village");
      }
      if (c.max() < 1 || c.max() > ProblemValidator.MAX_QUANTITY) {
        errors.add(
            "caps[" + k + "]: max must be an integer from 1 to " + ProblemValidator.MAX_QUANTITY);
      }
    }
    for (String id : ch.removedNeeds()) {
      if (!solution.hasNeed(id)) {
        errors.add("removedNeeds: \"" + id + "\" is not a need of the round");
      }
    }
    for (String id : ch.removedPledges()) {
      if (!solution.hasPledge(id)) {
        errors.add("removedPledges: \"" + id + "\" is not a pledge of the round");
      }
    }
    return errors.stream().map(line -> "changes." + line).toList();
  }
}
