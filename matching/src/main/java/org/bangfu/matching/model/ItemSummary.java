package org.bangfu.matching.model;

import java.util.Objects;

/** How much of a need (or pledge) is allocated in the round and how much remains. */
public record ItemSummary(String id, long allocated, long remaining) {
  public ItemSummary {
    Objects.requireNonNull(id, "id");
    if (allocated < 0 || remaining < 0) {
      throw new IllegalArgumentException("negative amount for " + id);
    }
  }
}
