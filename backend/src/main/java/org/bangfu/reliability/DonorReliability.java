package org.bangfu.reliability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * 帮扶信誉 of a donor: of its confirmed allocations whose delivery is due (delivered, or past the
 * on-time window), the share delivered within the window and the mean delay past it; founded
 * reports and open findings against it. {@code allocations} are the figures behind it (detail).
 */
public record DonorReliability(
    long donorId,
    String name,
    String type,
    int onTimeDays,
    long confirmed,
    long due,
    long onTime,
    Double meanDelayDays,
    long foundedReports,
    long openFindings,
    long heldCases,
    List<Delivery> allocations) {

  /**
   * Held (暂停评定) while a sampled delivery of this donor found "not received" waits for its case to
   * be decided: the share is then not given, and nothing is drawn from it.
   */
  public boolean held() {
    return heldCases > 0;
  }

  public Double onTimeShare() {
    return due == 0 || held() ? null : (double) onTime / due;
  }

  public JsonObject toJson() {
    JsonObject o =
        new JsonObject()
            .put("donorId", donorId)
            .put("name", name)
            .put("type", type)
            .put("onTimeDays", onTimeDays)
            .put("confirmed", confirmed)
            .put("due", due)
            .put("onTime", onTime)
            .put("onTimeShare", onTimeShare())
            .put("meanDelayDays", held() ? null : meanDelayDays)
            .put("foundedReports", foundedReports)
            .put("openFindings", openFindings)
            .put("held", held())
            .put("heldCases", heldCases);
    if (allocations != null) {
      JsonArray list = new JsonArray();
      allocations.forEach(a -> list.add(a.toJson()));
      o.put("allocations", list);
    }
    return o;
  }
}
