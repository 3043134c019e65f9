package org.bangfu.matching.solver;

import java.util.Arrays;

/**
 * The shortest-path step of a primal-dual phase, searched from both ends at once: Dijkstra on
 * reduced costs forward from the sources (distances d) and backward from the sinks along residual
 * arcs into each node (distances h), advancing whichever side has scanned fewer arcs once its next
 * node is settled. Every node labelled by both sides gives a source–sink path; the shortest of them
 * is the distance D as soon as the two queues' tops add up to it (a bidirectional Dijkstra's stop
 * rule: a shorter path would run through a node neither side has settled, at least top_f from a
 * source and top_b from a sink). Then, for a split a with D − top_b ≤ a ≤ top_f, the forward side
 * lowers its nodes closer than a to a source, π(v) −= a − d(v), and the backward side raises its
 * nodes closer than D − a to a sink, π(v) += (D − a) − h(v); every other node keeps its potential.
 * That is π' = π + φ − a with φ(v) = min(d(v), a) + max(0, (D − a) − h(v)): every residual arc
 * keeps a reduced cost ≥ 0 and the arcs of the shortest paths get reduced cost 0 (the proof is in
 * docs/matching.md, *The solver*).
 *
 * <p>Why both: in a warm start (and in the re-solves after pricing) the flow is already optimal
 * almost everywhere, so the arcs of zero reduced cost join the excesses to nearly the whole network
 * through s, t and the loop between them: a forward search settles all of it before it reaches the
 * few deficits one step further, phase after phase, to send one or two paths. Seen from the
 * deficits, the nodes closer than D are a handful. Late in a cold solve it is often the other way
 * round. And when both sides' near nodes are few but the far ones reach into the whole network (s,
 * t and the loop between them join everything at a step of the weights), stopping where the sides
 * meet spares both of them the far part.
 */
final class ShortestPaths {
  private final FlowNetwork g;
  private final Side forward = new Side(true);
  private final Side backward = new Side(false);
  private int stamp;
  private boolean warm;
  private int s;
  private int t;

  /** What the last search settled on both sides, and the distance found (for the trace). */
  int lastSettled;

  long lastDistance;

  /** Arcs scanned by both sides of the last search. */
  long lastWork;

  ShortestPaths(FlowNetwork g) {
    this.g = g;
  }

  /**
   * One search ({@code both}: from both ends in turn, else forward only); on success the potentials
   * are updated and true returned; false if no sink can be reached. {@code sources}/{@code sinks}
   * are used when {@code warm} (the nodes of positive and negative excess), else s and t are the
   * only ends.
   */
  boolean run(
      boolean both,
      boolean warm,
      int s,
      int t,
      int[] sources,
      int sourceCount,
      int[] sinks,
      int sinkCount) {
    this.warm = warm;
    this.s = s;
    this.t = t;
    if (++stamp == Integer.MAX_VALUE) {
      stamp = 1;
      forward.resetStamps();
      backward.resetStamps();
    }
    int n = g.nodeCount();
    meeting = Long.MAX_VALUE;
    forward.start(
        n, warm ? sources : new int[] {s}, warm ? sourceCount : 1, both ? backward : null);
    if (!both) {
      return forwardOnly();
    }
    backward.start(n, warm ? sinks : new int[] {t}, warm ? sinkCount : 1, forward);
    return meet();
  }

  /** From the sources alone, until the nearest sink's distance is final. */
  private boolean forwardOnly() {
    while (!forward.finished()) {
      forward.settleNext();
    }
    record(forward.found, forward.found);
    if (forward.found < 0) {
      return false;
    }
    forward.apply(forward.found);
    return true;
  }

  /** From both ends, until the queues' tops add up to the best meeting. */
  private boolean meet() {
    while (true) {
      long topF = forward.topKey();
      long topB = backward.topKey();
      // no path shorter than the best meeting is left: one would run through a node neither side
      // has settled, at least topF from a source and topB from a sink
      if (meeting != Long.MAX_VALUE
          && (topF == Long.MAX_VALUE || topB == Long.MAX_VALUE || topF + topB >= meeting)) {
        break;
      }
      if (topF == Long.MAX_VALUE || topB == Long.MAX_VALUE) {
        record(-1, -1); // one side has settled all it reaches without meeting the other
        return false;
      }
      // the side whose next node leaves it with less work done (arcs scanned) goes on: s and t
      // have an arc per pledge and per class, and the side that would scan them waits
      if (forward.workAfterNext() <= backward.workAfterNext()) {
        forward.settleNext();
      } else {
        backward.settleNext();
      }
    }
    long d = meeting;
    // forward distances are final below topF, backward ones below topB, and topF + topB ≥ D: the
    // forward side moves its nodes closer than a to a source, the backward side those closer than
    // D − a to a sink (see apply); a as large as it may be
    long a = Math.min(forward.topKey(), d);
    record(d, a);
    forward.apply(a);
    backward.apply(d - a);
    return true;
  }

  private void record(long distance, long split) {
    lastSettled = forward.settledCount + (forward.other == null ? 0 : backward.settledCount);
    lastForwardSettled = forward.settledCount;
    lastWork = forward.work + (forward.other == null ? 0 : backward.work);
    lastDistance = distance;
    lastSplit = split;
  }

  /**
   * The shortest source–sink path seen so far through a node labelled by both sides: forward
   * distance plus backward distance (tentative, so an upper bound of D until the search stops).
   */
  private long meeting;

