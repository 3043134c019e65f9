package org.bangfu.matching.model;

import java.time.LocalDate;
import java.util.List;

/**
 * One allocation round (the allocation spec's input). {@code date} may be null (no date filter);
 * {@code counties} may be empty (then county references are not checked).
 */
public record Problem(
    LocalDate date,
    Weights weights,
    List<County> counties,
    List<Village> villages,
    List<Cap> caps,
    List<Need> needs,
    List<Pledge> pledges) {
  public Problem {
    weights = weights == null ? Weights.DEFAULTS : weights;
    counties = counties == null ? List.of() : List.copyOf(counties);
    villages = List.copyOf(villages);
    caps = caps == null ? List.of() : List.copyOf(caps);
    needs = List.copyOf(needs);
    pledges = List.copyOf(pledges);
  }
}
