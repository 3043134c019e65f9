package org.bangfu.matching.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.bangfu.matching.model.Fairness;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.solver.FlowNetwork;

/**
 * The allocation problem of one unit (CNY, jobs, …) as a max-profit flow on a compressed network —
 * units never meet, so each unit is a network of its own, solved on its own (see docs/matching.md):
 *
 * <pre>
 *   s → pledge j                       capacity quantity(j)
 *   pledge → hub(region, category | any)           cost 0: eligibility by scope and category
 *   pledge → hub(region, …)            cost −a: affinity a, only where ≤ every village below
 *   hub(r) → hub(child of r)           the region tree: root → county → township → village
 *   hub(village, category) → class(village, category, priority)
 *   class → target(village)            two arcs: Σ ceil(q/2) at −(priorityUnit·p + coverageBonus),
 *                                      the rest at −priorityUnit·p
 *   target(village) → t                t itself, or a cap node (capacity max), or fairness steps
 *   pledge with a binding maxPerNeed → need, capacity maxPerNeed, cost −affinity (priced in lazily)
 *   t → s                              the loop that makes a solved network a circulation
 * </pre>
 *
 * Needs of one class look alike to every pledge that reaches them through hubs, so one class node
 * stands for all of them; a class that a pledge with a binding {@code maxPerNeed} gives to is
 * expanded into one node per need. The network can grow after it is solved (needs, pledges, arcs),
 * for the pricing of restricted pledges and for incremental rounds.
 */
final class UnitNetwork {
  static final byte SOURCE = 0;
  static final byte SINK = 1;
  static final byte PLEDGE = 2;
  static final byte HUB = 3;
  static final byte CLASS = 4;
  static final byte NEED = 5;
  static final byte VILLAGE = 6;
  static final byte CAP = 7;

  /** The slot of a hub for pledges that take any category. */
  static final int ANY = (1 << 20) - 1;

  final Round round;
  final int unit;
  final Fairness fairness;
  final FlowNetwork g = new FlowNetwork();
  final int s;
  final int t;
  final int loop;
  byte[] kind = new byte[1024];
  int[] ref = new int[1024];

  /** (region, slot) → hub node; per hub node: linked to its parent hub. */
  private final LongIntMap hubs = new LongIntMap(1024);

  private final BitSet linked = new BitSet();

  /** The hub nodes of "any category" (above their region's category hubs). */
  final BitSet anyHubs = new BitSet();

  /**
   * The needs, classes and hubs in an order where every node comes after the nodes its unbounded
   * arcs lead to — needs, classes, then hubs from the villages up, a region's any-category hub
   * after its category hubs — from the kinds and depths alone (a topological order of those arcs
   * without a look at the network's arcs).
   */
  int[] bottomUp() {
    int n = g.nodeCount();
    int[] key = new int[n];
    int[] count = new int[11];
    for (int u = 0; u < n; u++) {
      int k =
          switch (kind[u]) {
            case NEED -> 0;
            case CLASS -> 1;
            case HUB -> 2 + 2 * (3 - round.regions.depth[ref[u]]) + (anyHubs.get(u) ? 1 : 0);
            default -> 10;
          };
      key[u] = k;
      if (k < 10) {
        count[k + 1]++;
      }
    }
    for (int k = 0; k < 10; k++) {
      count[k + 1] += count[k];
    }
    int[] out = new int[count[10]];
    for (int u = 0; u < n; u++) {
      if (key[u] < 10) {
        out[count[key[u]]++] = u;
      }
    }
    return out;
  }

  // classes: one per (village, category); its node is the village's hub of that category
  private final LongIntMap classIndex = new LongIntMap(1024);
  final IntList classNode = new IntList();
  final IntList classVillage = new IntList();
  final List<IntList> classNeeds = new ArrayList<>();
  final BitSet expanded = new BitSet();

  /** Classes whose arcs to the target are built (aggregated or, expanded, per need). */
  final BitSet built = new BitSet();

  /** (class, priority) → the class's bonus arc for that priority; its plain arc is the next. */
  private final LongIntMap classArc = new LongIntMap(1024);

  // needs of this unit, by local index (global → local in localNeed, −1 where none)
  final IntList localNeed = new IntList();
  final BitSet removedNeeds = new BitSet();
  final IntList needIn = new IntList();

