package org.bangfu.reliability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * 帮扶信誉 of a village: of the deliveries to it whose receipt is due (recorded, or past the window),
 * the share whose receipt was recorded within the window and verified; founded reports and open
 * findings against it. {@code deliveries} are the figures behind it (detail).
 */
public record VillageReliability(
    String villageId,
    String name,
    int onTimeDays,
    long delivered,
    long due,
    long onTime,
    long foundedReports,
    long openFindings,
    long heldCases,
    List<Delivery> deliveries) {

  /** Held while a sampled delivery to this village found "not received" waits for its case. */
  public boolean held() {
    return heldCases > 0;
  }

  public Double onTimeShare() {
    return due == 0 || held() ? null : (double) onTime / due;
  }

  public JsonObject toJson() {
    JsonObject o =
        new JsonObject()
            .put("villageId", villageId)
            .put("name", name)
            .put("onTimeDays", onTimeDays)
            .put("delivered", delivered)
            .put("due", due)
            .put("onTime", onTime)
            .put("onTimeShare", onTimeShare())
            .put("foundedReports", foundedReports)
            .put("openFindings", openFindings)
            .put("held", held())
            .put("heldCases", heldCases);
    if (deliveries != null) {
      JsonArray list = new JsonArray();
      deliveries.forEach(a -> list.add(a.toJson()));
      o.put("deliveries", list);
    }
    return o;
  }
}
