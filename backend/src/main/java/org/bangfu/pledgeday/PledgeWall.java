package org.bangfu.pledgeday;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * The pledge wall of a 10.17 day: the target, the yuan pledged to the campaign so far (withdrawn
 * pledges left out), how many pledges and donors, and the latest pledges (donor, amount, when).
 */
public record PledgeWall(
    PledgeDay day, long pledgedCny, long pledges, long donors, List<Line> latest) {

  /** One pledge on the wall. */
  public record Line(
      long pledgeId,
      String donorName,
      String donorType,
      String unit,
      long quantity,
      OffsetDateTime at) {}

  public JsonObject toJson(LocalDate today) {
    JsonArray lines = new JsonArray();
    latest.forEach(
        l ->
            lines.add(
                new JsonObject()
                    .put("pledgeId", l.pledgeId())
                    .put("donorName", l.donorName())
                    .put("donorType", l.donorType())
                    .put("unit", l.unit())
                    .put("quantity", l.quantity())
                    .put("at", Times.instant(l.at()))));
    return day.toJson(today)
        .put("pledgedCny", pledgedCny)
        .put("share", day.targetCny() == 0 ? null : (double) pledgedCny / day.targetCny())
        .put("pledges", pledges)
        .put("donors", donors)
        .put("latest", lines);
  }
}
