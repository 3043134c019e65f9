package org.bangfu.inspections;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a finding may name: the one list of kinds, each with the query that proves the subject
 * exists and gives the county it belongs to ({@code county}, NULL for a donor without one). A
 * report is a subject only once its latest answer found it founded or partly founded. A fund
 * project is one more constant here once projects exist.
 */
public enum FindingSubject {
  COUNTY("county", false, "SELECT id AS county FROM regions WHERE id = $1 AND level = 'county'"),
  VILLAGE(
      "village",
      false,
      "SELECT region_county(id) AS county FROM regions WHERE id = $1 AND level = 'village'"),
  DONOR("donor", true, "SELECT home_county AS county FROM donors WHERE id = $1"),
  REPORT(
      "report",
      true,
      "SELECT r.county_id AS county FROM reports r WHERE r.id = $1 AND "
          + org.bangfu.reports.ReportRepository.FOUNDED);

  public static final List<String> WIRES =
      Arrays.stream(values()).map(FindingSubject::wire).toList();

  private final String wire;
  private final boolean numericId;
  private final String countyQuery;

  FindingSubject(String wire, boolean numericId, String countyQuery) {
    this.wire = wire;
    this.numericId = numericId;
    this.countyQuery = countyQuery;
  }

  public String wire() {
    return wire;
  }

  public boolean numericId() {
    return numericId;
  }

  String countyQuery() {
    return countyQuery;
  }

  public static Optional<FindingSubject> fromWire(String w) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(w)).findFirst();
  }
}
