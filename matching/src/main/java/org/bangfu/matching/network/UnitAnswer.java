package org.bangfu.matching.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.DonorRow;
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Unmatched;
import org.bangfu.matching.model.UnmatchedReason;
import org.bangfu.matching.model.Weights;

/**
 * One unit's part of the answer, from its flow alone: its allocations (by need, then pledge id)
 * with their reasons, its rows per need and donor, the summaries of its needs and pledges, its
 * needs left short with the reason, and what it adds to the objective. Units never share a need or
 * a pledge, so the round's answer is these parts merged by id ({@link Assembly}); a unit whose flow
 * an incremental round left alone keeps its part instead of assembling it again.
 */
final class UnitAnswer {
  final List<Allocation> allocations = new ArrayList<>();
  final List<DonorRow> rows = new ArrayList<>();
  final List<ItemSummary> needSummaries = new ArrayList<>();
  final List<ItemSummary> pledgeSummaries = new ArrayList<>();
  final List<Unmatched> unmatched = new ArrayList<>();

  /** The spec's objective of the flow's pairs (before any floor withdraws pieces). */
  long optimum;

  /** The spec's objective of what is given (after the floor, if any). */
  long objective;

  /** The flow's cost (≤ 0) and fairness term, which {@link #optimum} is checked against. */
  long cost;

  long fairnessTerm;

  private final UnitNetwork net;
  private final Weights w;

  /** Local needs and pledges that take part, in id order. */
  private final int[] needOrder;

  private final int[] pledgeOrder;
  private final long[] needAllocated;
  private final long[] pledgeAllocated;

  @SuppressWarnings("unchecked")
  private final List<String>[] reasonNames = new List[128];

  /** The part made for the unit's last flow while this one is made; null after. */
  private UnitAnswer last;

  /** The pairs given (after any floor), by need then pledge id, kept for the next part. */
  private SortedPairs given;

  /**
   * Per local need: where its pairs start in {@link #given} (the index of its first allocation
   * too), where its rows start, and what its pairs earn before coverage; -1 and 0 for a need given
   * nothing.
   */
  private int[] pairsFrom;

  private int[] rowsFrom;
  private int[] rowsTo;
  private long[] earned;

  /** Per local need: its summary (null for a need that does not take part). */
  private ItemSummary[] summaryOf;

  /**
   * Per position k of {@link #needSummaries} (the unit's needs by id): how many allocations, rows
   * and needs left short come before its need ({@code [k]}) and up to it ({@code [k + 1]}). The
   * lists are in need id order too, so the round's merge takes each need's runs from these rather
   * than comparing ids again ({@link Assembly}).
   */
  int[] allocationsBefore;

  int[] rowsBefore;
  int[] unmatchedBefore;

  private UnitAnswer(UnitNetwork net) {
    this.net = net;
    this.w = net.round.w;
    this.needOrder = net.needsById();
    this.pledgeOrder = pledgesById(present(net.pledgeGlobal.size(), net.removedPledges));
    this.needAllocated = new long[net.needGlobal.size()];
    this.pledgeAllocated = new long[net.pledgeGlobal.size()];
  }

  /**
   * The part of a solved unit (its flow decomposed into {@code triples}). {@code last} is this
   * unit's part for an earlier flow of the same network, or null: a need whose pairs are those it
   * had then gets the allocations and rows made then (the same objects, since they depend on its
   * pairs alone), so a change makes anew only the needs whose pairs it changed.
   */
  static UnitAnswer of(UnitNetwork net, Decomposition.Triples triples, UnitAnswer last) {
    return of(net, triples, last, false);
  }

  /**
   * The same; {@code twoThreads}: the unmatched reasons (a pass down the network) are found on a
   * thread of their own while the allocations and rows are made (a core is free: {@link
   * SpareCore}).
   */
  static UnitAnswer of(
      UnitNetwork net, Decomposition.Triples triples, UnitAnswer last, boolean twoThreads) {
    UnitAnswer a = new UnitAnswer(net);
    a.last = last;
    a.twoThreads = twoThreads;
    a.assemble(triples);
    a.last = null;
    a.fairnessTerm = net.fairnessTerm();
    return a;
  }

