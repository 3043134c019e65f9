package org.bangfu.matching.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Weights;

/**
 * A round's needs and pledges as indices the networks work with: units, categories, villages and
 * scopes resolved once. Needs and pledges are numbered in the order they arrive and keep their
 * number; a change (an incremental round) appends new ones and marks removed ones, so the networks
 * built on it can follow.
 */
public final class Round {
  final Regions regions;

  /** The unit tasks that hold the machine's cores, and whether one is free ({@link SpareCore}). */
  final SpareCore cores = new SpareCore();

  final Weights w;
  final Options options;
  final LocalDate date;
  final List<Cap> capList;

  final Map<String, Integer> categoryIndex = new HashMap<>();
  final Map<String, Integer> unitIndex = new HashMap<>();
  final List<String> units = new ArrayList<>();

  final List<Need> needs = new ArrayList<>();
  final IntList needVillage = new IntList();
  final IntList needCategory = new IntList();
  final IntList needUnit = new IntList();

  /** Needs that take part (deadline not past, not removed). */
  final BitSet needActive = new BitSet();

  final Map<String, Integer> needById = new HashMap<>();

  final List<Pledge> pledges = new ArrayList<>();
  final IntList pledgeUnit = new IntList();

  /** Per pledge: its categories as indices (sorted), or null for any category. */
  final List<int[]> pledgeCats = new ArrayList<>();

  /** Per pledge: its scope as regions, none inside another ({@link Regions#ROOT} if unscoped). */
  final List<int[]> pledgeScope = new ArrayList<>();

  final List<Regions.Donor> donors = new ArrayList<>();
  final BitSet pledgeActive = new BitSet();
  final Map<String, Integer> pledgeById = new HashMap<>();

  /** (village, unit) → the cap's max (the least, if several). */
  final Map<Long, Long> caps = new HashMap<>();

  public Round(Problem p, Options options) {
    this.regions = new Regions(p);
    this.w = p.weights();
    this.options = options == null ? Options.NONE : options;
    this.date = p.date();
    this.capList = p.caps();
    for (Need n : p.needs()) {
      addNeed(n);
    }
    for (Pledge j : p.pledges()) {
      addPledge(j);
    }
    for (Cap c : p.caps()) {
      setCap(c);
    }
  }

  static long villageUnit(int village, int unit) {
    return ((long) village << 20) | unit;
  }

  int unit(String name) {
    Integer u = unitIndex.get(name);
    if (u == null) {
      u = units.size();
      unitIndex.put(name, u);
      units.add(name);
    }
    return u;
  }

  int category(String name) {
    Integer k = categoryIndex.get(name);
    if (k == null) {
      k = categoryIndex.size();
      categoryIndex.put(name, k);
    }
    return k;
  }

  /**
   * Adds a need; returns its index. A need whose deadline is past is kept, but does not take part.
   */
  int addNeed(Need n) {
    int i = needs.size();
    needs.add(n);
    needVillage.add(regions.villageOf(n.village()));
    needCategory.add(category(n.category()));
    needUnit.add(unit(n.unit()));
    needById.put(n.id(), i);
    if (n.activeOn(date)) {
      needActive.set(i);
    }
    return i;
  }

  void removeNeed(int i) {
    needActive.clear(i);
    needById.remove(needs.get(i).id());
  }

  /** Adds a pledge; returns its index. An expired pledge is kept, but does not take part. */
  int addPledge(Pledge j) {
    int k = pledges.size();
    pledges.add(j);
    pledgeUnit.add(unit(j.unit()));
    pledgeCats.add(
        j.categories().isEmpty()
            ? null
            : j.categories().stream().mapToInt(this::category).sorted().distinct().toArray());
    pledgeScope.add(scopeRegions(j));
    donors.add(regions.new Donor(j));
    pledgeById.put(j.id(), k);
    if (j.activeOn(date)) {
      pledgeActive.set(k);
    }
    return k;
  }

  void removePledge(int k) {
    pledgeActive.clear(k);
    pledgeById.remove(pledges.get(k).id());
  }

  /** A cap of an incremental round: replaces the one of its village and unit. */
  int replaceCap(Cap c) {
    int v = regions.villageOrMissing(c.village());
    caps.put(villageUnit(v, unit(c.unit())), c.max());
    return v;
  }

  void setCap(Cap c) {
    int v = regions.villageOrMissing(c.village());
    if (v >= 0) {
      caps.merge(villageUnit(v, unit(c.unit())), c.max(), Math::min);
    }
  }

  /** The scope as regions, without those inside another one of the scope. */
  private int[] scopeRegions(Pledge pl) {
    if (pl.scope().isEmpty()) {
      return new int[] {Regions.ROOT};
    }
    TreeSet<Integer> all = new TreeSet<>();
    for (String id : pl.scope()) {
      all.addAll(regions.scopeRegions(id));
    }
    IntList out = new IntList();
    for (int r : all) {
      boolean covered = false;
      for (int a = regions.parent[r]; a >= 0; a = regions.parent[a]) {
        if (all.contains(a)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        out.add(r);
      }
    }
    return out.toArray();
  }

  public int unitCount() {
    return units.size();
  }

  public String unitName(int u) {
    return units.get(u);
  }

  public Regions regions() {
    return regions;
  }

  public Weights weights() {
    return w;
  }

  public Options options() {
    return options;
  }

  public List<Need> needs() {
    return needs;
  }

  public List<Pledge> pledges() {
    return pledges;
  }

  public boolean needTakesPart(int i) {
    return needActive.get(i);
  }

  public boolean pledgeTakesPart(int k) {
    return pledgeActive.get(k);
  }

  public int needVillage(int i) {
    return needVillage.get(i);
  }

  public Regions.Donor donor(int k) {
    return donors.get(k);
  }

  public int needIndex(String id) {
    return needById.getOrDefault(id, -1);
  }

  public int pledgeIndex(String id) {
    return pledgeById.getOrDefault(id, -1);
  }

  /** The cap of (village, unit), or −1 if none. */
  long cap(int village, int unit) {
    Long c = caps.get(villageUnit(village, unit));
    return c == null ? -1 : c;
  }
}
