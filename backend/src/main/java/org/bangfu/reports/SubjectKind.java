package org.bangfu.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a report may be about: the one list of kinds ({@code ReportRepository.countyOf} proves a
 * record exists and names its county, which handles the report: 属地管理).
 */
public enum SubjectKind {
  NEED("need", true),
  ALLOCATION("allocation", true),
  VILLAGE("village", false),
  DONOR("donor", true);

  public static final List<String> WIRES = Arrays.stream(values()).map(SubjectKind::wire).toList();

  private final String wire;
  private final boolean numericId;

  SubjectKind(String wire, boolean numericId) {
    this.wire = wire;
    this.numericId = numericId;
  }

  public String wire() {
    return wire;
  }

  /** Ids of this kind are whole numbers (a text id that is not one cannot exist). */
  public boolean numericId() {
    return numericId;
  }

  public static Optional<SubjectKind> fromWire(String w) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(w)).findFirst();
  }
}
