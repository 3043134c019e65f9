package org.bangfu.matching.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Hometown;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.model.Weights;

/**
 * The region tree of a problem (root → county → township → village, as integer region ids) and the
 * affinity rules of the spec evaluated on it: {@link Donor#affinity} for the objective and {@link
 * Donor#reasons} for the explanation of each allocation. Read-only once built, so the networks of
 * several units may use it from several threads.
 */
public final class Regions {
  public static final int ROOT = 0;

  private final IntList parentList = new IntList();
  private final IntList depthList = new IntList();

  /**
   * Per region: its parent (−1 for the root) and depth (0 root, 1 county, 2 township, 3 village).
   */
  final int[] parent;

  final int[] depth;

  /** Per region: its children, {@code children[childStart[r] .. childStart[r + 1])}. */
  final int[] childStart;

  final int[] children;

  /** Per region: the village index of a village region, else −1. */
  final int[] villageOfRegion;

  final Map<String, Integer> countyRegion = new HashMap<>();

  /** township id → its region(s): a township id seen in two counties names both. */
  final Map<String, List<Integer>> townshipRegions = new HashMap<>();

  final Map<String, Integer> villageIndex = new HashMap<>();

  /** per village index: its region id, county region, township region, township id (numbered). */
  final int[] villageRegion;

  final int[] villageCounty;
  final int[] villageTownship;

  /**
   * Per village: its township's id as a number (the same for townships of one id in different
   * counties, as the hometown rule compares ids): the rule reads an int, not two strings.
   */
  final int[] villageTownshipName;

  private final Map<String, Integer> townshipNames = new HashMap<>();

  private final String[] villageIds;
  private final Map<Integer, int[]> pairedWith = new HashMap<>();
  private final Weights w;

  public Regions(Problem p) {
    this.w = p.weights();
    add(-1, 0);
    for (County c : p.counties()) {
      county(c.id());
    }
    List<Village> vs = p.villages();
    villageRegion = new int[vs.size()];
    villageCounty = new int[vs.size()];
    villageTownship = new int[vs.size()];
    villageTownshipName = new int[vs.size()];
    villageIds = new String[vs.size()];
    Map<String, Integer> townshipByKey = new HashMap<>();
    for (int k = 0; k < vs.size(); k++) {
      Village v = vs.get(k);
      int c = county(v.county());
      String key = v.county() + "\u0000" + v.township();
      Integer t = townshipByKey.get(key);
      if (t == null) {
        t = add(c, 2);
        townshipByKey.put(key, t);
        townshipRegions.computeIfAbsent(v.township(), x -> new ArrayList<>()).add(t);
      }
      villageIndex.putIfAbsent(v.id(), k);
      villageRegion[k] = add(t, 3);
      villageCounty[k] = c;
      villageTownship[k] = t;
      villageTownshipName[k] =
          townshipNames.computeIfAbsent(v.township(), x -> townshipNames.size());
      villageIds[k] = v.id();
    }
    // counties named only by pledges (a home county, a hometown) become regions too, up front,
    // so that everything after construction only reads
    for (Pledge j : p.pledges()) {
      if (j.homeCounty() != null) {
        county(j.homeCounty());
      }
      if (j.hometown() != null) {
        county(j.hometown().county());
      }
    }
    pairings(p.counties());
    parent = parentList.toArray();
    depth = depthList.toArray();
    villageOfRegion = new int[parent.length];
    Arrays.fill(villageOfRegion, -1);
    for (int v = 0; v < villageRegion.length; v++) {
      villageOfRegion[villageRegion[v]] = v;
    }
    childStart = new int[parent.length + 1];
    for (int r = 1; r < parent.length; r++) {
      childStart[parent[r] + 1]++;
    }
    for (int r = 0; r < parent.length; r++) {
      childStart[r + 1] += childStart[r];
    }
    children = new int[parent.length - 1];
    int[] fill = Arrays.copyOf(childStart, parent.length);
    for (int r = 1; r < parent.length; r++) {
      children[fill[parent[r]]++] = r;
    }
    villagesBelow = new int[parent.length];
    for (int v = 0; v < villageRegion.length; v++) {
      for (int r = villageRegion[v]; r >= 0; r = parent[r]) {
        villagesBelow[r]++;
      }
    }
  }

  /** Per region: how many villages lie in it. */
  final int[] villagesBelow;

  private void pairings(List<County> counties) {
    Map<Integer, Set<Integer>> pairs = new HashMap<>();
    for (County c : counties) {
      for (String other : c.pairedWith()) {
        int a = county(c.id());
        int b = county(other);
        pairs.computeIfAbsent(a, x -> new HashSet<>()).add(b);
        pairs.computeIfAbsent(b, x -> new HashSet<>()).add(a);
      }
    }
    pairs.forEach(
        (c, set) -> pairedWith.put(c, set.stream().mapToInt(Integer::intValue).sorted().toArray()));
  }

  /** The region of a county id (made on first sight, so references to unlisted ones work). */
  private int county(String id) {
    Integer r = countyRegion.get(id);
    if (r == null) {
      r = add(ROOT, 1);
      countyRegion.put(id, r);
    }
    return r;
  }

  private int add(int par, int d) {
    parentList.add(par);
    depthList.add(d);
    return parentList.size() - 1;
  }

  public int size() {
    return parent.length;
  }

  public int villageCount() {
    return villageRegion.length;
  }

  public String villageId(int v) {
    return villageIds[v];
  }

  public int villageOf(String villageId) {
    return villageIndex.get(villageId);
  }

  /** The village index of an id, or −1. */
  public int villageOrMissing(String villageId) {
    return villageIndex.getOrDefault(villageId, -1);
  }

