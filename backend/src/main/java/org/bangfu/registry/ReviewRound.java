package org.bangfu.registry;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * A county's 回头看 round of one year: the exited households to visit again, fixed when it was opened,
 * and how far the visits have come.
 */
public record ReviewRound(
    long id,
    String countyId,
    String countyName,
    int year,
    long incomeLine,
    OffsetDateTime openedAt,
    long households,
    long visited,
    long failed) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("year", year)
        .put("incomeLine", incomeLine)
        .put("openedAt", Times.instant(openedAt))
        .put("households", households)
        .put("visited", visited)
        .put("failed", failed);
  }
}
