package org.bangfu.matching.network;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.solver.FlowNetwork;

/**
 * Pledges whose {@code maxPerNeed} binds get their arcs lazily (column generation). Such a pledge
 * cannot share hubs — its cap is per need — so it needs an arc to every need it gives to; but it
 * gives to a few of the thousands of needs it may give to, so the network starts with none of those
 * arcs and each round adds the ones that would pay: after a solve, the potentials say what one more
 * unit is worth at every class, and an arc from pledge j to the needs of class c earns something
 * exactly when its reduced cost −a(j, c) + π(j) − π(c) is negative. The solver then re-optimises
 * from where it was (warm start), and rounds go on until no arc not yet in the network has a
 * negative reduced cost. Then the potentials prove the flow optimal for the whole network — every
 * eligible (pledge, need) arc included — so the answer is exact.
 *
 * <p>A class stands for its needs here: an aggregated class's potential is a valid potential for
 * each of its needs (see {@link UnitNetwork#expand}), so pricing against it is exact.
 *
 * <p>The search is best first down the hub tree: a hub's potential bounds those of the nodes below
 * it (the arcs down are unbounded, so their reduced costs are ≥ 0), and the pledge's largest
 * affinity below a region bounds what it may add; so whole subtrees are skipped, and for each
 * pledge the classes come out best first, stopping when enough of them are found to take the
 * pledge's quantity.
 *
 * <p>After a pricing round that found nothing, every arc not in the network had a reduced cost ≥ 0:
 * for each restricted pledge j and class c it may give to, best(c) + a(j, c) ≤ π(j). Until the next
 * such round only what moved can break that: a pledge whose potential fell, or a class whose best
 * potential rose (or that is new). So the rounds after a change search every class for the pledges
 * that moved (and the new ones), and for the others only the subtrees where some class rose: the
 * same classes come out as from a search of everything, and a round finds nothing exactly when the
 * full search would find nothing (the change's pricing over every capped pledge cost the national
 * CNY network seconds).
 */
final class Pricing {
  private final UnitNetwork net;
  private final FlowNetwork g;

  /** The local pledges whose maxPerNeed binds. */
  private final IntList pledges = new IntList();

  private static final long SLACK = Long.getLong("bangfu.slack", 300);

  /** (pledge, class) pairs whose arcs are in the network. */
  private final LongIntMap generated = new LongIntMap(1024);

  /** Per node: the highest potential of a class or need at or below it (this round). */
  long[] best;

  /**
   * This round: per node, whether a class at or below it rose since the last round that found
   * nothing; null: every class is searched.
   */
  boolean[] rose;

  /** At the last round that found nothing: the potentials, {@link #best} and the node count. */
  private long[] pricedPi;

  private long[] pricedBest;
  private int pricedNodes;

  private int arcsAdded;

  Pricing(UnitNetwork net) {
    this.net = net;
    this.g = net.g;
  }

  void add(int localPledge) {
    pledges.add(localPledge);
  }

  /** A pledge taken out of the round gets no more arcs. */
  void remove(int localPledge) {
    pledges.removeValue(localPledge);
  }

  boolean isEmpty() {
    return pledges.isEmpty();
  }

  int arcsAdded() {
    return arcsAdded;
  }

  /**
   * One round on a solved network (frozen, potentials valid): finds the classes each restricted
   * pledge should have arcs to, then thaws the network and adds them. Returns how many (pledge,
   * class) pairs were added; 0 means the flow is optimal.
   */
  int round() {
    bestBelow();
    long[] wanted = collect(this, false);
    if (wanted.length == 0) {
      remember();
    }
    best = null;
    rose = null;
    if (wanted.length == 0) {
      return 0;
    }
    g.thaw();
    add(wanted);
    return wanted.length;
  }

  /**
   * The (pledge, class) pairs worth adding by the potentials of {@code priced}'s network (this
   * one): with negative reduced cost, or, {@code tight}, with a reduced cost of at most {@code
   * SLACK} — for the first arcs, chosen while capped pledges still go through the hubs (a
   * relaxation, whose potentials price the competition for every need in): then no arc can have a
   * negative reduced cost, as the hubs offer the same routes uncapped.
   */
  long[] search(Pricing priced, boolean tight) {
    priced.forget();
    priced.bestBelow();
    long[] wanted = collect(priced, tight);
    priced.best = null;
    return wanted;
  }

