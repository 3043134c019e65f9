package org.bangfu.needs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.allocations.NeedStatus;
import org.bangfu.support.Times;

/**
 * A need of a village or of one of its registered households (需求): what it asks for, how much of it
 * is already held by allocations, where it is (village, township, county with their names).
 */
public record Need(
    long id,
    String villageId,
    String villageName,
    String townshipId,
    String townshipName,
    String countyId,
    String countyName,
    Long householdId,
    String category,
    String unit,
    long quantity,
    long allocated,
    int priority,
    LocalDate deadline,
    String title,
    String description,
    NeedStatus status,
    String rejectReason,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public long remaining() {
    return quantity - allocated;
  }

  /**
   * The need in the API's shape. Which household it is for is the village's business: only an
   * {@code insider} (the village's secretary, its reviewers, admin) sees the id, others only that
   * it is one. {@code reasons} (why it suits the donor asking) is left out when {@code null}.
   */
  public JsonObject toJson(boolean insider, List<String> reasons) {
    JsonObject j =
        new JsonObject()
            .put("id", id)
            .put("villageId", villageId)
            .put("villageName", villageName)
            .put("townshipId", townshipId)
            .put("townshipName", townshipName)
            .put("countyId", countyId)
            .put("countyName", countyName)
            .put("householdId", insider ? householdId : null)
            .put("householdLevel", householdId != null)
            .put("category", category)
            .put("unit", unit)
            .put("quantity", quantity)
            .put("allocated", allocated)
            .put("remaining", remaining())
            .put("priority", priority)
            .put("deadline", deadline == null ? null : deadline.toString())
            .put("title", title)
            .put("description", description)
            .put("status", status.wire())
            .put("rejectReason", rejectReason)
            .put("createdAt", Times.instant(createdAt))
            .put("updatedAt", Times.instant(updatedAt));
    if (reasons != null) {
      j.put("reasons", new JsonArray(new ArrayList<>(reasons)));
    }
    return j;
  }
}
