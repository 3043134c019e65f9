package org.bangfu.opendata;

import io.vertx.core.json.JsonObject;

/**
 * What verified help reached a village: how many grants, for how many of its registered households
 * (counted, never named, as 360Giving publishes grants to individuals in aggregate), and its yuan.
 */
public record VillageCount(
    String villageId,
    String villageName,
    String countyId,
    String countyName,
    long grants,
    long households,
    long amount) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("grants", grants)
        .put("households", households)
        .put("amount", amount);
  }
}
