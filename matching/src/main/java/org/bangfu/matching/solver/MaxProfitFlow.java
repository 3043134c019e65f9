package org.bangfu.matching.solver;

import java.util.Arrays;

/**
 * An exact max-profit (min-cost, free-amount) flow on an acyclic network with negative costs: the
 * primal-dual method. Each phase finds the shortest s–t distance under reduced costs (Dijkstra with
 * potentials, stopped once t is settled), raises the potentials, then sends a blocking maximum flow
 * (Dinic) along the arcs of zero reduced cost — every augmenting path of the phase is a shortest
 * one. Phases stop when the shortest path no longer has negative cost, so the flow is a min-cost
 * flow of the best amount (path costs only rise: the cost of a min-cost flow is convex in its
 * amount). The number of phases is at most the number of distinct shortest-path lengths, which is
 * small because the costs are small integers (a few weights summed). See Ahuja, Magnanti and Orlin,
 * "Network Flows", §9.8 (primal-dual).
 *
 * <p>Potentials are kept relative to a global offset so a phase touches only the nodes its Dijkstra
 * settled, not the whole network.
 */
public final class MaxProfitFlow {
  private final FlowNetwork g;
  private final int s;
  private final int t;
  private final int n;
  private final long[] pi;
  private final boolean[] reachable;
  private final long[] dist;
  private final int[] seenStamp;
  private int stamp;
  private final int[] level;
  private final int[] levelStamp;
  private final int[] cur;
  private final int[] queue;
  private int regionStamp;
  private int phases;
  private int levelGraphs;
  private long dijkstraNanos;
  private int augmentations;

  private static final boolean TRACE = Boolean.getBoolean("bangfu.trace");

