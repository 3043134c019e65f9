package org.bangfu.certificates;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A donor's yearly statement (年度捐赠报告): every allocation of the donor verified in the year (Beijing
 * time), each with its certificate's number, and the totals per unit and per county.
 */
public record Statement(long donorId, String donorName, int year, List<Certificate> lines) {

  public JsonObject toJson() {
    Map<String, Long> amounts = new TreeMap<>();
    Map<String, Map<String, Long>> counties = new TreeMap<>();
    JsonArray list = new JsonArray();
    for (Certificate c : lines) {
      amounts.merge(c.unit(), c.quantity(), Long::sum);
      String county = c.countyName() == null ? "" : c.countyName();
      counties
          .computeIfAbsent(county, k -> new TreeMap<>())
          .merge(c.unit(), c.quantity(), Long::sum);
      list.add(c.toJson());
    }
    JsonArray byCounty = new JsonArray();
    counties.forEach(
        (k, v) ->
            byCounty.add(
                new JsonObject()
                    .put("countyName", k)
                    .put("amounts", new JsonObject(Map.copyOf(v)))));
    return new JsonObject()
        .put("donorId", donorId)
        .put("donorName", donorName)
        .put("year", year)
        .put("count", lines.size())
        .put("amounts", new JsonObject(Map.copyOf(amounts)))
        .put("byCounty", byCounty)
        .put("lines", list);
  }
}
