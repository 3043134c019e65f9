package org.bangfu.allocations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What new allocations move onto the counters, summed per need, per pledge (each in ascending id,
 * the ledger's lock order) and per village cap: the arrays of one UPDATE per kind. A national round
 * sums 401,890 proposals here, a second or more of work that its caller may do on a worker thread
 * while the allocations are being written ({@link Ledger#proposeAll}).
 */
public record Moves(
    Long[] needIds,
    Long[] needQuantities,
    Long[] pledgeIds,
    Long[] pledgeQuantities,
    String[] capVillages,
    String[] capUnits,
    Long[] capQuantities) {

  public static Moves of(List<Ledger.NewAllocation> plan) {
    Map<Long, Long> byNeed = new TreeMap<>();
    Map<Long, Long> byPledge = new TreeMap<>();
    Map<Ledger.CapKey, Long> byCap = new LinkedHashMap<>();
    for (Ledger.NewAllocation a : plan) {
      byNeed.merge(a.needId(), a.quantity(), Long::sum);
      byPledge.merge(a.pledgeId(), a.quantity(), Long::sum);
      byCap.merge(new Ledger.CapKey(a.villageId(), a.unit()), a.quantity(), Long::sum);
    }
    return new Moves(
        byNeed.keySet().toArray(Long[]::new),
        byNeed.values().toArray(Long[]::new),
        byPledge.keySet().toArray(Long[]::new),
        byPledge.values().toArray(Long[]::new),
        byCap.keySet().stream().map(Ledger.CapKey::villageId).toArray(String[]::new),
        byCap.keySet().stream().map(Ledger.CapKey::unit).toArray(String[]::new),
        byCap.values().toArray(Long[]::new));
  }
}
