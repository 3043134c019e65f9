package org.bangfu.allocations;

import java.util.Arrays;
import java.util.List;

/**
 * Where a need is: draft → submitted → published (or rejected) → partly_allocated → allocated →
 * fulfilled → verified; or expired / withdrawn. Kept with the ledger because its counters move a
 * need between the published states ({@link Ledger#refresh}).
 */
public enum NeedStatus {
  DRAFT,
  SUBMITTED,
  PUBLISHED,
  REJECTED,
  PARTLY_ALLOCATED,
  ALLOCATED,
  FULFILLED,
  VERIFIED,
  EXPIRED,
  WITHDRAWN;

  /** What the public and donors may see: published and everything after it. */
  public static final List<NeedStatus> PUBLIC =
      List.of(PUBLISHED, PARTLY_ALLOCATED, ALLOCATED, FULFILLED, VERIFIED);

  public static final String PUBLIC_SQL = AllocationStatus.sqlList(PUBLIC);

  public String wire() {
    return name().toLowerCase();
  }

  public boolean isPublic() {
    return PUBLIC.contains(this);
  }

  /** Still takes help: claims and rounds may allocate to it. */
  public boolean open() {
    return this == PUBLISHED || this == PARTLY_ALLOCATED;
  }

  public static NeedStatus of(String wire) {
    return valueOf(wire.toUpperCase());
  }

  public static List<String> wires() {
    return Arrays.stream(values()).map(NeedStatus::wire).toList();
  }
}
