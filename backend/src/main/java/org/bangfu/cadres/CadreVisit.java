package org.bangfu.cadres;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** A cadre's visit to a household (入户走访): when, what was done, an optional photo. */
public record CadreVisit(
    long id,
    long cadreId,
    String cadreName,
    long householdId,
    LocalDate visitedOn,
    String what,
    String photoUrl) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("cadreId", cadreId)
        .put("cadreName", cadreName)
        .put("householdId", householdId)
        .put("visitedOn", visitedOn.toString())
        .put("what", what)
        .put("photoUrl", photoUrl);
  }
}
