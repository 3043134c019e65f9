package org.bangfu.opendata;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * One link of a flow's chain: pledge → allocation → delivery → receipt → verification → notice (a
 * donor's), or programme → project allocation → disbursement → acceptance → notice (fiscal). Each
 * names the one before ({@code previous}); {@code auditRecord} is the audit-log record that wrote
 * it, whose inclusion proof anyone can ask for.
 */
public record ChainStep(
    String step, String id, String previous, OffsetDateTime at, Long amount, Long auditRecord) {

  /** Where the audit record's inclusion proof is (in the latest signed head). */
  public static String proofLink(long auditRecord) {
    return "/api/v1/public/audit-log/proof/inclusion?id=" + auditRecord;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("step", step)
        .put("id", id)
        .put("previous", previous)
        .put("at", Times.instant(at))
        .put("amount", amount)
        .put("auditRecord", auditRecord)
        .put("proof", auditRecord == null ? null : proofLink(auditRecord));
  }
}