  /** For the trace: the forward side's share of {@link #lastSettled}, and the split a. */
  int lastForwardSettled;

  long lastSplit;

  /** One direction's Dijkstra, advanced a settled node at a time. */
  private final class Side {
    private final boolean out;
    private long[] dist = new long[0];
    private int[] seen = new int[0];
    private final BucketQueue heap = new BucketQueue();
    private int[] settled = new int[64];
    private int settledCount;
    private long best;
    private long found;
    private long work;

    Side(boolean out) {
      this.out = out;
    }

    void resetStamps() {
      Arrays.fill(seen, 0);
    }

    /** The other side when both search (they meet), null for a search from the sources alone. */
    private Side other;

    void start(int n, int[] roots, int count, Side other) {
      this.other = other;
      if (dist.length < n) {
        int len = Math.max(n, dist.length + dist.length / 2);
        dist = new long[len];
        seen = Arrays.copyOf(seen, len);
      }
      heap.clear();
      settledCount = 0;
      work = 0;
      best = Long.MAX_VALUE;
      found = -1;
      for (int k = 0; k < count; k++) {
        int x = roots[k];
        dist[x] = 0;
        seen[x] = stamp;
        heap.push(0, x);
      }
    }

    /** The opposite end: a sink going forward, a source going backward. */
    private boolean isTarget(int v) {
      if (warm) {
        return out ? g.excess[v] < 0 : g.excess[v] > 0;
      }
      return v == (out ? t : s);
    }

    /**
     * True when this side is done: the nearest target's distance is final ({@code found} ≥ 0), or
     * nothing is left to settle and no target was seen ({@code found} −1). Drops stale entries, so
     * that the queue's top is the next node to settle.
     */
    boolean finished() {
      while (!heap.isEmpty()) {
        long d = heap.topKey();
        if (d >= best) {
          found = best;
          return true;
        }
        int u = heap.top();
        if (d > dist[u] || seen[u] == -stamp) {
          heap.pop(); // stale entry
          continue;
        }
        return false;
      }
      found = best == Long.MAX_VALUE ? -1 : best;
      return true;
    }

    /**
     * The distance of the next node to settle, {@link Long#MAX_VALUE} when none is left; drops
     * stale entries, so that the queue's top is that node. Every node closer than this to this
     * side's ends is settled, with its final distance.
     */
    long topKey() {
      while (!heap.isEmpty()) {
        long d = heap.topKey();
        int u = heap.top();
        if (d > dist[u] || seen[u] == -stamp) {
          heap.pop(); // stale entry
          continue;
        }
        return d;
      }
      return Long.MAX_VALUE;
    }

    /** The arcs this side will have scanned once it settles its next node. */
    long workAfterNext() {
      int u = heap.top();
      return work + g.end[u] - g.first[u];
    }

    /** Settles the queue's top (after {@link #finished()} said false). */
    void settleNext() {
      long d = heap.topKey();
      int u = heap.pop();
      seen[u] = -stamp;
      if (settledCount == settled.length) {
        settled = Arrays.copyOf(settled, settledCount * 2);
      }
      settled[settledCount++] = u;
      work += g.end[u] - g.first[u];
      if (out) {
        relaxOut(u, d);
      } else {
        relaxIn(u, d);
      }
    }

    private void relaxOut(int u, long d) {
      final int[] head = g.head;
      final long[] cap = g.cap;
      final int[] cost = g.cost;
      final long[] pi = g.pi;
      long pu = pi[u];
      for (int a = g.first[u], end = g.end[u]; a < end; a++) {
        if (cap[a] > 0) {
          int v = head[a];
          offer(v, d + cost[a] + pu - pi[v]);
        }
      }
    }

    /** Along the arcs x → u: each is the reverse of an arc b stored at u (cost −cost[b]). */
    private void relaxIn(int u, long d) {
      final int[] head = g.head;
      final long[] revCap = g.revCap;
      final int[] cost = g.cost;
      final long[] pi = g.pi;
      long pu = pi[u];
      for (int b = g.first[u], end = g.end[u]; b < end; b++) {
        if (revCap[b] > 0) {
          int x = head[b];
          offer(x, d + pi[x] - cost[b] - pu);
        }
      }
    }

    private void offer(int v, long nd) {
      if (seen[v] == -stamp || nd > best) {
        return; // settled, or on no path shorter than the nearest target (the best meeting)
      }
      if (seen[v] != stamp || nd < dist[v]) {
        seen[v] = stamp;
        dist[v] = nd;
        heap.push(nd, v);
        if (other == null) {
          if (nd < best && isTarget(v)) {
            best = nd;
          }
        } else if (Math.abs(other.seen[v]) == stamp && nd + other.dist[v] < meeting) {
          // v is labelled from both ends: a source–sink path of this length runs through it
          meeting = nd + other.dist[v];
          forward.best = meeting;
          backward.best = meeting;
        }
      }
    }

    /**
     * Moves the settled nodes closer than {@code limit} to this side's ends: forward, π(v) −= limit
     * − d(v); backward, π(v) += limit − h(v).
     */
    void apply(long limit) {
      long[] pi = g.pi;
      for (int k = 0; k < settledCount; k++) {
        int u = settled[k];
        long by = limit - dist[u];
        if (by > 0) {
          pi[u] += out ? -by : by;
        }
      }
    }
  }
}
