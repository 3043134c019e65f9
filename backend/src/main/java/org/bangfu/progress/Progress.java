package org.bangfu.progress;

import java.util.List;
import java.util.Map;

/**
 * A campaign's progress. {@code byCounty} is by the receiving village's county (matches, needs,
 * pairings); {@code byOrigin} by the donor's home county (what donors from there pledged and gave);
 * {@code byMonth} by the month a match was confirmed and the month it was verified; {@code
 * pairingFlows} the mountain-sea pairs, from a donor's home county to its paired county.
 */
public record Progress(
    long campaignId,
    String code,
    String name,
    Figures totals,
    List<Group> byCounty,
    List<Group> byCategory,
    List<Group> byOrigin,
    List<Month> byMonth,
    List<Flow> pairingFlows) {

  /** Figures of one county or category ({@code name} is the county's name, null for categories). */
  public record Group(String key, String name, Figures figures) {}

  public record Month(String month, Map<String, Long> confirmed, Map<String, Long> verified) {
    public Month {
      confirmed = Map.copyOf(confirmed);
      verified = Map.copyOf(verified);
    }
  }

  public record Flow(
      String from,
      String fromName,
      String to,
      String toName,
      Map<String, Long> proposed,
      Map<String, Long> confirmed,
      Map<String, Long> verified) {
    public Flow {
      proposed = Map.copyOf(proposed);
      confirmed = Map.copyOf(confirmed);
      verified = Map.copyOf(verified);
    }
  }

  /** A village with needs still open (published or partly covered, something left). */
  public record UnmetVillage(
      String villageId,
      String villageName,
      String countyName,
      long openNeeds,
      Map<String, Long> remaining) {
    public UnmetVillage {
      remaining = Map.copyOf(remaining);
    }
  }

  /** Allocations matching an auditor's filters, all of them: how many and how much, by status. */
  public record AllocationTotals(
      long count,
      Map<String, Long> amounts,
      Map<String, Long> countByStatus,
      Map<String, Map<String, Long>> amountsByStatus) {
    public AllocationTotals {
      amounts = Map.copyOf(amounts);
      countByStatus = Map.copyOf(countByStatus);
      Map<String, Map<String, Long>> a = new java.util.TreeMap<>();
      amountsByStatus.forEach((k, v) -> a.put(k, Map.copyOf(v)));
      amountsByStatus = Map.copyOf(a);
    }
  }
}
