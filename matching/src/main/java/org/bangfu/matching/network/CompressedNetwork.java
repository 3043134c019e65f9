package org.bangfu.matching.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Weights;
import org.bangfu.matching.solver.FlowNetwork;

/**
 * The allocation problem as a max-profit flow on a compressed network (see docs/matching.md):
 *
 * <pre>
 *   s → pledge j                       capacity quantity(j)
 *   pledge → hub(region, unit, category | any)     cost 0: eligibility by scope and category
 *   pledge → hub(region, …)            cost −a: affinity a, only where ≤ every village below
 *   hub(r) → hub(child of r)           the region tree: root → county → township → village
 *   hub(village, unit, category) → class(village, unit, category, priority)
 *   class → (cap node | t)             two arcs: ceil(Σq/2) at −(priorityUnit·p + coverageBonus),
 *                                      the rest at −priorityUnit·p
 *   pledge with a binding maxPerNeed m → need i directly, capacity m, cost −affinity
 * </pre>
 *
 * Needs of one class look alike to every pledge that reaches them through hubs, so one class node
 * stands for all of them; a class that a binding {@code maxPerNeed} reaches is expanded into one
 * node per need. Every eligible (pledge, need) pair has a path of cost −affinity and no path is
 * cheaper, so the optimum is the spec's; {@link #allocate} turns the optimal flow back into
 * per-(need, pledge) quantities.
 */
public final class CompressedNetwork {
  static final byte SOURCE = 0;
  static final byte SINK = 1;
  static final byte PLEDGE = 2;
  static final byte HUB = 3;
  static final byte CLASS = 4;
  static final byte NEED = 5;
  static final byte CAP = 6;

  final Regions regions;
  final Weights w;
  final List<Need> needs;
  final List<Pledge> pledges;
  final int[] needVillage;
  final int[] needUnit;
  final int[] needCategory;
  final int[] needClass;
  final Regions.Donor[] donors;

  final FlowNetwork g = new FlowNetwork();
  final int source;
  final int sink;
  byte[] kind = new byte[1024];
  int[] ref = new int[1024];

  private final Map<String, Integer> unitIndex = new HashMap<>();
  private final Map<String, Integer> categoryIndex = new HashMap<>();
  private final int units;
  private final int slots; // categories + 1 ("any")
  private final Map<Long, Integer> hubs = new HashMap<>();

  /** (region, unit) → categories present below, and → child regions with needs of that unit. */
  private final Map<Long, List<Integer>> categoriesBelow = new HashMap<>();

  private final Map<Long, List<Integer>> childrenBelow = new HashMap<>();

  /** (region, unit) → how many villages below have needs of that unit. */
  private final Map<Long, Integer> villageCount = new HashMap<>();

  /** village index → needs there (indices into {@link #needs}). */
  private final Map<Integer, List<Integer>> needsOfVillage = new HashMap<>();

  private final long[] maxQuantityOfUnit;

  // classes
  final List<int[]> classNeeds = new ArrayList<>();
  final List<Integer> classNode = new ArrayList<>();
  final List<Boolean> classExpanded = new ArrayList<>();
  final Map<Integer, int[]> classSinkEdges = new HashMap<>();
  private final Map<Long, Integer> classIndex = new HashMap<>();
  final int[] needNode;
  final int[] needBonusEdge;
  final int[] needPlainEdge;
  final int[] pledgeSupplyEdge;

  public CompressedNetwork(Problem p) {
    this.w = p.weights();
    this.regions = new Regions(p);
    this.needs = p.needs().stream().filter(n -> n.activeOn(p.date())).toList();
    this.pledges = p.pledges().stream().filter(j -> j.activeOn(p.date())).toList();
    for (Need n : needs) {
      unitIndex.putIfAbsent(n.unit(), unitIndex.size());
      categoryIndex.putIfAbsent(n.category(), categoryIndex.size());
    }
    units = unitIndex.size();
    slots = categoryIndex.size() + 1;
    maxQuantityOfUnit = new long[units];
    int nn = needs.size();
    needVillage = new int[nn];
    needUnit = new int[nn];
    needCategory = new int[nn];
    needClass = new int[nn];
    needNode = new int[nn];
    needBonusEdge = new int[nn];
    needPlainEdge = new int[nn];
    Arrays.fill(needNode, -1);
    Arrays.fill(needBonusEdge, -1);
    Arrays.fill(needPlainEdge, -1);
    donors = new Regions.Donor[pledges.size()];
    pledgeSupplyEdge = new int[pledges.size()];

    source = node(SOURCE, 0);
    sink = node(SINK, 0);
    buildNeedSide();
    for (int j = 0; j < pledges.size(); j++) {
      buildPledge(j);
    }
    buildSinkSide(p.caps());
    g.freeze();
  }

