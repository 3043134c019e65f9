package org.bangfu.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a report may be about: the one list of kinds, each with the query that proves the record
 * exists and names its county (the county handles the report: 属地管理). The query takes the record's
 * id as text and answers one row {@code (county)} when the record exists; a NULL county sends the
 * report to the city. A new kind (a fund project, a notice) is one constant here.
 */
public enum SubjectKind {
  NEED("need", true, "SELECT region_county(village_id) AS county FROM needs WHERE id = $1::bigint"),
  ALLOCATION(
      "allocation",
      true,
      "SELECT region_county(n.village_id) AS county FROM allocations a "
          + "JOIN needs n ON n.id = a.need_id WHERE a.id = $1::bigint"),
  VILLAGE(
      "village",
      false,
      "SELECT region_county(id) AS county FROM regions WHERE id = $1 AND level = 'village'"),
  DONOR("donor", true, "SELECT home_county AS county FROM donors WHERE id = $1::bigint");

  public static final List<String> WIRES = Arrays.stream(values()).map(SubjectKind::wire).toList();

  private final String wire;
  private final boolean numericId;
  private final String countyQuery;

  SubjectKind(String wire, boolean numericId, String countyQuery) {
    this.wire = wire;
    this.numericId = numericId;
    this.countyQuery = countyQuery;
  }

  public String wire() {
    return wire;
  }

  /** Ids of this kind are whole numbers (a text id that is not one cannot exist). */
  public boolean numericId() {
    return numericId;
  }

  String countyQuery() {
    return countyQuery;
  }

  public static Optional<SubjectKind> fromWire(String w) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(w)).findFirst();
  }
}
