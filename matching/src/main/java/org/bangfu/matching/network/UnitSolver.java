package org.bangfu.matching.network;

import java.util.ArrayList;
import java.util.List;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.solver.MaxProfitFlow;

/**
 * One unit's network, solved: built from the round, solved from scratch, then priced (the arcs of
 * pledges whose maxPerNeed binds, see {@link Pricing}) and re-solved warm until no arc is missing.
 * Kept after solving, so an incremental round can change it and re-solve from where it stands.
 */
final class UnitSolver {
  final UnitNetwork net;
  final Pricing pricing;
  private MaxProfitFlow solver;
  private int pricingRounds;
  private long buildNanos;
  private long flowNanos;
  private long flowCpuNanos;

  /** The flow's processor time too: wall times say little on a machine shared with other work. */
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private static long cpuNow() {
    return CPU.getCurrentThreadCpuTime();
  }

  private long pricingNanos;
  private long pricingCpuNanos;
  private long buildCpuNanos;
  private long decomposeCpuNanos;

  UnitSolver(Round round, int unit, boolean fairness) {
    this.net = new UnitNetwork(round, unit, fairness);
    this.pricing = new Pricing(net);
  }

  /** Builds the network of every need and pledge of the unit that takes part. */
  void build() {
    long t0 = System.nanoTime();
    long c0 = cpuNow();
    Round r = net.round;
    for (int i = r.needActive.nextSetBit(0); i >= 0; i = r.needActive.nextSetBit(i + 1)) {
      if (r.needUnit.get(i) == net.unit) {
        net.addNeed(i);
      }
    }
    for (int k = r.pledgeActive.nextSetBit(0); k >= 0; k = r.pledgeActive.nextSetBit(k + 1)) {
      if (r.pledgeUnit.get(k) == net.unit) {
        addPledge(k);
      }
    }
    for (int k = 0; k < narrow.size(); k += 2) {
      IntList classes = narrowClasses.get(k / 2);
      for (int x = 0; x < classes.size(); x++) {
        net.expand(classes.get(x));
      }
    }
    net.finishClasses();
    for (int k = 0; k < narrow.size(); k += 2) {
      pricing.giveAll(narrow.get(k), narrowClasses.get(k / 2));
    }
    narrow.clear();
    narrowClasses.clear();
    buildNanos += System.nanoTime() - t0;
    buildCpuNanos += cpuNow() - c0;
  }

  /** A capped pledge may give to at most this many needs to get all its arcs at once. */
  private static final int NARROW = Integer.getInteger("bangfu.narrow", 256);

  /** Capped pledges of a narrow scope (local index, then a placeholder) and their classes. */
  private final IntList narrow = new IntList();

  private final List<IntList> narrowClasses = new ArrayList<>();

  /**
   * A pledge of the unit: through the hubs, or — if its maxPerNeed binds — with an arc per need:
   * all of them at once if it may give to few needs (a village, a township, its paired villages),
   * else priced in lazily.
   */
  void addPledge(int k) {
    int local = net.addPledgeNode(k);
    net.indexPledge(local);
    Pledge pl = net.round.pledges.get(k);
    if (pl.maxPerNeed() != null && pl.maxPerNeed() < net.largestNeed) {
      net.restricted.set(local);
      pricing.add(local);
    }
    if (!net.restricted.get(local)) {
      PledgeArcs.build(net, local);
      return;
    }
    if (solver != null) {
      return; // an incremental round: priced in
    }
    IntList classes = net.eligibleClasses(local, NARROW);
    if (classes != null) {
      narrow.add(local);
      narrow.add(0);
      narrowClasses.add(classes);
    } else {
      // through the hubs too until the first solve (see solve)
      PledgeArcs.build(net, local, hubArcs);
    }
  }

  /** The per-(need, pledge) quantities of the last solve. */
  Decomposition.Triples triples;

  /** Builds, solves and decomposes (one task of a round, run beside the other units'). */
  void buildAndSolve() {
    build();
    solve();
    triples = decomposeTimed();
    answer = null;
  }

  /** This unit's part of the answer for its current flow; null until asked for after a solve. */
  UnitAnswer answer;

  /**
   * The last part made, kept through a change: the next part takes from it the allocations and rows
   * of the needs whose pairs the change left as they were.
   */
  UnitAnswer lastAnswer;

  /** Assembles this unit's part of the answer (one task of an answer, beside the other units'). */
  void answer() {
    answer = UnitAnswer.of(net, triples, lastAnswer, net.round.cores.free());
    lastAnswer = answer;
  }

  /** The hub arcs capped pledges have for the first solve. */
  private final IntList hubArcs = new IntList();

  /**
   * Solves from scratch, then prices until the flow is optimal with every arc. Pledges whose
   * maxPerNeed binds first go through the hubs like the others, their maxima ignored: that solve (a
   * relaxation) prices the competition for every need in, and its tight arcs choose their first
   * direct arcs. Then their hub arcs close and the direct arcs open, and the flow is re-solved
   * warm; from there, the rounds of pricing add few arcs.
   */
  void solve() {
    long t0 = System.nanoTime();
    long c0 = cpuNow();
    solver = new MaxProfitFlow(net.g, net.s, net.t);
    solver.solve();
    solver.closeCirculation(net.loop);
    flowNanos += System.nanoTime() - t0;
    flowCpuNanos += cpuNow() - c0;
    if (pricing.isEmpty()) {
      return;
    }
    long t1 = System.nanoTime();
    long p1 = cpuNow();
    long[] first = pricing.search(pricing, true);
    net.g.thaw();
    int firstNew = net.g.nodeCount();
    for (int k = 0; k < hubArcs.size(); k++) {
      net.g.setCapacity(hubArcs.get(k), 0);
    }
    hubArcs.clear();
    pricing.add(first);
    pricingNanos += System.nanoTime() - t1;
    pricingCpuNanos += cpuNow() - p1;
    resolve(firstNew);
  }

