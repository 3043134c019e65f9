package org.bangfu.board;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * One line of the public board: help verified as given to a village, by whom, what and how much,
 * and the public notice (公告公示) it is on. Nothing about a household.
 */
public record BoardEntry(
    long id,
    long needId,
    String needTitle,
    String villageId,
    String villageName,
    String countyId,
    String countyName,
    long donorId,
    String donorName,
    String category,
    String unit,
    long quantity,
    OffsetDateTime verifiedAt,
    Long noticeId,
    String noticeStatus) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("needId", needId)
        .put("needTitle", needTitle)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("donorId", donorId)
        .put("donorName", donorName)
        .put("category", category)
        .put("unit", unit)
        .put("quantity", quantity)
        .put("verifiedAt", Times.instant(verifiedAt))
        .put("noticeId", noticeId)
        .put("noticeStatus", noticeStatus);
  }
}
