package org.bangfu.rounds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.bangfu.allocations.Allocation;
import org.bangfu.support.Times;

/**
 * A match round (撮合) and its summary: the objective the engine reached, how many allocations it
 * proposed, how much of each unit, how many needs and pledges they touch.
 */
public record MatchRound(
    long id,
    Long campaignId,
    LocalDate date,
    RoundStatus status,
    Long objective,
    int allocationCount,
    Map<String, Object> amountProposed,
    int needsTouched,
    int pledgesTouched,
    String startedBy,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    String error) {

  public MatchRound {
    amountProposed = amountProposed == null ? Map.of() : Map.copyOf(amountProposed);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("campaignId", campaignId)
        .put("date", date == null ? null : date.toString())
        .put("status", status.wire())
        .put("objective", objective)
        .put("allocationCount", allocationCount)
        .put(
            "amountProposed",
            new JsonObject(new java.util.LinkedHashMap<>(new java.util.TreeMap<>(amountProposed))))
        .put("needsTouched", needsTouched)
        .put("pledgesTouched", pledgesTouched)
        .put("startedBy", startedBy)
        .put("startedAt", Times.instant(startedAt))
        .put("finishedAt", Times.instant(finishedAt))
        .put("error", error);
  }

  /** The round with the allocations it proposed. */
  public JsonObject toJson(List<Allocation> allocations) {
    JsonArray items = new JsonArray();
    allocations.forEach(a -> items.add(a.toJson()));
    return toJson().put("allocations", items);
  }
}
