package org.bangfu.certificates;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * One of a donor's allocations as the donor follows it: its status, the evidence of delivery and
 * receipt (how many items, the last note), what a delivery sample found, and how the village is
 * doing (its needs met of its needs, the verified yuan it received from everyone).
 */
public record HelpLine(
    long allocationId,
    long needId,
    String needTitle,
    String villageId,
    String villageName,
    String countyName,
    String unit,
    long quantity,
    String status,
    OffsetDateTime updatedAt,
    OffsetDateTime verifiedAt,
    int evidenceCount,
    String lastEvidenceNote,
    String sampleCheck,
    Long noticeId,
    long villageNeeds,
    long villageNeedsMet,
    long villageVerifiedCny) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("allocationId", allocationId)
        .put("needId", needId)
        .put("needTitle", needTitle)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("countyName", countyName)
        .put("unit", unit)
        .put("quantity", quantity)
        .put("status", status)
        .put("updatedAt", Times.instant(updatedAt))
        .put("verifiedAt", Times.instant(verifiedAt))
        .put("evidenceCount", evidenceCount)
        .put("lastEvidenceNote", lastEvidenceNote)
        .put("sampleCheck", sampleCheck)
        .put("noticeId", noticeId)
        .put(
            "village",
            new JsonObject()
                .put("needs", villageNeeds)
                .put("needsMet", villageNeedsMet)
                .put("verifiedCny", villageVerifiedCny));
  }
}
