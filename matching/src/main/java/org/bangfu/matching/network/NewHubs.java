package org.bangfu.matching.network;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * After an incremental round made new hubs (a category new to a village, a township, …), the
 * pledges already in the network that would have arcs into them — scoped to their region, or with
 * affinity in their county — get those arcs, as if the network had been built with them. Which
 * pledges those are is kept in two indices (region of scope → pledges, county of affinity →
 * pledges), made at the first change.
 */
final class NewHubs {
  private final UnitNetwork net;
  private final int firstNew;

  NewHubs(UnitNetwork net, int firstNew) {
    this.net = net;
    this.firstNew = firstNew;
  }

  /** Arcs from the pledges that were there before into the hubs made from {@code firstNew} on. */
  void connect() {
    Index index = net.index();
    BitSet pledges = new BitSet();
    BitSet counties = new BitSet();
    BitSet newBelow = new BitSet();
    int[] parent = net.round.regions.parent;
    for (int u = firstNew; u < net.g.nodeCount(); u++) {
      if (net.kind[u] != UnitNetwork.HUB && net.kind[u] != UnitNetwork.CLASS) {
        continue;
      }
      int region = net.regionOf(u);
      for (int r = region; r >= 0 && !newBelow.get(r); r = parent[r]) {
        newBelow.set(r);
      }
      index.entries(region, pledges);
      int county = net.round.regions.countyOf(region);
      if (county >= 0) {
        index.affinities(county, pledges);
        counties.set(county);
      }
    }
    for (int local = pledges.nextSetBit(0); local >= 0; local = pledges.nextSetBit(local + 1)) {
      if (net.pledgeNode.get(local) < firstNew
          && !net.removedPledges.get(local)
          && !net.restricted.get(local)) {
        PledgeArcs.buildInto(net, local, firstNew, counties, newBelow);
      }
    }
  }

  /** Which pledges go through the hubs of a region (scope) or a county (affinity). */
  static final class Index {
    private final Map<Integer, IntList> byScope = new HashMap<>();
    private final Map<Integer, IntList> byAffinity = new HashMap<>();

    void add(UnitNetwork net, int local) {
      int k = net.pledgeGlobal.get(local);
      for (int r : net.round.pledgeScope.get(k)) {
        byScope.computeIfAbsent(r, x -> new IntList(4)).add(local);
      }
      for (int c : net.round.donors.get(k).affinityCounties()) {
        byAffinity.computeIfAbsent(c, x -> new IntList(4)).add(local);
      }
    }

    void entries(int region, BitSet out) {
      addAll(byScope.get(region), out);
    }

    void affinities(int county, BitSet out) {
      addAll(byAffinity.get(county), out);
    }

    private static void addAll(IntList list, BitSet out) {
      for (int k = 0; list != null && k < list.size(); k++) {
        out.set(list.get(k));
      }
    }
  }
}
