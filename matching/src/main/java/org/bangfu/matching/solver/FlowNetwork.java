package org.bangfu.matching.solver;

import java.util.Arrays;

/**
 * A directed network with integer capacities and costs that can change between solves. Edges are
 * kept in plain arrays (tail, head, capacity, cost, flow); {@link #freeze()} lays them out as a
 * compact forward-star (CSR) residual graph — every edge a forward arc and a reverse arc, side by
 * side in primitive arrays — on which the solver runs, and {@link #thaw()} writes the flows back so
 * that nodes and edges can be added and capacities changed. Each node has a potential (the dual
 * value the solver keeps between solves) and an imbalance (inflow − outflow): a change that breaks
 * the flow's conservation records it there, and the solver's warm start repairs it.
 */
public final class FlowNetwork {
  /** A capacity no flow can reach (the total supply fits in 10^17). */
  public static final long INF = Long.MAX_VALUE / 4;

  private int nodeCount;
  private int edgeCount;
  private int[] tail = new int[1024];
  private int[] headOf = new int[1024];
  private long[] capOf = new long[1024];
  private int[] costOf = new int[1024];
  private long[] flowOf = new long[1024];

  /** Per node: the potential (dual value) and the imbalance (inflow − outflow). */
  long[] pi = new long[1024];

  long[] excess = new long[1024];

  // the residual graph, valid while frozen
  boolean frozen;
  int[] first;
  int[] head;
  int[] rev;
  long[] cap;

  /** revCap[a] == cap[rev[a]]: the residual of the opposite arc, kept beside a for fast scans. */
  long[] revCap;

  int[] cost;

  /** For an arc: its edge index if forward, {@code ~edge} if reverse. */
  int[] arcEdge;

  int[] forwardArc;

  public int addNode() {
    requireThawed();
    if (nodeCount == pi.length) {
      pi = Arrays.copyOf(pi, nodeCount * 2);
      excess = Arrays.copyOf(excess, nodeCount * 2);
    }
    pi[nodeCount] = 0;
    excess[nodeCount] = 0;
    return nodeCount++;
  }

  public int nodeCount() {
    return nodeCount;
  }

  public int edgeCount() {
    return edgeCount;
  }

