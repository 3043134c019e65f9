package org.bangfu.monitor;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.bangfu.support.Times;

/**
 * The income line of monitoring for a region (a province, or a region below it with a line of its
 * own) and a year, in yuan per person a year, as dated data: when it took effect and where it comes
 * from (the province's plan of that year).
 */
public record Threshold(
    String regionId,
    String regionName,
    int year,
    long incomeLine,
    LocalDate effectiveFrom,
    String source,
    java.time.OffsetDateTime setAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("regionId", regionId)
        .put("regionName", regionName)
        .put("year", year)
        .put("incomeLine", incomeLine)
        .put("effectiveFrom", effectiveFrom.toString())
        .put("source", source)
        .put("setAt", Times.instant(setAt));
  }
}
