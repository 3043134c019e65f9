package org.bangfu.subjects;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A record the public may name in a 12317 report, as a picker shows it: what it is called, where it
 * is (county · township · village) and what tells it apart — a need's priority and category, an
 * allocation's donor, amount and day of verification, a donor's type. Only what the public board
 * and the public list of needs already show.
 */
public record ReportSubject(
    String kind,
    String id,
    String label,
    List<String> path,
    Integer priority,
    String category,
    String donorName,
    String donorType,
    String unit,
    Long quantity,
    OffsetDateTime at) {

  public ReportSubject {
    path = List.copyOf(path);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("kind", kind)
        .put("id", id)
        .put("label", label)
        .put("path", new JsonArray(List.copyOf(path)))
        .put("priority", priority)
        .put("category", category)
        .put("donorName", donorName)
        .put("donorType", donorType)
        .put("unit", unit)
        .put("quantity", quantity)
        .put("at", Times.instant(at));
  }
}
