package org.bangfu.matching.solver;

import java.util.Arrays;

/**
 * An exact max-profit (min-cost, free-amount) flow: the primal-dual method. Each phase finds the
 * shortest distance from the sources to the sinks under reduced costs (Dijkstra with potentials,
 * stopped once the nearest sink is settled), raises the potentials, then sends a blocking flow
 * (Dinic) along the arcs of zero reduced cost — every augmenting path of the phase is a shortest
 * one. See Ahuja, Magnanti and Orlin, "Network Flows", §9.8 (primal-dual).
 *
 * <p>Two ways in. {@link #solve()} starts from zero flow on an acyclic network: s is the only
 * source, t the only sink, and the phases stop when the shortest path no longer has negative cost,
 * so the flow is a min-cost flow of the most profitable amount. {@link #reoptimize()} starts from
 * the network's current flow and potentials after it changed (nodes and edges added, capacities
 * changed): every residual arc of negative reduced cost is saturated, then the imbalances recorded
 * in the network (excess at some nodes, deficit at others) are sent from excess to deficit at least
 * cost. With the loop edge t → s open ({@link #closeCirculation}) the network is a circulation, so
 * the result is again the exact optimum — a warm start that does only the work the change needs.
 *
 * <p>Potentials are kept relative to a global offset so a phase touches only the nodes its Dijkstra
 * settled, not the whole network.
 */
public final class MaxProfitFlow {
  private final FlowNetwork g;
  private final int s;
  private final int t;
  private int n;
  private long[] dist;
  private int[] seenStamp;
  private int stamp;
  private int[] level;
  private int[] levelStamp;
  private int[] cur;
  private int[] queue;
  private int[] fQueue;
  private int[] fStamp;
  private int[] fLevel;
  private int[] deadStamp;

  /**
   * Per node, the phase's list of its arcs of reduced cost 0 (its "zero arcs", in arc order): where
   * it starts in {@link #zeroArcs} (a count, then the arcs) and the phase ({@link #zeroPhase}) it
   * was made in. Within a phase the potentials stand still, so a level search or an augmenting
   * search can only ever take such an arc, whatever the capacities do; every level structure of the
   * phase looks at these lists instead of all of the node's arcs (and the potentials at their
   * heads).
   */
  private int[] zeroStart;

  private int[] zeroStamp;
  private int[] zeroArcs = new int[1024];
  private int zeroSize;
  private int zeroPhase;

  /**
   * Whether this phase's searches walk the nodes' zero arcs ({@link #zeroList}) or scan all of a
   * node's arcs for the admissible ones, as before: a cold solve's phases each build tens of level
   * structures through the same nodes, so a node's list is walked many times; a warm start's phases
   * build one to three, where making the list costs more than it saves (the incremental change was
   * about a second slower with lists). The same arcs in the same order either way.
   */
  private boolean zeroLists;

  private long bfsNodes;

  /** Of {@link #bfsNodes}: labelled from the excesses' side, and from s or t (their many arcs). */
  private long bfsForward;

  private long bfsThroughEnds;
  private long augmentArcs;
  private int phases;
  private int levelGraphs;
  private long dijkstraNanos;
  private int augmentations;
  private boolean warm;
  private int[] sources = new int[16];
  private int sourceCount;
  private int[] sinks = new int[16];
  private int sinkCount;

  private static final boolean TRACE = Boolean.getBoolean("bangfu.trace");
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private long dijkstraCpu;
  private long searchCpu;
  private long augmentCpu;

  /**
   * Where the shortest paths are searched from: {@code warm} (the default) from both ends in warm
   * starts and from s alone in a cold solve; {@code both} or {@code forward} everywhere (to
   * compare, {@code -Dbangfu.search=...}). Both ends make a warm start's phases local (see {@link
   * ShortestPaths}); in a cold solve the forward search's potentials make the blocking flows
   * cheaper (at a tenth of the national size the flow took 50 % longer with both ends).
   */
  private static final String SEARCH = System.getProperty("bangfu.search", "warm");

  private final ShortestPaths paths;
  private final String search;

  public MaxProfitFlow(FlowNetwork g, int source, int sink) {
    this(g, source, sink, SEARCH);
  }

  /** With the search given ({@code warm}, {@code both} or {@code forward}, see {@link #SEARCH}). */
  MaxProfitFlow(FlowNetwork g, int source, int sink, String search) {
    this.g = g;
    this.s = source;
    this.t = sink;
    this.paths = new ShortestPaths(g);
    this.search = search;
    ensureCapacity();
  }

  private void ensureCapacity() {
    int size = g.nodeCount();
    if (dist != null && dist.length >= size) {
      n = size;
      return;
    }
    int len = Math.max(size, dist == null ? 0 : dist.length + dist.length / 2);
    n = size;
    dist = new long[len];
    seenStamp = new int[len];
    level = new int[len];
    levelStamp = new int[len];
    cur = new int[len];
    queue = new int[len];
    fQueue = new int[len];
    fStamp = new int[len];
    fLevel = new int[len];
    deadStamp = new int[len];
    zeroStart = new int[len];
    zeroStamp = new int[len];
    zeroPhase = 0;
    stamp = 0;
  }

  public int phases() {
    return phases;
  }

  public int augmentations() {
    return augmentations;
  }

  /** How many level graphs (Dinic rounds) the phases built in all. */
  public int levelGraphs() {
    return levelGraphs;
  }

