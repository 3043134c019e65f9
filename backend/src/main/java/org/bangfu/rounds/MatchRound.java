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
 * proposed, how much of each unit, how many needs and pledges they touch; whether villages not yet
 * helped came first ({@code fairness}: null when the round was solved without it), the floors it
 * kept, and how many needs it left (partly) short.
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
    String error,
    boolean fairnessApplied,
    RoundFairness fairness,
    Map<String, Long> floors,
    int unmatchedCount) {

  public MatchRound {
    amountProposed = amountProposed == null ? Map.of() : Map.copyOf(amountProposed);
    floors = floors == null ? Map.of() : Map.copyOf(floors);
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
        .put("error", error)
        .put("fairness", fairnessJson())
        .put(
            "floors",
            new JsonObject(new java.util.LinkedHashMap<>(new java.util.TreeMap<>(floors))))
        .put("unmatchedCount", unmatchedCount);
  }

  /** {@code applied}, and the figures when the round had fairness. */
  private JsonObject fairnessJson() {
    JsonObject json = fairness == null ? new JsonObject() : RoundJson.fairness(fairness);
    return json.put("applied", fairnessApplied);
  }

  /**
   * The round with the first of its proposals ({@code allocations}, a row per pledge) and the same
   * proposals one row per need and donor ({@code rows}).
   */
  JsonObject toJson(List<Allocation> allocations, List<RoundRow> rows) {
    JsonArray items = new JsonArray();
    allocations.forEach(a -> items.add(a.toJson()));
    JsonArray merged = new JsonArray();
    rows.forEach(r -> merged.add(r.toJson()));
    return toJson().put("allocations", items).put("rows", merged);
  }
}
