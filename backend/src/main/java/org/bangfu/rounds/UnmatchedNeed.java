package org.bangfu.rounds;

import io.vertx.core.json.JsonObject;

/**
 * A need a round left (partly) short: what the round gave it, what it still lacks, and the engine's
 * reason code ({@code org.bangfu.matching.model.UnmatchedReason}); title and village name are read
 * back for the round's page.
 */
record UnmatchedNeed(
    long needId,
    String title,
    String villageId,
    String villageName,
    String unit,
    long allocated,
    long remaining,
    String reason) {

  JsonObject toJson() {
    return new JsonObject()
        .put("needId", needId)
        .put("needTitle", title)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("unit", unit)
        .put("allocated", allocated)
        .put("remaining", remaining)
        .put("reason", reason);
  }
}