  /** How many arcs the augmenting searches have looked at in all (what a blocking flow costs). */
  /**
   * Arcs the level searches looked at out of nodes other than s and t, counting those looked at to
   * list a node's zero arcs (for the tests).
   */
  long levelArcsScanned() {
    return levelArcs;
  }

  private long levelArcs;

  long augmentArcsScanned() {
    return augmentArcs;
  }

  /** Time spent in the shortest-path searches, in milliseconds. */
  public long dijkstraMillis() {
    return dijkstraNanos / 1_000_000;
  }

  /**
   * Solves from zero flow; returns the total cost (≤ 0) of the flow, read back from the network.
   */
  public long solve() {
    g.freeze();
    ensureCapacity();
    warm = false;
    initialPotentials();
    sourceCount = 0;
    sinkCount = 0;
    while (true) {
      if (!shortestPaths()) {
        break;
      }
      // true cost of a shortest s–t path under the updated potentials
      if (g.pi[t] - g.pi[s] >= 0) {
        break;
      }
      phases++;
      blockingFlow();
    }
    g.solved();
    traceTotals();
    return g.totalCost();
  }

  /**
   * After {@link #solve()}: opens the loop edge {@code loop} (t → s, capacity 0 until now) with the
   * flow's amount on it, so the network is a circulation, and lowers the potentials near t so that
   * the loop's reverse arc (s → t) has no negative reduced cost either: then every later change can
   * be repaired by {@link #reoptimize()}.
   */
  public void closeCirculation(int loop) {
    long amount = 0;
    for (int a = g.first[s]; a < g.end[s]; a++) {
      if (g.arcEdge[a] >= 0) {
        amount += g.revCap[a];
      }
    }
    g.openLoop(loop, amount);
    long delta = g.pi[t] - g.pi[s];
    if (delta > 0 && amount > 0) {
      levelSink(delta, false);
    } else if (delta < 0) {
      // t was out of reach at the end: nothing can reach it from s, so raising it costs nothing
      levelSink(-delta, true);
    }
    g.solved();
  }

