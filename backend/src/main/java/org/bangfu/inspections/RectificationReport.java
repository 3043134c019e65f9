package org.bangfu.inspections;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * 整改情况: for an inspection (optionally one county), per county the number of findings, rectified on
 * time, rectified late, still open and of those overdue, with the findings behind the numbers; and
 * the 问责 cases of those counties that belong to the inspection (docs/oversight.md), with their
 * decisions.
 */
public record RectificationReport(
    Inspection inspection,
    String countyId,
    List<CountyLine> counties,
    List<Finding> findings,
    List<ReportedCase> cases) {

  public record CountyLine(
      String countyId,
      String countyName,
      long findings,
      long onTime,
      long late,
      long open,
      long overdue) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("countyId", countyId)
          .put("countyName", countyName)
          .put("findings", findings)
          .put("rectifiedOnTime", onTime)
          .put("rectifiedLate", late)
          .put("open", open)
          .put("overdue", overdue);
    }
  }

  /** The 问责 figures of one county (every county when {@code all}). */
  public record CaseCounts(long cases, long decided, long heldAccountable) {
    JsonObject into(JsonObject line) {
      return line.put("accountabilityCases", cases)
          .put("accountabilityDecided", decided)
          .put("peopleHeldAccountable", heldAccountable);
    }
  }

  public CaseCounts caseCounts(String county, boolean all) {
    List<ReportedCase> of =
        cases.stream().filter(c -> all || Objects.equals(c.countyId(), county)).toList();
    return new CaseCounts(
        of.size(),
        of.stream().filter(ReportedCase::decided).count(),
        of.stream().mapToLong(ReportedCase::heldAccountable).sum());
  }

  public CountyLine total() {
    long f = 0, on = 0, late = 0, open = 0, over = 0;
    for (CountyLine c : counties) {
      f += c.findings();
      on += c.onTime();
      late += c.late();
      open += c.open();
      over += c.overdue();
    }
    return new CountyLine(null, null, f, on, late, open, over);
  }

  public JsonObject toJson() {
    JsonArray lines = new JsonArray();
    counties.forEach(c -> lines.add(caseCounts(c.countyId(), false).into(c.toJson())));
    JsonArray list = new JsonArray();
    findings.forEach(f -> list.add(f.toJson()));
    JsonArray caseList = new JsonArray();
    cases.forEach(c -> caseList.add(c.toJson()));
    return new JsonObject()
        .put("inspection", inspection.toJson())
        .put("countyId", countyId)
        .put("counties", lines)
        .put("total", caseCounts(null, true).into(total().toJson()))
        .put("findings", list)
        .put("cases", caseList);
  }
}
