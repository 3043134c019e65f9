package org.bangfu.villages;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a village's 摘帽 would be decided on in a year, each criterion with its figure and whether it
 * is met today, so the county sees before it decides what the exit rule ({@link
 * VillageService#exit}) will say: poverty incidence under 2% of the registered households, the
 * year's collective income verified and not hollow. Roads, drinking water, power and a clinic are
 * the county's own confirmation, not figures of the register.
 */
public record ExitCriteria(
    String villageId,
    int year,
    boolean poorVillage,
    long households,
    long poorHouseholds,
    Optional<VillageIncome> income,
    Optional<VillageExit> exit) {

  /** Poor households per hundred registered ones, two decimals, as the exit records it. */
  public BigDecimal povertyRate() {
    return households == 0
        ? BigDecimal.ZERO
        : BigDecimal.valueOf(poorHouseholds * 100)
            .divide(BigDecimal.valueOf(households), 2, RoundingMode.HALF_UP);
  }

  public boolean povertyMet() {
    return povertyRate().compareTo(VillageExit.MAX_POVERTY_RATE) < 0;
  }

  public boolean incomeMet() {
    return income.filter(i -> i.verified() && i.amount() >= VillageIncome.HOLLOW_LINE).isPresent();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("villageId", villageId)
        .put("year", year)
        .put("poorVillage", poorVillage)
        .put("households", households)
        .put("poorHouseholds", poorHouseholds)
        .put("povertyRate", povertyRate().doubleValue())
        .put("maxPovertyRate", VillageExit.MAX_POVERTY_RATE.intValue())
        .put("povertyMet", povertyMet())
        .put("income", income.map(VillageIncome::amount).orElse(null))
        .put("incomeVerified", income.map(VillageIncome::verified).orElse(false))
        .put("hollowLine", VillageIncome.HOLLOW_LINE)
        .put("incomeMet", incomeMet())
        .put("exit", exit.map(VillageExit::toJson).orElse(null));
  }
}
