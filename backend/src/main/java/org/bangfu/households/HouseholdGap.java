package org.bangfu.households;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * One 两不愁三保障 (or drinking-water) gap of a household: what was found, and once closed what was done
 * with its evidence (a note, and a photo or scanned document served on its own path).
 */
public record HouseholdGap(
    long id,
    long householdId,
    String gap,
    String found,
    OffsetDateTime openedAt,
    String closedNote,
    String evidenceName,
    String evidenceType,
    OffsetDateTime closedAt) {

  /** The gaps: enough food and clothing, education, medical care, safe housing, safe water. */
  public static final List<String> GAPS =
      List.of("food", "clothing", "education", "medical", "housing", "water");

  public boolean open() {
    return closedAt == null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("householdId", householdId)
        .put("gap", gap)
        .put("found", found)
        .put("openedAt", Times.instant(openedAt))
        .put("closedNote", closedNote)
        .put("evidenceName", evidenceName)
        .put("evidenceType", evidenceType)
        .put("closedAt", Times.instant(closedAt));
  }
}
