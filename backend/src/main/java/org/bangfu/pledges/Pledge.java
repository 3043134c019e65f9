package org.bangfu.pledges;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.support.Times;

/**
 * A donor's offer (认捐): so much of a unit, for some categories and places, pooled (rounds may use
 * it) or earmarked (only the donor's own claims spend it), and what of it is already held.
 */
public record Pledge(
    long id,
    long donorId,
    String donorName,
    Long campaignId,
    String unit,
    long quantity,
    long allocated,
    List<String> categories,
    List<String> scope,
    Long maxPerNeed,
    LocalDate expires,
    String mode,
    String note,
    PledgeStatus status,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public static final List<String> MODES = List.of("pooled", "earmarked");

  public Pledge {
    categories = List.copyOf(categories);
    scope = List.copyOf(scope);
  }

  /** What is left to give (nothing once it is no longer open). */
  public long remaining() {
    return status == PledgeStatus.OPEN ? quantity - allocated : 0L;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("donorId", donorId)
        .put("donorName", donorName)
        .put("campaignId", campaignId)
        .put("unit", unit)
        .put("quantity", quantity)
        .put("allocated", allocated)
        .put("remaining", remaining())
        .put("categories", new JsonArray(new ArrayList<>(categories)))
        .put("scope", new JsonArray(new ArrayList<>(scope)))
        .put("maxPerNeed", maxPerNeed)
        .put("expires", expires == null ? null : expires.toString())
        .put("mode", mode)
        .put("note", note)
        .put("status", status.wire())
        .put("createdAt", Times.instant(createdAt))
        .put("updatedAt", Times.instant(updatedAt));
  }
}
