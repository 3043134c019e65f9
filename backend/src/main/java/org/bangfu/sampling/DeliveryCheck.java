package org.bangfu.sampling;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * One sampled allocation to be confirmed with the village or the household by someone other than
 * the village: received, not received, or received with problems. What the public sees of it
 * ({@link #toPublicJson}) leaves out the note and who answered.
 */
public record DeliveryCheck(
    long id,
    long sampleId,
    String period,
    int rank,
    long allocationId,
    String needTitle,
    String villageId,
    String villageName,
    String townshipId,
    String countyId,
    String countyName,
    String donorName,
    String unit,
    long quantity,
    OffsetDateTime verifiedAt,
    String status,
    String note,
    String answeredBy,
    OffsetDateTime answeredAt,
    Long reportId,
    OffsetDateTime dueAt) {

  public JsonObject toPublicJson() {
    return new JsonObject()
        .put("id", id)
        .put("sampleId", sampleId)
        .put("period", period)
        .put("rank", rank)
        .put("allocationId", allocationId)
        .put("needTitle", needTitle)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("donorName", donorName)
        .put("unit", unit)
        .put("quantity", quantity)
        .put("verifiedAt", Times.instant(verifiedAt))
        .put("status", status)
        .put("answeredAt", Times.instant(answeredAt));
  }

  /** For the checkers' desk: with the note, who answered, and the case it opened. */
  public JsonObject toJson() {
    return toPublicJson()
        .put("townshipId", townshipId)
        .put("note", note)
        .put("answeredBy", answeredBy)
        .put("reportId", reportId)
        .put("dueAt", Times.instant(dueAt));
  }
}