  private boolean twoThreads;

  private void assemble(Decomposition.Triples triples) {
    SortedPairs pairs = sortedPairs(triples);
    BitSet shortened = new BitSet();
    long floor = net.round.options.floor(net.round.unitName(net.unit));
    boolean floored = floor > 1;
    if (floored) {
      optimum = value(pairs);
      pairs = Floors.apply(net, pairs, floor, shortened);
    }
    SortedPairs given = pairs;
    for (int x = 0; x < given.size; x++) {
      needAllocated[given.need[x]] += given.amount[x];
      pledgeAllocated[given.pledge[x]] += given.amount[x];
    }
    // the reasons depend on what each need got alone: found beside the allocations, rows and
    // summaries
    UnmatchedReason[][] reasons = new UnmatchedReason[1][];
    SpareCore.both(
        twoThreads,
        () -> {
          objective = allocate(given);
          if (!floored) {
            // a floor of 1 withdraws nothing: what is given is the optimum
            optimum = objective;
          }
          summaries();
          cost = net.g.totalCost();
        },
        () -> reasons[0] = UnmatchedReasons.of(net, needAllocated, triples.nodeOrder));
    unmatched(shortened, reasons[0]);
    runs();
  }

  /** The needs' summaries (kept from the last part where a need got the same) and the pledges'. */
  private void summaries() {
    summaryOf = new ItemSummary[net.needGlobal.size()];
    for (int local : needOrder) {
      ItemSummary kept = last == null ? null : last.summary(local);
      if (kept == null || kept.allocated() != needAllocated[local]) {
        Need n = need(local);
        kept = new ItemSummary(n.id(), needAllocated[local], n.quantity() - needAllocated[local]);
      }
      summaryOf[local] = kept;
      needSummaries.add(kept);
    }
    for (int local : pledgeOrder) {
      long q = net.pledge(local).quantity();
      pledgeSummaries.add(
          new ItemSummary(
              net.pledge(local).id(), pledgeAllocated[local], q - pledgeAllocated[local]));
    }
  }

  /** The runs of each need in the allocations and rows, by the need's position (see above). */
  private void runs() {
    allocationsBefore = new int[needOrder.length + 1];
    rowsBefore = new int[needOrder.length + 1];
    for (int k = 0; k < needOrder.length; k++) {
      int i = needOrder[k];
      int from = pairsFrom[i];
      if (from < 0) {
        allocationsBefore[k + 1] = allocationsBefore[k];
        rowsBefore[k + 1] = rowsBefore[k];
      } else {
        int to = from;
        while (to < given.size && given.need[to] == i) {
          to++;
        }
        allocationsBefore[k + 1] = to;
        rowsBefore[k + 1] = rowsTo[i];
      }
    }
  }

  private static IntList present(int count, BitSet removed) {
    IntList out = new IntList();
    for (int k = 0; k < count; k++) {
      if (!removed.get(k)) {
        out.add(k);
      }
    }
    return out;
  }

  private int[] pledgesById(IntList locals) {
    Integer[] boxed = new Integer[locals.size()];
    for (int k = 0; k < boxed.length; k++) {
      boxed[k] = locals.get(k);
    }
    Arrays.sort(boxed, Comparator.comparing((Integer x) -> net.pledge(x).id()));
    int[] out = new int[boxed.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = boxed[k];
    }
    return out;
  }

  private Need need(int local) {
    return net.round.needs.get(net.needGlobal.get(local));
  }

  /** (local need, local pledge, amount) in id order, a pair's pieces summed. */
  record SortedPairs(int[] need, int[] pledge, long[] amount, int size) {}

