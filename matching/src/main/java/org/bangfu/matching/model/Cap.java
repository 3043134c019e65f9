package org.bangfu.matching.model;

import java.util.Objects;

/** At most {@code max} units of {@code unit} go to the needs of {@code village} in a round. */
public record Cap(String village, String unit, long max) {
  public Cap {
    Objects.requireNonNull(village, "village");
    Objects.requireNonNull(unit, "unit");
  }
}
