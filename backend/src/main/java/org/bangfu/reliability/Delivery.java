package org.bangfu.reliability;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * One allocation behind a reliability figure: when its step started ({@code from}: confirmed for a
 * donor, delivered for a village), when it was due and done, whether on time, and the delay past
 * the due time in days (0 when on time; undone and past due: counted up to now).
 */
public record Delivery(
    long allocationId,
    long needId,
    String needTitle,
    String villageName,
    String donorName,
    String unit,
    long quantity,
    OffsetDateTime from,
    OffsetDateTime dueAt,
    OffsetDateTime doneAt,
    OffsetDateTime verifiedAt,
    Boolean onTime,
    double delayDays) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("allocationId", allocationId)
        .put("needId", needId)
        .put("needTitle", needTitle)
        .put("villageName", villageName)
        .put("donorName", donorName)
        .put("unit", unit)
        .put("quantity", quantity)
        .put("from", Times.instant(from))
        .put("dueAt", Times.instant(dueAt))
        .put("doneAt", Times.instant(doneAt))
        .put("verifiedAt", Times.instant(verifiedAt))
        .put("onTime", onTime)
        .put("delayDays", Math.round(delayDays * 10) / 10.0);
  }
}
