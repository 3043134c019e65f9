package org.bangfu.matching.testing;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bangfu.matching.AllocationEngine;
import org.bangfu.matching.RoundSession;
import org.bangfu.matching.json.ProblemJson;
import org.bangfu.matching.model.Changes;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;

/**
 * An incremental round, timed: solves a round, then applies a day's changes (new needs, changed
 * pledges) and re-solves warm; with {@code --check}, also solves the changed round from scratch and
 * compares the objectives. Command line: {@code IncrementalBench INPUT.json [NEEDS PLEDGES]
 * [--check]}; prints one line per step on standard output.
 */
public final class IncrementalBench {
  private IncrementalBench() {}

  /**
   * The process's processor time (all threads), in nanoseconds: wall time on a shared machine says
   * little.
   */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    int newNeeds = args.length > 2 ? Integer.parseInt(args[1]) : 1000;
    int changedPledges = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    boolean check = args[args.length - 1].equals("--check");
    Problem p;
    try (InputStream in =
        new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16)) {
      p = ProblemJson.read(in);
    }
    long t0 = System.nanoTime();
    long cpu0 = processCpu();
    RoundSession session = new AllocationEngine(System.err::println).open(p, Options.NONE);
    Result first = session.result();
    long t1 = System.nanoTime();
    System.out.printf(
        "round: %d needs, %d pledges, objective %d, solved in %.1f s (cpu %.1f s)%n",
        p.needs().size(),
        p.pledges().size(),
        first.objective(),
        (t1 - t0) / 1e9,
        (processCpu() - cpu0) / 1e9);
    Changes day = ChangeGenerator.day(p, new Random(2018), newNeeds, changedPledges);
    long t2 = System.nanoTime();
    long cpu2 = processCpu();
    Result next = session.apply(day);
    long t3 = System.nanoTime();
    long cpu3 = processCpu();
    System.out.printf(
        "changes: %d new needs, %d changed pledges; re-solved with the answer in %.2f s (cpu %.2f"
            + " s), objective %d%n",
        day.needs().size(),
        day.pledges().size(),
        (t3 - t2) / 1e9,
        (cpu3 - cpu2) / 1e9,
        next.objective());
    if (check) {
      long warm = next.objective();
      // the kept network and both answers go before the cold solve builds its own
      session = null;
      first = null;
      next = null;
      long t4 = System.nanoTime();
      Result cold = new AllocationEngine().solve(ChangeGenerator.apply(p, day));
      System.out.printf(
          "cold solve of the changed round: objective %d in %.1f s (%s)%n",
          cold.objective(),
          (System.nanoTime() - t4) / 1e9,
          cold.objective() == warm ? "equal" : "DIFFERENT");
      if (cold.objective() != warm) {
        System.exit(1);
      }
    }
  }
}
