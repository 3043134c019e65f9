package org.bangfu.matching.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The topological order read from the residual graph (frozen) is the one the edges give, node for
 * node: the flow's decomposition hands its bundles on in this order, so another order would change
 * the answer. Checked on random acyclic networks grown after their first layout (edges appended at
 * their nodes, nodes moved to new room), with a skipped edge and closed edges.
 */
class TopologicalOrderTest {

  @Test
  @DisplayName("the order from the residual graph equals the order from the edges")
  void residualOrderEqualsEdgeOrder() {
    Random r = new Random(11);
    for (int round = 0; round < 20; round++) {
      FlowNetwork g = new FlowNetwork();
      int n = 50 + r.nextInt(400);
      for (int u = 0; u < n; u++) {
        g.addNode();
      }
      addEdges(g, r, n, 2 + r.nextInt(6) * n);
      int skip = r.nextInt(g.edgeCount());
      compare(g, skip);
      for (int change = 0; change < 4; change++) {
        g.thaw();
        for (int k = 0; k < 10; k++) {
          g.setCapacity(r.nextInt(g.edgeCount()), r.nextInt(3));
        }
        // a hub that outgrows its room moves; edges come last at their nodes
        int hub = r.nextInt(n - 1);
        for (int k = 0; k < 40; k++) {
          g.addEdge(hub, hub + 1 + r.nextInt(n - hub - 1), 1 + r.nextInt(9), -r.nextInt(5));
        }
        addEdges(g, r, n, 20);
        compare(g, skip);
      }
    }
  }

  /** Edges from lower to higher nodes only (acyclic), in random order. */
  private static void addEdges(FlowNetwork g, Random r, int n, int count) {
    for (int k = 0; k < count; k++) {
      int u = r.nextInt(n - 1);
      int v = u + 1 + r.nextInt(n - u - 1);
      g.addEdge(u, v, r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(9), -r.nextInt(5));
    }
  }

  private static void compare(FlowNetwork g, int skip) {
    for (boolean skipClosed : new boolean[] {false, true}) {
      g.thaw();
      int[] fromEdges = g.topologicalOrder(skip, skipClosed);
      g.freeze();
      assertThat(g.topologicalOrder(skip, skipClosed)).isEqualTo(fromEdges);
    }
  }
}
