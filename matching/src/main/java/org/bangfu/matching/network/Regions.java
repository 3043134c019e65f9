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
 * affinity rules of the spec evaluated on it: {@link #affinity} for the objective and {@link
 * #reasons} for the explanation of each allocation.
 */
public final class Regions {
  public static final int ROOT = 0;

  final List<Integer> parent = new ArrayList<>();

  /** 0 root, 1 county, 2 township, 3 village. */
  final List<Integer> depth = new ArrayList<>();

  final Map<String, Integer> countyRegion = new HashMap<>();

  /** township id → its region(s): a township id seen in two counties names both. */
  final Map<String, List<Integer>> townshipRegions = new HashMap<>();

  private final Map<String, Integer> townshipByKey = new HashMap<>();
  final Map<String, Integer> villageIndex = new HashMap<>();

  /** per village index: its region id, county region, township region. */
  final int[] villageRegion;

  final int[] villageCounty;
  final int[] villageTownship;
  final String[] villageTownshipId;
  private final Set<Long> pairs = new HashSet<>();
  private final Map<Integer, Set<Integer>> pairedWith = new HashMap<>();
  private final Weights w;

  public Regions(Problem p) {
    this.w = p.weights();
    parent.add(-1);
    depth.add(0);
    for (County c : p.counties()) {
      county(c.id());
    }
    List<Village> vs = p.villages();
    villageRegion = new int[vs.size()];
    villageCounty = new int[vs.size()];
    villageTownship = new int[vs.size()];
    villageTownshipId = new String[vs.size()];
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
      villageTownshipId[k] = v.township();
    }
    for (County c : p.counties()) {
      for (String other : c.pairedWith()) {
        int a = county(c.id());
        int b = county(other);
        pairs.add(pairKey(a, b));
        pairs.add(pairKey(b, a));
        pairedWith.computeIfAbsent(a, x -> new HashSet<>()).add(b);
        pairedWith.computeIfAbsent(b, x -> new HashSet<>()).add(a);
      }
    }
  }

  private static long pairKey(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }

  /** The region of a county id (made on first sight, so references to unlisted ones work). */
  int county(String id) {
    Integer r = countyRegion.get(id);
    if (r == null) {
      r = add(ROOT, 1);
      countyRegion.put(id, r);
    }
    return r;
  }

  private int add(int par, int d) {
    parent.add(par);
    depth.add(d);
    return parent.size() - 1;
  }

  public int size() {
    return parent.size();
  }

  public int villageOf(String villageId) {
    return villageIndex.get(villageId);
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

    public Donor(Pledge j) {
      homeCounty = j.homeCounty() == null ? -1 : county(j.homeCounty());
      Hometown h = j.hometown();
      htCounty = h == null ? -1 : county(h.county());
      homePartners =
          homeCounty < 0
              ? new int[0]
              : pairedWith.getOrDefault(homeCounty, Set.of()).stream()
                  .mapToInt(Integer::intValue)
                  .sorted()
                  .toArray();
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
    }

    /** The counties where this donor has some affinity (the only places affinity arcs go). */
    Set<Integer> affinityCounties() {
      Set<Integer> out = new HashSet<>();
      if (homeCounty >= 0) {
        out.add(homeCounty);
        out.addAll(pairedWith.getOrDefault(homeCounty, Set.of()));
      }
      if (htCounty >= 0) {
        out.add(htCounty);
      }
      if (htTownship != null) {
        for (int r : townshipRegions.getOrDefault(htTownship, List.of())) {
          out.add(parent.get(r));
        }
      }
      if (htVillage >= 0) {
        out.add(villageCounty[htVillage]);
      }
      for (int v : pairedVillages) {
        out.add(villageCounty[v]);
      }
      return out;
    }

    /**
     * The affinity for a village of county {@code c} (a region) that is none of the special ones:
     * not paired, not the hometown village, not in the hometown township.
     */
    long genericAffinity(int c) {
      return Affinity.weight(
          Affinity.of(false, false, false, htCounty == c, partner(c), homeCounty == c), w);
    }

    /** The affinity rule ({@link Affinity#of}) for a need in village {@code v} (village index). */
    private int reasonSet(int v) {
      int c = villageCounty[v];
      return Affinity.of(
          pairedVillages.length > 0 && Arrays.binarySearch(pairedVillages, v) >= 0,
          htVillage == v,
          htTownship != null && htTownship.equals(villageTownshipId[v]),
          htCounty == c,
          partner(c),
          homeCounty == c);
    }

    private boolean partner(int c) {
      return homePartners.length > 0 && Arrays.binarySearch(homePartners, c) >= 0;
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

  boolean paired(int a, int b) {
    return pairs.contains(pairKey(a, b));
  }
}
