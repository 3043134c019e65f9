package org.bangfu.inspections;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * A 12317 report found founded (or partly) in one of an inspection's counties, as the finding's
 * picker shows it: its tracking number, category, county and when it was answered — never its
 * content or who reported.
 */
public record FoundedReport(
    long id, String trackingNumber, String category, String countyName, OffsetDateTime answeredAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("trackingNumber", trackingNumber)
        .put("category", category)
        .put("countyName", countyName)
        .put("answeredAt", Times.instant(answeredAt));
  }
}
