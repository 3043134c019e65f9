package org.bangfu.monitor;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * A department's warning file (or posted batch) as received by a county, with what became of its
 * rows: refused (with a reason per row), below the department's line, matched to the register, the
 * cases it opened and the open cases it joined.
 */
public record WarningBatch(
    long id,
    String countyId,
    String countyName,
    String department,
    String fileName,
    String format,
    OffsetDateTime receivedAt,
    int rowsTotal,
    int rowsRejected,
    int rowsBelow,
    int matched,
    int newCases,
    int joinedCases) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("department", department)
        .put("fileName", fileName)
        .put("format", format)
        .put("receivedAt", Times.instant(receivedAt))
        .put("rowsTotal", rowsTotal)
        .put("rowsRejected", rowsRejected)
        .put("rowsBelow", rowsBelow)
        .put("matched", matched)
        .put("newCases", newCases)
        .put("joinedCases", joinedCases);
  }
}
