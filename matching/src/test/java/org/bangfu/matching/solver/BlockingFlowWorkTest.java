package org.bangfu.matching.solver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a blocking flow costs: its augmenting searches must look at each arc of the level structure
 * a bounded number of times, however the levels were met. The network is a fan: one hub with many
 * spokes that the level search labels at the sink's depth (they are found in the same step as the
 * sink) but which lead nowhere but into nodes no search labelled. A spoke at distance 0 that is no
 * sink is a dead end; looking on from it for "distance −1" walked into every unlabelled node behind
 * the spokes, each with a current-arc pointer left from no level structure (arc 0 of the network),
 * and scanned the network once per spoke: quadratic, as one blocking flow of the training places
 * did at the national size.
 */
class BlockingFlowWorkTest {
  private static final int SPOKES = 500;

  @Test
  @DisplayName("cold solve: the augmenting searches scan each arc a bounded number of times")
  void coldFan() {
    FlowNetwork g = new FlowNetwork();
    int s = g.addNode();
    int t = g.addNode();
    int hub = g.addNode();
    g.addEdge(s, hub, 1, 0);
    Fan fan = Fan.build(g, hub);
    g.addEdge(hub, t, 1, -10);
    MaxProfitFlow solver = new MaxProfitFlow(g, s, t, "warm");
    long cost = solver.solve();

    assertThat(cost).isEqualTo(-10);
    assertThat(g.flow(fan.lastEdge)).isZero();
    assertThat(solver.augmentArcsScanned()).isLessThanOrEqualTo(4L * arcs(g));
  }

  @Test
  @DisplayName(
      "warm start: an excess reaches its deficit scanning each arc a bounded number of times")
  void warmFan() {
    FlowNetwork g = new FlowNetwork();
    int s = g.addNode();
    int t = g.addNode();
    int excess = g.addNode();
    int hub = g.addNode();
    int deficit = g.addNode();
    int in = g.addEdge(excess, hub, 1, 0);
    Fan fan = Fan.build(g, hub);
    int out = g.addEdge(hub, deficit, 1, 0);
    g.addEdge(s, excess, 1, 0);
    g.addEdge(deficit, t, 1, 0);
    // a change left one unit too many at one node and one too few at the other (as a changed
    // capacity does): the warm start must join them
    g.setImbalance(excess, 1);
    g.setImbalance(deficit, -1);
    MaxProfitFlow solver = new MaxProfitFlow(g, s, t, "warm");
    solver.reoptimize();

    assertThat(g.flow(in)).isEqualTo(1);
    assertThat(g.flow(out)).isEqualTo(1);
    assertThat(g.flow(fan.lastEdge)).isZero();
    assertThat(solver.augmentArcsScanned()).isLessThanOrEqualTo(4L * arcs(g));
  }

  @Test
  @DisplayName(
      "warm start through the loop: s's saturated arcs are not rescanned in every level structure")
  void warmThroughTheLoop() {
    FlowNetwork g = new FlowNetwork();
    int s = g.addNode();
    int t = g.addNode();
    int loop = g.addEdge(t, s, 0, 0); // first among t's arcs: the way on from t is found at once
    for (int i = 0; i < PLEDGES; i++) {
      // pledges the first solve fills: their arcs out of s come first and have nothing left
      int p = g.addNode();
      g.addEdge(s, p, 1, 0);
      g.addEdge(p, t, 1, -1);
    }
    int[] excess = new int[PAIRS];
    int[] deficit = new int[PAIRS];
    int[] newArc = new int[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      excess[i] = g.addNode();
      deficit[i] = g.addNode();
      int q = g.addNode();
      // each excess a step further from t than the last: a phase (a level structure) per pair
      g.addEdge(excess[i], t, 1, i);
      g.addEdge(s, q, 1, 0);
      newArc[i] = g.addEdge(q, deficit[i], 1, 0);
    }
    MaxProfitFlow solver = new MaxProfitFlow(g, s, t, "warm");
    assertThat(solver.solve()).isEqualTo(-PLEDGES);
    solver.closeCirculation(loop);
    for (int i = 0; i < PAIRS; i++) {
      // a change left a unit at each excess and a unit short at each deficit: every path runs
      // excess → t → (the loop) → s → q → deficit
      g.setImbalance(excess[i], 1);
      g.setImbalance(deficit[i], -1);
    }
    long before = solver.augmentArcsScanned();
    solver.reoptimize();

    for (int i = 0; i < PAIRS; i++) {
      assertThat(g.flow(newArc[i])).isEqualTo(1);
    }
    assertThat(g.totalCost()).isEqualTo(-PLEDGES + (long) PAIRS * (PAIRS - 1) / 2);
    // the full scan looked at s's PLEDGES spent arcs once per phase: PAIRS × PLEDGES
    assertThat(solver.augmentArcsScanned() - before).isLessThanOrEqualTo(4L * arcs(g));
  }

  private static final int PLEDGES = 2_000;
  private static final int PAIRS = 50;

  private static long arcs(FlowNetwork g) {
    return 2L * g.edgeCount();
  }

  /**
   * Spokes hub → x_i (labelled at the sink's depth, before the sink: their edges come first) and
   * behind each one a node y_i that no level search reaches; the y_i are the last nodes, so their
   * arcs lie at the end of the residual graph.
   */
  private record Fan(int lastEdge) {
    static Fan build(FlowNetwork g, int hub) {
      int[] spokes = new int[SPOKES];
      for (int i = 0; i < SPOKES; i++) {
        spokes[i] = g.addNode();
        g.addEdge(hub, spokes[i], 1, 0);
      }
      int last = -1;
      for (int i = 0; i < SPOKES; i++) {
        last = g.addEdge(spokes[i], g.addNode(), 1, 0);
      }
      return new Fan(last);
    }
  }
}
