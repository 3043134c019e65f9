package org.bangfu.inspections;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * An inspection (督查): by whom, over which period and counties (their codes, and names in the same
 * order).
 */
public record Inspection(
    long id,
    String title,
    String unit,
    String inspectorRole,
    String inspectorRegion,
    LocalDate periodFrom,
    LocalDate periodTo,
    List<String> counties,
    List<String> countyNames,
    String createdBy,
    OffsetDateTime createdAt,
    long findings,
    long open) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("unit", unit)
        .put("periodFrom", periodFrom.toString())
        .put("periodTo", periodTo.toString())
        .put("counties", new JsonArray(counties))
        .put("countyNames", new JsonArray(countyNames))
        .put("createdBy", createdBy)
        .put("createdAt", Times.instant(createdAt))
        .put("findings", findings)
        .put("open", open);
  }
}
