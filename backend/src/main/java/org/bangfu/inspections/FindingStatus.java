package org.bangfu.inspections;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** open → submitted (整改报送) → accepted (销号) or returned (退回) → submitted again … */
public enum FindingStatus {
  OPEN("open"),
  SUBMITTED("submitted"),
  RETURNED("returned"),
  ACCEPTED("accepted");

  public static final List<String> WIRES =
      Arrays.stream(values()).map(FindingStatus::wire).toList();

  private final String wire;

  FindingStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<FindingStatus> fromWire(String w) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(w)).findFirst();
  }
}
