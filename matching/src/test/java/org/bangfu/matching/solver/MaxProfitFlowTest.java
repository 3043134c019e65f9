package org.bangfu.matching.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The solver on its own, on random acyclic networks unlike the allocation networks (costs of any
 * sign and size — reduced distances past the bucket queue's range —, unbounded and tiny capacities,
 * many equal-cost paths): its cost must be the optimum found by a plain reference (successive
 * shortest paths with Bellman–Ford, one path at a time), and its flow feasible.
 */
class MaxProfitFlowTest {

  @ParameterizedTest(name = "{0} networks of {1} nodes, costs up to {2}")
  @CsvSource({"300, 8, 5", "300, 20, 30", "200, 40, 10", "100, 60, 100000", "50, 150, 7"})
  @DisplayName("random networks: the optimum of a plain successive-shortest-path reference")
  void randomNetworks(int count, int nodes, int maxCost) {
    Random random = new Random(nodes * 1_000L + maxCost);
    for (int k = 0; k < count; k++) {
      Instance x = Instance.random(random, nodes, maxCost);
      FlowNetwork g = x.network();
      long cost = new MaxProfitFlow(g, 0, 1).solve();
      assertThat(cost).as("network %d", k).isEqualTo(x.referenceCost());
      assertFeasible(x, g);
    }
  }

  private static void assertFeasible(Instance x, FlowNetwork g) {
    long[] balance = new long[x.nodes];
    for (int e = 0; e < x.from.size(); e++) {
      long f = g.flow(e);
      assertThat(f).isBetween(0L, x.cap.get(e));
      balance[x.from.get(e)] -= f;
      balance[x.to.get(e)] += f;
    }
    for (int u = 2; u < x.nodes; u++) {
      assertThat(balance[u]).as("conservation at %d", u).isZero();
    }
  }

  /** A random DAG: s = 0, t = 1, inner nodes 2.. with edges only from lower to higher. */
  private static final class Instance {
    final int nodes;
    final List<Integer> from = new ArrayList<>();
    final List<Integer> to = new ArrayList<>();
    final List<Long> cap = new ArrayList<>();
    final List<Long> cost = new ArrayList<>();

    Instance(int nodes) {
      this.nodes = nodes;
    }

    static Instance random(Random r, int nodes, int maxCost) {
      Instance x = new Instance(nodes);
      int edges = nodes * (2 + r.nextInt(3));
      for (int k = 0; k < edges; k++) {
        int a = r.nextInt(nodes);
        int b = r.nextInt(nodes);
        if (a == 1 || b == 0 || a == b) {
          continue;
        }
        if (a > b && a >= 2 && b >= 2) {
          int c = a;
          a = b;
          b = c;
        }
        long c = r.nextInt(4) == 0 ? FlowNetwork.INF : 1 + r.nextInt(r.nextBoolean() ? 3 : 1000);
        if (a == 0) {
          c = Math.min(c, 1 + r.nextInt(50)); // supplies are finite
        }
        // mostly profitable arcs near the sink, a few costly ones, many ties
        long w = r.nextInt(3) == 0 ? r.nextInt(maxCost + 1) : -r.nextInt(maxCost + 1);
        x.from.add(a);
        x.to.add(b);
        x.cap.add(c);
        x.cost.add(w);
      }
      return x;
    }

    FlowNetwork network() {
      FlowNetwork g = new FlowNetwork();
      for (int u = 0; u < nodes; u++) {
        g.addNode();
      }
      for (int e = 0; e < from.size(); e++) {
        g.addEdge(from.get(e), to.get(e), cap.get(e), cost.get(e));
      }
      g.freeze();
      return g;
    }

    /** Successive shortest paths by Bellman–Ford, one augmenting path at a time. */
    long referenceCost() {
      int m = from.size();
      int[] head = new int[2 * m];
      long[] res = new long[2 * m];
      long[] c = new long[2 * m];
      int[] tail = new int[2 * m];
      for (int e = 0; e < m; e++) {
        tail[2 * e] = from.get(e);
        head[2 * e] = to.get(e);
        res[2 * e] = cap.get(e);
        c[2 * e] = cost.get(e);
        tail[2 * e + 1] = to.get(e);
        head[2 * e + 1] = from.get(e);
        c[2 * e + 1] = -cost.get(e);
      }
      long total = 0;
      long[] dist = new long[nodes];
      int[] via = new int[nodes];
      while (true) {
        Arrays.fill(dist, Long.MAX_VALUE);
        Arrays.fill(via, -1);
        dist[0] = 0;
        for (int round = 0; round < nodes; round++) {
          boolean changed = false;
          for (int a = 0; a < 2 * m; a++) {
            if (res[a] > 0 && dist[tail[a]] != Long.MAX_VALUE) {
              long d = dist[tail[a]] + c[a];
              if (d < dist[head[a]]) {
                dist[head[a]] = d;
                via[head[a]] = a;
                changed = true;
              }
            }
          }
          if (!changed) {
            break;
          }
        }
        if (dist[1] == Long.MAX_VALUE || dist[1] >= 0) {
          return total;
        }
        long push = Long.MAX_VALUE;
        for (int v = 1; v != 0; v = tail[via[v]]) {
          push = Math.min(push, res[via[v]]);
        }
        for (int v = 1; v != 0; v = tail[via[v]]) {
          res[via[v]] -= push;
          res[via[v] ^ 1] += push;
        }
        total += push * dist[1];
      }
    }
  }
}
