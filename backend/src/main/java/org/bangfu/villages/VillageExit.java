package org.bangfu.villages;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * 摘帽: a poor village's exit in a year, with the criteria it met: poverty incidence under 2% of its
 * registered households, a verified collective income of the year not hollow, and roads, drinking
 * water, power and a clinic confirmed by the county. Decided by the county, it is in its public
 * notice ({@code noticeId}, kind {@code village_exit}) until that closes, then effective; a founded
 * objection withdraws it.
 */
public record VillageExit(
    String villageId,
    String villageName,
    int year,
    int households,
    int poorHouseholds,
    BigDecimal povertyRate,
    long collectiveIncome,
    OffsetDateTime decidedAt,
    long id,
    String state,
    Long noticeId,
    OffsetDateTime effectiveAt) {
  public static final BigDecimal MAX_POVERTY_RATE = new BigDecimal("2");

  public JsonObject toJson() {
    return new JsonObject()
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("year", year)
        .put("households", households)
        .put("poorHouseholds", poorHouseholds)
        .put("povertyRate", povertyRate.doubleValue())
        .put("collectiveIncome", collectiveIncome)
        .put(
            "criteria",
            new JsonObject()
                .put("roads", true)
                .put("drinkingWater", true)
                .put("power", true)
                .put("clinic", true))
        .put("decidedAt", Times.instant(decidedAt))
        .put("id", id)
        .put("state", state)
        .put("noticeId", noticeId)
        .put("effectiveAt", Times.instant(effectiveAt));
  }
}
