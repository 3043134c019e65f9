package org.bangfu.matching.model;

import java.util.Map;
import java.util.Objects;

/**
 * How a round is solved beyond the allocation spec: an optional {@link Fairness} term added to the
 * objective, and per-unit floors ({@code floors.get("CNY") = 1000}: a need the round leaves short
 * gets no piece below ¥1,000 from any pledge; such pieces of the optimal allocation stay with their
 * pledges; a need the round completes keeps every piece). {@link #NONE} solves the spec's problem
 * as it is.
 */
public record Options(Fairness fairness, Map<String, Long> floors) {
  public static final Options NONE = new Options(null, Map.of());

  public Options {
    floors = floors == null ? Map.of() : Map.copyOf(floors);
    floors.forEach(
        (unit, f) -> {
          Objects.requireNonNull(unit, "unit");
          if (f == null || f < 1 || f > 1_000_000_000_000L) {
            throw new IllegalArgumentException("a floor must be from 1 to 10^12, got " + f);
          }
        });
  }

  public static Options fairness(Fairness fairness) {
    return new Options(fairness, Map.of());
  }

  public Options withFloors(Map<String, Long> floors) {
    return new Options(fairness, floors);
  }

  /** The floor of a unit, 0 if none. */
  public long floor(String unit) {
    Long f = floors.get(unit);
    return f == null ? 0 : f;
  }
}
