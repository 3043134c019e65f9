package org.bangfu.matching.model;

import java.util.List;

/**
 * The answer of a round: the optimal objective, the allocations sorted by need then pledge id, and
 * a summary of every need and pledge that took part, sorted by id. Beyond the allocation spec: the
 * needs left (partly) unmatched with the reason, sorted by need id; the allocations grouped by need
 * and donor ({@link DonorRow}), sorted by need then donor id; and, when the round was solved with
 * fairness, what it did ({@code fairness}, else null).
 */
public record Result(
    long objective,
    List<Allocation> allocations,
    List<ItemSummary> needSummaries,
    List<ItemSummary> pledgeSummaries,
    List<Unmatched> unmatched,
    List<DonorRow> donorRows,
    FairnessReport fairness) {
  public Result {
    allocations = List.copyOf(allocations);
    needSummaries = List.copyOf(needSummaries);
    pledgeSummaries = List.copyOf(pledgeSummaries);
    unmatched = unmatched == null ? List.of() : List.copyOf(unmatched);
    donorRows = donorRows == null ? List.of() : List.copyOf(donorRows);
  }

  public Result(
      long objective,
      List<Allocation> allocations,
      List<ItemSummary> needSummaries,
      List<ItemSummary> pledgeSummaries) {
    this(objective, allocations, needSummaries, pledgeSummaries, List.of(), List.of(), null);
  }
}
