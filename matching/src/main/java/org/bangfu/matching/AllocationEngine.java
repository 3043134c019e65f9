package org.bangfu.matching;

import java.util.List;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.network.Round;
import org.bangfu.matching.network.RoundSolution;

/**
 * The exact allocation engine: {@link #solve} returns an optimal allocation of the allocation spec,
 * with the reasons of every allocation. It is plain, blocking, CPU-bound Java (it uses the
 * machine's cores, one unit per core): call it from a worker thread, never from an event loop.
 * Thread-safe (it keeps no state). {@link #open} keeps a solved round for incremental rounds.
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
    return solve(problem, Options.NONE);
  }

  /** Solves a round with options beyond the spec (fairness, floors). */
  public Result solve(Problem problem, Options options) {
    return open(problem, options).result();
  }

  /**
   * Solves a round and keeps it: {@link RoundSession#apply} then re-solves after changes, warm
   * started from this solution's flow and potentials.
   */
  public RoundSession open(Problem problem, Options options) {
    long v0 = System.nanoTime();
    ProblemValidator.requireValid(problem);
    try {
      long t0 = System.nanoTime();
      Round round = new Round(problem, options);
      progress.report(
          String.format(
              "validated in %d ms, indexed in %d ms",
              (t0 - v0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000));
      RoundSolution solution = new RoundSolution(round, progress::report);
      solution.solve();
      progress.report(String.format("solved in %d ms", (System.nanoTime() - t0) / 1_000_000));
      return new RoundSession(solution, problem, progress);
    } catch (ArithmeticException e) {
      throw tooLarge();
    }
  }

  static InvalidProblemException tooLarge() {
    return new InvalidProblemException(
        List.of(
            "input: the objective would exceed "
                + Long.MAX_VALUE
                + "; lower the quantities or the weights"));
  }
}
