package org.bangfu.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.opendata.Traceability;
import org.bangfu.sampling.DeliverySample;

/**
 * The board as a ledger (台账): the verified help the filters keep, in total and by campaign, county
 * and year (amounts per unit), with the traceability figure and what the delivery samples found. An
 * allocation counts for every campaign it counts for (as in the campaigns' progress), so the
 * campaigns' lines may add up to more than the total.
 */
public record BoardTotals(
    List<BoardRepository.TotalRow> all,
    List<BoardRepository.TotalRow> byCampaign,
    List<BoardRepository.TotalRow> byCounty,
    List<BoardRepository.TotalRow> byYear,
    Traceability traceability,
    DeliverySample.Counts sampled,
    long sampledPopulation) {

  public JsonObject toJson() {
    JsonArray all = lines(this.all);
    JsonObject total =
        all.isEmpty()
            ? new JsonObject().put("amounts", new JsonObject()).put("count", 0)
            : all.getJsonObject(0);
    return new JsonObject()
        .put("amounts", total.getJsonObject("amounts"))
        .put("count", total.getLong("count"))
        .put("byCampaign", lines(byCampaign))
        .put("byCounty", lines(byCounty))
        .put("byYear", lines(byYear))
        .put("traceability", traceability.toJson())
        .put("sampling", sampled.toJson((int) Math.min(Integer.MAX_VALUE, sampledPopulation)));
  }

  /** Rows of (key, unit) folded into one line per key with its amounts per unit. */
  static JsonArray lines(List<BoardRepository.TotalRow> rows) {
    Map<String, JsonObject> lines = new LinkedHashMap<>();
    for (BoardRepository.TotalRow r : rows) {
      String key = r.key() == null ? "" : r.key();
      JsonObject line =
          lines.computeIfAbsent(
              key,
              k ->
                  new JsonObject()
                      .put("key", k)
                      .put("name", r.name())
                      .put("amounts", new JsonObject())
                      .put("count", 0L));
      line.getJsonObject("amounts").put(r.unit(), r.amount());
      line.put("count", line.getLong("count") + r.count());
    }
    return new JsonArray(List.copyOf(lines.values()));
  }
}