  /** Per local need with a node: the arcs from pledges whose maxPerNeed binds, or null. */
  final List<IntList> needDirect = new ArrayList<>();

  final IntList needGlobal = new IntList();
  final IntList needClass = new IntList();
  final IntList needNode = new IntList();
  final IntList needBonus = new IntList();
  final IntList needPlain = new IntList();

  // pledges of this unit, by local index (global → local in localPledge, −1 where none)
  final IntList localPledge = new IntList();
  final BitSet removedPledges = new BitSet();
  final IntList pledgeGlobal = new IntList();
  final IntList pledgeNode = new IntList();
  final IntList supplyEdge = new IntList();
  final BitSet restricted = new BitSet();

  // villages: the target of their classes, cap and fairness structure, demand
  final int[] villageTarget;
  final int[] capEdge;
  final int[][] stepEdges;
  final long[] demand;

  /** Largest quantity of a need of this unit (a maxPerNeed at least this large binds nothing). */
  long largestNeed;

  /**
   * How many regions the pledges' affinity walks entered ({@link PledgeArcs}): the tests bound what
   * a change's walks cost.
   */
  long affinityRegionsEntered;

  /** Classes still to be given their arcs to the target (built all at once after the pledges). */
  private final IntList pendingClasses = new IntList();

  UnitNetwork(Round round, int unit, boolean withFairness) {
    this.round = round;
    this.unit = unit;
    this.fairness = withFairness ? round.options.fairness() : null;
    int villages = round.regions.villageCount();
    villageTarget = new int[villages];
    capEdge = new int[villages];
    stepEdges = new int[villages][];
    demand = new long[villages];
    Arrays.fill(villageTarget, -1);
    Arrays.fill(capEdge, -1);
    s = node(SOURCE, 0);
    t = node(SINK, 0);
    loop = g.addEdge(t, s, 0, 0);
  }

  int node(byte k, int r) {
    int u = g.addNode();
    if (u == kind.length) {
      kind = Arrays.copyOf(kind, u * 2);
      ref = Arrays.copyOf(ref, u * 2);
    }
    kind[u] = k;
    ref[u] = r;
    return u;
  }

  static long hubKey(int region, int slot) {
    return ((long) region << 20) | slot;
  }

  /** The hub of (region, slot), or −1. */
  int hub(int region, int slot) {
    return hubs.get(hubKey(region, slot), -1);
  }

  /** hub(region, category), made on first use (not yet linked to its parent). */
  int categoryHub(int region, int cat) {
    int h = hub(region, cat);
    if (h >= 0) {
      return h;
    }
    h = node(HUB, region);
    hubs.put(hubKey(region, cat), h);
    int any = hub(region, ANY);
    if (any >= 0) {
      g.addEdge(any, h, FlowNetwork.INF, 0);
    }
    return h;
  }

  /** Links a category hub to its parent's, and that one upwards, as far as needed. */
  void linkUp(int h, int cat) {
    while (!linked.get(h)) {
      linked.set(h);
      int par = round.regions.parent[ref[h]];
      if (par < 0) {
        return;
      }
      int p = categoryHub(par, cat);
      g.addEdge(p, h, FlowNetwork.INF, 0);
      h = p;
    }
  }

  /** hub(region, any category), made on first use with arcs to the category hubs already there. */
  int anyHub(int region, int[] categories) {
    int h = hub(region, ANY);
    if (h >= 0) {
      return h;
    }
    h = node(HUB, region);
    hubs.put(hubKey(region, ANY), h);
    anyHubs.set(h);
    for (int cat : categories) {
      int c = hub(region, cat);
      if (c >= 0) {
        g.addEdge(h, c, FlowNetwork.INF, 0);
      }
    }
    return h;
  }

  // ---- needs: a class per (village, category): the village's hub of that category

  /** Adds a need of this unit (global index i); returns its local index. */
  int addNeed(int i) {
    Need n = round.needs.get(i);
    int v = round.needVillage.get(i);
    int cat = round.needCategory.get(i);
    int local = needGlobal.size();
    needGlobal.add(i);
    largestNeed = Math.max(largestNeed, n.quantity());
    demand[v] += n.quantity();
    long key = ((long) v << 20) | cat;
    int c = classIndex.get(key, -1);
    if (c < 0) {
      c = newClass(key, v, cat);
    }
    classNeeds.get(c).add(local);
    needClass.add(c);
    needNode.add(-1);
    needBonus.add(-1);
    needPlain.add(-1);
    needIn.add(-1);
    needDirect.add(null);
    setLocal(localNeed, i, local);
    return local;
  }

