package org.bangfu.matching.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A donor's pledge. Empty {@code categories} or {@code scope} mean "any"; {@code homeCounty},
 * {@code hometown}, {@code maxPerNeed} and {@code expires} may be null.
 */
public record Pledge(
    String id,
    String donor,
    String unit,
    long quantity,
    List<String> categories,
    List<String> scope,
    String homeCounty,
    Hometown hometown,
    List<String> pairedVillages,
    Long maxPerNeed,
    LocalDate expires) {
  public Pledge {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(donor, "donor");
    Objects.requireNonNull(unit, "unit");
    categories = categories == null ? List.of() : List.copyOf(categories);
    scope = scope == null ? List.of() : List.copyOf(scope);
    pairedVillages = pairedVillages == null ? List.of() : List.copyOf(pairedVillages);
  }

  /** Whether it takes part in a round held on {@code date} (null: no date filter). */
  public boolean activeOn(LocalDate date) {
    return date == null || expires == null || !expires.isBefore(date);
  }
}
