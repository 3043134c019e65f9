package org.bangfu.matching.network;

import java.util.Arrays;
import org.bangfu.matching.solver.FlowNetwork;

/**
 * Turns an optimal flow on the {@link CompressedNetwork} back into per-(need, pledge) quantities.
 * Nodes are visited in topological order; each carries "bundles" (pledge, amount) that it hands on
 * to its outgoing arcs in proportion to their flows (a path decomposition of an acyclic flow). A
 * class node splits its flow over its needs: first halves (the bonus arc's flow) in id order, then
 * second halves, so every need gets what the class's arcs say.
 *
 * <p>Bundles from one pledge may reach a need by a route that carries less affinity than the pair
 * has (a hub shared with other pledges); the allocation's true objective is then at least the
 * flow's, and since the flow is optimal, equal. {@code AllocationEngine} checks this.
 */
public final class FlowDecomposition {
  private final CompressedNetwork net;
  private final FlowNetwork g;
  private final Bundles[] at;
  private int[] outNeed = new int[1024];
  private int[] outPledge = new int[1024];
  private long[] outAmount = new long[1024];
  private int outSize;

  private FlowDecomposition(CompressedNetwork net) {
    this.net = net;
    this.g = net.g;
    this.at = new Bundles[g.nodeCount()];
  }

  /** Triples (need index, pledge index, quantity), unsorted, possibly repeating a pair. */
  public record Triples(int[] need, int[] pledge, long[] amount, int size) {}

  public static Triples of(CompressedNetwork net) {
    FlowDecomposition d = new FlowDecomposition(net);
    d.run();
    return new Triples(d.outNeed, d.outPledge, d.outAmount, d.outSize);
  }

  private void run() {
    for (int j = 0; j < net.pledges.size(); j++) {
      long f = g.flow(net.pledgeSupplyEdge[j]);
      if (f > 0) {
        int pn = g.edgeHead(net.pledgeSupplyEdge[j]);
        bundles(pn).add(j, f);
      }
    }
    for (int u : g.topologicalOrder()) {
      Bundles b = at[u];
      if (b == null) {
        continue;
      }
      at[u] = null;
      switch (net.kind[u]) {
        case CompressedNetwork.NEED -> {
          for (int k = 0; k < b.size; k++) {
            emit(net.ref[u], b.pledge[k], b.amount[k]);
          }
        }
        case CompressedNetwork.CLASS -> {
          if (net.classExpanded.get(net.ref[u])) {
            spread(u, b);
          } else {
            splitClass(net.ref[u], b);
          }
        }
        default -> spread(u, b);
      }
    }
  }

  private Bundles bundles(int node) {
    if (at[node] == null) {
      at[node] = new Bundles();
    }
    return at[node];
  }

  /** Hands a node's bundles on along its outgoing edges, in edge order. */
  private void spread(int u, Bundles b) {
    int k = 0;
    long left = b.size > 0 ? b.amount[0] : 0;
    for (int e : g.outEdges(u)) {
      long f = g.flow(e);
      if (f <= 0) {
        continue;
      }
      Bundles to = bundles(g.edgeHead(e));
      while (f > 0) {
        if (k >= b.size) {
          throw new IllegalStateException("flow is not conserved at node " + u);
        }
        long take = Math.min(f, left);
        to.add(b.pledge[k], take);
        f -= take;
        left -= take;
        if (left == 0 && ++k < b.size) {
          left = b.amount[k];
        }
      }
    }
  }

  /** A class's flow over its needs (id order), then its bundles over those amounts. */
  private void splitClass(int c, Bundles b) {
    int[] members = net.classNeeds.get(c).clone();
    Integer[] boxed = Arrays.stream(members).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (x, y) -> net.needs.get(x).id().compareTo(net.needs.get(y).id()));
    int[] sinkEdges = net.classSinkEdges.get(c);
    long firstHalves = g.flow(sinkEdges[0]);
    long secondHalves = sinkEdges[1] < 0 ? 0 : g.flow(sinkEdges[1]);
    long[] x = new long[boxed.length];
    for (int m = 0; m < boxed.length && firstHalves > 0; m++) {
      long q = net.needs.get(boxed[m]).quantity();
      long give = Math.min((q + 1) / 2, firstHalves);
      x[m] += give;
      firstHalves -= give;
    }
    for (int m = 0; m < boxed.length && secondHalves > 0; m++) {
      long q = net.needs.get(boxed[m]).quantity();
      long give = Math.min(q / 2, secondHalves);
      x[m] += give;
      secondHalves -= give;
    }
    if (firstHalves != 0 || secondHalves != 0) {
      throw new IllegalStateException("class flow exceeds its needs");
    }
    int k = 0;
    long left = b.size > 0 ? b.amount[0] : 0;
    for (int m = 0; m < boxed.length; m++) {
      long f = x[m];
      while (f > 0) {
        if (k >= b.size) {
          throw new IllegalStateException("flow is not conserved at class " + c);
        }
        long take = Math.min(f, left);
        emit(boxed[m], b.pledge[k], take);
        f -= take;
        left -= take;
        if (left == 0 && ++k < b.size) {
          left = b.amount[k];
        }
      }
    }
  }

  private void emit(int need, int pledge, long amount) {
    if (outSize == outNeed.length) {
      int n = outSize * 2;
      outNeed = Arrays.copyOf(outNeed, n);
      outPledge = Arrays.copyOf(outPledge, n);
      outAmount = Arrays.copyOf(outAmount, n);
    }
    outNeed[outSize] = need;
    outPledge[outSize] = pledge;
    outAmount[outSize] = amount;
    outSize++;
  }

  /** (pledge, amount) pairs; consecutive ones of the same pledge are merged. */
  private static final class Bundles {
    int[] pledge = new int[4];
    long[] amount = new long[4];
    int size;

    void add(int j, long a) {
      if (size > 0 && pledge[size - 1] == j) {
        amount[size - 1] += a;
        return;
      }
      if (size == pledge.length) {
        pledge = Arrays.copyOf(pledge, size * 2);
        amount = Arrays.copyOf(amount, size * 2);
      }
      pledge[size] = j;
      amount[size] = a;
      size++;
    }
  }
}