  /**
   * The triples in (need id, pledge id) order: counted out by the need's rank (a bucket per need),
   * then each need's few pledges sorted by rank — no sort of the whole list.
   */
  private SortedPairs sortedPairs(Decomposition.Triples t) {
    int[] needRank = inverse(needOrder, net.needGlobal.size());
    int[] pledgeRank = inverse(pledgeOrder, net.pledgeGlobal.size());
    int[] start = new int[needOrder.length + 1];
    int[] rankOf = new int[t.size];
    for (int x = 0; x < t.size; x++) {
      rankOf[x] = needRank[UnitNetwork.local(net.localNeed, t.need[x])];
      start[rankOf[x] + 1]++;
    }
    for (int k = 0; k < needOrder.length; k++) {
      start[k + 1] += start[k];
    }
    long[] keyed = new long[t.size];
    int[] fill = Arrays.copyOf(start, needOrder.length);
    for (int x = 0; x < t.size; x++) {
      int j = pledgeRank[UnitNetwork.local(net.localPledge, t.pledge[x])];
      keyed[fill[rankOf[x]]++] = ((long) j << 32) | x;
    }
    int[] needs = new int[t.size];
    int[] pledges = new int[t.size];
    long[] amounts = new long[t.size];
    int n = 0;
    for (int k = 0; k < needOrder.length; k++) {
      Arrays.sort(keyed, start[k], start[k + 1]);
      int groupStart = n;
      for (int y = start[k]; y < start[k + 1]; y++) {
        int j = pledgeOrder[(int) (keyed[y] >>> 32)];
        long a = t.amount[(int) keyed[y]];
        if (n > groupStart && pledges[n - 1] == j) {
          amounts[n - 1] += a;
        } else {
          needs[n] = needOrder[k];
          pledges[n] = j;
          amounts[n++] = a;
        }
      }
    }
    return new SortedPairs(needs, pledges, amounts, n);
  }

  private static int[] inverse(int[] order, int size) {
    int[] rank = new int[size];
    Arrays.fill(rank, -1);
    for (int k = 0; k < order.length; k++) {
      rank[order[k]] = k;
    }
    return rank;
  }

  /** What one unit of the pair earns: the need's priority and the donor's affinity. */
  private long each(int need, int pledge) {
    int v = net.round.needVillage.get(net.needGlobal.get(need));
    return w.priorityUnit() * need(need).priority() + net.donor(pledge).affinity(v);
  }

  /** The spec's objective of the pairs (nothing recorded). */
  private long value(SortedPairs p) {
    long[] total = new long[net.needGlobal.size()];
    long objective = 0;
    for (int x = 0; x < p.size; x++) {
      objective =
          Math.addExact(objective, Math.multiplyExact(p.amount[x], each(p.need[x], p.pledge[x])));
      total[p.need[x]] += p.amount[x];
    }
    return Math.addExact(objective, coverage(total));
  }

  private long coverage(long[] allocated) {
    long sum = 0;
    for (int local : needOrder) {
      long half = (need(local).quantity() + 1) / 2;
      sum =
          Math.addExact(
              sum, Math.multiplyExact(w.coverageBonus(), Math.min(allocated[local], half)));
    }
    return sum;
  }

  /**
   * Allocations and donor rows from the sorted pairs (what each need and pledge got is counted
   * already); returns the spec's objective.
   */
  private long allocate(SortedPairs p) {
    given = p;
    pairsFrom = new int[net.needGlobal.size()];
    rowsFrom = new int[net.needGlobal.size()];
    rowsTo = new int[net.needGlobal.size()];
    earned = new long[net.needGlobal.size()];
    Arrays.fill(pairsFrom, -1);
    long objective = 0;
    int from = 0;
    while (from < p.size) {
      int i = p.need[from];
      int to = from + 1;
      while (to < p.size && p.need[to] == i) {
        to++;
      }
      pairsFrom[i] = from;
      rowsFrom[i] = rows.size();
      earned[i] =
          last != null && last.samePairs(i, p, from, to) ? keep(i, to - from) : make(p, from, to);
      rowsTo[i] = rows.size();
      objective = Math.addExact(objective, earned[i]);
      from = to;
    }
    return Math.addExact(objective, coverage(needAllocated));
  }

  /** The need's allocations and rows from its pairs [from, to); returns what they earn. */
  private long make(SortedPairs p, int from, int to) {
    long sum = 0;
    for (int x = from; x < to; x++) {
      int i = p.need[x];
      int j = p.pledge[x];
      long q = p.amount[x];
      int v = net.round.needVillage.get(net.needGlobal.get(i));
      // the affinity rule once per allocation: its weight for the objective, its names for the row
      int reasons = net.donor(j).reasonSet(v);
      long each = w.priorityUnit() * need(i).priority() + Affinity.weight(reasons, w);
      sum = Math.addExact(sum, Math.multiplyExact(q, each));
      allocations.add(new Allocation(need(i).id(), net.pledge(j).id(), q, names(reasons)));
    }
    donorRows(p, from, to);
    return sum;
  }

