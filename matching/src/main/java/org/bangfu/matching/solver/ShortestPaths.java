package org.bangfu.matching.solver;

import java.util.Arrays;

/**
 * The shortest-path step of a primal-dual phase, searched from both ends at once: Dijkstra on
 * reduced costs forward from the sources and backward from the sinks (along residual arcs into each
 * node), advancing whichever side has scanned fewer arcs once its next node is settled. Both stop
 * when the nearest opposite end's distance D is final, and both find the same D; the first to
 * finish wins, and only the nodes it settled move: forward, π(v) −= D − d(v) (every other node
 * keeps its potential, as if all rose by D); backward, π(v) += D − h(v) for the nodes closer than D
 * to a sink. Either way every residual arc keeps a reduced cost ≥ 0 and the arcs of the shortest
 * paths get reduced cost 0 (for the backward update: h(u) ≤ c̄(u, v) + h(v), so min(h(u), D) ≤
 * c̄(u, v) + min(h(v), D)).
 *
 * <p>Why both: in a warm start (and in the re-solves after pricing) the flow is already optimal
 * almost everywhere, so the arcs of zero reduced cost join the excesses to nearly the whole network
 * through s, t and the loop between them: a forward search settles all of it before it reaches the
 * few deficits one step further, phase after phase, to send one or two paths. Seen from the
 * deficits, the nodes closer than D are a handful. Late in a cold solve it is often the other way
 * round. Searching both, balanced by the arcs scanned, costs about twice the smaller search (plus
 * one node's arcs) and never needs to guess.
 */
final class ShortestPaths {
  private final FlowNetwork g;
  private final Side forward = new Side(true);
  private final Side backward = new Side(false);
  private int stamp;
  private boolean warm;
  private int s;
  private int t;

  /** Which side finished the last search, and what it settled (for the trace). */
  boolean lastForward;

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
    forward.start(n, warm ? sources : new int[] {s}, warm ? sourceCount : 1);
    Side done;
    if (both) {
      backward.start(n, warm ? sinks : new int[] {t}, warm ? sinkCount : 1);
      while (true) {
        if (forward.finished()) {
          done = forward;
          break;
        }
        if (backward.finished()) {
          done = backward;
          break;
        }
        // the side whose next node leaves it with less work done (arcs scanned) goes on: s and t
        // have an arc per pledge and per class, and the side that would scan them waits
        if (forward.workAfterNext() <= backward.workAfterNext()) {
          forward.settleNext();
        } else {
          backward.settleNext();
        }
      }
    } else {
      while (!forward.finished()) {
        forward.settleNext();
      }
      done = forward;
    }
    lastForward = done == forward;
    lastSettled = done.settledCount;
    lastWork = forward.work + (both ? backward.work : 0);
    lastDistance = done.found;
    if (done.found < 0) {
      return false;
    }
    done.apply();
    return true;
  }

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

    void start(int n, int[] roots, int count) {
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

    /** The arcs this side will have scanned once it settles its next node. */
    long workAfterNext() {
      int u = heap.top();
      return work + g.first[u + 1] - g.first[u];
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
      work += g.first[u + 1] - g.first[u];
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
      for (int a = g.first[u], end = g.first[u + 1]; a < end; a++) {
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
      for (int b = g.first[u], end = g.first[u + 1]; b < end; b++) {
        if (revCap[b] > 0) {
          int x = head[b];
          offer(x, d + pi[x] - cost[b] - pu);
        }
      }
    }

    private void offer(int v, long nd) {
      if (seen[v] == -stamp || nd > best) {
        return; // settled, or never settled before the nearest target
      }
      if (seen[v] != stamp || nd < dist[v]) {
        seen[v] = stamp;
        dist[v] = nd;
        heap.push(nd, v);
        if (nd < best && isTarget(v)) {
          best = nd;
        }
      }
    }

    void apply() {
      long[] pi = g.pi;
      for (int k = 0; k < settledCount; k++) {
        int u = settled[k];
        if (out) {
          pi[u] -= found - dist[u];
        } else {
          pi[u] += found - dist[u];
        }
      }
    }
  }
}
