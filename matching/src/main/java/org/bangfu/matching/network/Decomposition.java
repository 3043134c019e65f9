package org.bangfu.matching.network;

import java.util.Arrays;
import java.util.Comparator;
import org.bangfu.matching.solver.FlowNetwork;

/**
 * Turns an optimal flow on a {@link UnitNetwork} back into per-(need, pledge) quantities. Nodes are
 * visited in topological order; each carries "bundles" (pledge, amount) that it hands on to its
 * outgoing arcs (a path decomposition of an acyclic flow). A class node splits its flow over its
 * needs: first halves (the bonus arc's flow) in id order, then second halves, so every need gets
 * what the class's arcs say; its bundles are handed out donor by donor, so that a donor's pledges
 * land on the same needs (fewer rows per need and donor).
 *
 * <p>Bundles from one pledge may reach a need by a route that carries less affinity than the pair
 * has (a hub shared with other pledges); the allocation's true objective is then at least the
 * flow's, and since the flow is optimal, equal. The engine checks this on every round.
 */
final class Decomposition {
  private final UnitNetwork net;
  private final FlowNetwork g;
  private final int[] order;
  private final Bundles[] at;
  private final Triples out = new Triples();

  /** (need, pledge, quantity) with global indices, unsorted, possibly repeating a pair. */
  static final class Triples {
    int[] need = new int[1024];
    int[] pledge = new int[1024];
    long[] amount = new long[1024];
    int size;

    /**
     * The network's nodes in the topological order the flow was decomposed in: the answer's pass
     * down the same network and flow ({@link UnmatchedReasons}) takes it rather than sorting again.
     */
    int[] nodeOrder;

    /** How many nodes were handed down on a second thread (0: all on one). */
    int nodesBeside;

    void add(int i, int j, long a) {
      if (size == need.length) {
        need = Arrays.copyOf(need, size * 2);
        pledge = Arrays.copyOf(pledge, size * 2);
        amount = Arrays.copyOf(amount, size * 2);
      }
      need[size] = i;
      pledge[size] = j;
      amount[size] = a;
      size++;
    }
  }

  private Decomposition(UnitNetwork net) {
    this.net = net;
    this.g = net.g;
    this.at = new Bundles[g.nodeCount()];
    this.order = donorOrder(net);
  }

  /**
   * The flow's triples; below the counties on two threads if {@code twoThreads} (a core is free:
   * see {@link SpareCore}), with the same result.
   */
  static Triples of(UnitNetwork net, boolean twoThreads) {
    Decomposition d = new Decomposition(net);
    d.run(twoThreads);
    d.out.nodesBeside = d.nodesBeside;
    return d.out;
  }