  /** The county region of a village. */
  public int countyOfVillage(int v) {
    return villageCounty[v];
  }

  /** The regions a scope id names: a county, the township(s) of that id, or a village. */
  List<Integer> scopeRegions(String id) {
    List<Integer> out = new ArrayList<>();
    Integer c = countyRegion.get(id);
    if (c != null) {
      out.add(c);
    }
    out.addAll(townshipRegions.getOrDefault(id, List.of()));
    Integer v = villageIndex.get(id);
    if (v != null) {
      out.add(villageRegion[v]);
    }
    return out;
  }

  /** Whether village {@code v} lies in {@code region} (a region of depth {@code d}). */
  boolean inside(int v, int region) {
    return switch (depth[region]) {
      case 0 -> true;
      case 1 -> villageCounty[v] == region;
      case 2 -> villageTownship[v] == region;
      default -> villageRegion[v] == region;
    };
  }

  /** The county above a region (the region itself for a county), −1 for the root. */
  int countyOf(int region) {
    int r = region;
    while (r >= 0 && depth[r] > 1) {
      r = parent[r];
    }
    return r == ROOT ? -1 : r;
  }

  /** A pledge's affinity data, resolved to region ids once. */
  public final class Donor {
    final int homeCounty;
    final int htCounty;
    final String htTownship;
    final int htVillage;

    /** Village indices, sorted. */
    final int[] pairedVillages;

    /** The mountain-sea partners of the home county, sorted. */
    final int[] homePartners;

    /**
     * The hometown township's id as a number ({@link #villageTownshipName}; −1 none, −2 no village
     * has it), and whether there are paired villages and partners: the rule, run for every
     * allocation, reads these fields before any array.
     */
    final int htTownshipName;

    final boolean paired;
    final boolean partners;

    public Donor(Pledge j) {
      homeCounty = j.homeCounty() == null ? -1 : countyRegion.get(j.homeCounty());
      Hometown h = j.hometown();
      htCounty = h == null ? -1 : countyRegion.get(h.county());
      homePartners = homeCounty < 0 ? new int[0] : pairedWith.getOrDefault(homeCounty, new int[0]);
      htTownship = h == null ? null : h.township();
      htVillage =
          h == null || h.village() == null ? -1 : villageIndex.getOrDefault(h.village(), -1);
      pairedVillages =
          j.pairedVillages().stream()
              .filter(villageIndex::containsKey)
              .mapToInt(villageIndex::get)
              .sorted()
              .distinct()
              .toArray();
      htTownshipName = htTownship == null ? -1 : townshipNames.getOrDefault(htTownship, -2);
      paired = pairedVillages.length > 0;
      partners = homePartners.length > 0;
    }

    /** The counties where this donor has some affinity (the only places affinity arcs go). */
    int[] affinityCounties() {
      IntList out = new IntList();
      if (homeCounty >= 0) {
        out.add(homeCounty);
        for (int c : homePartners) {
          out.add(c);
        }
      }
      if (htCounty >= 0) {
        out.add(htCounty);
      }
      if (htTownship != null) {
        for (int r : townshipRegions.getOrDefault(htTownship, List.of())) {
          out.add(parent[r]);
        }
      }
      if (htVillage >= 0) {
        out.add(villageCounty[htVillage]);
      }
      for (int v : pairedVillages) {
        out.add(villageCounty[v]);
      }
      return out.sortedDistinct();
    }

    /**
     * The villages of county {@code c} whose affinity may differ from the county's generic one:
     * paired villages, the hometown village, the villages of the hometown township. Sorted.
     */
    int[] specialVillages(int c) {
      IntList out = new IntList();
      for (int v : pairedVillages) {
        if (villageCounty[v] == c) {
          out.add(v);
        }
      }
      if (htVillage >= 0 && villageCounty[htVillage] == c) {
        out.add(htVillage);
      }
      if (htTownship != null) {
        for (int t : townshipRegions.getOrDefault(htTownship, List.of())) {
          if (parent[t] == c) {
            for (int k = childStart[t]; k < childStart[t + 1]; k++) {
              out.add(villageOfRegion[children[k]]);
            }
          }
        }
      }
      return out.sortedDistinct();
    }

    /**
     * The affinity for a village of county {@code c} (a region) that is none of the special ones:
     * not paired, not the hometown village, not in the hometown township.
     */
    long genericAffinity(int c) {
      return Affinity.weight(
          Affinity.of(false, false, false, htCounty == c, partner(c), homeCounty == c), w);
    }

    /** The largest affinity this donor has anywhere (a bound for the pricing of its arcs). */
    long maxAffinity() {
      long best = 0;
      for (int c : affinityCounties()) {
        best = Math.max(best, genericAffinity(c));
        for (int v : specialVillages(c)) {
          best = Math.max(best, affinity(v));
        }
      }
      return best;
    }

    /** The affinity rule ({@link Affinity#of}) for a need in village {@code v} (village index). */
    int reasonSet(int v) {
      int c = villageCounty[v];
      return Affinity.of(
          paired && Arrays.binarySearch(pairedVillages, v) >= 0,
          htVillage == v,
          htTownshipName == villageTownshipName[v],
          htCounty == c,
          partner(c),
          homeCounty == c);
    }

    private boolean partner(int c) {
      return partners && Arrays.binarySearch(homePartners, c) >= 0;
    }

    /** The spec's affinity of this donor for a need in village {@code v} (village index). */
    public long affinity(int v) {
      return Affinity.weight(reasonSet(v), w);
    }

    /** The reasons that apply to a need in village {@code v}, in the spec's order. */
    public List<String> reasons(int v) {
      return Affinity.wireNames(Affinity.reasons(reasonSet(v)));
    }
  }
}
