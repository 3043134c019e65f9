package org.bangfu.matching.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The solver on its own, on random acyclic networks unlike the allocation networks (costs of any
 * sign and size — reduced distances past the bucket queue's range —, unbounded and tiny capacities,
 * many equal-cost paths): its cost must be the optimum found by a plain reference (successive
 * shortest paths with Bellman–Ford, one path at a time), and its flow feasible — with the shortest
 * paths of each phase searched as by default (both ends in warm starts), from both ends always, and
 * from the sources alone: the potential updates of either side keep the answer exact.
 */
// wrong potentials can make the phases loop without progress: fail, not hang (a thread of its
// own, as the loop never looks at an interrupt)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MaxProfitFlowTest {

  @ParameterizedTest(name = "{0} networks of {1} nodes, costs up to {2}, search {3}")
  @CsvSource({
    "300, 8, 5, warm", "300, 20, 30, warm", "200, 40, 10, warm", "100, 60, 100000, warm",
    "50, 150, 7, warm", "300, 8, 5, both", "300, 20, 30, both", "200, 40, 10, both",
    "100, 60, 100000, both", "50, 150, 7, both", "300, 20, 30, forward", "100, 60, 100000, forward"
  })
  @DisplayName("random networks: the optimum of a plain successive-shortest-path reference")
  void randomNetworks(int count, int nodes, int maxCost, String search) {
    Random random = new Random(nodes * 1_000L + maxCost);
    for (int k = 0; k < count; k++) {
      Instance x = Instance.random(random, nodes, maxCost);
      FlowNetwork g = x.network();
      long cost = new MaxProfitFlow(g, 0, 1, search).solve();
      assertThat(cost).as("network %d", k).isEqualTo(x.referenceCost());
      assertFeasible(x, g);
    }
  }

  @ParameterizedTest(
      name = "{0} networks of {1} nodes, costs up to {2}, changed and re-solved, search {3}")
  @CsvSource({
    "300, 8, 5, warm", "300, 20, 30, warm", "200, 40, 10, warm", "100, 60, 100000, warm",
    "50, 150, 7, warm", "300, 8, 5, both", "200, 40, 10, both", "100, 60, 100000, both",
    "300, 20, 30, forward", "100, 60, 100000, forward"
  })
  @DisplayName(
      "warm start: after capacities change and edges and nodes are added, the re-solved flow is"
          + " the changed network's optimum")
  void warmStart(int count, int nodes, int maxCost, String search) {
    Random random = new Random(nodes * 7_000L + maxCost);
    for (int k = 0; k < count; k++) {
      Instance x = Instance.random(random, nodes, maxCost);
      int loop = x.from.size();
      x.from.add(1); // the loop t → s: closed for the first solve, then carrying the flow
      x.to.add(0);
      x.cap.add(0L);
      x.cost.add(0L);
      FlowNetwork g = x.network();
      MaxProfitFlow solver = new MaxProfitFlow(g, 0, 1, search);
      solver.solve();
      solver.closeCirculation(loop);
      for (int round = 0; round < 3; round++) {
        g.thaw();
        x.change(random, g, maxCost);
        solver.reoptimize();
        assertThat(g.totalCost()).as("network %d, round %d", k, round).isEqualTo(x.referenceCost());
        assertFeasible(x, g);
      }
    }
  }

  private static void assertFeasible(Instance x, FlowNetwork g) {
    long[] balance = new long[x.nodes];
    for (int e = 0; e < x.from.size(); e++) {
      if (x.from.get(e) == 1) {
        continue; // the loop t → s of a warm start
      }
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
    int nodes;
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

    /**
     * Random changes, applied to the instance and to the solved network alike: capacities raised,
     * lowered or closed, new edges, a new node with edges (new edges have finite capacities, as the
     * engine gives any new arc whose reduced cost may be negative).
     */
    void change(Random r, FlowNetwork g, int maxCost) {
      int changes = 1 + r.nextInt(4);
      for (int c = 0; c < changes; c++) {
        int kind = r.nextInt(4);
        if (kind <= 1 && !from.isEmpty()) {
          int e = r.nextInt(from.size());
          if (from.get(e) == 1) {
            continue;
          }
          long v = kind == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 3 : 1000);
          if (from.get(e) == 0) {
            v = Math.min(v, 1 + r.nextInt(50));
          }
          cap.set(e, v);
          g.setCapacity(e, v);
        } else {
          int a = r.nextInt(nodes + (kind == 3 ? 1 : 0));
          int b = r.nextInt(nodes + (kind == 3 ? 1 : 0));
          if (kind == 3) {
            g.addNode();
            nodes++;
            a = r.nextInt(nodes - 1);
            b = nodes - 1;
          }
          if (a == 1 || b == 0 || a == b || (a > b && a >= 2 && b >= 2 && kind != 3)) {
            continue;
          }
          long v = 1 + r.nextInt(a == 0 ? 50 : 500);
          long w = r.nextInt(3) == 0 ? r.nextInt(maxCost + 1) : -r.nextInt(maxCost + 1);
          from.add(a);
          to.add(b);
          cap.add(v);
          cost.add(w);
          g.addEdge(a, b, v, w);
          if (kind == 3 && b != 1) {
            // and on from the new node, so that it can matter
            from.add(b);
            to.add(1);
            cap.add(v);
            cost.add((long) -r.nextInt(maxCost + 1));
            g.addEdge(b, 1, v, cost.get(cost.size() - 1));
          }
        }
      }
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