  /** Per local pledge: its rank by (donor, pledge id), the order bundles leave a class in. */
  private static int[] donorOrder(UnitNetwork net) {
    int n = net.pledgeGlobal.size();
    Integer[] idx = new Integer[n];
    for (int k = 0; k < n; k++) {
      idx[k] = k;
    }
    Arrays.sort(
        idx,
        Comparator.<Integer, String>comparing(k -> net.pledge(k).donor())
            .thenComparing(k -> net.pledge(k).id()));
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      rank[idx[r]] = r;
    }
    return rank;
  }

  private void run(boolean twoThreads) {
    g.freeze();
    for (int j = 0; j < net.pledgeGlobal.size(); j++) {
      long f = g.flow(net.supplyEdge.get(j));
      if (f > 0) {
        bundles(net.pledgeNode.get(j)).add(j, f);
      }
    }
    int[] order = g.topologicalOrder(net.loop, false);
    out.nodeOrder = order;
    if (!twoThreads) {
      for (int u : order) {
        visit(u, out);
      }
      return;
    }
    // the order's prefix up to the last node that hands bundles into more than one county (s,
    // the pledges, the root's hubs) as it is; after it, every node's bundles come from that prefix
    // (all of it before) and from nodes of its own county (in the order's order), so the counties
    // split into two parts, each handed down in the order's order on a thread of its own, give
    // every node the same bundles in the same order, and the same triples (in another order,
    // which the answer's sort by need and pledge does not see)
    int[] county = net.counties();
    int last = order.length - 1;
    while (last >= 0 && county[order[last]] != UnitNetwork.ACROSS) {
      last--;
    }
    for (int k = 0; k <= last; k++) {
      visit(order[k], out);
    }
    int[][] parts = splitByCounty(order, last + 1, county);
    Triples beside = new Triples();
    SpareCore.both(
        true,
        () -> {
          for (int u : parts[0]) {
            visit(u, out);
          }
        },
        () -> {
          for (int u : parts[1]) {
            visit(u, beside);
          }
        });
    for (int x = 0; x < beside.size; x++) {
      out.add(beside.need[x], beside.pledge[x], beside.amount[x]);
    }
    nodesBeside = parts[1].length;
  }

  /** How many nodes the last decomposition handed down on a second thread (the tests look). */
  int nodesBeside;

  /**
   * The nodes from {@code from} on, in their order, in two parts of whole counties of about the
   * same size (nodes that hand nothing on in the first).
   */
  private int[][] splitByCounty(int[] order, int from, int[] county) {
    int regions = net.round.regions.depth.length;
    int[] countyOf = new int[order.length - from];
    int[] size = new int[regions];
    for (int k = from; k < order.length; k++) {
      int c = county[order[k]];
      countyOf[k - from] = c;
      if (c >= 0) {
        size[c]++;
      }
    }
    // whole counties, largest first, each to the part with fewer nodes so far
    IntList counties = new IntList();
    for (int c = 0; c < regions; c++) {
      if (size[c] > 0) {
        counties.add(c);
      }
    }
    long[] keyed = new long[counties.size()];
    for (int k = 0; k < keyed.length; k++) {
      int c = counties.get(k);
      keyed[k] = ((long) (Integer.MAX_VALUE - size[c]) << 32) | c;
    }
    Arrays.sort(keyed);
    byte[] part = new byte[regions];
    long[] load = new long[2];
    for (long key : keyed) {
      int c = (int) key;
      int p = load[0] <= load[1] ? 0 : 1;
      part[c] = (byte) p;
      load[p] += size[c];
    }
    IntList[] lists = {new IntList(), new IntList()};
    for (int k = from; k < order.length; k++) {
      int c = countyOf[k - from];
      lists[c < 0 ? 0 : part[c]].add(order[k]);
    }
    return new int[][] {lists[0].toArray(), lists[1].toArray()};
  }

  /** Hands on the bundles that reached node u (in the order), emitting into {@code into}. */
  private void visit(int u, Triples into) {
    Bundles b = at[u];
    if (b == null) {
      return;
    }
    at[u] = null;
    switch (net.kind[u]) {
      case UnitNetwork.NEED -> {
        for (int k = 0; k < b.size; k++) {
          emit(into, net.ref[u], b.pledge[k], b.amount[k]);
        }
      }
      case UnitNetwork.CLASS -> {
        if (net.expanded.get(net.ref[u])) {
          spread(u, b);
        } else {
          splitClass(into, net.ref[u], b);
        }
      }
      case UnitNetwork.SINK, UnitNetwork.CAP, UnitNetwork.VILLAGE -> {}
      default -> spread(u, b);
    }
  }

  private void emit(Triples into, int localNeed, int localPledge, long amount) {
    into.add(net.needGlobal.get(localNeed), net.pledgeGlobal.get(localPledge), amount);
  }

  private Bundles bundles(int node) {
    byte k = net.kind[node];
    if (k == UnitNetwork.SINK || k == UnitNetwork.CAP || k == UnitNetwork.VILLAGE) {
      // hands nothing on (what reaches it is dropped): not kept, so the county parts never share
      // one
      return new Bundles();
    }
    if (at[node] == null) {
      at[node] = new Bundles();
    }
    return at[node];
  }

  /** Hands a node's bundles on along its outgoing edges, in edge order. */
  private void spread(int u, Bundles b) {
    int k = 0;
    long left = b.size > 0 ? b.amount[0] : 0;
    for (int a = g.firstArc(u); a < g.endArc(u); a++) {
      int e = g.forwardEdge(a);
      if (e < 0 || e == net.loop) {
        continue;
      }
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

  /**
   * A class's flow over its needs — per priority, first halves (its bonus arc's flow) in id order,
   * then second halves — then its bundles, donor by donor, over those.
   */
  private void splitClass(Triples into, int c, Bundles b) {
    int[] members = net.byId(net.classNeeds.get(c));
    long[] firstHalves = new long[6];
    long[] secondHalves = new long[6];
    for (int p = 1; p <= 5; p++) {
      int e = net.classArc(c, p);
      if (e >= 0) {
        firstHalves[p] = g.flow(e);
        secondHalves[p] = g.flow(e + 1);
      }
    }
    long[] x = new long[members.length];
    for (int m = 0; m < members.length; m++) {
      int p = net.priority(members[m]);
      long give = Math.min((net.quantity(members[m]) + 1) / 2, firstHalves[p]);
      x[m] += give;
      firstHalves[p] -= give;
    }
    for (int m = 0; m < members.length; m++) {
      int p = net.priority(members[m]);
      long give = Math.min(net.quantity(members[m]) / 2, secondHalves[p]);
      x[m] += give;
      secondHalves[p] -= give;
    }
    for (int p = 1; p <= 5; p++) {
      if (firstHalves[p] != 0 || secondHalves[p] != 0) {
        throw new IllegalStateException("class flow exceeds its needs");
      }
    }
    b.sortBy(order);
    int k = 0;
    long left = b.size > 0 ? b.amount[0] : 0;
    for (int m = 0; m < members.length; m++) {
      long f = x[m];
      while (f > 0) {
        if (k >= b.size) {
          throw new IllegalStateException("flow is not conserved at class " + c);
        }
        long take = Math.min(f, left);
        emit(into, members[m], b.pledge[k], take);
        f -= take;
        left -= take;
        if (left == 0 && ++k < b.size) {
          left = b.amount[k];
        }
      }
    }
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

    /** Sorts by the given rank of each pledge, merging a pledge's bundles into one. */
    void sortBy(int[] rank) {
      if (size < 2) {
        return;
      }
      long[] keyed = new long[size];
      for (int k = 0; k < size; k++) {
        keyed[k] = ((long) rank[pledge[k]] << 32) | k;
      }
      Arrays.sort(keyed);
      int[] p = new int[size];
      long[] a = new long[size];
      int n = 0;
      for (long key : keyed) {
        int k = (int) key;
        if (n > 0 && p[n - 1] == pledge[k]) {
          a[n - 1] += amount[k];
        } else {
          p[n] = pledge[k];
          a[n] = amount[k];
          n++;
        }
      }
      pledge = p;
      amount = a;
      size = n;
    }
  }
}