  /** Adds an edge {@code u → v} without flow; returns its index. */
  public int addEdge(int u, int v, long capacity, long unitCost) {
    requireThawed();
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity");
    }
    if (edgeCount == tail.length) {
      int n = tail.length * 2;
      tail = Arrays.copyOf(tail, n);
      headOf = Arrays.copyOf(headOf, n);
      capOf = Arrays.copyOf(capOf, n);
      costOf = Arrays.copyOf(costOf, n);
      flowOf = Arrays.copyOf(flowOf, n);
    }
    tail[edgeCount] = u;
    headOf[edgeCount] = v;
    capOf[edgeCount] = capacity;
    costOf[edgeCount] = Math.toIntExact(unitCost);
    flowOf[edgeCount] = 0;
    return edgeCount++;
  }

  /** Sets an edge's capacity; flow above it is taken off the edge (an imbalance at both ends). */
  public void setCapacity(int e, long capacity) {
    requireThawed();
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity");
    }
    capOf[e] = capacity;
    if (flowOf[e] > capacity) {
      addFlow(e, capacity - flowOf[e]);
    }
  }

  /** Moves {@code delta} more units along edge {@code e}, recording the imbalance it makes. */
  public void addFlow(int e, long delta) {
    requireThawed();
    long f = flowOf[e] + delta;
    if (f < 0 || f > capOf[e]) {
      throw new IllegalArgumentException("flow " + f + " outside 0.." + capOf[e]);
    }
    flowOf[e] = f;
    excess[tail[e]] -= delta;
    excess[headOf[e]] += delta;
  }

  public long capacity(int e) {
    return capOf[e];
  }

  public long edgeCost(int e) {
    return costOf[e];
  }

  public int edgeTail(int e) {
    return tail[e];
  }

  public int edgeHead(int e) {
    return headOf[e];
  }

  /** The flow on edge {@code e}. */
  public long flow(int e) {
    return frozen ? cap[rev[forwardArc[e]]] : flowOf[e];
  }

  public long potential(int node) {
    return pi[node];
  }

  public void setPotential(int node, long value) {
    pi[node] = value;
  }

  public long imbalance(int node) {
    return excess[node];
  }

  /** Reduced cost of edge {@code e}: cost + π(tail) − π(head). */
  public long reducedCost(int e) {
    return costOf[e] + pi[tail[e]] - pi[headOf[e]];
  }

  public boolean isFrozen() {
    return frozen;
  }

  /** Builds the residual graph from the edges and their flows; no edge can change until thawed. */
  public void freeze() {
    if (frozen) {
      return;
    }
    int n = nodeCount;
    int m = edgeCount;
    first = new int[n + 1];
    for (int e = 0; e < m; e++) {
      first[tail[e] + 1]++;
      first[headOf[e] + 1]++;
    }
    for (int u = 0; u < n; u++) {
      first[u + 1] += first[u];
    }
    int[] fill = Arrays.copyOf(first, n);
    head = new int[2 * m];
    rev = new int[2 * m];
    cap = new long[2 * m];
    revCap = new long[2 * m];
    cost = new int[2 * m];
    arcEdge = new int[2 * m];
    forwardArc = new int[m];
    for (int e = 0; e < m; e++) {
      int u = tail[e];
      int v = headOf[e];
      int a = fill[u]++;
      int b = fill[v]++;
      long f = flowOf[e];
      head[a] = v;
      cap[a] = capOf[e] - f;
      cost[a] = costOf[e];
      rev[a] = b;
      arcEdge[a] = e;
      revCap[a] = f;
      head[b] = u;
      cap[b] = f;
      cost[b] = -costOf[e];
      rev[b] = a;
      arcEdge[b] = ~e;
      revCap[b] = capOf[e] - f;
      forwardArc[e] = a;
    }
    frozen = true;
  }

  /** Writes the flows back to the edges and drops the residual graph, so the network can change. */
  public void thaw() {
    if (!frozen) {
      return;
    }
    for (int e = 0; e < edgeCount; e++) {
      flowOf[e] = cap[rev[forwardArc[e]]];
    }
    frozen = false;
    first = null;
    head = null;
    rev = null;
    cap = null;
    revCap = null;
    cost = null;
    arcEdge = null;
    forwardArc = null;
  }

  private void requireThawed() {
    if (frozen) {
      throw new IllegalStateException("network is frozen");
    }
  }

  /**
   * Gives a zero-capacity edge unbounded capacity and {@code flow} units on it while frozen: closes
   * a circulation whose ends are otherwise unbalanced by exactly that much.
   */
  void openLoop(int e, long flow) {
    if (capOf[e] != 0) {
      throw new IllegalStateException("the loop edge must start closed");
    }
    capOf[e] = INF;
    int a = forwardArc[e];
    cap[a] = INF - flow;
    revCap[a] = flow;
    cap[rev[a]] = flow;
    revCap[rev[a]] = INF - flow;
  }

  /** Moves {@code amount} units along residual arc {@code a} (frozen). */
  void push(int a, long amount) {
    int r = rev[a];
    cap[a] -= amount;
    revCap[r] -= amount;
    cap[r] += amount;
    revCap[a] += amount;
  }

  /** The forward arc of edge {@code e} in the residual graph (frozen). */
  int arcOf(int e) {
    return forwardArc[e];
  }

  /** The edges leaving {@code u} (frozen), in the order they were added. */
  public int[] outEdges(int u) {
    int count = 0;
    for (int a = first[u]; a < first[u + 1]; a++) {
      if (arcEdge[a] >= 0) {
        count++;
      }
    }
    int[] out = new int[count];
    int k = 0;
    for (int a = first[u]; a < first[u + 1]; a++) {
      if (arcEdge[a] >= 0) {
        out[k++] = arcEdge[a];
      }
    }
    return out;
  }

  /** The first and one-past-last arc of node {@code u} (frozen); forward arcs have arcEdge ≥ 0. */
  public int firstArc(int u) {
    return first[u];
  }

  public int endArc(int u) {
    return first[u + 1];
  }

  /** The edge of arc {@code a} if it is a forward arc, else −1. */
  public int forwardEdge(int a) {
    return arcEdge[a] >= 0 ? arcEdge[a] : -1;
  }

  /** Σ flow · cost over all edges. */
  public long totalCost() {
    long total = 0;
    for (int e = 0; e < edgeCount; e++) {
      total = Math.addExact(total, Math.multiplyExact(flow(e), (long) costOf[e]));
    }
    return total;
  }

  /**
   * The nodes in a topological order of the edges, leaving out {@code skip} (an edge that closes a
   * cycle on purpose, or −1) and, if {@code skipClosed}, the edges of capacity 0. The networks
   * built here are otherwise acyclic; a cycle is a bug and is reported as such.
   */
  public int[] topologicalOrder(int skip, boolean skipClosed) {
    int n = nodeCount;
    int[] indeg = new int[n];
    int[] outStart = new int[n + 1];
    for (int e = 0; e < edgeCount; e++) {
      if (e != skip && !(skipClosed && capOf[e] == 0)) {
        indeg[headOf[e]]++;
        outStart[tail[e] + 1]++;
      }
    }
    for (int u = 0; u < n; u++) {
      outStart[u + 1] += outStart[u];
    }
    int[] fill = Arrays.copyOf(outStart, n);
    int[] outHead = new int[outStart[n]];
    for (int e = 0; e < edgeCount; e++) {
      if (e != skip && !(skipClosed && capOf[e] == 0)) {
        outHead[fill[tail[e]]++] = headOf[e];
      }
    }
    int[] order = new int[n];
    int tailPos = 0;
    for (int u = 0; u < n; u++) {
      if (indeg[u] == 0) {
        order[tailPos++] = u;
      }
    }
    for (int k = 0; k < tailPos; k++) {
      int u = order[k];
      for (int x = outStart[u]; x < outStart[u + 1]; x++) {
        if (--indeg[outHead[x]] == 0) {
          order[tailPos++] = outHead[x];
        }
      }
    }
    if (tailPos != n) {
      throw new IllegalStateException("network has a cycle");
    }
    return order;
  }

  public int[] topologicalOrder() {
    return topologicalOrder(-1, false);
  }
}