  public FlowNetwork network() {
    return g;
  }

  public int source() {
    return source;
  }

  public int sink() {
    return sink;
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

  private long key(int region, int unit, int slot) {
    return ((long) region * units + unit) * slots + slot;
  }

  private long key(int region, int unit) {
    return (long) region * units + unit;
  }

  // ---- the need side: hubs down the region tree, then classes

  private void buildNeedSide() {
    for (int i = 0; i < needs.size(); i++) {
      Need n = needs.get(i);
      int v = regions.villageOf(n.village());
      int u = unitIndex.get(n.unit());
      int k = categoryIndex.get(n.category());
      needVillage[i] = v;
      needUnit[i] = u;
      needCategory[i] = k;
      maxQuantityOfUnit[u] = Math.max(maxQuantityOfUnit[u], n.quantity());
      needsOfVillage.computeIfAbsent(v, x -> new ArrayList<>()).add(i);
      if (!categoriesBelow.containsKey(key(regions.villageRegion[v], u))) {
        for (int r = regions.villageRegion[v]; r >= 0; r = regions.parent.get(r)) {
          villageCount.merge(key(r, u), 1, Integer::sum);
        }
      }
      int hub = categoryHub(regions.villageRegion[v], u, k);
      long classKey = key(v, u, k) * 5 + (n.priority() - 1);
      Integer c = classIndex.get(classKey);
      if (c == null) {
        c = classNode.size();
        classIndex.put(classKey, c);
        int cn = node(CLASS, c);
        classNode.add(cn);
        classExpanded.add(false);
        g.addEdge(hub, cn, FlowNetwork.INF, 0);
      }
      needClass[i] = c;
    }
    int[] count = new int[classNode.size()];
    for (int i = 0; i < needs.size(); i++) {
      count[needClass[i]]++;
    }
    for (int c = 0; c < count.length; c++) {
      classNeeds.add(new int[count[c]]);
      count[c] = 0;
    }
    for (int i = 0; i < needs.size(); i++) {
      classNeeds.get(needClass[i])[count[needClass[i]]++] = i;
    }
  }

  /** hub(region, unit, category), made with its chain of ancestors on first use. */
  private int categoryHub(int region, int unit, int cat) {
    Integer h = hubs.get(key(region, unit, cat));
    if (h != null) {
      return h;
    }
    int hub = node(HUB, region);
    hubs.put(key(region, unit, cat), hub);
    boolean firstOfRegion = !categoriesBelow.containsKey(key(region, unit));
    categoriesBelow.computeIfAbsent(key(region, unit), x -> new ArrayList<>()).add(cat);
    int par = regions.parent.get(region);
    if (par >= 0) {
      if (firstOfRegion) {
        childrenBelow.computeIfAbsent(key(par, unit), x -> new ArrayList<>()).add(region);
      }
      g.addEdge(categoryHub(par, unit, cat), hub, FlowNetwork.INF, 0);
    }
    return hub;
  }

  /** hub(region, unit, any category), made on first use with arcs to the category hubs. */
  private int anyHub(int region, int unit) {
    Integer h = hubs.get(key(region, unit, slots - 1));
    if (h != null) {
      return h;
    }
    int hub = node(HUB, region);
    hubs.put(key(region, unit, slots - 1), hub);
    for (int cat : categoriesBelow.getOrDefault(key(region, unit), List.of())) {
      g.addEdge(hub, hubs.get(key(region, unit, cat)), FlowNetwork.INF, 0);
    }
    return hub;
  }

  /** The hubs a pledge enters at a region: one per wanted category, or the any-category hub. */
  private List<Integer> entries(int region, int unit, int[] cats) {
    if (!categoriesBelow.containsKey(key(region, unit))) {
      return List.of();
    }
    if (cats == null) {
      return List.of(anyHub(region, unit));
    }
    List<Integer> out = new ArrayList<>(cats.length);
    for (int c : cats) {
      Integer h = hubs.get(key(region, unit, c));
      if (h != null) {
        out.add(h);
      }
    }
    return out;
  }

  // ---- the pledge side

  private void buildPledge(int j) {
    Pledge pl = pledges.get(j);
    int pn = node(PLEDGE, j);
    pledgeSupplyEdge[j] = g.addEdge(source, pn, pl.quantity(), 0);
    donors[j] = regions.new Donor(pl);
    Integer unit = unitIndex.get(pl.unit());
    if (unit == null) {
      return;
    }
    int[] cats = null;
    if (!pl.categories().isEmpty()) {
      cats =
          pl.categories().stream()
              .distinct()
              .filter(categoryIndex::containsKey)
              .mapToInt(categoryIndex::get)
              .sorted()
              .toArray();
      if (cats.length == 0) {
        return;
      }
    }
    Set<Integer> scope = scopeRegions(pl);
    boolean restricted = pl.maxPerNeed() != null && pl.maxPerNeed() < maxQuantityOfUnit[unit];
    if (restricted) {
      directArcs(j, pn, unit, cats, scope, pl.maxPerNeed());
      return;
    }
    for (int r : scope) {
      for (int hub : entries(r, unit, cats)) {
        g.addEdge(pn, hub, FlowNetwork.INF, 0);
      }
    }
    Regions.Donor d = donors[j];
    for (int c : new java.util.TreeSet<>(d.affinityCounties())) {
      if (!villageCount.containsKey(key(c, unit))) {
        continue;
      }
      int[] specials = specialVillages(d, c, unit);
      long base = d.genericAffinity(c);
      for (int top : topsWithin(c, scope)) {
        affinityArcs(j, pn, unit, cats, top, 0, specials, base);
      }
    }
  }

  /** The scope as regions, without those inside another one of the scope. */
  private Set<Integer> scopeRegions(Pledge pl) {
    if (pl.scope().isEmpty()) {
      return Set.of(Regions.ROOT);
    }
    Set<Integer> all = new HashSet<>();
    for (String id : pl.scope()) {
      all.addAll(regions.scopeRegions(id));
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (int r : new java.util.TreeSet<>(all)) {
      boolean covered = false;
      for (int a = regions.parent.get(r); a >= 0; a = regions.parent.get(a)) {
        if (all.contains(a)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        out.add(r);
      }
    }
    return out;
  }

  /** The regions of county {@code c} a pledge may give to: c itself, or its scoped parts. */
  private List<Integer> topsWithin(int c, Set<Integer> scope) {
    if (scope.contains(Regions.ROOT) || scope.contains(c)) {
      return List.of(c);
    }
    List<Integer> out = new ArrayList<>();
    for (int r : scope) {
      int a = r;
      while (a >= 0 && regions.depth.get(a) > 1) {
        a = regions.parent.get(a);
      }
      if (a == c) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Arcs of cost −a from the pledge into {@code region}'s hubs, where a is the least affinity of
   * the villages below (so no village gets more than its own), then into the sub-regions whose
   * villages deserve more. Every village ends with a path of exactly its affinity.
   *
   * <p>Within a county all villages have the same affinity ({@code base}) except a few "special"
   * ones (paired villages, the hometown village, the hometown township's villages), so the least
   * and greatest affinity below a region come from the specials below it and, if some village below
   * is not special, from {@code base}: the cost is in the specials, not in the villages of the
   * county.
   */
  private void affinityArcs(
      int j, int pn, int unit, int[] cats, int region, long inherited, int[] specials, long base) {
    int total = villageCount.getOrDefault(key(region, unit), 0);
    if (total == 0) {
      return;
    }
    int depth = regions.depth.get(region);
    long least = Long.MAX_VALUE;
    long most = Long.MIN_VALUE;
    int specialsBelow = 0;
    for (int v : specials) {
      if (inside(v, region, depth)) {
        specialsBelow++;
        long a = donors[j].affinity(v);
        least = Math.min(least, a);
        most = Math.max(most, a);
      }
    }
    if (total > specialsBelow) {
      least = Math.min(least, base);
      most = Math.max(most, base);
    }
    if (most <= inherited) {
      return;
    }
    if (least > inherited) {
      for (int hub : entries(region, unit, cats)) {
        g.addEdge(pn, hub, FlowNetwork.INF, -least);
      }
      inherited = least;
    }
    if (depth == 3 || most <= inherited) {
      return;
    }
    for (int child : childrenBelow.getOrDefault(key(region, unit), List.of())) {
      affinityArcs(j, pn, unit, cats, child, inherited, specials, base);
    }
  }

  private boolean inside(int v, int region, int depth) {
    return switch (depth) {
      case 1 -> regions.villageCounty[v] == region;
      case 2 -> regions.villageTownship[v] == region;
      case 3 -> regions.villageRegion[v] == region;
      default -> true;
    };
  }

  /** The villages of county {@code c} (with needs of the unit) whose affinity may differ. */
  private int[] specialVillages(Regions.Donor d, int c, int unit) {
    Set<Integer> out = new java.util.TreeSet<>();
    for (int v : d.pairedVillages) {
      out.add(v);
    }
    if (d.htVillage >= 0) {
      out.add(d.htVillage);
    }
    if (d.htTownship != null) {
      for (int t : regions.townshipRegions.getOrDefault(d.htTownship, List.of())) {
        if (regions.parent.get(t) == c) {
          for (int vr : childrenBelow.getOrDefault(key(t, unit), List.of())) {
            out.add(villageOfRegion(vr));
          }
        }
      }
    }
    out.removeIf(
        v ->
            regions.villageCounty[v] != c
                || !categoriesBelow.containsKey(key(regions.villageRegion[v], unit)));
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private int[] villageByRegion;

  private int villageOfRegion(int region) {
    if (villageByRegion == null) {
      villageByRegion = new int[regions.size()];
      for (int v = 0; v < regions.villageRegion.length; v++) {
        villageByRegion[regions.villageRegion[v]] = v;
      }
    }
    return villageByRegion[region];
  }

  /** A pledge whose maxPerNeed binds: one arc per eligible need, capacity maxPerNeed. */
  private void directArcs(int j, int pn, int unit, int[] cats, Set<Integer> scope, long max) {
    // the scope's regions are disjoint (none inside another), so every need comes once
    for (int r : scope) {
      forVillagesBelow(
          r,
          unit,
          v -> {
            long affinity = -1;
            for (int i : needsOfVillage.getOrDefault(v, List.of())) {
              if (needUnit[i] != unit
                  || (cats != null && Arrays.binarySearch(cats, needCategory[i]) < 0)) {
                continue;
              }
              if (affinity < 0) {
                affinity = donors[j].affinity(v);
              }
              g.addEdge(pn, needNode(i), max, -affinity);
            }
          });
    }
  }

  private void forVillagesBelow(int region, int unit, java.util.function.IntConsumer action) {
    if (regions.depth.get(region) == 3) {
      action.accept(villageOfRegion(region));
      return;
    }
    for (int child : childrenBelow.getOrDefault(key(region, unit), List.of())) {
      forVillagesBelow(child, unit, action);
    }
  }

  private int needNode(int i) {
    if (needNode[i] < 0) {
      needNode[i] = node(NEED, i);
      classExpanded.set(needClass[i], true);
    }
    return needNode[i];
  }

  // ---- the sink side: coverage halves, caps

  private void buildSinkSide(List<Cap> caps) {
    Map<Long, Long> capOf = new HashMap<>();
    for (Cap c : caps) {
      Integer u = unitIndex.get(c.unit());
      Integer v = regions.villageIndex.get(c.village());
      if (u != null && v != null) {
        capOf.merge(key(v, u), c.max(), Math::min);
      }
    }
    Map<Long, Long> demand = new HashMap<>();
    for (int i = 0; i < needs.size(); i++) {
      demand.merge(key(needVillage[i], needUnit[i]), needs.get(i).quantity(), Long::sum);
    }
    Map<Long, Integer> capNodes = new HashMap<>();
    for (int c = 0; c < classNeeds.size(); c++) {
      int[] members = classNeeds.get(c);
      int first = members[0];
      long villageUnit = key(needVillage[first], needUnit[first]);
      int target = sink;
      Long max = capOf.get(villageUnit);
      if (max != null && max < demand.get(villageUnit)) {
        Integer cn = capNodes.get(villageUnit);
        if (cn == null) {
          cn = node(CAP, 0);
          capNodes.put(villageUnit, cn);
          g.addEdge(cn, sink, max, 0);
        }
        target = cn;
      }
      long perUnit = w.priorityUnit() * needs.get(first).priority();
      if (classExpanded.get(c)) {
        for (int i : members) {
          int nn = needNode(i);
          g.addEdge(classNode.get(c), nn, FlowNetwork.INF, 0);
          long q = needs.get(i).quantity();
          needBonusEdge[i] = g.addEdge(nn, target, (q + 1) / 2, -(perUnit + w.coverageBonus()));
          if (q / 2 > 0) {
            needPlainEdge[i] = g.addEdge(nn, target, q / 2, -perUnit);
          }
        }
      } else {
        long firstHalves = 0;
        long secondHalves = 0;
        for (int i : members) {
          long q = needs.get(i).quantity();
          firstHalves += (q + 1) / 2;
          secondHalves += q / 2;
        }
        int bonus =
            g.addEdge(classNode.get(c), target, firstHalves, -(perUnit + w.coverageBonus()));
        int plain =
            secondHalves > 0 ? g.addEdge(classNode.get(c), target, secondHalves, -perUnit) : -1;
        classSinkEdges.put(c, new int[] {bonus, plain});
      }
    }
  }
}