  /** The need's allocations and rows as the last part made them; returns what they earn. */
  private long keep(int i, int pairs) {
    int at = last.pairsFrom[i];
    allocations.addAll(last.allocations.subList(at, at + pairs));
    rows.addAll(last.rows.subList(last.rowsFrom[i], last.rowsTo[i]));
    return last.earned[i];
  }

  /**
   * Whether the need (local index of the same network) had exactly the pairs [from, to) of {@code
   * p}: the same pledges (a local pledge stands for one pledge for good) with the same amounts.
   */
  private boolean samePairs(int i, SortedPairs p, int from, int to) {
    if (i >= pairsFrom.length || pairsFrom[i] < 0) {
      return false;
    }
    int at = pairsFrom[i];
    int n = to - from;
    if (at + n > given.size
        || given.need[at] != i
        || (at + n < given.size && given.need[at + n] == i)) {
      return false;
    }
    for (int x = 0; x < n; x++) {
      if (given.pledge[at + x] != p.pledge[from + x]
          || given.amount[at + x] != p.amount[from + x]) {
        return false;
      }
    }
    return true;
  }

  /** The unit this part is of. */
  int unit() {
    return net.unit;
  }

  /** The round's index of the k-th need of {@link #needSummaries}. */
  int globalNeed(int k) {
    return net.needGlobal.get(needOrder[k]);
  }

  /** The need's summary in this part, or null if it took no part. */
  private ItemSummary summary(int local) {
    return local < summaryOf.length ? summaryOf[local] : null;
  }

  private List<String> names(int set) {
    List<String> names = reasonNames[set];
    if (names == null) {
      names = reasonNames[set] = Affinity.wireNames(Affinity.reasons(set));
    }
    return names;
  }

  /** The rows of one need's pairs [from, to), one per donor, by donor id. */
  private void donorRows(SortedPairs p, int from, int to) {
    if (from == to) {
      return;
    }
    if (to - from == 1) {
      // most needs get one pledge: one row, nothing to sort
      Pledge j = net.pledge(p.pledge[from]);
      rows.add(new DonorRow(need(p.need[from]).id(), j.donor(), p.amount[from], List.of(j.id())));
      return;
    }
    Integer[] group = new Integer[to - from];
    for (int x = from; x < to; x++) {
      group[x - from] = x;
    }
    // the pairs are in pledge id order: a stable sort by donor keeps that order within a donor
    Arrays.sort(group, Comparator.comparing((Integer x) -> net.pledge(p.pledge[x]).donor()));
    String need = need(p.need[from]).id();
    int k = 0;
    while (k < group.length) {
      String donor = net.pledge(p.pledge[group[k]]).donor();
      long sum = 0;
      List<String> ids = new ArrayList<>(2);
      for (; k < group.length && net.pledge(p.pledge[group[k]]).donor().equals(donor); k++) {
        sum += p.amount[group[k]];
        ids.add(net.pledge(p.pledge[group[k]]).id());
      }
      rows.add(new DonorRow(need, donor, sum, ids));
    }
  }

  /** Needs left short, with the reason, in id order. */
  private void unmatched(BitSet shortened, UnmatchedReason[] got) {
    unmatchedBefore = new int[needOrder.length + 1];
    for (int k = 0; k < needOrder.length; k++) {
      int local = needOrder[k];
      // a need that lost pieces to the floor is short because of it, whatever the flow says
      UnmatchedReason why = shortened.get(local) ? UnmatchedReason.BELOW_FLOOR : got[local];
      if (why != null) {
        Need n = need(local);
        unmatched.add(
            new Unmatched(n.id(), needAllocated[local], n.quantity() - needAllocated[local], why));
      }
      unmatchedBefore[k + 1] = unmatched.size();
    }
  }
}
