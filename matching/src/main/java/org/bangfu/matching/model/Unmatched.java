package org.bangfu.matching.model;

import java.util.Objects;

/** A need left (partly) unmatched by the round: what it got, what remains, and why. */
public record Unmatched(String need, long allocated, long remaining, UnmatchedReason reason) {
  public Unmatched {
    Objects.requireNonNull(need, "need");
    Objects.requireNonNull(reason, "reason");
  }
}
