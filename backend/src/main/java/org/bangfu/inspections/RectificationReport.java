package org.bangfu.inspections;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * 整改情况: for an inspection (optionally one county), per county the number of findings, rectified on
 * time, rectified late, still open and of those overdue, with the findings behind the numbers.
 */
public record RectificationReport(
    Inspection inspection, String countyId, List<CountyLine> counties, List<Finding> findings) {

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
    counties.forEach(c -> lines.add(c.toJson()));
    JsonArray list = new JsonArray();
    findings.forEach(f -> list.add(f.toJson()));
    return new JsonObject()
        .put("inspection", inspection.toJson())
        .put("countyId", countyId)
        .put("counties", lines)
        .put("total", total().toJson())
        .put("findings", list);
  }
}
