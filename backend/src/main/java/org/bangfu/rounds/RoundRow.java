package org.bangfu.rounds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What one donor was proposed to give one need in a round, all its pledges together: a donor giving
 * a need from two pledges has two allocations and one row here, so a need never shows two rows from
 * one donor.
 */
record RoundRow(
    long needId,
    String needTitle,
    String villageId,
    String villageName,
    long donorId,
    String donorName,
    String unit,
    long quantity,
    List<Long> pledgeIds,
    List<Long> allocationIds,
    List<String> reasons,
    List<String> statuses) {

  RoundRow {
    pledgeIds = List.copyOf(pledgeIds);
    allocationIds = List.copyOf(allocationIds);
    reasons = List.copyOf(reasons);
    statuses = List.copyOf(statuses);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("needId", needId)
        .put("needTitle", needTitle)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("donorId", donorId)
        .put("donorName", donorName)
        .put("unit", unit)
        .put("quantity", quantity)
        .put("pledgeIds", new JsonArray(List.copyOf(pledgeIds)))
        .put("allocationIds", new JsonArray(List.copyOf(allocationIds)))
        .put("reasons", new JsonArray(List.copyOf(reasons)))
        .put("statuses", new JsonArray(List.copyOf(statuses)));
  }
}