  static void setLocal(IntList map, int global, int local) {
    while (map.size() <= global) {
      map.add(-1);
    }
    map.set(global, local);
  }

  static int local(IntList map, int global) {
    return global < map.size() ? map.get(global) : -1;
  }

  /**
   * Puts a need added to a solved network in place: a new class gets its arcs with the others
   * ({@link #finishClasses}), an expanded class a node for the need, an aggregated one larger
   * capacities; the village's fairness steps follow its demand.
   */
  void placeNeed(int local) {
    int c = needClass.get(local);
    if (built.get(c)) {
      if (expanded.get(c)) {
        needArcs(local);
        // the capped pledges with arcs to this class's needs get one to the newcomer too
        IntList givers = classPledges.size() > c ? classPledges.get(c) : null;
        for (int k = 0; givers != null && k < givers.size(); k++) {
          directArc(givers.get(k), local);
        }
      } else {
        classArcs(c);
      }
    }
    // (a new class has no arcs yet: finishClasses builds them, this need included)
    refreshSteps(classVillage.get(c));
  }

  /** Per class: the capped pledges that have arcs to its needs (null where none). */
  final List<IntList> classPledges = new ArrayList<>();

  /** An arc from capped pledge {@code j} to need {@code local}: capacity maxPerNeed, cost −a. */
  void directArc(int j, int local) {
    if (removedNeeds.get(local) || removedPledges.get(j)) {
      return;
    }
    int c = needClass.get(local);
    long cost = -donor(j).affinity(classVillage.get(c));
    long cap = Math.min(pledge(j).maxPerNeed(), quantity(local));
    int e = g.addEdge(pledgeNode.get(j), needNode.get(local), cap, cost);
    if (needDirect.get(local) == null) {
      needDirect.set(local, new IntList(2));
    }
    needDirect.get(local).add(e);
  }

  /** Records that capped pledge {@code j} has arcs to class {@code c}'s needs. */
  void givesTo(int j, int c) {
    while (classPledges.size() <= c) {
      classPledges.add(null);
    }
    if (classPledges.get(c) == null) {
      classPledges.set(c, new IntList(2));
    }
    classPledges.get(c).add(j);
  }

  /**
   * Takes a need out of a solved network: its class's capacities (or its own arcs, and the capped
   * pledges' arcs to it) close; the flow they carried becomes an imbalance the warm start repairs.
   */
  void removeNeed(int local) {
    int c = needClass.get(local);
    removedNeeds.set(local);
    classNeeds.get(c).removeValue(local);
    int v = classVillage.get(c);
    demand[v] -= quantity(local);
    if (needNode.get(local) >= 0) {
      g.setCapacity(needBonus.get(local), 0);
      g.setCapacity(needPlain.get(local), 0);
      g.setCapacity(needIn.get(local), 0);
      IntList direct = needDirect.get(local);
      for (int k = 0; direct != null && k < direct.size(); k++) {
        g.setCapacity(direct.get(k), 0);
      }
    } else if (built.get(c)) {
      classArcs(c);
    }
    refreshSteps(v);
  }

  /** Takes a pledge out of a solved network: its supply closes (its flow becomes an imbalance). */
  void removePledge(int local) {
    removedPledges.set(local);
    g.setCapacity(supplyEdge.get(local), 0);
  }

  /**
   * A class is the village's hub of its category: needs of one village and category look alike to
   * every pledge that reaches them through hubs (their priorities only change the arcs out), so the
   * hub itself carries their arcs to the target — one node and one level fewer on every path.
   */
  private int newClass(long key, int v, int cat) {
    int c = classNode.size();
    classIndex.put(key, c);
    int hub = categoryHub(round.regions.villageRegion[v], cat);
    linkUp(hub, cat);
    kind[hub] = CLASS;
    ref[hub] = c;
    classNode.add(hub);
    classVillage.add(v);
    classNeeds.add(new IntList(2));
    pendingClasses.add(c);
    return c;
  }

