package org.bangfu.matching.solver;

import java.util.Arrays;

/**
 * A directed network with integer capacities and costs that can change between solves. Edges are
 * kept in plain arrays (tail, head, capacity, cost); the first {@link #freeze()} lays them out as a
 * compact forward-star (CSR) residual graph — every edge a forward arc and a reverse arc, side by
 * side in primitive arrays, with room to spare at each node — on which the solver runs and which
 * holds the flows from then on. {@link #thaw()} lets nodes and edges be added and capacities and
 * flows changed, each written straight into the residual graph, so freezing again lays nothing out.
 * Each node has a potential (the dual value the solver keeps between solves) and an imbalance
 * (inflow − outflow): a change that breaks the flow's conservation records it there, and the
 * solver's warm start repairs it, looking only at what changed since the last solve (the log
 * below).
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
    if (first != null) {
      if (nodeCount == first.length) {
        first = Arrays.copyOf(first, nodeCount * 2);
        end = Arrays.copyOf(end, nodeCount * 2);
        room = Arrays.copyOf(room, nodeCount * 2);
      }
      // no room yet: the node's first arc moves it to room of its own
      first[nodeCount] = 0;
      end[nodeCount] = 0;
      room[nodeCount] = 0;
    }
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
    if (first != null) {
      if (edgeCount == forwardArc.length) {
        forwardArc = Arrays.copyOf(forwardArc, edgeCount * 2);
      }
      placeArcs(edgeCount, 0);
      liveArcs += 2;
    }
    return edgeCount++;
  }

  /** Sets an edge's capacity; flow above it is taken off the edge (an imbalance at both ends). */
  public void setCapacity(int e, long capacity) {
    requireThawed();
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity");
    }
    long f = flow(e);
    if (f > capacity) {
      addFlow(e, capacity - f);
      f = capacity;
    }
    capOf[e] = capacity;
    if (first != null) {
      int a = forwardArc[e];
      cap[a] = capacity - f;
      revCap[rev[a]] = capacity - f;
    }
    changed(e);
  }

  /** Moves {@code delta} more units along edge {@code e}, recording the imbalance it makes. */
  public void addFlow(int e, long delta) {
    requireThawed();
    long f = flow(e) + delta;
    if (f < 0 || f > capOf[e]) {
      throw new IllegalArgumentException("flow " + f + " outside 0.." + capOf[e]);
    }
    if (first != null) {
      push(forwardArc[e], delta);
    } else {
      flowOf[e] = f;
    }
    excess[tail[e]] -= delta;
    excess[headOf[e]] += delta;
    changed(e);
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
    return first != null ? cap[rev[forwardArc[e]]] : flowOf[e];
  }

  public long potential(int node) {
    return pi[node];
  }

  public void setPotential(int node, long value) {
    pi[node] = value;
    moved(node);
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

  /**
   * Makes the residual graph the solver runs on; no edge can change until thawed. The first call
   * lays every edge out (with room to spare at each node); after that the graph is kept up as edges
   * are added and capacities and flows change, so freezing again costs nothing.
   */
  public void freeze() {
    if (frozen) {
      return;
    }
    if (first == null) {
      layOut();
    } else {
      compactIfSparse();
    }
    frozen = true;
  }

  /** Lets nodes and edges be added and capacities changed (the residual graph follows each). */
  public void thaw() {
    frozen = false;
  }

  /**
   * How many times the residual graph was laid out from the edges: once, and again only when the
   * arcs moved out of their nodes' room left too many holes ({@link #compact}).
   */
  public int layouts() {
    return layouts;
  }

  private int layouts;

  /**
   * The residual graph from the edges and their flows: a node's arcs side by side in the order
   * their edges were added, followed by spare room for the arcs of edges added later (an eighth of
   * the node's arcs and two more), so that a change does not lay out the whole network again.
   */
  private void layOut() {
    int n = nodeCount;
    int m = edgeCount;
    int[] degree = new int[n];
    for (int e = 0; e < m; e++) {
      degree[tail[e]]++;
      degree[headOf[e]]++;
    }
    first = new int[Math.max(n, 16)];
    end = new int[first.length];
    room = new int[first.length];
    int at = 0;
    for (int u = 0; u < n; u++) {
      first[u] = at;
      end[u] = at;
      at += degree[u] + (degree[u] >> 3) + 2;
      room[u] = at;
    }
    slots = at;
    liveArcs = 2L * m;
    int size = at + (at >> 3) + 16;
    head = new int[size];
    rev = new int[size];
    cap = new long[size];
    revCap = new long[size];
    cost = new int[size];
    arcEdge = new int[size];
    forwardArc = new int[Math.max(tail.length, 16)];
    for (int e = 0; e < m; e++) {
      placeArcs(e, flowOf[e]);
    }
    layouts++;
  }

  /** Puts edge e's two arcs at the ends of its nodes' arcs, with {@code f} units of flow. */
  private void placeArcs(int e, long f) {
    int u = tail[e];
    int v = headOf[e];
    if (u == v && end[u] + 2 > room[u]) {
      relocate(u); // both arcs at u: make room for them before taking the first
    }
    int a = slot(u);
    int b = slot(v);
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

  /**
   * The next free slot of node u's room, moving u's arcs to the end of the arrays if it is full.
   */
  private int slot(int u) {
    if (end[u] == room[u]) {
      relocate(u);
    }
    return end[u]++;
  }

  /**
   * Moves node u's arcs, in their order, to fresh room twice their number at the end of the arrays
   * (the arcs that point back at them follow); the old place becomes a hole that nothing reads.
   */
  private void relocate(int u) {
    int from = first[u];
    int count = end[u] - from;
    int size = Math.max(4, 2 * count);
    if ((long) slots + size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("network too large");
    }
    if (slots + size > head.length) {
      int len =
          (int)
              Math.min(
                  Integer.MAX_VALUE - 16L,
                  Math.max(slots + size, head.length + (long) head.length / 2));
      head = Arrays.copyOf(head, len);
      rev = Arrays.copyOf(rev, len);
      cap = Arrays.copyOf(cap, len);
      revCap = Arrays.copyOf(revCap, len);
      cost = Arrays.copyOf(cost, len);
      arcEdge = Arrays.copyOf(arcEdge, len);
    }
    int to = slots;
    slots += size;
    System.arraycopy(head, from, head, to, count);
    System.arraycopy(rev, from, rev, to, count);
    System.arraycopy(cap, from, cap, to, count);
    System.arraycopy(revCap, from, revCap, to, count);
    System.arraycopy(cost, from, cost, to, count);
    System.arraycopy(arcEdge, from, arcEdge, to, count);
    for (int k = 0; k < count; k++) {
      int a = to + k;
      int r = rev[a];
      if (r >= from && r < from + count) {
        rev[a] = r - from + to; // a loop at u: both arcs moved
      } else {
        rev[r] = a;
      }
      if (arcEdge[a] >= 0) {
        forwardArc[arcEdge[a]] = a;
      }
    }
    first[u] = to;
    end[u] = to + count;
    room[u] = to + size;
  }

  /**
   * Lays the residual graph out anew once moved arcs have left more holes than arcs (each move
   * doubles a node's room, so this is rare).
   */
  private void compactIfSparse() {
    if (slots > 3 * liveArcs + (1 << 16)) {
      for (int e = 0; e < edgeCount; e++) {
        flowOf[e] = cap[rev[forwardArc[e]]];
      }
      first = null;
      layOut();
    }
  }

  /**
   * What changed since the last solve ({@link #solved}): the edges added since (from {@link
   * #edgesAtSolve} on), the edges whose capacity or flow changed, and the nodes there then whose
   * potential was set or lowered. Every other residual arc kept the reduced cost ≥ 0 the solve left
   * it and every other node its balance, so a warm start need look at these alone. Not {@link
   * #tracked} before the first solve, or once the lists grew past an eighth of the network (then a
   * warm start looks at everything).
   */
  boolean tracked;

  int edgesAtSolve;
  int nodesAtSolve;
  int[] changedEdges = new int[64];
  int changedEdgeCount;
  int[] movedNodes = new int[64];
  int movedNodeCount;

  /** A solve just ended: every residual arc has a reduced cost ≥ 0, every node is balanced. */
  void solved() {
    tracked = true;
    edgesAtSolve = edgeCount;
    nodesAtSolve = nodeCount;
    changedEdgeCount = 0;
    movedNodeCount = 0;
  }

  /**
   * A change list with room for one more entry, or null once it has outgrown an eighth of the
   * {@code whole} it lists from: the warm start then looks at everything, cheaper than such a list.
   */
  private static int[] roomInLog(int[] log, int count, int whole) {
    if (count < log.length) {
      return log;
    }
    return count > whole / 8 ? null : Arrays.copyOf(log, count * 2);
  }

  /** Stops listing changes until the next solve: the warm start will look at everything. */
  private void forgetChanges() {
    tracked = false;
    changedEdges = new int[64];
    changedEdgeCount = 0;
    movedNodes = new int[64];
    movedNodeCount = 0;
  }

  private void changed(int e) {
    if (!tracked || e >= edgesAtSolve) {
      return;
    }
    changedEdges = roomInLog(changedEdges, changedEdgeCount, edgeCount);
    if (changedEdges == null) {
      forgetChanges();
      return;
    }
    changedEdges[changedEdgeCount++] = e;
  }

  /**
   * Sets a node's imbalance by hand, as a change that moved flow would leave it (for tests of the
   * warm start: the engine's changes move flow along edges).
   */
  void setImbalance(int u, long value) {
    excess[u] = value;
    moved(u);
  }

  /**
   * Node u's potential (or, by hand, its balance) changed outside a solve (a node added since has
   * only new edges).
   */
  void moved(int u) {
    if (!tracked || u >= nodesAtSolve) {
      return;
    }
    movedNodes = roomInLog(movedNodes, movedNodeCount, nodeCount);
    if (movedNodes == null) {
      forgetChanges();
      return;
    }
    movedNodes[movedNodeCount++] = u;
  }

  /** Per node: one past its last arc, and one past its room (valid once laid out). */
  int[] end;

  private int[] room;

  /** Slots of the arc arrays in use (arcs, spare room and holes). */
  private int slots;

  private long liveArcs;

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
    for (int a = first[u]; a < end[u]; a++) {
      if (arcEdge[a] >= 0) {
        count++;
      }
    }
    int[] out = new int[count];
    int k = 0;
    for (int a = first[u]; a < end[u]; a++) {
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
    return end[u];
  }

  /**
   * Whether arc {@code a} is the forward arc of an unbounded edge, from the arc's own slots (its
   * residual and its reverse's make up the edge's capacity): the scans of a hub's arcs stay within
   * the node's arcs.
   */
  public boolean unboundedForward(int a) {
    return arcEdge[a] >= 0 && cap[a] + revCap[a] >= INF / 2;
  }

  /** The node arc {@code a} leads to (frozen). */
  public int arcHead(int a) {
    return head[a];
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
