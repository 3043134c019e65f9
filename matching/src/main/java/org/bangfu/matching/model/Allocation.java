package org.bangfu.matching.model;

import java.util.List;
import java.util.Objects;

/** {@code quantity} units of pledge {@code pledge} go to need {@code need}, for these reasons. */
public record Allocation(String need, String pledge, long quantity, List<String> reasons) {
  public Allocation {
    Objects.requireNonNull(need, "need");
    Objects.requireNonNull(pledge, "pledge");
    if (quantity < 1) {
      throw new IllegalArgumentException("allocation quantity must be positive, got " + quantity);
    }
    reasons = List.copyOf(reasons);
  }
}