  /** The region of a hub or class node. */
  int regionOf(int node) {
    return kind[node] == CLASS
        ? round.regions.villageRegion[classVillage.get(ref[node])]
        : ref[node];
  }

  int priority(int local) {
    return round.needs.get(needGlobal.get(local)).priority();
  }

  /** The class's bonus arc for a priority, −1 if none; the plain arc is the next edge. */
  int classArc(int c, int priority) {
    return classArc.get(((long) c << 3) | priority, -1);
  }

  /**
   * The classes pledge {@code local} may give to (its scope's villages, its categories), or null if
   * their needs are more than {@code limit} (or it is unscoped).
   */
  IntList eligibleClasses(int local, int limit) {
    int k = pledgeGlobal.get(local);
    int[] cats = round.pledgeCats.get(k);
    IntList out = new IntList();
    int[] count = {0};
    for (int r : round.pledgeScope.get(k)) {
      if (r == Regions.ROOT || !collect(r, cats, out, count, limit)) {
        return null;
      }
    }
    return out;
  }

  private boolean collect(int region, int[] cats, IntList out, int[] count, int limit) {
    Regions rg = round.regions;
    if (rg.depth[region] < 3) {
      for (int x = rg.childStart[region]; x < rg.childStart[region + 1]; x++) {
        if (!collect(rg.children[x], cats, out, count, limit)) {
          return false;
        }
      }
      return true;
    }
    long v = rg.villageOfRegion[region];
    int n = cats == null ? round.categoryIndex.size() : cats.length;
    for (int x = 0; x < n; x++) {
      int c = classIndex.get((v << 20) | (cats == null ? x : cats[x]), -1);
      if (c >= 0) {
        out.add(c);
        count[0] += classNeeds.get(c).size();
        if (count[0] > limit) {
          return false;
        }
      }
    }
    return true;
  }

  /** Every category present below a region's hubs, as indices (for a new any-category hub). */
  int[] allCategories() {
    int[] out = new int[round.categoryIndex.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = k;
    }
    return out;
  }

  // ---- the sink side: coverage halves, caps, fairness steps

  long perUnit(int priority) {
    return round.w.priorityUnit() * priority;
  }

  /** Builds the arcs to the targets of the classes made since the last call. */
  void finishClasses() {
    for (int k = 0; k < pendingClasses.size(); k++) {
      int c = pendingClasses.get(k);
      if (expanded.get(c)) {
        IntList members = classNeeds.get(c);
        for (int m = 0; m < members.size(); m++) {
          needArcs(members.get(m));
        }
      } else {
        classArcs(c);
      }
      built.set(c);
    }
    pendingClasses.clear();
  }

  /**
   * A class's aggregated arcs to its village's target, two per priority present (or their new
   * capacities): Σ ceil(q/2) earning the coverage bonus, and the rest.
   */
  void classArcs(int c) {
    long[] first = new long[6];
    long[] second = new long[6];
    IntList members = classNeeds.get(c);
    for (int m = 0; m < members.size(); m++) {
      int local = members.get(m);
      long q = quantity(local);
      first[priority(local)] += (q + 1) / 2;
      second[priority(local)] += q / 2;
    }
    for (int p = 1; p <= 5; p++) {
      int e = classArc(c, p);
      if (e >= 0) {
        g.setCapacity(e, first[p]);
        g.setCapacity(e + 1, second[p]);
      } else if (first[p] > 0) {
        int target = target(classVillage.get(c));
        long value = perUnit(p);
        e = g.addEdge(classNode.get(c), target, first[p], -(value + round.w.coverageBonus()));
        g.addEdge(classNode.get(c), target, second[p], -value);
        classArc.put(((long) c << 3) | p, e);
      }
    }
  }

  /** A need's own node under its class, with its two arcs to the target; returns the arc in. */
  int needArcs(int local) {
    int c = needClass.get(local);
    int nn = node(NEED, local);
    needNode.set(local, nn);
    int in = g.addEdge(classNode.get(c), nn, FlowNetwork.INF, 0);
    needIn.set(local, in);
    long q = quantity(local);
    int target = target(classVillage.get(c));
    long p = perUnit(priority(local));
    needBonus.set(local, g.addEdge(nn, target, (q + 1) / 2, -(p + round.w.coverageBonus())));
    needPlain.set(local, g.addEdge(nn, target, q / 2, -p));
    return in;
  }

