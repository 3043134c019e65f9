package org.bangfu.matching.model;

import java.util.List;

/**
 * The answer of a round: the optimal objective, the allocations sorted by need then pledge id, and
 * a summary of every need and pledge that took part, sorted by id.
 */
public record Result(
    long objective,
    List<Allocation> allocations,
    List<ItemSummary> needSummaries,
    List<ItemSummary> pledgeSummaries) {
  public Result {
    allocations = List.copyOf(allocations);
    needSummaries = List.copyOf(needSummaries);
    pledgeSummaries = List.copyOf(pledgeSummaries);
  }
}
