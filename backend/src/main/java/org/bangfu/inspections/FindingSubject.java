package org.bangfu.inspections;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a finding may name: the one list of kinds ({@code InspectionRepository.countyOf} proves a
 * subject exists and gives its county).
 */
public enum FindingSubject {
  COUNTY("county", false),
  VILLAGE("village", false),
  DONOR("donor", true),
  REPORT("report", true);

  public static final List<String> WIRES =
      Arrays.stream(values()).map(FindingSubject::wire).toList();

  private final String wire;
  private final boolean numericId;

  FindingSubject(String wire, boolean numericId) {
    this.wire = wire;
    this.numericId = numericId;
  }

  public String wire() {
    return wire;
  }

  public boolean numericId() {
    return numericId;
  }

  public static Optional<FindingSubject> fromWire(String w) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(w)).findFirst();
  }
}
