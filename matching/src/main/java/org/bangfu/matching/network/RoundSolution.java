package org.bangfu.matching.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.Changes;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Result;

/**
 * A round solved unit by unit: one network per unit (units never meet), built and solved on as many
 * threads as there are cores (largest unit first), each kept with its flow and potentials for an
 * incremental round. With fairness, each unit is solved a second time without it, for the report of
 * what fairness cost.
 */
public final class RoundSolution {
  final Round round;
  final List<UnitSolver> units = new ArrayList<>();
  final List<UnitSolver> plainUnits = new ArrayList<>();
  private final Consumer<String> progress;

  /**
   * The needs of the last answer in id order (global indices) and how many needs the round had
   * then: the next answer's needs are merged from it ({@link Assembly}); null before the first.
   */
  int[] needOrder;

  int needsThen;

  /** Whether the last answer's needs came from that order (else from a merge by id). */
  boolean needsByLastOrder;

  public RoundSolution(Round round, Consumer<String> progress) {
    this.round = round;
    this.progress = progress;
  }

  /** Builds and solves every unit's network (and, with fairness, the plain ones too). */
  public void solve() {
    boolean fair = round.options.fairness() != null;
    List<UnitSolver> all = new ArrayList<>();
    for (int u = 0; u < round.unitCount(); u++) {
      UnitSolver s = new UnitSolver(round, u, fair);
      units.add(s);
      all.add(s);
      if (fair) {
        UnitSolver p = new UnitSolver(round, u, false);
        plainUnits.add(p);
        all.add(p);
      }
    }
    runAll(all, s -> answered(s, UnitSolver::buildAndSolve), needsPerUnit());
    for (UnitSolver s : all) {
      progress.accept(s.stats());
    }
  }

  private long[] needsPerUnit() {
    long[] count = new long[round.unitCount()];
    for (int i = round.needActive.nextSetBit(0); i >= 0; i = round.needActive.nextSetBit(i + 1)) {
      count[round.needUnit.get(i)]++;
    }
    return count;
  }

