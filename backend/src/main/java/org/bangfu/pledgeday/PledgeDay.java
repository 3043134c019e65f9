package org.bangfu.pledgeday;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/**
 * A campaign of the 10.17 kind (扶贫日, the national poverty-alleviation day): its day and its target
 * in yuan. Its public pledge wall shows the target and the campaign's pledges as they come; after
 * the day, its commendation list (表彰名单).
 */
public record PledgeDay(long campaignId, String code, String name, LocalDate day, long targetCny) {

  /** Before the day, on it, after it (by the application's calendar). */
  public String phase(LocalDate today) {
    return today.isBefore(day) ? "upcoming" : today.isAfter(day) ? "over" : "live";
  }

  public JsonObject toJson(LocalDate today) {
    return new JsonObject()
        .put("campaignId", campaignId)
        .put("code", code)
        .put("name", name)
        .put("day", day.toString())
        .put("targetCny", targetCny)
        .put("phase", phase(today));
  }
}