  public MaxProfitFlow(FlowNetwork g, int source, int sink) {
    this.g = g;
    this.s = source;
    this.t = sink;
    this.n = g.nodeCount();
    this.pi = new long[n];
    this.reachable = new boolean[n];
    this.dist = new long[n];
    this.seenStamp = new int[n];
    this.level = new int[n];
    this.levelStamp = new int[n];
    this.cur = new int[n];
    this.queue = new int[n];
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

  /** Time spent in the shortest-path searches, in milliseconds. */
  public long dijkstraMillis() {
    return dijkstraNanos / 1_000_000;
  }

  /** Solves; returns the total cost (≤ 0) of the flow, read back from the network. */
  public long solve() {
    initialPotentials();
    Heap heap = new Heap(1024);
    while (true) {
      long t0 = System.nanoTime();
      boolean reached = dijkstra(heap);
      dijkstraNanos += System.nanoTime() - t0;
      if (!reached) {
        break;
      }
      // true cost of a shortest s–t path under the updated potentials
      if (pi[t] - pi[s] >= 0) {
        break;
      }
      phases++;
      long tp = System.nanoTime();
      int lg0 = levelGraphs;
      int aug0 = augmentations;
      while (bfsBackward()) {
        levelGraphs++;
        while (true) {
          long pushed = dfsBackward();
          if (pushed == 0) {
            break;
          }
          augmentations++;
        }
      }
      if (TRACE) {
        System.err.printf(
            "phase %d: path cost %d, %d level graphs, %d paths, %d ms%n",
            phases,
            pi[t] - pi[s],
            levelGraphs - lg0,
            augmentations - aug0,
            (System.nanoTime() - tp) / 1_000_000);
      }
    }
    return g.totalCost();
  }

  /** A node's potential (dual value) after {@link #solve}; only differences are meaningful. */
  public long potential(int node) {
    return pi[node];
  }

  /** Whether s reaches the node in the network as built (before any flow). */
  public boolean reachable(int node) {
    return reachable[node];
  }

  /** Shortest distances from s along forward arcs in topological order (costs may be < 0). */
  private void initialPotentials() {
    final long unreached = Long.MAX_VALUE / 2;
    Arrays.fill(pi, unreached);
    pi[s] = 0;
    for (int u : g.topologicalOrder()) {
      if (pi[u] == unreached) {
        continue;
      }
      for (int a = g.first[u]; a < g.first[u + 1]; a++) {
        if (g.arcEdge[a] >= 0 && g.cap[a] > 0) {
          long d = pi[u] + g.cost[a];
          if (d < pi[g.head[a]]) {
            pi[g.head[a]] = d;
          }
        }
      }
    }
    // nodes s cannot reach never take part; keep their potential finite and harmless
    for (int u = 0; u < n; u++) {
      reachable[u] = pi[u] != unreached;
      if (!reachable[u]) {
        pi[u] = 0;
      }
    }
  }

  /**
   * Dijkstra on reduced costs from s, stopped when t is settled; then π(v) += min(d(v), d(t)) for
   * every node, done lazily: nodes not settled before t rise by d(t), which is the same as leaving
   * them and lowering the settled ones by d(t) − d(v). Returns false if t is unreachable.
   */
  private boolean dijkstra(Heap heap) {
    stamp++;
    regionStamp = stamp;
    heap.clear();
    dist[s] = 0;
    seenStamp[s] = stamp;
    heap.push(0, s);
    int[] settled = new int[64];
    int settledCount = 0;
    long dt = -1;
    final int[] first = g.first;
    final int[] head = g.head;
    final long[] cap = g.cap;
    final long[] cost = g.cost;
    while (!heap.isEmpty()) {
      long d = heap.topKey();
      if (dt >= 0 && d > dt) {
        break;
      }
      int u = heap.pop();
      if (d > dist[u] || seenStamp[u] == -stamp) {
        continue; // stale entry
      }
      seenStamp[u] = -stamp; // settled
      if (u == t) {
        // settle every node as close as t too: they may lie on shortest paths
        dt = d;
        continue;
      }
      if (dt >= 0 && d > dt) {
        break;
      }
      if (settledCount == settled.length) {
        settled = Arrays.copyOf(settled, settledCount * 2);
      }
      settled[settledCount++] = u;
      long pu = pi[u];
      for (int a = first[u]; a < first[u + 1]; a++) {
        if (cap[a] <= 0) {
          continue;
        }
        int v = head[a];
        long nd = d + cost[a] + pu - pi[v];
        if (seenStamp[v] == -stamp) {
          continue;
        }
        if (seenStamp[v] != stamp || nd < dist[v]) {
          seenStamp[v] = stamp;
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    if (dt < 0) {
      return false;
    }
    for (int k = 0; k < settledCount; k++) {
      int u = settled[k];
      pi[u] -= dt - dist[u];
    }
    // t itself: d(t) − d(t) = 0, unchanged; every other node implicitly +d(t) (global offset)
    return true;
  }

  private int[] pathArcs = new int[64];

  /**
   * Backward levels: each node's distance to t along admissible arcs (residual, zero reduced cost,
   * inside the settled region), searched from t until s is labelled. Searching from t touches only
   * what can still reach t, which in late phases is a small part of the network.
   */
  private boolean bfsBackward() {
    final int settledMark = -regionStamp;
    final int[] first = g.first;
    final int[] head = g.head;
    final int[] rev = g.rev;
    final long[] cap = g.cap;
    final long[] cost = g.cost;
    stamp++;
    int qh = 0;
    int qt = 0;
    queue[qt++] = t;
    levelStamp[t] = stamp;
    level[t] = 0;
    int sLevel = Integer.MAX_VALUE;
    while (qh < qt) {
      int v = queue[qh++];
      int lv = level[v];
      if (lv >= sLevel) {
        break;
      }
      long pv = pi[v];
      final long[] revCap = g.revCap;
      for (int b = first[v]; b < first[v + 1]; b++) {
        if (revCap[b] <= 0) {
          continue;
        }
        int x = head[b];
        // the arc x → v is rev[b]; its cost is −cost[b] and its residual revCap[b]
        if (levelStamp[x] != stamp && seenStamp[x] == settledMark && pi[x] - cost[b] - pv == 0) {
          levelStamp[x] = stamp;
          level[x] = lv + 1;
          cur[x] = first[x];
          if (x == s) {
            sLevel = lv + 1;
          } else {
            queue[qt++] = x;
          }
        }
      }
    }
    return levelStamp[s] == stamp;
  }

  /** One augmenting path down the backward levels (iterative, current-arc pointers). */
  private long dfsBackward() {
    final int settledMark = -regionStamp;
    final long[] cap = g.cap;
    final long[] cost = g.cost;
    final int[] head = g.head;
    final int[] first = g.first;
    int depth = 0;
    int u = s;
    while (true) {
      if (u == t) {
        long push = Long.MAX_VALUE;
        for (int k = 0; k < depth; k++) {
          push = Math.min(push, cap[pathArcs[k]]);
        }
        for (int k = 0; k < depth; k++) {
          int a = pathArcs[k];
          g.push(a, push);
        }
        return push;
      }
      int end = first[u + 1];
      int a = cur[u];
      int want = level[u] - 1;
      long pu = pi[u];
      for (; a < end; a++) {
        int v = head[a];
        if (cap[a] > 0
            && levelStamp[v] == stamp
            && level[v] == want
            && seenStamp[v] == settledMark
            && cost[a] + pu - pi[v] == 0) {
          break;
        }
      }
      cur[u] = a;
      if (a < end) {
        if (depth == pathArcs.length) {
          pathArcs = Arrays.copyOf(pathArcs, depth * 2);
        }
        pathArcs[depth++] = a;
        u = head[a];
      } else {
        levelStamp[u] = 0; // a dead end for the rest of this round
        if (u == s) {
          return 0;
        }
        int back = pathArcs[--depth];
        u = head[g.rev[back]];
        cur[u]++;
      }
    }
  }

  /** A binary min-heap of (long key, int node) pairs with lazy deletion. */
  private static final class Heap {
    private long[] keys;
    private int[] nodes;
    private int size;

    Heap(int capacity) {
      keys = new long[capacity];
      nodes = new int[capacity];
    }

    void clear() {
      size = 0;
    }

    boolean isEmpty() {
      return size == 0;
    }

    long topKey() {
      return keys[0];
    }

    void push(long key, int node) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        nodes = Arrays.copyOf(nodes, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (keys[p] <= key) {
          break;
        }
        keys[i] = keys[p];
        nodes[i] = nodes[p];
        i = p;
      }
      keys[i] = key;
      nodes[i] = node;
    }

    int pop() {
      int top = nodes[0];
      size--;
      if (size > 0) {
        long key = keys[size];
        int node = nodes[size];
        int i = 0;
        while (true) {
          int c = 2 * i + 1;
          if (c >= size) {
            break;
          }
          if (c + 1 < size && keys[c + 1] < keys[c]) {
            c++;
          }
          if (keys[c] >= key) {
            break;
          }
          keys[i] = keys[c];
          nodes[i] = nodes[c];
          i = c;
        }
        keys[i] = key;
        nodes[i] = node;
      }
      return top;
    }
  }
}
