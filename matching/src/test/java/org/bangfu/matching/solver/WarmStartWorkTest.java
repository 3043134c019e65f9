package org.bangfu.matching.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a warm start costs before its phases: after a small change to a large solved network, it
 * looks at the arcs of what changed (to saturate those of negative reduced cost, list the
 * imbalances and settle new nodes' potentials), not at every arc of the network, and the residual
 * graph is not laid out again — while the re-solved flow is still the changed network's optimum.
 */
class WarmStartWorkTest {
  private static final int PLEDGES = 3_000;
  private static final int HUBS = 300;
  private static final int CLASSES = 6_000;

  @Test
  @DisplayName("a small change: the warm start looks at the changed arcs only, the layout is kept")
  void smallChangesLookAtWhatChanged() {
    Random r = new Random(7);
    Edges x = new Edges();
    // s = 0, t = 1; pledges → hubs (unbounded) → classes → t: an allocation network's shape
    x.nodes = 2 + PLEDGES + HUBS + CLASSES;
    int loop = x.add(1, 0, 0, 0);
    List<Integer> supplies = new ArrayList<>();
    List<Integer> classArcs = new ArrayList<>();
    for (int p = 0; p < PLEDGES; p++) {
      supplies.add(x.add(0, pledge(p), 1 + r.nextInt(20), 0));
      for (int k = 0; k < 3; k++) {
        x.add(pledge(p), hub(r.nextInt(HUBS)), FlowNetwork.INF, -r.nextInt(4));
      }
    }
    for (int c = 0; c < CLASSES; c++) {
      x.add(hub(c % HUBS), klass(c), FlowNetwork.INF, 0);
      classArcs.add(x.add(klass(c), 1, 1 + r.nextInt(10), -(10 + r.nextInt(40))));
    }
    FlowNetwork g = x.network();
    MaxProfitFlow solver = new MaxProfitFlow(g, 0, 1, "warm");
    solver.solve();
    solver.closeCirculation(loop);
    long arcs = 2L * g.edgeCount();
    for (int round = 0; round < 5; round++) {
      g.thaw();
      int firstNew = g.nodeCount();
      // a pledge changes its quantity, a new pledge arrives with arcs into old hubs, a class grows
      int e = supplies.get(r.nextInt(PLEDGES));
      long q = r.nextInt(30);
      g.setCapacity(e, q);
      x.cap.set(e, q);
      int fresh = g.addNode();
      x.nodes++;
      x.addTo(g, 0, fresh, 15, 0);
      x.addTo(g, fresh, hub(r.nextInt(HUBS)), FlowNetwork.INF, -3);
      int c = classArcs.get(r.nextInt(CLASSES));
      g.setCapacity(c, x.cap.get(c) + 5);
      x.cap.set(c, x.cap.get(c) + 5);
      long before = solver.warmStartArcs();
      solver.settleNewPotentials(firstNew);
      solver.reoptimize();
      long looked = solver.warmStartArcs() - before;
      // the arcs of the changed edges, of the new node and of the hubs whose potential it moved:
      // a few hundred, where a scan of everything looks at every arc (about 54,000 here)
      assertThat(looked).as("round %d: arcs looked at of %d", round, arcs).isLessThan(arcs / 20);
      assertThat(g.layouts()).as("round %d", round).isEqualTo(1);
      FlowNetwork cold = x.network();
      assertThat(g.totalCost())
          .as("round %d", round)
          .isEqualTo(new MaxProfitFlow(cold, 0, 1, "warm").solve());
    }
  }

  private static int pledge(int p) {
    return 2 + p;
  }

  private static int hub(int h) {
    return 2 + PLEDGES + h;
  }

  private static int klass(int c) {
    return 2 + PLEDGES + HUBS + c;
  }

  /** The edges, kept to build the changed network anew for a cold solve. */
  private static final class Edges {
    int nodes;
    final List<Integer> from = new ArrayList<>();
    final List<Integer> to = new ArrayList<>();
    final List<Long> cap = new ArrayList<>();
    final List<Long> cost = new ArrayList<>();

    int add(int a, int b, long c, long w) {
      from.add(a);
      to.add(b);
      cap.add(c);
      cost.add(w);
      return from.size() - 1;
    }

    void addTo(FlowNetwork g, int a, int b, long c, long w) {
      int e = add(a, b, c, w);
      assertThat(g.addEdge(a, b, c, w)).isEqualTo(e);
    }

    FlowNetwork network() {
      FlowNetwork g = new FlowNetwork();
      for (int u = 0; u < nodes; u++) {
        g.addNode();
      }
      for (int e = 0; e < from.size(); e++) {
        g.addEdge(from.get(e), to.get(e), cap.get(e), cost.get(e));
      }
      return g;
    }
  }
}
