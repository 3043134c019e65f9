package org.bangfu.allocations;

import java.util.Arrays;
import java.util.List;

/** Where a pledge is: open → exhausted (all of it allocated); or expired / withdrawn. */
public enum PledgeStatus {
  OPEN,
  EXHAUSTED,
  EXPIRED,
  WITHDRAWN;

  public String wire() {
    return name().toLowerCase();
  }

  /** A pledge that can still be ended (withdrawn, expired) or changed. */
  public boolean live() {
    return this == OPEN || this == EXHAUSTED;
  }

  public static PledgeStatus of(String wire) {
    return valueOf(wire.toUpperCase());
  }

  public static List<String> wires() {
    return Arrays.stream(values()).map(PledgeStatus::wire).toList();
  }
}
