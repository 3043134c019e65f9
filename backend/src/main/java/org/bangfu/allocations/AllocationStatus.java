package org.bangfu.allocations;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where an allocation is in its life: proposed (by a round) → confirmed (by the donor, or born so
 * by a claim) → delivered → received (with evidence) → verified; or declined / expired, which hold
 * nothing.
 */
public enum AllocationStatus {
  PROPOSED,
  CONFIRMED,
  DECLINED,
  DELIVERED,
  RECEIVED,
  VERIFIED,
  EXPIRED;

  /** The statuses that hold quantity on their need, pledge and village cap. */
  public static final List<AllocationStatus> ACTIVE =
      List.of(PROPOSED, CONFIRMED, DELIVERED, RECEIVED, VERIFIED);

  /** {@link #ACTIVE} as an SQL list: {@code ('proposed','confirmed',…)}. */
  public static final String ACTIVE_SQL = sqlList(ACTIVE);

  public String wire() {
    return name().toLowerCase();
  }

  public boolean active() {
    return ACTIVE.contains(this);
  }

  public static AllocationStatus of(String wire) {
    return valueOf(wire.toUpperCase());
  }

  public static List<String> wires() {
    return Arrays.stream(values()).map(AllocationStatus::wire).toList();
  }

  static String sqlList(List<? extends Enum<?>> values) {
    return values.stream()
        .map(v -> "'" + v.name().toLowerCase() + "'")
        .collect(Collectors.joining(",", "(", ")"));
  }
}