  /**
   * Brings t level with s: Dijkstra from t on reduced costs up to {@code delta}, along residual
   * arcs out of the nodes (or, {@code backward}, into them); every node v closer than that moves by
   * delta − h(v) (down, or up when backward). Every residual arc keeps a reduced cost ≥ 0 (h is a
   * shortest distance), and s does not move: it is at least delta away, as no cycle through the
   * loop has negative cost (forward), or it cannot reach t at all (backward).
   */
  private void levelSink(long delta, boolean backward) {
    stamp++;
    BucketQueue heap = new BucketQueue();
    dist[t] = 0;
    seenStamp[t] = stamp;
    heap.push(0, t);
    int[] settled = new int[64];
    int count = 0;
    while (!heap.isEmpty() && heap.topKey() < delta) {
      long d = heap.topKey();
      int u = heap.pop();
      if (d > dist[u] || seenStamp[u] == -stamp) {
        continue;
      }
      seenStamp[u] = -stamp;
      if (count == settled.length) {
        settled = Arrays.copyOf(settled, count * 2);
      }
      settled[count++] = u;
      for (int a = g.first[u]; a < g.end[u]; a++) {
        if ((backward ? g.revCap[a] : g.cap[a]) <= 0) {
          continue;
        }
        int v = g.head[a];
        // forward: the arc u → v; backward: the arc v → u (cost −cost[a])
        long nd = d + (backward ? g.pi[v] - g.cost[a] - g.pi[u] : g.cost[a] + g.pi[u] - g.pi[v]);
        if (seenStamp[v] != -stamp && (seenStamp[v] != stamp || nd < dist[v])) {
          seenStamp[v] = stamp;
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    long sign = backward ? 1 : -1;
    for (int k = 0; k < count; k++) {
      g.pi[settled[k]] += sign * (delta - dist[settled[k]]);
    }
  }

  /**
   * Re-solves after a change, from the current flow and potentials: saturates every residual arc of
   * negative reduced cost, then sends every node's excess to the deficits at least cost. The
   * network must be frozen; unbounded arcs must not have a negative reduced cost.
   */
  public void reoptimize() {
    g.freeze();
    ensureCapacity();
    warm = true;
    long c0 = TRACE ? CPU.getCurrentThreadCpuTime() : 0;
    if (g.tracked) {
      saturateWhatChanged();
    } else {
      saturateNegativeArcs();
      collectImbalances();
    }
    if (TRACE) {
      long total = 0;
      for (int k = 0; k < sourceCount; k++) {
        total += g.excess[sources[k]];
      }
      System.err.printf(
          "[%d nodes] warm start: %d arcs saturated, %d sources, %d sinks, %d units to send;"
              + " %s, %d arcs looked at, %d ms%n",
          n,
          saturated,
          sourceCount,
          sinkCount,
          total,
          g.tracked ? "what changed" : "everything",
          warmStartArcs - warmArcs0,
          (CPU.getCurrentThreadCpuTime() - c0) / 1_000_000);
      warmArcs0 = warmStartArcs;
    }
    while (sourceCount > 0) {
      if (!shortestPaths()) {
        throw new IllegalStateException("an imbalance cannot be repaired: no path to a deficit");
      }
      phases++;
      blockingFlow();
      dropBalanced();
    }
    if (sinkCount > 0) {
      throw new IllegalStateException("deficits left after every excess was sent");
    }
    g.solved();
    traceTotals();
  }

  /**
   * How many arcs the warm starts have looked at in all, to saturate those of negative reduced cost
   * and to settle the potentials of new nodes (what a warm start costs before its phases).
   */
  long warmStartArcs() {
    return warmStartArcs;
  }

  private long warmStartArcs;
  private long warmArcs0;

  /** A new or changed edge: both its arcs saturated if negative, both its ends candidates. */
  private void lookAtEdge(int e) {
    int a = g.forwardArc[e];
    saturateIfNegative(a);
    saturateIfNegative(g.rev[a]);
    candidate(g.edgeTail(e));
    candidate(g.edgeHead(e));
  }

  /**
   * The warm start after a solve, limited to what changed since ({@link FlowNetwork#tracked}): only
   * new edges, edges whose capacity or flow changed and the arcs of nodes whose potential moved can
   * have a negative reduced cost, and only their ends and the ends of what is saturated an
   * imbalance. The same arcs are saturated as by a scan of every arc (saturating one never makes
   * another negative: its reverse has the opposite reduced cost), and the excesses and deficits are
   * listed in node order as that scan lists them, so the phases run exactly as they did.
   */
  private void saturateWhatChanged() {
    saturated = 0;
    candidateCount = 0;
    for (int e = g.edgesAtSolve; e < g.edgeCount(); e++) {
      lookAtEdge(e);
    }
    for (int k = 0; k < g.changedEdgeCount; k++) {
      lookAtEdge(g.changedEdges[k]);
    }
    for (int k = 0; k < g.movedNodeCount; k++) {
      int u = g.movedNodes[k];
      candidate(u);
      for (int a = g.first[u]; a < g.end[u]; a++) {
        saturateIfNegative(a);
        saturateIfNegative(g.rev[a]);
      }
    }
    int[] nodes = Arrays.copyOf(candidates, candidateCount);
    Arrays.sort(nodes);
    sourceCount = 0;
    sinkCount = 0;
    for (int k = 0; k < nodes.length; k++) {
      int u = nodes[k];
      if (k > 0 && nodes[k - 1] == u) {
        continue;
      }
      if (g.excess[u] > 0) {
        sources = add(sources, sourceCount++, u);
      } else if (g.excess[u] < 0) {
        sinks = add(sinks, sinkCount++, u);
      }
    }
  }

  /** Nodes whose balance a change or a saturation may have broken (repeats allowed). */
  private int[] candidates = new int[64];

  private int candidateCount;

  private void candidate(int u) {
    candidates = add(candidates, candidateCount++, u);
  }

  private void saturateIfNegative(int a) {
    warmStartArcs++;
    long r = g.cap[a];
    if (r > 0) {
      int v = g.head[a];
      int u = g.head[g.rev[a]];
      if (g.cost[a] + g.pi[u] - g.pi[v] < 0) {
        if (r >= FlowNetwork.INF / 2) {
          throw new IllegalStateException("an unbounded arc has a negative reduced cost");
        }
        g.push(a, r);
        saturated++;
        g.excess[u] -= r;
        g.excess[v] += r;
        candidate(u);
        candidate(v);
      }
    }
  }

  /**
   * Gives the nodes added since the last solve (from {@code firstNew} on) potentials that leave the
   * old ones alone, then makes every unbounded arc valid again. New nodes start far above ({@link
   * #UNREACHED}); lowering heads along unbounded arcs settles those below an old node (a new hub or
   * class under an old hub gets its parent's potential); each one still above then takes the best
   * of its incoming arcs — or, if it leads into old nodes through unbounded arcs (a new
   * any-category hub over old category hubs), the highest of those, so that no old node, and none
   * of the flow below it, has to move — and the lowering runs again from it. Bounded arcs left with
   * a negative reduced cost are saturated by {@link #reoptimize()}.
   */
  public void settleNewPotentials(int firstNew) {
    g.freeze();
    ensureCapacity();
    long[] pi = g.pi;
    for (int v = firstNew; v < n; v++) {
      pi[v] = UNREACHED;
    }
    // every unbounded arc was valid after the last solve: only the tails of arcs added or changed
    // since, and nodes whose potential was set, can start a lowering (else: from every node)
    lowerAlongUnbounded(g.tracked ? changedTails() : allNodes(0));
    for (int v = firstNew; v < n; v++) {
      if (pi[v] >= UNREACHED / 2) {
        pi[v] = startingPotential(v, firstNew);
        lowerAlongUnbounded(new int[] {v});
      }
    }
  }

  /**
   * The tails of the unbounded edges added or changed since the last solve (the lowering follows no
   * other), and the nodes that moved.
   */
  private int[] changedTails() {
    int added = g.edgeCount() - g.edgesAtSolve;
    int[] out = new int[added + g.changedEdgeCount + g.movedNodeCount];
    int k = 0;
    for (int e = g.edgesAtSolve; e < g.edgeCount(); e++) {
      if (g.capacity(e) >= FlowNetwork.INF / 2) {
        out[k++] = g.edgeTail(e);
      }
    }
    for (int x = 0; x < g.changedEdgeCount; x++) {
      if (g.capacity(g.changedEdges[x]) >= FlowNetwork.INF / 2) {
        out[k++] = g.edgeTail(g.changedEdges[x]);
      }
    }
    for (int x = 0; x < g.movedNodeCount; x++) {
      out[k++] = g.movedNodes[x];
    }
    return Arrays.copyOf(out, k);
  }

  private int[] allNodes(int from) {
    int[] out = new int[n - from];
    for (int v = from; v < n; v++) {
      out[v - from] = v;
    }
    return out;
  }

  private long startingPotential(int v, int firstNew) {
    long[] pi = g.pi;
    long highestBelow = Long.MIN_VALUE;
    long bestIn = Long.MAX_VALUE;
    for (int a = g.first[v]; a < g.end[v]; a++) {
      int w = g.head[a];
      if (g.arcEdge[a] >= 0) {
        if (g.cap[a] >= FlowNetwork.INF / 2 && w < firstNew) {
          highestBelow = Math.max(highestBelow, pi[w] - g.cost[a]);
        }
      } else if (pi[w] < UNREACHED / 2 && g.revCap[a] > 0) {
        // the edge w → v: its cost is −cost[a]
        bestIn = Math.min(bestIn, pi[w] - g.cost[a]);
      }
    }
    if (highestBelow != Long.MIN_VALUE) {
      return highestBelow;
    }
    return bestIn != Long.MAX_VALUE ? bestIn : pi[s];
  }

  /**
   * Lowers heads of unbounded arcs whose reduced cost is negative, from the given nodes on, until
   * every unbounded arc reached is valid (the loop t → s is left alone: s and t never move here).
   */
  private void lowerAlongUnbounded(int[] start) {
    long[] pi = g.pi;
    int[] work = Arrays.copyOf(start, Math.max(start.length, 16));
    int size = start.length;
    while (size > 0) {
      int u = work[--size];
      if (u == t || pi[u] >= UNREACHED / 2) {
        continue;
      }
      warmStartArcs += g.end[u] - g.first[u];
      for (int a = g.first[u]; a < g.end[u]; a++) {
        if (g.arcEdge[a] < 0 || g.cap[a] < FlowNetwork.INF / 2) {
          continue;
        }
        int v = g.head[a];
        long bound = pi[u] + g.cost[a];
        if (pi[v] > bound) {
          pi[v] = bound;
          g.moved(v);
          if (size == work.length) {
            work = Arrays.copyOf(work, size * 2);
          }
          work[size++] = v;
        }
      }
    }
  }

  private int saturated;

  private void saturateNegativeArcs() {
    saturated = 0;
    long[] pi = g.pi;
    for (int u = 0; u < n; u++) {
      warmStartArcs += g.end[u] - g.first[u];
      for (int a = g.first[u]; a < g.end[u]; a++) {
        long r = g.cap[a];
        if (r > 0 && g.cost[a] + pi[u] - pi[g.head[a]] < 0) {
          if (r >= FlowNetwork.INF / 2) {
            throw new IllegalStateException("an unbounded arc has a negative reduced cost");
          }
          g.push(a, r);
          saturated++;
          g.excess[u] -= r;
          g.excess[g.head[a]] += r;
        }
      }
    }
  }

  private void collectImbalances() {
    sourceCount = 0;
    sinkCount = 0;
    for (int u = 0; u < n; u++) {
      if (g.excess[u] > 0) {
        sources = add(sources, sourceCount++, u);
      } else if (g.excess[u] < 0) {
        sinks = add(sinks, sinkCount++, u);
      }
    }
  }

  private static int[] add(int[] list, int at, int value) {
    int[] out = at == list.length ? Arrays.copyOf(list, at * 2) : list;
    out[at] = value;
    return out;
  }

  private void dropBalanced() {
    int k = 0;
    for (int i = 0; i < sourceCount; i++) {
      if (g.excess[sources[i]] > 0) {
        sources[k++] = sources[i];
      }
    }
    sourceCount = k;
    k = 0;
    for (int i = 0; i < sinkCount; i++) {
      if (g.excess[sinks[i]] < 0) {
        sinks[k++] = sinks[i];
      }
    }
    sinkCount = k;
  }

  private boolean shortestPaths() {
    long t0 = System.nanoTime();
    long c0 = TRACE ? CPU.getCurrentThreadCpuTime() : 0;
    boolean both = search.equals("both") || (warm && search.equals("warm"));
    boolean reached = paths.run(both, warm, s, t, sources, sourceCount, sinks, sinkCount);
    if (TRACE) {
      System.err.printf(
          "[%d nodes] shortest paths: %d settled (%d forward, %d backward), distance %d"
              + " (split at %d), %d arcs scanned%n",
          n,
          paths.lastSettled,
          paths.lastForwardSettled,
          paths.lastSettled - paths.lastForwardSettled,
          paths.lastDistance,
          paths.lastSplit,
          paths.lastWork);
    }
    dijkstraNanos += System.nanoTime() - t0;
    if (TRACE) {
      dijkstraCpu += CPU.getCurrentThreadCpuTime() - c0;
    }
    return reached;
  }

  private void blockingFlow() {
    long tp = System.nanoTime();
    zeroPhase++; // the potentials moved: every node's list is made anew when first needed
    zeroSize = 0;
    zeroLists = !warm;
    int lg0 = levelGraphs;
    int aug0 = augmentations;
    long arcs0 = augmentArcs;
    while (true) {
      long c1 = TRACE ? CPU.getCurrentThreadCpuTime() : 0;
      boolean more = searchLevels();
      searchCpu += (TRACE ? CPU.getCurrentThreadCpuTime() : 0) - c1;
      if (!more) {
        if (levelGraphs == lg0) {
          // the potentials just made every shortest path admissible: wrong ones must fail here,
          // not loop through phases that send nothing
          throw new IllegalStateException("a phase without an admissible path");
        }
        break;
      }
      levelGraphs++;
      long c2 = TRACE ? CPU.getCurrentThreadCpuTime() : 0;
      int paths = warm ? augmentAll() : augmentFromSource();
      if (paths == 0) {
        throw new IllegalStateException("a level graph without an augmenting path");
      }
      augmentations += paths;
      if (TRACE) {
        augmentCpu += CPU.getCurrentThreadCpuTime() - c2;
      }
    }
    if (TRACE) {
      System.err.printf(
          "[%d nodes] phase %d: %d level graphs, %d paths (%d arcs), %d ms, %d nodes labelled"
              + " (%d from the excesses' side, %d straight from s or t),"
              + " %d arcs scanned by the augmenting searches%n",
          n,
          phases,
          levelGraphs - lg0,
          augmentations - aug0,
          pathArcTotal,
          (System.nanoTime() - tp) / 1_000_000,
          bfsNodes,
          bfsForward,
          bfsThroughEnds,
          augmentArcs - arcs0);
      bfsNodes = 0;
      bfsForward = 0;
      bfsThroughEnds = 0;
      pathArcTotal = 0;
    }
  }

  private void traceTotals() {
    if (TRACE) {
      System.err.printf(
          "cpu: shortest paths %d ms, level searches %d ms, augmenting %d ms%n",
          dijkstraCpu / 1_000_000, searchCpu / 1_000_000, augmentCpu / 1_000_000);
    }
  }

  /** A node's potential (dual value) after solving; only differences are meaningful. */
  public long potential(int node) {
    return g.pi[node];
  }

  /**
   * Shortest distances along forward arcs in topological order (costs may be < 0): from s, and from
   * far above ({@link #UNREACHED}) for nodes s does not reach, so that every open forward arc —
   * also among nodes no flow reaches yet, which a later change may connect — starts with a reduced
   * cost ≥ 0.
   */
  private void initialPotentials() {
    long[] pi = g.pi;
    Arrays.fill(pi, 0, n, UNREACHED);
    pi[s] = 0;
    for (int u : g.topologicalOrder(-1, true)) {
      for (int a = g.first[u]; a < g.end[u]; a++) {
        if (g.arcEdge[a] >= 0 && g.cap[a] > 0) {
          long d = pi[u] + g.cost[a];
          if (d < pi[g.head[a]]) {
            pi[g.head[a]] = d;
          }
        }
      }
    }
  }

  /** The potential of nodes s does not reach: far above any reached one. */
  private static final long UNREACHED = 1L << 50;

  private int[] pathArcs = new int[64];

  /** The source–sink length (in arcs) of the current level structure. */
  private int sLength;

  /**
   * Levels for one round of Dinic, searched from both ends at once: a breadth-first search forward
   * from the sources and one backward from the sinks along admissible arcs (residual, zero reduced
   * cost), each time growing the side whose frontier is smaller, until some node is labelled from
   * both. With forward levels complete to depth kf and backward ones to kb, the first node met lies
   * on a shortest augmenting path, of length kf + kb + 1, and every shortest path runs through
   * forward-labelled nodes up to the meeting depth and backward-labelled ones after it. Late in a
   * solve the backward search alone would label most of the network for a handful of paths while
   * the forward frontier is small (few pledges still have supply), and early it is the other way
   * round; meeting in the middle touches far less than either. Returns false if no admissible path
   * is left.
   */
  private boolean searchLevels() {
    stamp++;
    endCur[S_OUT] = 0;
    endCur[T_OUT] = 0;
    final int st = stamp;
    int bt = 0;
    int ft = 0;
    if (warm) {
      for (int k = 0; k < sinkCount; k++) {
        int y = sinks[k];
        if (g.excess[y] < 0) {
          queue[bt++] = y;
          levelStamp[y] = st;
          level[y] = 0;
          cur[y] = curStart(y);
        }
      }
      for (int k = 0; k < sourceCount; k++) {
        int x = sources[k];
        if (g.excess[x] > 0) {
          fQueue[ft++] = x;
          fStamp[x] = st;
          fLevel[x] = 0;
          cur[x] = curStart(x);
        }
      }
    } else {
      queue[bt++] = t;
      levelStamp[t] = st;
      level[t] = 0;
      cur[t] = curStart(t);
      fQueue[ft++] = s;
      fStamp[s] = st;
      fLevel[s] = 0;
      cur[s] = curStart(s);
    }
    return meet(st, ft, bt);
  }

  /** The bidirectional search proper, from the frontiers set up by {@link #searchLevels}. */
  private boolean meet(int st, int ft, int bt) {
    final int[] head = g.head;
    final long[] cap = g.cap;
    final long[] revCap = g.revCap;
    final int[] cost = g.cost;
    final long[] pi = g.pi;
    int bh = 0;
    int fh = 0;
    int kb = 0;
    int kf = 0;
    while (true) {
      int fSize = ft - fh;
      int bSize = bt - bh;
      if (fSize == 0 || bSize == 0) {
        countLabels(ft, bt);
        return false;
      }
      // the smaller frontier grows (by nodes: weighing by arcs favours the forward side, whose
      // labels lead the augmenting search into many more dead ends); s or t waiting in a frontier
      // weighs what its expansion would label
      long fWeight = fSize + endWeight(fStamp, fLevel, st, kf, S_OUT, T_OUT);
      long bWeight = bSize + endWeight(levelStamp, level, st, kb, T_IN, S_IN);
      if (fWeight <= bWeight) {
        int end = ft;
        for (; fh < end; fh++) {
          int u = fQueue[fh];
          int side = u == s ? S_OUT : warm && u == t ? T_OUT : -1;
          int[] list;
          int from;
          int to;
          if (side >= 0) {
            list = endArcs(side);
            from = 0;
            to = endSize[side];
            if (meetsAtEnd(list, to, st, true, kf)) {
              countLabels(ft, bt);
              return true;
            }
          } else if (zeroLists) {
            int z = zeroList(u);
            list = zeroArcs;
            from = z + 1;
            to = from + list[z];
            levelArcs += to - from;
          } else {
            list = null; // every arc of u, its reduced cost checked
            from = g.first[u];
            to = g.end[u];
            levelArcs += to - from;
          }
          long pu = pi[u];
          // every arc listed has reduced cost 0: admissible while it has capacity
          for (int k = from; k < to; k++) {
            int a = list == null ? k : list[k];
            if (cap[a] <= 0) {
              continue;
            }
            int v = head[a];
            if (fStamp[v] != st && (list != null || cost[a] + pu - pi[v] == 0)) {
              fStamp[v] = st;
              fLevel[v] = kf + 1;
              if (levelStamp[v] == st) {
                sLength = kf + 1 + level[v];
                countLabels(ft, bt);
                return true;
              }
              cur[v] = curStart(v);
              fQueue[ft++] = v;
              if (side >= 0) {
                bfsThroughEnds++;
              }
            }
          }
        }
        kf++;
      } else {
        int end = bt;
        for (; bh < end; bh++) {
          int v = queue[bh];
          int side = v == t ? T_IN : warm && v == s ? S_IN : -1;
          int[] list;
          int from;
          int to;
          if (side >= 0) {
            list = endArcs(side);
            from = 0;
            to = endSize[side];
            if (meetsAtEnd(list, to, st, false, kb)) {
              countLabels(ft, bt);
              return true;
            }
          } else if (zeroLists) {
            int z = zeroList(v);
            list = zeroArcs;
            from = z + 1;
            to = from + list[z];
            levelArcs += to - from;
          } else {
            list = null;
            from = g.first[v];
            to = g.end[v];
            levelArcs += to - from;
          }
          long pv = pi[v];
          for (int k = from; k < to; k++) {
            int b = list == null ? k : list[k];
            if (revCap[b] <= 0) {
              continue;
            }
            int x = head[b];
            // the arc x → v is rev[b]: its cost is −cost[b], its residual revCap[b], and it has
            // reduced cost 0 exactly when b has (b is on v's list)
            if (levelStamp[x] != st && (list != null || pi[x] - cost[b] - pv == 0)) {
              levelStamp[x] = st;
              level[x] = kb + 1;
              if (fStamp[x] == st) {
                sLength = fLevel[x] + kb + 1;
                countLabels(ft, bt);
                return true;
              }
              cur[x] = curStart(x);
              queue[bt++] = x;
              if (side >= 0) {
                bfsThroughEnds++;
              }
            }
          }
        }
        kb++;
      }
    }
  }

  /**
   * Before s or t (an arc per pledge, per class) is expanded: whether one of its admissible arcs
   * (the phase's list, {@code size} of them) leads to a node the other side has labelled — then the
   * sides meet there, at the same depth as the expansion would find, without first labelling the
   * tens of thousands of nodes the list holds before it (most of a warm phase's labels came from s
   * and t). Sets the meeting node's label and {@link #sLength}.
   */
  private boolean meetsAtEnd(int[] list, int size, int st, boolean forward, int depth) {
    for (int k = 0; k < size; k++) {
      int a = list[k];
      int v = g.head[a];
      if (forward && fStamp[v] != st && levelStamp[v] == st) {
        fStamp[v] = st;
        fLevel[v] = depth + 1;
        sLength = depth + 1 + level[v];
        return true;
      }
      if (!forward && levelStamp[v] != st && fStamp[v] == st) {
        levelStamp[v] = st;
        level[v] = depth + 1;
        sLength = fLevel[v] + depth + 1;
        return true;
      }
    }
    return false;
  }

  /** What expanding s and t would label, for those of them in a frontier (at depth {@code k}). */
  private long endWeight(int[] stamps, int[] levels, int st, int k, int sSide, int tSide) {
    long w = 0;
    if (stamps[s] == st && levels[s] == k && (sSide == S_OUT || warm)) {
      w += endWeight(sSide, s);
    }
    if (stamps[t] == st && levels[t] == k && (tSide == T_IN || warm)) {
      w += endWeight(tSide, t);
    }
    return w;
  }

  private long endWeight(int side, int node) {
    return endPhase[side] == phases ? endSize[side] : g.end[node] - g.first[node];
  }

  private void countLabels(int forward, int backward) {
    bfsNodes += forward + backward;
    bfsForward += forward;
  }

  private static final int S_OUT = 0;
  private static final int T_IN = 1;
  private static final int T_OUT = 2;
  private static final int S_IN = 3;
  private final int[][] endList = new int[4][];
  private final int[] endSize = new int[4];
  private final int[] endPhase = {-1, -1, -1, -1};

  /**
   * The augmenting searches' current place in the lists of admissible arcs out of s and (warm) out
   * of t, for the level structure at hand (what {@link #cur} is for every other node).
   */
  private final int[] endCur = new int[4];

  /**
   * The admissible arcs out of s or into t (and, in a warm start, where paths may pass through the
   * loop t → s, out of t and into s), listed once per phase: s and t have an arc per pledge and per
   * class or need, and every level search of a phase would scan them all again. Within a phase the
   * potentials stand still, so the list is only filtered by residual capacity. (An arc that gains
   * capacity during the phase — a path through t and s — is missed until the next phase, whose
   * Dijkstra finds it at distance 0: the phase merely ends early.)
   */
  private int[] endArcs(int side) {
    int node = side == S_OUT || side == S_IN ? s : t;
    boolean forward = side == S_OUT || side == T_OUT;
    long[] residual = forward ? g.cap : g.revCap;
    int[] list = endList[side];
    int size = 0;
    if (endPhase[side] != phases) {
      endPhase[side] = phases;
      int degree = g.end[node] - g.first[node];
      if (list == null || list.length < degree) {
        list = endList[side] = new int[degree];
      }
      for (int a = g.first[node]; a < g.end[node]; a++) {
        int x = g.head[a];
        // forward: node → x at cost[a]; backward: x → node at −cost[a]
        long reduced =
            forward ? g.cost[a] + g.pi[node] - g.pi[x] : g.pi[x] - g.cost[a] - g.pi[node];
        if (residual[a] > 0 && reduced == 0) {
          list[size++] = a;
        }
      }
    } else {
      for (int k = 0; k < endSize[side]; k++) {
        if (residual[list[k]] > 0) {
          list[size++] = list[k];
        }
      }
    }
    endSize[side] = size;
    return list;
  }

  /**
   * Where node u's zero arcs are in {@link #zeroArcs} (at that index their count, then the arcs in
   * arc order), made the first time the phase needs them: the arcs out of u whose reduced cost is 0
   * (the same arcs are the ones whose reverse, into u, has reduced cost 0).
   */
  private int zeroList(int u) {
    if (zeroStamp[u] == zeroPhase) {
      return zeroStart[u];
    }
    final int[] head = g.head;
    final int[] cost = g.cost;
    final long[] pi = g.pi;
    int from = g.first[u];
    int to = g.end[u];
    levelArcs += to - from;
    int need = zeroSize + 1 + (to - from);
    if (need > zeroArcs.length) {
      zeroArcs = Arrays.copyOf(zeroArcs, Math.max(need, zeroArcs.length + zeroArcs.length / 2));
    }
    final int[] list = zeroArcs;
    int at = zeroSize;
    int k = at + 1;
    long pu = pi[u];
    for (int a = from; a < to; a++) {
      if (cost[a] + pu - pi[head[a]] == 0) {
        list[k++] = a;
      }
    }
    list[at] = k - at - 1;
    zeroSize = k;
    zeroStart[u] = at;
    zeroStamp[u] = zeroPhase;
    return at;
  }

  /**
   * A node's distance to a sink in the current level structure: its backward level if it has one,
   * else sLength − its forward level; −1 if unlabelled or a dead end of this round.
   */
  private int toGo(int v) {
    if (deadStamp[v] == stamp) {
      return -1;
    }
    if (levelStamp[v] == stamp) {
      return level[v];
    }
    if (fStamp[v] == stamp) {
      return sLength - fLevel[v];
    }
    return -1;
  }

  /** Cold: augmenting paths from s until the level structure has none left. */
  private int augmentFromSource() {
    int paths = 0;
    while (augment(s, Long.MAX_VALUE) > 0) {
      paths++;
    }
    return paths;
  }

  /** Warm: augmenting paths from each source with excess on a shortest path, until none is left. */
  private int augmentAll() {
    int paths = 0;
    for (int k = 0; k < sourceCount; k++) {
      int x = sources[k];
      while (g.excess[x] > 0 && toGo(x) == sLength) {
        long pushed = augment(x, g.excess[x]);
        if (pushed == 0) {
          break;
        }
        paths++;
      }
    }
    return paths;
  }

  /**
   * One augmenting path from {@code from} down the levels (iterative, current-arc pointers), at
   * most {@code limit} units; returns what it pushed (0: none left from there).
   */
  private long augment(int from, long limit) {
    final int[] head = g.head;
    int depth = 0;
    int u = from;
    int togo = warm ? toGo(from) : sLength;
    while (true) {
      if (warm ? togo == 0 && g.excess[u] < 0 : u == t) {
        return pushPath(from, u, depth, limit);
      }
      int side = endSide(u);
      int a = side >= 0 ? nextEndArc(side, togo) : nextArc(u, togo);
      if (a >= 0) {
        if (depth == pathArcs.length) {
          pathArcs = Arrays.copyOf(pathArcs, depth * 2);
        }
        pathArcs[depth++] = a;
        u = head[a];
        togo--;
      } else {
        deadStamp[u] = stamp; // a dead end for the rest of this round
        if (u == from) {
          return 0;
        }
        int back = pathArcs[--depth];
        u = head[g.rev[back]];
        togo++;
        int parentSide = endSide(u);
        if (parentSide >= 0) {
          endCur[parentSide]++;
        } else {
          cur[u]++;
        }
      }
    }
  }

  /**
   * s, and in a warm start t, have an arc per pledge or per class: out of them the augmenting
   * search walks the phase's list of their admissible arcs ({@link #listPathArcs}) instead, and
   * beside it the arcs that regained capacity since it was made ({@link #reopened}, warm only):
   * every arc the full scan could take, in the same order in a cold solve, whose flow stays the
   * same.
   */
  private int endSide(int u) {
    return u == s ? S_OUT : warm && u == t ? T_OUT : -1;
  }

  /**
   * From u's current arc on, the first admissible arc into a node one step closer to a sink; −1 if
   * none. At distance 0 and no sink, u is a dead end: looking on for "distance −1" would match
   * every node outside the level structure, whose current arcs belong to no level structure (arc 0
   * of the network for a node never labelled, another node's arcs after the network was rebuilt),
   * and each such step rescanned the network, once per spoke of a wide level.
   */
  private int nextArc(int u, int togo) {
    if (!zeroLists) {
      return nextArcScanned(u, togo);
    }
    if (togo <= 0) {
      return -1;
    }
    int z = zeroList(u);
    final int[] list = zeroArcs;
    int end = z + 1 + list[z];
    int k = z + 1 + cur[u]; // the current arc: a place in u's zero arcs
    int start = k;
    int want = togo - 1;
    final long[] cap = g.cap;
    final int[] head = g.head;
    while (k < end && !(cap[list[k]] > 0 && toGo(head[list[k]]) == want)) {
      k++;
    }
    augmentArcs += Math.max(0, (k < end ? k + 1 : k) - start);
    cur[u] = k - z - 1;
    return k < end ? list[k] : -1;
  }

  /** {@link #nextArc} where the phase lists no zero arcs: u's arcs scanned from its current one. */
  private int nextArcScanned(int u, int togo) {
    int end = g.end[u];
    int a = togo > 0 ? cur[u] : end;
    int start = a;
    int want = togo - 1;
    long pu = g.pi[u];
    while (a < end && !leadsOn(a, pu, want)) {
      a++;
    }
    augmentArcs += Math.max(0, (a < end ? a + 1 : a) - start);
    cur[u] = a;
    return a < end ? a : -1;
  }

  /** Where an augmenting search starts in v's arcs: its first zero arc, or its first arc. */
  private int curStart(int v) {
    return zeroLists ? 0 : g.first[v];
  }

  /**
   * Whether arc a, out of a node of potential pu, is admissible and leads to a node {@code want}
   * steps from a sink: the one test of both walks above and below.
   */
  private boolean leadsOn(int a, long pu, int want) {
    int v = g.head[a];
    return g.cap[a] > 0 && g.cost[a] + pu - g.pi[v] == 0 && toGo(v) == want;
  }

  /** The same out of s or t, along the phase's list of their admissible arcs; −1 if none. */
  private int nextEndArc(int side, int togo) {
    if (pathPhase[side] != phases) {
      listPathArcs(side);
    }
    int[] list = pathList[side];
    int[] extra = extraList[side];
    int size = pathSize[side];
    int all = size + extraSize[side];
    int k = togo > 0 ? endCur[side] : all;
    int start = k;
    int want = togo - 1;
    long pu = g.pi[side == S_OUT ? s : t];
    while (k < all && !leadsOn(k < size ? list[k] : extra[k - size], pu, want)) {
      k++;
    }
    augmentArcs += Math.max(0, (k < all ? k + 1 : k) - start);
    endCur[side] = k;
    return k >= all ? -1 : k < size ? list[k] : extra[k - size];
  }

  /**
   * The arcs out of s or t that are admissible as this phase starts, in arc order: the augmenting
   * searches' own list (the level searches' lists, {@link #endArcs}, are left as they are, since
   * which side a level search grows depends on them).
   */
  private void listPathArcs(int side) {
    int node = side == S_OUT ? s : t;
    int degree = g.end[node] - g.first[node];
    if (pathList[side] == null || pathList[side].length < degree) {
      pathList[side] = new int[degree];
    }
    int[] list = pathList[side];
    int size = 0;
    for (int a = g.first[node]; a < g.end[node]; a++) {
      if (g.cap[a] > 0 && g.cost[a] + g.pi[node] - g.pi[g.head[a]] == 0) {
        list[size++] = a;
      }
    }
    pathSize[side] = size;
    pathPhase[side] = phases;
    extraSize[side] = 0;
  }

  private final int[][] pathList = new int[4][];
  private final int[] pathSize = new int[4];
  private final int[] pathPhase = {-1, -1, -1, -1};

  /**
   * After a push along {@code a} into s or t (warm: a path through the loop): the opposite arc, out
   * of s or t, has capacity again, perhaps after the phase's list was made. The level search may
   * reach it from the other side (scanning the node it leads to), so the augmenting search out of s
   * or t must be able to take it: it is kept beside the list for the rest of the phase.
   */
  private void reopened(int a) {
    int h = g.head[a];
    int side = h == s ? S_OUT : h == t ? T_OUT : -1;
    if (side < 0 || pathPhase[side] != phases) {
      return; // no list yet in this phase: when it is made, it has the arc
    }
    int[] list = extraList[side];
    if (extraSize[side] == list.length) {
      list = extraList[side] = Arrays.copyOf(list, list.length * 2);
    }
    list[extraSize[side]++] = g.rev[a];
  }

  /** Per end: arcs out of s or t that regained capacity since the phase's list was made. */
  private final int[][] extraList = {new int[16], new int[16], new int[16], new int[16]};

  private final int[] extraSize = new int[4];

  private long pathArcTotal;

  private long pushPath(int from, int to, int depth, long limit) {
    pathArcTotal += depth;
    long push = limit;
    for (int k = 0; k < depth; k++) {
      push = Math.min(push, g.cap[pathArcs[k]]);
    }
    if (warm) {
      push = Math.min(push, -g.excess[to]);
      g.excess[from] -= push;
      g.excess[to] += push;
      if (g.excess[to] == 0) {
        deadStamp[to] = stamp; // no longer a sink
      }
    }
    for (int k = 0; k < depth; k++) {
      g.push(pathArcs[k], push);
      if (warm) {
        reopened(pathArcs[k]);
      }
    }
    return push;
  }
}
