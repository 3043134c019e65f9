package org.bangfu.pledgeday;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.bangfu.reliability.DonorReliability;

/**
 * The commendation list (表彰名单) of a 10.17 day, drawn after the day from the reliability figures
 * (帮扶信誉) by one stated rule: a donor that pledged to the campaign is commended when at least {@link
 * #MIN_DUE} of its confirmed allocations were due, it delivered at least {@link #MIN_ON_TIME_SHARE}
 * of them on time, no report against it was founded, no finding against it is open, and its figures
 * are not held by a delivery sample found "not received". The commended are ranked by the yuan of
 * the campaign's pledges verified as given, then by their on-time share.
 */
public record Commendations(
    PledgeDay day, boolean available, List<Entry> commended, int considered) {
  public static final int MIN_DUE = 1;
  public static final double MIN_ON_TIME_SHARE = 0.9;

  /** A donor of the campaign, what it gave through it, and its figures. */
  public record Entry(
      long donorId,
      String name,
      String type,
      long pledgedCny,
      long verifiedCny,
      DonorReliability figures) {}

  /** The rule, applied to one donor's figures. */
  public static boolean commends(DonorReliability r) {
    return r.due() >= MIN_DUE
        && !r.held()
        && r.onTimeShare() != null
        && r.onTimeShare() >= MIN_ON_TIME_SHARE
        && r.foundedReports() == 0
        && r.openFindings() == 0;
  }

  public JsonObject toJson(LocalDate today) {
    JsonArray list = new JsonArray();
    for (int i = 0; i < commended.size(); i++) {
      Entry e = commended.get(i);
      list.add(
          new JsonObject()
              .put("rank", i + 1)
              .put("donorId", e.donorId())
              .put("name", e.name())
              .put("type", e.type())
              .put("pledgedCny", e.pledgedCny())
              .put("verifiedCny", e.verifiedCny())
              .put("due", e.figures().due())
              .put("onTime", e.figures().onTime())
              .put("onTimeShare", e.figures().onTimeShare()));
    }
    return new JsonObject()
        .put("pledgeDay", day.toJson(today))
        .put("available", available)
        .put("considered", considered)
        .put(
            "rule",
            new JsonObject()
                .put("minDue", MIN_DUE)
                .put("minOnTimeShare", MIN_ON_TIME_SHARE)
                .put("foundedReports", 0)
                .put("openFindings", 0)
                .put("notHeld", true)
                .put("rankedBy", "verifiedCny"))
        .put("commended", list);
  }
}
