package org.bangfu.allocations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.support.Times;

/**
 * An allocation of (part of) a pledge to a need, as people read it: with its need's title and
 * village, its donor, why it suits (reasons), and for one read alone its history and evidence
 * ({@code null} in lists).
 */
public record Allocation(
    long id,
    long needId,
    String needTitle,
    String villageId,
    String villageName,
    String category,
    long pledgeId,
    long donorId,
    String donorName,
    String unit,
    long quantity,
    List<String> reasons,
    String source,
    Long roundId,
    AllocationStatus status,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    String returnedReason,
    OffsetDateTime revocableUntil,
    List<Step> history,
    List<Evidence> evidence,
    Exception exception) {

  /**
   * One step of its history: who moved it to which status, when, with what note; {@code back} names
   * a step back ({@code returned}, {@code revoked}), whose note is the reason.
   */
  public record Step(String status, OffsetDateTime at, String by, String note, String back) {}

  /** Why a verification rests on no receipt file (the latest such exception). */
  public record Exception(String kind, String reason, OffsetDateTime at) {}

  /** One piece of evidence of delivery or receipt: a note or an attachment (without its bytes). */
  public record Evidence(
      int n,
      String stage,
      String note,
      String name,
      String contentType,
      Integer size,
      OffsetDateTime at) {}

  public Allocation withDetail(List<Step> history, List<Evidence> evidence, Exception exception) {
    return new Allocation(
        id,
        needId,
        needTitle,
        villageId,
        villageName,
        category,
        pledgeId,
        donorId,
        donorName,
        unit,
        quantity,
        reasons,
        source,
        roundId,
        status,
        createdAt,
        updatedAt,
        returnedReason,
        revocableUntil,
        history,
        evidence,
        exception);
  }

  public JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put("id", id)
            .put("needId", needId)
            .put("needTitle", needTitle)
            .put("villageId", villageId)
            .put("villageName", villageName)
            .put("category", category)
            .put("pledgeId", pledgeId)
            .put("donorId", donorId)
            .put("donorName", donorName)
            .put("unit", unit)
            .put("quantity", quantity)
            .put("reasons", new JsonArray(new ArrayList<>(reasons)))
            .put("source", source)
            .put("roundId", roundId)
            .put("status", status.wire())
            .put("createdAt", Times.instant(createdAt))
            .put("updatedAt", Times.instant(updatedAt))
            .put("returnedReason", returnedReason)
            .put("revocableUntil", Times.instant(revocableUntil));
    if (history != null) {
      JsonArray h = new JsonArray();
      history.forEach(
          s ->
              h.add(
                  new JsonObject()
                      .put("status", s.status())
                      .put("at", Times.instant(s.at()))
                      .put("by", s.by())
                      .put("note", s.note())
                      .put("back", s.back())));
      j.put("history", h);
    }
    if (evidence != null) {
      JsonArray e = new JsonArray();
      evidence.forEach(
          v ->
              e.add(
                  new JsonObject()
                      .put("n", v.n())
                      .put("stage", v.stage())
                      .put("note", v.note())
                      .put("name", v.name())
                      .put("contentType", v.contentType())
                      .put("size", v.size())
                      .put("at", Times.instant(v.at()))));
      j.put("evidence", e);
      j.put(
          "exception",
          exception == null
              ? null
              : new JsonObject()
                  .put("kind", exception.kind())
                  .put("reason", exception.reason())
                  .put("at", Times.instant(exception.at())));
    }
    return j;
  }
}
