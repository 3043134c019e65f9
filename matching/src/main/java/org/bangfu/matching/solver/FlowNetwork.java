package org.bangfu.matching.solver;

import java.util.Arrays;

/**
 * A directed network with integer capacities and costs, built edge by edge and then frozen into a
 * compact forward-star (CSR) residual graph: every edge becomes a forward arc and a reverse arc of
 * capacity 0, side by side in primitive arrays so that networks of millions of arcs stay small in
 * memory.
 */
public final class FlowNetwork {
  /** A capacity no flow can reach (the total supply fits in 10^17). */
  public static final long INF = Long.MAX_VALUE / 4;

  private int nodeCount;
  private int edgeCount;
  private int[] tail = new int[1024];
  private int[] headOf = new int[1024];
  private long[] capOf = new long[1024];
  private long[] costOf = new long[1024];

  // frozen residual graph
  int[] first;
  int[] head;
  int[] rev;
  long[] cap;

  /** revCap[a] == cap[rev[a]]: the residual of the opposite arc, kept beside a for fast scans. */
  long[] revCap;

  long[] cost;

  /** For an arc: its edge index if forward, {@code ~edge} if reverse. */
  int[] arcEdge;

  int[] forwardArc;

  public int addNode() {
    return nodeCount++;
  }

  public int nodeCount() {
    return nodeCount;
  }

  public int edgeCount() {
    return edgeCount;
  }

  /** Adds an edge {@code u → v}; returns its index. */
  public int addEdge(int u, int v, long capacity, long unitCost) {
    if (first != null) {
      throw new IllegalStateException("network is frozen");
    }
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity");
    }
    if (edgeCount == tail.length) {
      int n = tail.length * 2;
      tail = Arrays.copyOf(tail, n);
      headOf = Arrays.copyOf(headOf, n);
      capOf = Arrays.copyOf(capOf, n);
      costOf = Arrays.copyOf(costOf, n);
    }
    tail[edgeCount] = u;
    headOf[edgeCount] = v;
    capOf[edgeCount] = capacity;
    costOf[edgeCount] = unitCost;
    return edgeCount++;
  }

  /** Builds the residual graph; no edge can be added afterwards. */
  public void freeze() {
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
    cost = new long[2 * m];
    arcEdge = new int[2 * m];
    forwardArc = new int[m];
    for (int e = 0; e < m; e++) {
      int u = tail[e];
      int v = headOf[e];
      int a = fill[u]++;
      int b = fill[v]++;
      head[a] = v;
      cap[a] = capOf[e];
      cost[a] = costOf[e];
      rev[a] = b;
      arcEdge[a] = e;
      head[b] = u;
      cap[b] = 0;
      cost[b] = -costOf[e];
      rev[b] = a;
      arcEdge[b] = ~e;
      forwardArc[e] = a;
      revCap[b] = capOf[e];
    }
    // the builder arrays are no longer needed except capacities and costs for flows/cost
    tail = null;
    headOf = null;
  }

  /** Moves {@code amount} units along residual arc {@code a}. */
  void push(int a, long amount) {
    int r = rev[a];
    cap[a] -= amount;
    revCap[r] -= amount;
    cap[r] += amount;
    revCap[a] += amount;
  }

  /** The flow on edge {@code e} (after solving). */
  public long flow(int e) {
    return cap[rev[forwardArc[e]]];
  }

  public long edgeCost(int e) {
    return costOf[e];
  }

  public int edgeHead(int e) {
    return head[forwardArc[e]];
  }

  /** The edges leaving {@code u}, in the order they were added. */
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

  /** Σ flow · cost over all edges. */
  public long totalCost() {
    long total = 0;
    for (int e = 0; e < edgeCount; e++) {
      total = Math.addExact(total, Math.multiplyExact(flow(e), costOf[e]));
    }
    return total;
  }

  /**
   * The nodes in a topological order of the forward edges (Kahn). The networks built here are
   * acyclic; a cycle is a bug and is reported as such.
   */
  public int[] topologicalOrder() {
    int n = nodeCount;
    int[] indeg = new int[n];
    for (int a = 0; a < head.length; a++) {
      if (arcEdge[a] >= 0) {
        indeg[head[a]]++;
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
      for (int a = first[u]; a < first[u + 1]; a++) {
        if (arcEdge[a] >= 0 && --indeg[head[a]] == 0) {
          order[tailPos++] = head[a];
        }
      }
    }
    if (tailPos != n) {
      throw new IllegalStateException("network has a cycle");
    }
    return order;
  }
}
