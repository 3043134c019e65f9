package org.bangfu.matching.network;

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
  private long pricingNanos;

  private final boolean relaxed;

  UnitSolver(Round round, int unit, boolean fairness) {
    this(round, unit, fairness, false);
  }

  /** {@code relaxed}: every pledge goes through the hubs, its maxPerNeed ignored (for pricing). */
  private UnitSolver(Round round, int unit, boolean fairness, boolean relaxed) {
    this.net = new UnitNetwork(round, unit, fairness);
    this.pricing = new Pricing(net);
    this.relaxed = relaxed;
  }

  /** Builds the network of every need and pledge of the unit that takes part. */
  void build() {
    long t0 = System.nanoTime();
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
    net.finishClasses();
    buildNanos += System.nanoTime() - t0;
  }

  /** A pledge of the unit: through the hubs, or — if its maxPerNeed binds — priced in lazily. */
  void addPledge(int k) {
    int local = net.addPledgeNode(k);
    net.indexPledge(local);
    Pledge pl = net.round.pledges.get(k);
    if (pl.maxPerNeed() != null && pl.maxPerNeed() < net.largestNeed) {
      net.restricted.set(local);
      pricing.add(local);
    }
    if (!net.restricted.get(local) || relaxed) {
      PledgeArcs.build(net, local);
    }
  }

  /** The per-(need, pledge) quantities of the last solve. */
  Decomposition.Triples triples;

  /** Builds, solves and decomposes (one task of a round, run beside the other units'). */
  void buildAndSolve() {
    build();
    solve();
    triples = decompose();
  }

  /**
   * Solves from scratch, then prices until the flow is optimal with every arc. With pledges whose
   * maxPerNeed binds, a relaxation is solved first — the same unit with those pledges through the
   * hubs, their maxima ignored — and its potentials choose their first arcs: the competition for
   * each need is priced in there, so the arcs chosen are close to the ones the optimum uses, and
   * the rounds after the real solve add few (adding most of them to a solved network would mean
   * re-routing a fifth of its flow, phase after phase).
   */
  void solve() {
    if (!pricing.isEmpty() && !relaxed) {
      long t0 = System.nanoTime();
      UnitSolver relaxation = new UnitSolver(net.round, net.unit, net.fairness != null, true);
      relaxation.build();
      relaxation.solver = new MaxProfitFlow(relaxation.net.g, relaxation.net.s, relaxation.net.t);
      relaxation.solver.solve();
      long[] first = pricing.search(relaxation.pricing);
      pricing.add(first);
      pricingNanos += System.nanoTime() - t0;
    }
    long t0 = System.nanoTime();
    solver = new MaxProfitFlow(net.g, net.s, net.t);
    solver.solve();
    solver.closeCirculation(net.loop);
    flowNanos += System.nanoTime() - t0;
    price();
  }

  /**
   * Applies an incremental round's changes to the solved network and re-solves warm from its flow
   * and potentials; false if the change needs a network built anew (a cap where the village had
   * none), which the caller then does.
   */
  boolean apply(UnitChanges ch) {
    long t0 = System.nanoTime();
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
    resolve(firstNew);
    triples = decompose();
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
    solver.settleNewPotentials(firstNew);
    solver.reoptimize();
    flowNanos += System.nanoTime() - t0;
    price();
  }

  private void price() {
    while (!pricing.isEmpty()) {
      long t0 = System.nanoTime();
      int firstNew = net.g.nodeCount();
      int added = pricing.round();
      pricingNanos += System.nanoTime() - t0;
      if (added == 0) {
        return;
      }
      pricingRounds++;
      long t1 = System.nanoTime();
      solver.settleNewPotentials(firstNew);
      solver.reoptimize();
      flowNanos += System.nanoTime() - t1;
    }
  }

  /** The flow's total cost (≤ 0): minus the objective, with the fairness term if any. */
  long cost() {
    return net.g.totalCost();
  }

  Decomposition.Triples decompose() {
    return Decomposition.of(net);
  }

  String stats() {
    return String.format(
        "network: %d nodes, %d arcs (%s%s); build %d ms, flow %d ms (%d phases, %d level graphs,"
            + " %d paths), pricing %d rounds, %d arcs, %d ms",
        net.g.nodeCount(),
        net.g.edgeCount(),
        net.round.unitName(net.unit),
        net.fairness == null && net.round.options.fairness() != null ? ", without fairness" : "",
        buildNanos / 1_000_000,
        flowNanos / 1_000_000,
        solver == null ? 0 : solver.phases(),
        solver == null ? 0 : solver.levelGraphs(),
        solver == null ? 0 : solver.augmentations(),
        pricingRounds,
        pricing.arcsAdded(),
        pricingNanos / 1_000_000);
  }
}
