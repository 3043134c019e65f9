package org.bangfu.accountability;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * A ground on which no case has been opened yet (问责线索): a founded report, or a repeated or late
 * finding. {@code title} is the report's tracking number or the finding's problem.
 */
public record CaseGround(
    String source,
    long id,
    Ground ground,
    String countyId,
    String countyName,
    String title,
    Long earlierFindingId,
    OffsetDateTime at) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("source", source)
        .put("id", id)
        .put("ground", ground.wire())
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("title", title)
        .put("earlierFindingId", earlierFindingId)
        .put("at", Times.instant(at));
  }
}