  /**
   * Applies an incremental round's changes to the solved network and re-solves warm from its flow
   * and potentials; false if the change needs a network built anew (a cap where the village had
   * none), which the caller then does.
   */
  boolean apply(UnitChanges ch) {
    long t0 = System.nanoTime();
    long c0 = cpuNow();
    answer = null;
    net.g.thaw();
    int firstNew = net.g.nodeCount();
    for (int k = 0; k < ch.capVillages.size(); k++) {
      int v = ch.capVillages.get(k);
      if (net.capEdge[v] < 0) {
        return false;
      }
      net.g.setCapacity(net.capEdge[v], net.round.cap(v, net.unit));
    }
    for (int k = 0; k < ch.removedNeeds.size(); k++) {
      net.removeNeed(UnitNetwork.local(net.localNeed, ch.removedNeeds.get(k)));
    }
    for (int k = 0; k < ch.removedPledges.size(); k++) {
      int local = UnitNetwork.local(net.localPledge, ch.removedPledges.get(k));
      net.removePledge(local);
      pricing.remove(local);
    }
    long largest = net.largestNeed;
    for (int k = 0; k < ch.addedNeeds.size(); k++) {
      net.placeNeed(net.addNeed(ch.addedNeeds.get(k)));
    }
    if (net.largestNeed > largest) {
      restrictAnew();
    }
    for (int k = 0; k < ch.addedPledges.size(); k++) {
      addPledge(ch.addedPledges.get(k));
    }
    net.finishClasses();
    new NewHubs(net, firstNew).connect();
    buildNanos += System.nanoTime() - t0;
    buildCpuNanos += cpuNow() - c0;
    resolve(firstNew);
    triples = decomposeTimed();
    return true;
  }

  /**
   * A larger need arrived: pledges whose maxPerNeed bound nothing may bind now. Each is taken out
   * and comes back as a pledge priced in lazily (same pledge, a new node).
   */
  private void restrictAnew() {
    int count = net.pledgeGlobal.size();
    for (int local = 0; local < count; local++) {
      Pledge pl = net.pledge(local);
      if (!net.restricted.get(local)
          && !net.removedPledges.get(local)
          && pl.maxPerNeed() != null
          && pl.maxPerNeed() < net.largestNeed) {
        net.removePledge(local);
        addPledge(net.pledgeGlobal.get(local));
      }
    }
  }

  /** Re-solves warm after the network changed (nodes from {@code firstNew} on are new). */
  void resolve(int firstNew) {
    long t0 = System.nanoTime();
    long c0 = cpuNow();
    solver.settleNewPotentials(firstNew);
    solver.reoptimize();
    flowNanos += System.nanoTime() - t0;
    flowCpuNanos += cpuNow() - c0;
    price();
  }

  private void price() {
    while (!pricing.isEmpty()) {
      long t0 = System.nanoTime();
      long p0 = cpuNow();
      int firstNew = net.g.nodeCount();
      int added = pricing.round();
      pricingNanos += System.nanoTime() - t0;
      pricingCpuNanos += cpuNow() - p0;
      if (added == 0) {
        return;
      }
      pricingRounds++;
      long t1 = System.nanoTime();
      long c1 = cpuNow();
      solver.settleNewPotentials(firstNew);
      solver.reoptimize();
      flowNanos += System.nanoTime() - t1;
      flowCpuNanos += cpuNow() - c1;
    }
  }

  /** The flow's total cost (≤ 0): minus the objective, with the fairness term if any. */
  long cost() {
    return net.g.totalCost();
  }

  /** The flow turned into per-(need, pledge) quantities, its processor time counted. */
  private Decomposition.Triples decomposeTimed() {
    long c0 = cpuNow();
    Decomposition.Triples out = decompose();
    decomposeCpuNanos += cpuNow() - c0;
    return out;
  }

  Decomposition.Triples decompose() {
    return Decomposition.of(net, net.round.cores.free());
  }

  String stats() {
    return String.format(
        "network: %d nodes, %d arcs (%s%s); build %d ms (cpu %d ms), flow %d ms (cpu %d ms, %d phases,"
            + " %d level graphs, %d paths), pricing %d rounds, %d arcs, %d ms (cpu %d ms),"
            + " decomposition cpu %d ms",
        net.g.nodeCount(),
        net.g.edgeCount(),
        net.round.unitName(net.unit),
        net.fairness == null && net.round.options.fairness() != null ? ", without fairness" : "",
        buildNanos / 1_000_000,
        buildCpuNanos / 1_000_000,
        flowNanos / 1_000_000,
        flowCpuNanos / 1_000_000,
        solver == null ? 0 : solver.phases(),
        solver == null ? 0 : solver.levelGraphs(),
        solver == null ? 0 : solver.augmentations(),
        pricingRounds,
        pricing.arcsAdded(),
        pricingNanos / 1_000_000,
        pricingCpuNanos / 1_000_000,
        decomposeCpuNanos / 1_000_000);
  }
}