  long quantity(int local) {
    return round.needs.get(needGlobal.get(local)).quantity();
  }

  /**
   * Expands an aggregated class into a node per need, moving its flow onto the needs (first halves
   * in id order, then second halves): conservation holds throughout, and the needs take the class's
   * potential, which keeps every arc's reduced cost valid.
   */
  void expand(int c) {
    if (expanded.get(c)) {
      return;
    }
    expanded.set(c);
    if (!built.get(c)) {
      return; // not built yet: finishClasses builds the needs' nodes
    }
    long[] firstHalves = new long[6];
    long[] secondHalves = new long[6];
    for (int p = 1; p <= 5; p++) {
      int e = classArc(c, p);
      if (e >= 0) {
        firstHalves[p] = g.flow(e);
        secondHalves[p] = g.flow(e + 1);
        g.setCapacity(e, 0);
        g.setCapacity(e + 1, 0);
      }
    }
    long pc = g.potential(classNode.get(c));
    for (int local : byId(classNeeds.get(c))) {
      int in = needArcs(local);
      g.setPotential(needNode.get(local), pc);
      long q = quantity(local);
      int p = priority(local);
      long a = Math.min((q + 1) / 2, firstHalves[p]);
      firstHalves[p] -= a;
      long b = Math.min(q / 2, secondHalves[p]);
      secondHalves[p] -= b;
      g.addFlow(in, a + b);
      g.addFlow(needBonus.get(local), a);
      g.addFlow(needPlain.get(local), b);
    }
  }

  /** The needs taking part by id, as of the last call of {@link #needsById}, and how many then. */
  private int[] needsById = new int[0];

  private int needsSorted;

  /**
   * The local needs that take part (not removed), sorted by need id: the order of the last call
   * with the needs removed since dropped and those added since sorted and merged in — a change
   * sorts its thousand new needs, not the unit's million.
   */
  int[] needsById() {
    IntList fresh = new IntList();
    for (int local = needsSorted; local < needGlobal.size(); local++) {
      if (!removedNeeds.get(local)) {
        fresh.add(local);
      }
    }
    int[] added = byId(fresh);
    int kept = 0;
    int[] old = needsById;
    for (int local : old) {
      if (!removedNeeds.get(local)) {
        old[kept++] = local;
      }
    }
    // each new need's place among the old ones by binary search, the runs between copied whole
    int[] out = PlacedById.merge(old, kept, added, this::needId);
    needsById = out;
    needsSorted = needGlobal.size();
    return out.clone();
  }

  /** The local needs, sorted by need id. */
  int[] byId(IntList locals) {
    Integer[] boxed = new Integer[locals.size()];
    for (int k = 0; k < boxed.length; k++) {
      boxed[k] = locals.get(k);
    }
    Arrays.sort(boxed, (x, y) -> needId(x).compareTo(needId(y)));
    int[] out = new int[boxed.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = boxed[k];
    }
    return out;
  }

  String needId(int local) {
    return round.needs.get(needGlobal.get(local)).id();
  }

  /**
   * Where the classes of village {@code v} send their flow: t, or a cap node (one arc of capacity
   * max to t), or a fairness node with one arc per step (then to the cap node or t).
   */
  int target(int v) {
    if (villageTarget[v] >= 0) {
      return villageTarget[v];
    }
    long cap = round.cap(v, unit);
    int after = t;
    if (cap >= 0) {
      after = node(CAP, v);
      capEdge[v] = g.addEdge(after, t, cap, 0);
    }
    int target = after;
    if (fairness != null) {
      target = node(VILLAGE, v);
      long[] caps = fairness.capacities(demand[v]);
      int[] edges = new int[caps.length + 1];
      long rest = demand[v];
      for (int k = 0; k < caps.length; k++) {
        edges[k] = g.addEdge(target, after, caps[k], -fairness.steps().get(k).bonus());
        rest -= caps[k];
      }
      edges[caps.length] = g.addEdge(target, after, rest, 0);
      stepEdges[v] = edges;
    }
    villageTarget[v] = target;
    return target;
  }

