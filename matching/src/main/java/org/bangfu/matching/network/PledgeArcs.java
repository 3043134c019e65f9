package org.bangfu.matching.network;

import java.util.BitSet;
import org.bangfu.matching.model.Pledge;

/**
 * The arcs of a pledge whose {@code maxPerNeed} binds nothing: into the hubs of its scope (one per
 * wanted category, or the any-category hub), and affinity arcs.
 *
 * <p>Affinity depends on the pledge and the need's village only. For every county where a pledge
 * has some affinity (home county, its mountain-sea partners, hometown, paired villages), it gets an
 * arc of cost −a into the county's hubs, where a is the <em>least</em> affinity of the villages
 * below, then arcs into the townships and villages whose affinity is higher (again the least below
 * each). So every eligible village has a path of exactly its affinity and none has a better one.
 * Inside a county every village has the same affinity except a few special ones (paired villages,
 * the hometown village, the villages of the hometown township), so this costs a pledge the size of
 * its specials, not of the county.
 */
final class PledgeArcs {
  private final UnitNetwork net;
  private final int local;
  private final int pn;
  private final long quantity;
  private final int[] cats;
  private final int[] scope;
  private final Regions regions;
  private final Regions.Donor donor;

  /** Only hubs from this node on get arcs (0: all; an incremental round: the hubs it made). */
  private final int fromNode;

  /** Where the pledge's own arcs are recorded (null: nowhere). */
  private final IntList record;

  /** Only the affinity arcs into these counties (null: all; a change: those with new hubs). */
  private BitSet counties;

  /**
   * The regions with a hub made from {@link #fromNode} on at or below them (null: all): the
   * affinity walk of a change leaves the other subtrees, where it would add no arc.
   */
  private BitSet newBelow;

  private PledgeArcs(UnitNetwork net, int local, int fromNode, IntList record) {
    this.fromNode = fromNode;
    this.record = record;
    this.net = net;
    this.local = local;
    this.pn = net.pledgeNode.get(local);
    int k = net.pledgeGlobal.get(local);
    Pledge pl = net.round.pledges.get(k);
    this.quantity = pl.quantity();
    this.cats = net.round.pledgeCats.get(k);
    this.scope = net.round.pledgeScope.get(k);
    this.regions = net.round.regions;
    this.donor = net.round.donors.get(k);
  }

  /** Builds the hub and affinity arcs of pledge {@code local}. */
  static void build(UnitNetwork net, int local) {
    new PledgeArcs(net, local, 0, null).build();
  }

  /** The same, recording the pledge's arcs (not the hubs' arcs made on the way) in {@code arcs}. */
  static void build(UnitNetwork net, int local, IntList arcs) {
    new PledgeArcs(net, local, 0, arcs).build();
  }

  /**
   * Adds the pledge's arcs into the hubs made from node {@code fromNode} on (a change), which lie
   * in {@code counties} (or at the root) and in the regions of {@code newBelow}: the walks of its
   * other affinity counties, and of the subtrees with no new hub, would add nothing. (Nor would
   * they make a hub: the walk through an old region made the pledge's any-category hub there when
   * the pledge or the region's hubs came.)
   */
  static void buildInto(
      UnitNetwork net, int local, int fromNode, BitSet counties, BitSet newBelow) {
    PledgeArcs p = new PledgeArcs(net, local, fromNode, null);
    p.counties = counties;
    p.newBelow = newBelow;
    p.build();
  }

  private void arc(int hub, long cost) {
    int e = net.g.addEdge(pn, hub, quantity, cost);
    if (record != null) {
      record.add(e);
    }
  }

  private void build() {
    for (int r : scope) {
      arcsInto(r, 0);
    }
    for (int c : donor.affinityCounties()) {
      if (counties != null && !counties.get(c)) {
        continue;
      }
      int[] specials = donor.specialVillages(c);
      long base = donor.genericAffinity(c);
      for (int top : topsWithin(c)) {
        affinityArcs(top, 0, specials, base);
      }
    }
  }

  /**
   * Arcs of cost {@code cost} into the pledge's hubs at {@code region}; false if there are none.
   */
  private boolean arcsInto(int region, long cost) {
    // arcs carry at most the pledge's quantity: a finite capacity keeps every later change
    // repairable
    if (cats == null) {
      int any = anyHub(region);
      if (any < 0) {
        return false;
      }
      if (any >= fromNode) {
        arc(any, cost);
      }
      return true;
    }
    boolean some = false;
    for (int c : cats) {
      int h = net.hub(region, c);
      if (h >= 0) {
        if (h >= fromNode) {
          arc(h, cost);
        }
        some = true;
      }
    }
    return some;
  }

  private int anyHub(int region) {
    int h = net.hub(region, UnitNetwork.ANY);
    if (h >= 0) {
      return h;
    }
    int[] all = net.allCategories();
    for (int c : all) {
      if (net.hub(region, c) >= 0) {
        return net.anyHub(region, all);
      }
    }
    return -1;
  }

  /** Whether the pledge has a hub at {@code region} (some need of its categories lies below). */
  private boolean reaches(int region) {
    if (cats == null) {
      return anyHub(region) >= 0;
    }
    for (int c : cats) {
      if (net.hub(region, c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The regions of county {@code c} the pledge may give to: c itself, or its scoped parts. */
  private int[] topsWithin(int c) {
    IntList out = new IntList(2);
    for (int r : scope) {
      if (r == Regions.ROOT || r == c) {
        return new int[] {c};
      }
      if (regions.countyOf(r) == c) {
        out.add(r);
      }
    }
    return out.toArray();
  }

  /**
   * Arcs of cost −a from the pledge into {@code region}'s hubs, where a is the least affinity of
   * the villages below (so no village gets more than its own), then into the sub-regions whose
   * villages deserve more. The least and greatest affinity below a region come from the specials
   * below it and, if some village below is not special, from {@code base}.
   */
  private void affinityArcs(int region, long inherited, int[] specials, long base) {
    if (newBelow != null && !newBelow.get(region)) {
      return;
    }
    net.affinityRegionsEntered++;
    if (!reaches(region)) {
      return;
    }
    long least = Long.MAX_VALUE;
    long most = Long.MIN_VALUE;
    int specialsBelow = 0;
    for (int v : specials) {
      if (regions.inside(v, region)) {
        specialsBelow++;
        long a = donor.affinity(v);
        least = Math.min(least, a);
        most = Math.max(most, a);
      }
    }
    if (regions.villagesBelow[region] > specialsBelow) {
      least = Math.min(least, base);
      most = Math.max(most, base);
    }
    if (most <= inherited) {
      return;
    }
    if (least > inherited) {
      arcsInto(region, -least);
      inherited = least;
    }
    if (regions.depth[region] == 3 || most <= inherited) {
      return;
    }
    for (int k = regions.childStart[region]; k < regions.childStart[region + 1]; k++) {
      affinityArcs(regions.children[k], inherited, specials, base);
    }
  }
}
