package org.bangfu.rounds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/** How a round's fairness figures and floors are kept in its row (jsonb columns). */
final class RoundJson {
  private RoundJson() {}

  static JsonObject fairness(RoundFairness f) {
    JsonArray villages = new JsonArray();
    for (RoundFairness.Village v : f.villages()) {
      villages.add(
          new JsonObject()
              .put("villageId", v.villageId())
              .put("villageName", v.villageName())
              .put("unit", v.unit())
              .put("demand", v.demand())
              .put("allocated", v.allocated())
              .put("allocatedWithoutFairness", v.allocatedWithoutFairness()));
    }
    return new JsonObject()
        .put("objective", f.objective())
        .put("fairnessTerm", f.fairnessTerm())
        .put("objectiveWithoutFairness", f.objectiveWithoutFairness())
        .put("cost", f.cost())
        .put("villagesChanged", f.villagesChanged())
        .put("villages", villages);
  }

  static RoundFairness fairness(JsonObject json) {
    var villages = new ArrayList<RoundFairness.Village>();
    JsonArray list = json.getJsonArray("villages", new JsonArray());
    for (int k = 0; k < list.size(); k++) {
      JsonObject v = list.getJsonObject(k);
      villages.add(
          new RoundFairness.Village(
              v.getString("villageId"),
              v.getString("villageName"),
              v.getString("unit"),
              v.getLong("demand"),
              v.getLong("allocated"),
              v.getLong("allocatedWithoutFairness")));
    }
    return new RoundFairness(
        json.getLong("objective"),
        json.getLong("fairnessTerm"),
        json.getLong("objectiveWithoutFairness"),
        json.getLong("cost"),
        json.getInteger("villagesChanged"),
        villages);
  }

  static Map<String, Long> floors(JsonObject json) {
    Map<String, Long> floors = new TreeMap<>();
    json.forEach(e -> floors.put(e.getKey(), ((Number) e.getValue()).longValue()));
    return floors;
  }
}
