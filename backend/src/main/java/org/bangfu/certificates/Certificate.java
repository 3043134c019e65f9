package org.bangfu.certificates;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.bangfu.opendata.ChainStep;
import org.bangfu.opendata.ThreeSixtyGiving;
import org.bangfu.support.Times;

/**
 * 捐赠证明: what a verified allocation certifies — who gave what to which village, when it was
 * verified, its public notice, and the audit record of its verification whose inclusion proof
 * anyone can check. Everything on it is on the public board already; nothing about a household.
 */
public record Certificate(
    long allocationId,
    long donorId,
    String donorName,
    String needTitle,
    String category,
    String villageId,
    String villageName,
    String townshipName,
    String countyName,
    String campaignName,
    String unit,
    long quantity,
    OffsetDateTime confirmedAt,
    OffsetDateTime verifiedAt,
    Long noticeId,
    Long auditRecord) {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** The certificate's number: BF-<year of verification>-<allocation id in 8 digits>. */
  public String number() {
    return "BF-"
        + verifiedAt.atZoneSameInstant(CHINA).getYear()
        + "-"
        + String.format("%08d", allocationId);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("number", number())
        .put("allocationId", allocationId)
        .put("donorId", donorId)
        .put("donorName", donorName)
        .put("needTitle", needTitle)
        .put("category", category)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("townshipName", townshipName)
        .put("countyName", countyName)
        .put("campaignName", campaignName)
        .put("unit", unit)
        .put("quantity", quantity)
        .put("confirmedAt", Times.instant(confirmedAt))
        .put("verifiedAt", Times.instant(verifiedAt))
        .put("noticeId", noticeId)
        .put("grantId", "CNY".equals(unit) ? ThreeSixtyGiving.donorGrantId(allocationId) : null)
        .put("auditRecord", auditRecord)
        .put("proof", auditRecord == null ? null : ChainStep.proofLink(auditRecord));
  }
}
