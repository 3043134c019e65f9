package org.bangfu.monitor;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * A lead (线索) of a case: the channel it came by, the department or the cadre's visit reason, the
 * risk, an amount (a department's figure: self-paid medical costs, school costs, a loss) and the
 * detail as given — which may be a health detail, so a lead is shown to officials of the case only.
 */
public record Lead(
    long id,
    long caseId,
    String channel,
    String department,
    Long batchId,
    Integer rowNo,
    String visitReason,
    String risk,
    Long amount,
    String detail,
    OffsetDateTime receivedAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("caseId", caseId)
        .put("channel", channel)
        .put("department", department)
        .put("batchId", batchId)
        .put("rowNo", rowNo)
        .put("visitReason", visitReason)
        .put("risk", risk)
        .put("amount", amount)
        .put("detail", detail)
        .put("receivedAt", Times.instant(receivedAt));
  }
}
