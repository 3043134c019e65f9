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
  private final int[] fQueue;
  private final int[] fStamp;
  private final int[] fLevel;
  private final int[] deadStamp;
  private long bfsNodes;
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
    this.fQueue = new int[n];
    this.fStamp = new int[n];
    this.fLevel = new int[n];
    this.deadStamp = new int[n];
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
    BucketQueue heap = new BucketQueue();
    while (true) {
      long t0 = System.nanoTime();
      long c0 = TRACE ? CPU.getCurrentThreadCpuTime() : 0;
      boolean reached = dijkstra(heap);
      dijkstraNanos += System.nanoTime() - t0;
      if (TRACE) {
        dijkstraCpu += CPU.getCurrentThreadCpuTime() - c0;
      }
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
      while (true) {
        long c1 = TRACE ? CPU.getCurrentThreadCpuTime() : 0;
        boolean more = searchLevels();
        searchCpu += (TRACE ? CPU.getCurrentThreadCpuTime() : 0) - c1;
        if (!more) {
          break;
        }
        levelGraphs++;
        while (true) {
          long c2 = TRACE ? CPU.getCurrentThreadCpuTime() : 0;
          long pushed = augment();
          if (TRACE) {
            augmentCpu += CPU.getCurrentThreadCpuTime() - c2;
          }
          if (pushed == 0) {
            break;
          }
          augmentations++;
        }
      }
      if (TRACE) {
        System.err.printf(
            "phase %d: path cost %d, %d level graphs, %d paths, %d ms, %d nodes labelled%n",
            phases,
            pi[t] - pi[s],
            levelGraphs - lg0,
            augmentations - aug0,
            (System.nanoTime() - tp) / 1_000_000,
            bfsNodes);
        bfsNodes = 0;
      }
    }
    if (TRACE) {
      System.err.printf(
          "cpu: shortest paths %d ms, level searches %d ms, augmenting %d ms%n",
          dijkstraCpu / 1_000_000, searchCpu / 1_000_000, augmentCpu / 1_000_000);
    }
    return g.totalCost();
  }

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private long dijkstraCpu;
  private long searchCpu;
  private long augmentCpu;

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
   * Dijkstra on reduced costs from s, stopped as soon as t's distance is final (only nodes closer
   * than t are settled); then π(v) += min(d(v), d(t)) for every node, done lazily: nodes not
   * settled rise by d(t), which is the same as leaving them and lowering the settled ones by d(t) −
   * d(v). The potentials are then valid everywhere (every residual arc has reduced cost ≥ 0), so
   * any path of zero reduced cost is a shortest one: the level searches need no settled region, and
   * nodes exactly as far as t — often most of the network — are never settled. Returns false if t
   * is unreachable.
   */
  private boolean dijkstra(BucketQueue heap) {
    stamp++;
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
      if (seenStamp[t] == stamp && d >= dist[t]) {
        // t's distance is final; nodes as far as t or farther rise by d(t) like the rest
        dt = dist[t];
        break;
      }
      int u = heap.pop();
      if (d > dist[u] || seenStamp[u] == -stamp) {
        continue; // stale entry
      }
      seenStamp[u] = -stamp; // settled
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
        if (seenStamp[t] == stamp && nd > dist[t]) {
          continue; // never settled before t: it would only weigh on the queue
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

  /** The s–t length (in arcs) of the current level structure. */
  private int sLength;

  /**
   * Levels for one round of Dinic, searched from both ends at once: a breadth-first search forward
   * from s and one backward from t along admissible arcs (residual, zero reduced cost), each time
   * growing the side whose frontier is smaller, until some node is labelled from both. With forward
   * levels complete to depth kf and backward ones to kb, the first node met lies on a shortest
   * augmenting path, of length kf + kb + 1, and every shortest path runs through forward-labelled
   * nodes up to the meeting depth and backward-labelled ones after it. Late in the solve, the
   * backward search alone would label most of the network for a handful of paths while the forward
   * frontier is small (few pledges still have supply), and early it is the other way round; meeting
   * in the middle touches far less than either. Returns false if no admissible path is left.
   */
  private boolean searchLevels() {
    final int[] first = g.first;
    final int[] head = g.head;
    final long[] cap = g.cap;
    final long[] revCap = g.revCap;
    final long[] cost = g.cost;
    stamp++;
    final int st = stamp;
    // backward side: level[v] = arcs from v to t; queue[bh..bt) the current frontier
    int bh = 0;
    int bt = 0;
    queue[bt++] = t;
    levelStamp[t] = st;
    level[t] = 0;
    cur[t] = first[t];
    int kb = 0;
    // forward side: fLevel[v] = arcs from s to v
    int fh = 0;
    int ft = 0;
    fQueue[ft++] = s;
    fStamp[s] = st;
    fLevel[s] = 0;
    cur[s] = first[s];
    int kf = 0;
    while (true) {
      int fSize = ft - fh;
      int bSize = bt - bh;
      if (fSize == 0 || bSize == 0) {
        bfsNodes += ft + bt;
        return false;
      }
      // the smaller frontier grows (by nodes: weighing by arcs favours the forward side, whose
      // labels lead the augmenting search into many more dead ends)
      if (fSize <= bSize) {
        int end = ft;
        for (; fh < end; fh++) {
          int u = fQueue[fh];
          long pu = pi[u];
          int[] list = u == s ? endArcs(0) : null;
          int to = list == null ? first[u + 1] : endSize[0];
          for (int k = list == null ? first[u] : 0; k < to; k++) {
            int a = list == null ? k : list[k];
            if (cap[a] <= 0) {
              continue;
            }
            int v = head[a];
            if (fStamp[v] != st && cost[a] + pu - pi[v] == 0) {
              fStamp[v] = st;
              fLevel[v] = kf + 1;
              if (levelStamp[v] == st) {
                sLength = kf + 1 + level[v];
                bfsNodes += ft + bt;
                return true;
              }
              cur[v] = first[v];
              fQueue[ft++] = v;
            }
          }
        }
        kf++;
      } else {
        int end = bt;
        for (; bh < end; bh++) {
          int v = queue[bh];
          long pv = pi[v];
          int[] list = v == t ? endArcs(1) : null;
          int to = list == null ? first[v + 1] : endSize[1];
          for (int k = list == null ? first[v] : 0; k < to; k++) {
            int b = list == null ? k : list[k];
            if (revCap[b] <= 0) {
              continue;
            }
            int x = head[b];
            // the arc x → v is rev[b]; its cost is −cost[b] and its residual revCap[b]
            if (levelStamp[x] != st && pi[x] - cost[b] - pv == 0) {
              levelStamp[x] = st;
              level[x] = kb + 1;
              if (fStamp[x] == st) {
                sLength = fLevel[x] + kb + 1;
                bfsNodes += ft + bt;
                return true;
              }
              cur[x] = first[x];
              queue[bt++] = x;
            }
          }
        }
        kb++;
      }
    }
  }

  private final int[][] endList = new int[2][];
  private final int[] endSize = new int[2];
  private final int[] endPhase = {-1, -1};

  /**
   * The admissible arcs out of s (side 0) or into t (side 1), listed once per phase: s and t have
   * an arc per pledge and per class or need, and every level search of a phase would scan them all
   * again. Within a phase the potentials stand still, and these arcs only lose residual capacity
   * (an augmenting path never passes through s or t), so the list is only filtered.
   */
  private int[] endArcs(int side) {
    int node = side == 0 ? s : t;
    long[] residual = side == 0 ? g.cap : g.revCap;
    int[] list = endList[side];
    int size = 0;
    if (endPhase[side] != phases) {
      endPhase[side] = phases;
      int degree = g.first[node + 1] - g.first[node];
      if (list == null || list.length < degree) {
        list = endList[side] = new int[degree];
      }
      for (int a = g.first[node]; a < g.first[node + 1]; a++) {
        int x = g.head[a];
        // forward: s → x at cost[a]; backward: x → t at −cost[a]
        long reduced = side == 0 ? g.cost[a] + pi[s] - pi[x] : pi[x] - g.cost[a] - pi[t];
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
   * A node's distance to t in the current level structure: its backward level if it has one, else
   * sLength − its forward level; −1 if unlabelled or a dead end of this round.
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

  /** One augmenting path down the levels (iterative, current-arc pointers). */
  private long augment() {
    final long[] cap = g.cap;
    final long[] cost = g.cost;
    final int[] head = g.head;
    final int[] first = g.first;
    int depth = 0;
    int u = s;
    int togo = sLength;
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
      int want = togo - 1;
      long pu = pi[u];
      for (; a < end; a++) {
        int v = head[a];
        if (cap[a] > 0 && cost[a] + pu - pi[v] == 0 && toGo(v) == want) {
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
        togo = want;
      } else {
        deadStamp[u] = stamp; // a dead end for the rest of this round
        if (u == s) {
          return 0;
        }
        int back = pathArcs[--depth];
        u = head[g.rev[back]];
        togo++;
        cur[u]++;
      }
    }
  }

  /**
   * Dial's bucket queue for the shortest-path search: reduced distances are non-negative integers
   * that only grow as nodes are settled, and the ones that matter (up to t's) are small — about a
   * step of the weights per phase — so keys below {@code BUCKETS} go to a bucket of their own (a
   * linked list of entries) and only larger ones to a binary heap. Lazy deletion as in the heap.
   */
  private static final class BucketQueue {
    private static final int BUCKETS = 1 << 12;
    private final int[] bucketHead = new int[BUCKETS];
    private int[] entryNode = new int[1 << 12];
    private int[] entryNext = new int[1 << 12];
    private int entries;
    private int current;
    private final Heap overflow = new Heap(1024);

    BucketQueue() {
      clear();
    }

    void clear() {
      Arrays.fill(bucketHead, -1);
      entries = 0;
      current = 0;
      overflow.clear();
    }

    void push(long key, int node) {
      if (key >= BUCKETS) {
        overflow.push(key, node);
        return;
      }
      if (entries == entryNode.length) {
        entryNode = Arrays.copyOf(entryNode, entries * 2);
        entryNext = Arrays.copyOf(entryNext, entries * 2);
      }
      int k = (int) key;
      entryNode[entries] = node;
      entryNext[entries] = bucketHead[k];
      bucketHead[k] = entries++;
    }

    private void advance() {
      while (current < BUCKETS && bucketHead[current] < 0) {
        current++;
      }
    }

    boolean isEmpty() {
      advance();
      return current == BUCKETS && overflow.isEmpty();
    }

    long topKey() {
      advance();
      return current < BUCKETS ? current : overflow.topKey();
    }

    int pop() {
      advance();
      if (current < BUCKETS) {
        int e = bucketHead[current];
        bucketHead[current] = entryNext[e];
        return entryNode[e];
      }
      return overflow.pop();
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
