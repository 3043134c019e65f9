package org.bangfu.matching.network;

import java.util.BitSet;
import org.bangfu.matching.model.UnmatchedReason;
import org.bangfu.matching.solver.FlowNetwork;

/**
 * Why each need of a solved unit is left (partly) unmatched. One pass down the hub tree in
 * topological order marks, for every class, whether some pledge may give to it at all and whether
 * one that may still has something left — separately for pledges through the hubs and for those
 * whose maxPerNeed binds (their eligibility is followed from their scope, as they have no hub
 * arcs). Then, in the order of {@link UnmatchedReason}: no pledge of the unit, none for the
 * category, none in scope; the village's cap used up; a pledge with something left that reaches it
 * (through the hubs: it would earn nothing more; capped: each gives its maximum); else every
 * eligible pledge is used up. In an optimal flow these are the only ways a need can stay short.
 */
final class UnmatchedReasons {
  private static final int ANY_FREE = 1;
  private static final int LEFT_FREE = 2;
  private static final int ANY_CAPPED = 4;
  private static final int LEFT_CAPPED = 8;

  private final UnitNetwork net;
  private final FlowNetwork g;
  private final int[] mask;

  private UnmatchedReasons(UnitNetwork net) {
    this.net = net;
    this.g = net.g;
    this.mask = new int[g.nodeCount()];
  }

  /**
   * Per local need: its reason if it is short, else null. {@code order}: the network's nodes in
   * topological order (without the loop t → s), as the flow's decomposition found them.
   */
  static UnmatchedReason[] of(UnitNetwork net, long[] allocated, int[] order) {
    return new UnmatchedReasons(net).reasons(allocated, order);
  }

  private UnmatchedReason[] reasons(long[] allocated, int[] order) {
    g.freeze();
    markPledges();
    propagate(order);
    BitSet categories = new BitSet();
    boolean anyCategory = pledgeCategories(categories);
    UnmatchedReason[] out = new UnmatchedReason[net.needGlobal.size()];
    for (int local = 0; local < out.length; local++) {
      if (!net.removedNeeds.get(local) && allocated[local] < net.quantity(local)) {
        out[local] = reason(local, categories, anyCategory, allocated);
      }
    }
    return out;
  }

  private void markPledges() {
    for (int j = 0; j < net.pledgeGlobal.size(); j++) {
      if (net.removedPledges.get(j)) {
        continue;
      }
      int e = net.supplyEdge.get(j);
      boolean left = g.flow(e) < g.capacity(e);
      if (net.restricted.get(j)) {
        int bits = ANY_CAPPED | (left ? LEFT_CAPPED : 0);
        int k = net.pledgeGlobal.get(j);
        int[] cats = net.round.pledgeCats.get(k);
        for (int r : net.round.pledgeScope.get(k)) {
          if (cats == null) {
            for (int c = 0; c < net.round.categoryIndex.size(); c++) {
              markHub(net.hub(r, c), bits);
            }
          } else {
            for (int c : cats) {
              markHub(net.hub(r, c), bits);
            }
          }
        }
      } else {
        mask[net.pledgeNode.get(j)] = ANY_FREE | (left ? LEFT_FREE : 0);
      }
    }
  }

  private void markHub(int hub, int bits) {
    if (hub >= 0) {
      mask[hub] |= bits;
    }
  }

  /** Marks flow down from pledges and hubs to the classes, along the eligibility arcs. */
  private void propagate(int[] order) {
    for (int u : order) {
      int m = mask[u];
      byte kind = net.kind[u];
      if (m == 0 || (kind != UnitNetwork.PLEDGE && kind != UnitNetwork.HUB)) {
        continue;
      }
      for (int a = g.firstArc(u); a < g.endArc(u); a++) {
        int e = g.forwardEdge(a);
        if (e >= 0) {
          int v = g.edgeHead(e);
          byte k = net.kind[v];
          if (k == UnitNetwork.HUB || k == UnitNetwork.CLASS) {
            mask[v] |= m;
          }
        }
      }
    }
  }

  /** The categories some pledge of the unit accepts; true if one accepts any category. */
  private boolean pledgeCategories(BitSet out) {
    boolean any = false;
    for (int j = 0; j < net.pledgeGlobal.size(); j++) {
      if (net.removedPledges.get(j)) {
        continue;
      }
      int[] cats = net.round.pledgeCats.get(net.pledgeGlobal.get(j));
      if (cats == null) {
        any = true;
      } else {
        for (int c : cats) {
          out.set(c);
        }
      }
    }
    return any;
  }

  private UnmatchedReason reason(
      int local, BitSet categories, boolean anyCategory, long[] allocated) {
    int c = net.needClass.get(local);
    int m = mask[net.classNode.get(c)];
    if ((m & (ANY_FREE | ANY_CAPPED)) == 0) {
      if (net.removedPledges.cardinality() == net.pledgeGlobal.size()) {
        return UnmatchedReason.NO_PLEDGE_OF_UNIT;
      }
      int cat = net.round.needCategory.get(net.needGlobal.get(local));
      return anyCategory || categories.get(cat)
          ? UnmatchedReason.NO_PLEDGE_IN_SCOPE
          : UnmatchedReason.NO_PLEDGE_FOR_CATEGORY;
    }
    int v = net.classVillage.get(c);
    int cap = net.capEdge[v];
    if (cap >= 0 && g.flow(cap) >= g.capacity(cap)) {
      return UnmatchedReason.VILLAGE_CAP_REACHED;
    }
    if ((m & LEFT_FREE) != 0) {
      return UnmatchedReason.NO_GAIN;
    }
    if ((m & LEFT_CAPPED) != 0) {
      // in an optimal flow a capped pledge with something left gives each need it may give to
      // its maximum — unless one more unit would earn nothing
      return marginalValue(local, allocated) > 0
          ? UnmatchedReason.MAX_PER_NEED_REACHED
          : UnmatchedReason.NO_GAIN;
    }
    return UnmatchedReason.PLEDGES_USED_ELSEWHERE;
  }

  /** What one more unit to the need earns before affinity: priority, and coverage if still open. */
  private long marginalValue(int local, long[] allocated) {
    long q = net.quantity(local);
    long value = net.perUnit(net.priority(local));
    if (allocated[local] < (q + 1) / 2) {
      value += net.round.w.coverageBonus();
    }
    return value;
  }
}
