package org.bangfu.villages;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * A village's collective operating income (村集体经营性收入) of one year, in yuan: entered by the village,
 * verified by the township. Hollow (空壳村) under 10,000, weak (薄弱村) under 30,000.
 */
public record VillageIncome(
    String villageId,
    String villageName,
    int year,
    long amount,
    String collectiveStatus,
    OffsetDateTime enteredAt,
    OffsetDateTime verifiedAt) {
  public static final long HOLLOW_LINE = 10_000;
  public static final long WEAK_LINE = 30_000;

  public boolean verified() {
    return verifiedAt != null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("year", year)
        .put("amount", amount)
        .put("collectiveStatus", collectiveStatus)
        .put("verified", verified())
        .put("enteredAt", Times.instant(enteredAt))
        .put("verifiedAt", Times.instant(verifiedAt));
  }
}