  /** Runs a task per unit solver on the machine's cores, largest unit first. */
  static void runAll(List<UnitSolver> solvers, Consumer<UnitSolver> task, long[] size) {
    List<UnitSolver> order = new ArrayList<>(solvers);
    order.sort(Comparator.comparingLong((UnitSolver s) -> -size[s.net.unit]));
    if (order.isEmpty()) {
      return;
    }
    SpareCore cores = order.get(0).net.round.cores;
    Consumer<UnitSolver> counted =
        s -> {
          try {
            task.accept(s);
          } finally {
            cores.taskDone();
          }
        };
    order.forEach(s -> cores.taskStarted());
    int threads = Math.min(order.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      try {
        order.forEach(counted);
      } finally {
        cores.reset();
      }
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread th = new Thread(r, "bangfu-unit");
              th.setDaemon(true);
              return th;
            });
    try {
      List<Future<?>> done = new ArrayList<>();
      for (UnitSolver s : order) {
        done.add(pool.submit(() -> counted.accept(s)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while solving", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
      cores.reset(); // a failed round's tasks that never ran hold no core
    }
  }

  /**
   * An incremental round: applies the changes to the round, then re-solves each unit they touch
   * from its flow and potentials (a unit new to the round, or one whose change needs it, is built
   * and solved anew), on the machine's cores.
   */
  public void apply(Changes changes) {
    Map<Integer, UnitChanges> byUnit = new TreeMap<>();
    for (String id : changes.removedNeeds()) {
      dropNeed(round.needIndex(id), byUnit);
    }
    for (Need n : changes.needs()) {
      dropNeed(round.needIndex(n.id()), byUnit);
      int i = round.addNeed(n);
      if (round.needActive.get(i)) {
        unitChanges(byUnit, round.needUnit.get(i)).addedNeeds.add(i);
      }
    }
    for (String id : changes.removedPledges()) {
      dropPledge(round.pledgeIndex(id), byUnit);
    }
    for (Pledge p : changes.pledges()) {
      dropPledge(round.pledgeIndex(p.id()), byUnit);
      int k = round.addPledge(p);
      if (round.pledgeActive.get(k)) {
        unitChanges(byUnit, round.pledgeUnit.get(k)).addedPledges.add(k);
      }
    }
    for (Cap c : changes.caps()) {
      int v = round.replaceCap(c);
      unitChanges(byUnit, round.unit(c.unit())).capVillages.add(v);
    }
    List<UnitSolver> touched = new ArrayList<>();
    List<UnitChanges> what = new ArrayList<>();
    boolean fair = round.options.fairness() != null;
    for (var e : byUnit.entrySet()) {
      int u = e.getKey();
      while (units.size() <= u) {
        // a unit new to the round: built and solved from scratch below
        units.add(null);
        if (fair) {
          plainUnits.add(null);
        }
      }
      touched.add(unitAt(units, u, fair));
      what.add(e.getValue());
      if (fair) {
        touched.add(unitAt(plainUnits, u, false));
        what.add(e.getValue());
      }
    }
    List<UnitSolver> rebuilt = new ArrayList<>(touched);
    runAll(
        touched,
        s -> {
          UnitChanges ch = what.get(touched.indexOf(s));
          if (s.triples != null && s.apply(ch)) {
            answer(s);
            return;
          }
          UnitSolver fresh = new UnitSolver(round, s.net.unit, s.net.fairness != null);
          answered(fresh, UnitSolver::buildAndSolve);
          synchronized (rebuilt) {
            rebuilt.set(touched.indexOf(s), fresh);
          }
        },
        needsPerUnit());
    for (int k = 0; k < touched.size(); k++) {
      UnitSolver s = rebuilt.get(k);
      List<UnitSolver> list = s.net.fairness == null && fair ? plainUnits : units;
      list.set(s.net.unit, s);
      progress.accept(s.stats());
    }
  }

  /**
   * Runs a unit's solve and then, for a unit the answer is made of, its part of the answer in the
   * same task: the smaller units' parts are made while the largest unit still solves, rather than
   * after every unit is solved.
   */
  private void answered(UnitSolver s, Consumer<UnitSolver> solve) {
    solve.accept(s);
    answer(s);
  }

  /** A unit's part of the answer, unless it is a unit solved without fairness for the report. */
  private void answer(UnitSolver s) {
    if (s.net.fairness != null || round.options.fairness() == null) {
      s.answer();
    }
  }

  private UnitSolver unitAt(List<UnitSolver> list, int u, boolean fair) {
    UnitSolver s = list.get(u);
    if (s == null) {
      s = new UnitSolver(round, u, fair);
      list.set(u, s);
    }
    return s;
  }

  private static UnitChanges unitChanges(Map<Integer, UnitChanges> byUnit, int u) {
    return byUnit.computeIfAbsent(u, x -> new UnitChanges());
  }

  private void dropNeed(int i, Map<Integer, UnitChanges> byUnit) {
    if (i < 0) {
      return;
    }
    if (round.needActive.get(i)) {
      unitChanges(byUnit, round.needUnit.get(i)).removedNeeds.add(i);
    }
    round.removeNeed(i);
  }

  private void dropPledge(int k, Map<Integer, UnitChanges> byUnit) {
    if (k < 0) {
      return;
    }
    if (round.pledgeActive.get(k)) {
      unitChanges(byUnit, round.pledgeUnit.get(k)).removedPledges.add(k);
    }
    round.removePledge(k);
  }

  public boolean hasNeed(String id) {
    return round.needIndex(id) >= 0;
  }

  public boolean hasPledge(String id) {
    return round.pledgeIndex(id) >= 0;
  }

  /** The answer: allocations, summaries, unmatched needs, donor rows, fairness report. */
  public Result result() {
    return new Assembly(this).result();
  }
}