  /** After the demand of village v changed: its fairness steps' capacities follow. */
  void refreshSteps(int v) {
    int[] edges = stepEdges[v];
    if (edges == null) {
      return;
    }
    long[] caps = fairness.capacities(demand[v]);
    long rest = demand[v];
    for (int k = 0; k < caps.length; k++) {
      g.setCapacity(edges[k], caps[k]);
      rest -= caps[k];
    }
    g.setCapacity(edges[caps.length], rest);
  }

  /** Σ bonus × flow over every village's fairness steps. */
  long fairnessTerm() {
    if (fairness == null) {
      return 0;
    }
    long sum = 0;
    for (int[] edges : stepEdges) {
      if (edges != null) {
        for (int k = 0; k < edges.length - 1; k++) {
          sum += fairness.steps().get(k).bonus() * g.flow(edges[k]);
        }
      }
    }
    return sum;
  }

  /** Per village: what its needs of this unit get in the current flow. */
  long[] villageTotals() {
    long[] out = new long[demand.length];
    for (int c = 0; c < classNode.size(); c++) {
      int v = classVillage.get(c);
      for (int p = 1; p <= 5; p++) {
        int e = classArc(c, p);
        if (e >= 0) {
          out[v] += g.flow(e) + g.flow(e + 1);
        }
      }
    }
    for (int local = 0; local < needNode.size(); local++) {
      if (needNode.get(local) >= 0) {
        out[classVillage.get(needClass.get(local))] +=
            g.flow(needBonus.get(local)) + g.flow(needPlain.get(local));
      }
    }
    return out;
  }

  // ---- pledges

  /**
   * Adds a pledge of this unit (global index k): its node and supply arc; returns its local index.
   */
  int addPledgeNode(int k) {
    Pledge pl = round.pledges.get(k);
    int local = pledgeGlobal.size();
    pledgeGlobal.add(k);
    setLocal(localPledge, k, local);
    int pn = node(PLEDGE, local);
    pledgeNode.add(pn);
    supplyEdge.add(g.addEdge(s, pn, pl.quantity(), 0));
    return local;
  }

  private NewHubs.Index index;

  /** The pledges by region of scope and county of affinity, made on first use, then kept up. */
  NewHubs.Index index() {
    if (index == null) {
      index = new NewHubs.Index();
      for (int local = 0; local < pledgeGlobal.size(); local++) {
        index.add(this, local);
      }
    }
    return index;
  }

  /** Records a pledge added after the index was made. */
  void indexPledge(int local) {
    if (index != null) {
      index.add(this, local);
    }
  }

  Pledge pledge(int local) {
    return round.pledges.get(pledgeGlobal.get(local));
  }

  /** {@link #counties}: for a node that feeds several counties (s, a pledge, a root hub). */
  static final int ACROSS = -1;

  /** {@link #counties}: for a node that hands nothing on (t, a cap, a village's target). */
  static final int NOWHERE = -2;

  private int[] nodeCounty = new int[0];
  private int countiesKnown;

  /**
   * Per node, its county (region index) for needs, classes and hubs below the root, else {@link
   * #ACROSS} or {@link #NOWHERE}: the work split by counties on two threads reads it (a node keeps
   * its county for good, so only the nodes added since the last call are looked up).
   */
  int[] counties() {
    int n = g.nodeCount();
    if (nodeCounty.length < n) {
      nodeCounty = Arrays.copyOf(nodeCounty, Math.max(n, nodeCounty.length * 3 / 2));
    }
    Regions regions = round.regions;
    for (int u = countiesKnown; u < n; u++) {
      nodeCounty[u] =
          switch (kind[u]) {
            case HUB -> regions.countyOf(ref[u]) < 0 ? ACROSS : regions.countyOf(ref[u]);
            case CLASS -> regions.villageCounty[classVillage.get(ref[u])];
            case NEED -> regions.villageCounty[classVillage.get(needClass.get(ref[u]))];
            case SOURCE, PLEDGE -> ACROSS;
            default -> NOWHERE;
          };
    }
    countiesKnown = n;
    return nodeCounty;
  }

  Regions.Donor donor(int local) {
    return round.donors.get(pledgeGlobal.get(local));
  }
}
