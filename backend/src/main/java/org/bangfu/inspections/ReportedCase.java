package org.bangfu.inspections;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A 问责 case as the 整改情况 report lists it: its ground, the report or finding it was opened from, and
 * the decision (each person's unit, post and measure) once taken.
 */
public record ReportedCase(
    long id,
    String ground,
    String countyId,
    String countyName,
    Long reportId,
    String reportTrackingNumber,
    Long findingId,
    String status,
    OffsetDateTime openedAt,
    OffsetDateTime decidedAt,
    List<Person> people) {

  /** One person of the decision: unit and post as text, and the measure taken. */
  public record Person(String unit, String role, String measure) {
    public JsonObject toJson() {
      return new JsonObject().put("unit", unit).put("role", role).put("measure", measure);
    }
  }

  public boolean decided() {
    return "decided".equals(status);
  }

  /** How many people the decision holds accountable (every measure but "none"). */
  public long heldAccountable() {
    return people.stream().filter(p -> !"none".equals(p.measure())).count();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    people.forEach(p -> list.add(p.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("ground", ground)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("reportId", reportId)
        .put("reportTrackingNumber", reportTrackingNumber)
        .put("findingId", findingId)
        .put("status", status)
        .put("openedAt", Times.instant(openedAt))
        .put("decidedAt", Times.instant(decidedAt))
        .put("people", list);
  }
}