  /**
   * The pairs worth adding, by {@code priced}'s {@link #best} (and {@link #rose}), in the order of
   * the pledges. Each pledge's search only reads, so when a core is free ({@link SpareCore}) a
   * second thread takes every other run of pledges, and the runs are joined in order.
   */
  private long[] collect(Pricing priced, boolean tight) {
    int n = pledges.size();
    int runs = (n + RUN - 1) / RUN;
    if (runs < 2 || !net.round.cores.free()) {
      return collect(priced, tight, 0, n);
    }
    long[][] found = new long[runs][];
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          for (int r = next.getAndIncrement(); r < runs; r = next.getAndIncrement()) {
            found[r] = collect(priced, tight, r * RUN, Math.min(n, (r + 1) * RUN));
          }
        };
    SpareCore.both(true, work, work);
    int total = 0;
    for (long[] f : found) {
      total += f.length;
    }
    long[] out = new long[total];
    int at = 0;
    for (long[] f : found) {
      System.arraycopy(f, 0, out, at, f.length);
      at += f.length;
    }
    return out;
  }

  /** Pledges per run of a search on two threads. */
  private static final int RUN = 256;

  /** The pairs worth adding for the pledges from {@code from} to {@code to} (their positions). */
  private long[] collect(Pricing priced, boolean tight, int from, int to) {
    long[] wanted = new long[64];
    int count = 0;
    for (int k = from; k < to; k++) {
      int j = pledges.get(k);
      boolean[] only = priced.rose == null || priced.moved(j) ? null : priced.rose;
      for (int c : priced.new Search(j, generated, tight, only).run()) {
        if (count == wanted.length) {
          wanted = Arrays.copyOf(wanted, count * 2);
        }
        wanted[count++] = ((long) j << 32) | c;
      }
    }
    return Arrays.copyOf(wanted, count);
  }

  /** Whether pledge j is new or its potential fell since the last round that found nothing. */
  private boolean moved(int j) {
    int node = net.pledgeNode.get(j);
    return node >= pricedNodes || g.potential(node) < pricedPi[node];
  }

  /** The state every later round is compared with: this round found nothing. */
  private void remember() {
    int n = g.nodeCount();
    pricedPi = new long[n];
    for (int v = 0; v < n; v++) {
      pricedPi[v] = g.potential(v);
    }
    pricedBest = best;
    pricedNodes = n;
  }

  /** The network was rebuilt around the pledges (a first solve): the next rounds search all. */
  private void forget() {
    pricedPi = null;
    pricedBest = null;
    pricedNodes = 0;
  }

  /** Arcs from pledge j to the needs of every class given (the network is thawed). */
  void giveAll(int j, IntList classes) {
    for (int k = 0; k < classes.size(); k++) {
      addArcs(j, classes.get(k));
    }
  }

  /** Adds the arcs of the given (pledge, class) pairs (the network is thawed). */
  void add(long[] wanted) {
    for (long x : wanted) {
      addArcs((int) (x >>> 32), (int) x);
    }
  }

  /** Arcs from pledge j to every need of class c (expanding the class if it is aggregated). */
  private void addArcs(int j, int c) {
    generated.put(((long) j << 32) | c, 1);
    net.expand(c);
    net.givesTo(j, c);
    IntList members = net.classNeeds.get(c);
    for (int k = 0; k < members.size(); k++) {
      int local = members.get(k);
      if (net.needNode.get(local) >= 0) {
        net.directArc(j, local);
        arcsAdded++;
      }
    }
  }

  /**
   * best[x] for classes, needs and hubs, from the potentials, children first ({@link
   * UnitNetwork#bottomUp}: no pass over the network's arcs).
   */
  private void bestBelow() {
    bestBelow(net.round.cores.free());
  }

  /** The same, below the root on two threads if {@code twoThreads}. */
  void bestBelow(boolean twoThreads) {
    nodesBeside = 0;
    int n = g.nodeCount();
    best = new long[n];
    Arrays.fill(best, Long.MIN_VALUE);
    rose = pricedBest == null ? null : new boolean[n];
    int[] order = net.bottomUp();
    if (!twoThreads) {
      bestBelow(order);
      return;
    }
    // a node's best depends on the nodes below it alone: below the root, the counties on two
    // threads (every other county each, children first as in the order), then the root's hubs
    IntList[] parts = {new IntList(), new IntList(), new IntList()};
    int[] county = net.counties();
    for (int u : order) {
      int c = county[u];
      parts[c < 0 ? 2 : c & 1].add(u);
    }
    SpareCore.both(true, () -> bestBelow(parts[0].toArray()), () -> bestBelow(parts[1].toArray()));
    bestBelow(parts[2].toArray());
    nodesBeside = parts[1].size();
  }

  /** How many nodes the last round's {@link #bestBelow} took on a second thread (tests look). */
  int nodesBeside;

  /** best (and rose) of the given nodes, children first. */
  private void bestBelow(int[] order) {
    for (int u : order) {
      byte kind = net.kind[u];
      if (kind == UnitNetwork.NEED) {
        best[u] = g.potential(u);
      } else if (kind == UnitNetwork.CLASS) {
        best[u] = net.expanded.get(net.ref[u]) ? childrenBest(u) : g.potential(u);
        if (rose != null) {
          rose[u] = u >= pricedNodes || best[u] > pricedBest[u];
        }
      } else if (kind == UnitNetwork.HUB) {
        best[u] = childrenBest(u);
      }
    }
  }

  /** The best of u's children (along unbounded arcs); a hub rose if one of its children did. */
  private long childrenBest(int u) {
    long b = Long.MIN_VALUE;
    boolean up = false;
    for (int a = g.firstArc(u); a < g.endArc(u); a++) {
      if (g.unboundedForward(a)) {
        int x = g.arcHead(a);
        b = Math.max(b, best[x]);
        up |= rose != null && rose[x];
      }
    }
    if (up) {
      rose[u] = true;
    }
    return b;
  }

  /** The best-first search of one pledge's classes. */
  private final class Search {
    private final int j;
    private final long pj;
    private final long m;
    private final long target;
    private final Regions regions;
    private final Regions.Donor donor;
    private final int[] counties;
    private final long maxAffinity;
    private final MaxHeap heap = new MaxHeap();
    private final LongIntMap skip;
    private final boolean tight;

    /** The nodes to search (where a class rose), or null for all. */
    private final boolean[] only;

    Search(int j, LongIntMap skip, boolean tight, boolean[] only) {
      this.j = j;
      this.only = only;
      this.skip = skip;
      this.tight = tight;
      this.pj = g.potential(net.pledgeNode.get(j));
      Pledge pl = net.pledge(j);
      this.m = pl.maxPerNeed();
      long factor = tight ? Long.getLong("bangfu.pre", 6) : Long.getLong("bangfu.more", 2);
      this.target = factor * pl.quantity() + m;
      this.regions = net.round.regions;
      this.donor = net.donor(j);
      this.counties = donor.affinityCounties();
      this.maxAffinity = donor.maxAffinity();
    }

    int[] run() {
      int k = net.pledgeGlobal.get(j);
      int[] cats = net.round.pledgeCats.get(k);
      for (int r : net.round.pledgeScope.get(k)) {
        if (cats == null) {
          for (int c = 0; c < net.round.categoryIndex.size(); c++) {
            push(net.hub(r, c));
          }
        } else {
          for (int c : cats) {
            push(net.hub(r, c));
          }
        }
      }
      IntList found = new IntList();
      long capacity = 0;
      while (!heap.isEmpty() && capacity < target && found.size() < 4096) {
        long key = heap.topKey();
        int x = heap.pop();
        if (key < pj - (tight ? SLACK : 0) || (key == pj && !tight)) {
          break; // nothing left below has a negative (or, tight, zero) reduced cost
        }
        if (net.kind[x] == UnitNetwork.CLASS) {
          int c = net.ref[x];
          if (skip.get(((long) j << 32) | c, 0) == 0) {
            found.add(c);
            capacity += capacityOf(c);
          }
        } else {
          expand(x);
        }
      }
      return found.toArray();
    }

    private long capacityOf(int c) {
      long sum = 0;
      IntList members = net.classNeeds.get(c);
      for (int k = 0; k < members.size(); k++) {
        sum += Math.min(m, net.quantity(members.get(k)));
      }
      return sum;
    }

    private void push(int hub) {
      if (hub >= 0 && best[hub] != Long.MIN_VALUE && (only == null || only[hub])) {
        heap.push(best[hub] + affinityBound(net.regionOf(hub)), hub);
      }
    }

    private void expand(int hub) {
      for (int a = g.firstArc(hub); a < g.endArc(hub); a++) {
        if (!g.unboundedForward(a)) {
          continue;
        }
        int x = g.arcHead(a);
        if (best[x] == Long.MIN_VALUE || (only != null && !only[x])) {
          continue;
        }
        if (net.kind[x] == UnitNetwork.CLASS) {
          heap.push(best[x] + donor.affinity(net.classVillage.get(net.ref[x])), x);
        } else {
          heap.push(best[x] + affinityBound(net.ref[x]), x);
        }
      }
    }

    /** Per affinity county (same order as {@code counties}): its special villages, lazily. */
    private int[][] specials;

    private long[][] specialAffinity;

    /** The largest affinity of the pledge for a village in {@code region}. */
    private long affinityBound(int region) {
      if (regions.depth[region] == 0) {
        return maxAffinity;
      }
      int c = regions.countyOf(region);
      int k = Arrays.binarySearch(counties, c);
      if (k < 0) {
        return 0;
      }
      if (specials == null) {
        specials = new int[counties.length][];
        specialAffinity = new long[counties.length][];
      }
      if (specials[k] == null) {
        specials[k] = donor.specialVillages(c);
        specialAffinity[k] = new long[specials[k].length];
        for (int x = 0; x < specials[k].length; x++) {
          specialAffinity[k][x] = donor.affinity(specials[k][x]);
        }
      }
      long most = 0;
      int specialsInside = 0;
      for (int x = 0; x < specials[k].length; x++) {
        if (regions.inside(specials[k][x], region)) {
          specialsInside++;
          most = Math.max(most, specialAffinity[k][x]);
        }
      }
      if (regions.villagesBelow[region] > specialsInside) {
        most = Math.max(most, donor.genericAffinity(c));
      }
      return most;
    }
  }
}
