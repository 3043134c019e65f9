package org.bangfu.matching.model;

import java.time.LocalDate;
import java.util.Objects;

/** A need of a village (or of one of its households); {@code deadline} may be null. */
public record Need(
    String id,
    String village,
    String category,
    String unit,
    long quantity,
    int priority,
    LocalDate deadline) {
  public Need {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(village, "village");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(unit, "unit");
  }

  /** Whether it takes part in a round held on {@code date} (null: no date filter). */
  public boolean activeOn(LocalDate date) {
    return date == null || deadline == null || !deadline.isBefore(date);
  }
}
