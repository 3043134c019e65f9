package org.bangfu.matching.solver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the level searches of one phase cost at a node with many arcs of which few can be taken:
 * within a phase the potentials stand still, so only the node's arcs of reduced cost 0 can ever be
 * admissible, and they are listed once per phase. The network: s → u, from u {@code CHAINS} chains
 * to t of 1, 2, … arcs (each path earns 1, so one phase, but each a level structure of its own,
 * Dinic's paths growing by an arc each time) and {@code DEAR} parallel arcs u → w that cost more
 * than the cheapest one (reduced cost > 0 all along). Every level structure expands u: looking at
 * all its arcs each time costs CHAINS × DEAR.
 */
class ZeroArcsWorkTest {
  private static final int CHAINS = 20;
  private static final int DEAR = 10_000;

  @Test
  @DisplayName("a phase's level searches look at a node's arcs of positive reduced cost once")
  void manyLevelStructuresInOnePhase() {
    FlowNetwork g = new FlowNetwork();
    int s = g.addNode();
    int t = g.addNode();
    int u = g.addNode();
    int w = g.addNode();
    g.addEdge(s, u, CHAINS, 0);
    for (int k = 0; k < DEAR; k++) {
      g.addEdge(u, w, 1, 5 + k);
    }
    g.addEdge(w, t, DEAR, 0);
    for (int i = 0; i < CHAINS; i++) {
      int at = u;
      for (int k = 0; k < i; k++) {
        int next = g.addNode();
        g.addEdge(at, next, 1, at == u ? -1 : 0);
        at = next;
      }
      g.addEdge(at, t, 1, at == u ? -1 : 0);
    }
    MaxProfitFlow solver = new MaxProfitFlow(g, s, t, "warm");
    long cost = solver.solve();

    assertThat(cost).isEqualTo(-CHAINS);
    assertThat(solver.phases()).isEqualTo(1);
    assertThat(solver.levelGraphs()).isEqualTo(CHAINS);
    // each arc listed once (u's and w's 10,000 each) and the zero arcs in every level structure:
    // about 23,000; all of u's arcs in every level structure: CHAINS × (DEAR + CHAINS + 1) ≈
    // 200,000
    long arcs = 2L * g.edgeCount();
    assertThat(solver.levelArcsScanned()).isLessThanOrEqualTo(2 * arcs);
  }
}
