package org.bangfu.villages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.registry.Reviewers;
import org.bangfu.support.DomainException;

/**
 * Villages over time: the collective income per year (the village enters, the township verifies; a
 * future year is refused; a verified year is fixed), 摘帽 with its criteria, and the two goals of the
 * seed — no hollow village this year, no weak village next year.
 */
public final class VillageService {
  private final Pool pool;
  private final Clock clock;
  private final VillageRepository villages;

  public VillageService(Pool pool, Clock clock, VillageRepository villages) {
    this.villages = villages;
    this.pool = pool;
    this.clock = clock;
  }

  public int thisYear() {
    return LocalDate.ofInstant(clock.instant(), clock.getZone()).getYear();
  }

  private Future<Boolean> village(String id) {
    return villages
        .poorVillage(pool, id)
        .map(
            poor -> {
              if (poor == null) {
                throw DomainException.notFound("village " + id);
              }
              return poor;
            });
  }

  public Future<List<VillageIncome>> incomes(String village) {
    return village(village).compose(p -> villages.incomes(pool, village));
  }

  public Future<VillageIncome> enter(CurrentUser user, String village, int year, long amount) {
    Reviewers.requireSecretaryOf(user, village, "villageId");
    if (year > thisYear()) {
      throw DomainException.invalid(
          "year",
          "future_year",
          "must not be after " + thisYear(),
          DomainException.params("max", thisYear()));
    }
    Instant now = clock.instant();
    return village(village)
        .compose(
            p ->
                pool.withTransaction(
                    tx ->
                        villages
                            .income(tx, village, year, true)
                            .compose(
                                before ->
                                    villages
                                        .enter(tx, village, year, amount, user.id(), now)
                                        .compose(
                                            done -> {
                                              if (!done) {
                                                throw DomainException.conflict(
                                                    "income_verified",
                                                    "the year's income is verified and fixed",
                                                    Map.of(),
                                                    new DomainException.FieldError(
                                                        "year",
                                                        "income_verified",
                                                        "is verified already"));
                                              }
                                              return AuditLog.append(
                                                  tx,
                                                  user,
                                                  "village_income",
                                                  village + "/" + year,
                                                  "enter",
                                                  before
                                                      .map(
                                                          b ->
                                                              new JsonObject()
                                                                  .put("amount", b.amount()))
                                                      .orElse(null),
                                                  new JsonObject().put("amount", amount));
                                            }))
                            .compose(v -> villages.income(tx, village, year, false))
                            .map(o -> o.orElseThrow())));
  }

  public Future<VillageIncome> verify(CurrentUser user, String village, int year) {
    Reviewers.requireTownshipOf(user, village);
    Instant now = clock.instant();
    return pool.withTransaction(
        tx ->
            villages
                .income(tx, village, year, true)
                .compose(
                    found -> {
                      VillageIncome income =
                          found.orElseThrow(
                              () ->
                                  DomainException.notFound("income of " + village + " in " + year));
                      if (income.verified()) {
                        throw DomainException.conflict(
                            "income_verified", "the year's income is verified already", Map.of());
                      }
                      return villages
                          .verify(tx, village, year, user.id(), now)
                          .compose(
                              v ->
                                  AuditLog.append(
                                      tx,
                                      user,
                                      "village_income",
                                      village + "/" + year,
                                      "verify",
                                      null,
                                      new JsonObject()
                                          .put("amount", income.amount())
                                          .put("collectiveStatus", income.collectiveStatus())))
                          .compose(v -> villages.income(tx, village, year, false))
                          .map(o -> o.orElseThrow());
                    }));
  }

  public Future<VillageExit> exit(
      CurrentUser user, String village, int year, Map<String, Boolean> criteria) {
    Reviewers.requireCountyOf(user, village);
    if (year > thisYear()) {
      throw DomainException.invalid(
          "year",
          "future_year",
          "must not be after " + thisYear(),
          DomainException.params("max", thisYear()));
    }
    criteria.forEach(
        (field, met) -> {
          if (!met) {
            throw unmet(field, "must be met for an exit");
          }
        });
    Instant now = clock.instant();
    return village(village)
        .compose(
            poor -> {
              if (!poor) {
                throw DomainException.invalid(
                    "villageId", "not_poor_village", "is not a registered poor village");
              }
              return pool.withTransaction(
                  tx ->
                      villages
                          .exit(tx, village)
                          .compose(
                              done -> {
                                if (done.isPresent()) {
                                  throw DomainException.conflict(
                                      "village_already_exited",
                                      "the village exited in " + done.get().year(),
                                      DomainException.params("year", done.get().year()));
                                }
                                return villages
                                    .income(tx, village, year, false)
                                    .compose(
                                        income ->
                                            villages
                                                .householdCounts(tx, village)
                                                .compose(
                                                    counts -> {
                                                      if (income.isEmpty()
                                                          || !income.get().verified()) {
                                                        throw unmet(
                                                            "year",
                                                            "needs the year's verified collective income");
                                                      }
                                                      if (income.get().amount()
                                                          < VillageIncome.HOLLOW_LINE) {
                                                        throw unmet(
                                                            "year",
                                                            "the year's collective income is under 10,000 yuan");
                                                      }
                                                      BigDecimal rate =
                                                          counts[0] == 0
                                                              ? BigDecimal.ZERO
                                                              : BigDecimal.valueOf(counts[1] * 100)
                                                                  .divide(
                                                                      BigDecimal.valueOf(counts[0]),
                                                                      2,
                                                                      RoundingMode.HALF_UP);
                                                      if (rate.compareTo(
                                                              VillageExit.MAX_POVERTY_RATE)
                                                          >= 0) {
                                                        throw unmet(
                                                            "povertyRate",
                                                            "poverty incidence is "
                                                                + rate
                                                                + "%, not under 2%");
                                                      }
                                                      return villages
                                                          .insertExit(
                                                              tx,
                                                              village,
                                                              year,
                                                              counts[0],
                                                              counts[1],
                                                              rate,
                                                              income.get().amount(),
                                                              user.id(),
                                                              now)
                                                          .compose(
                                                              v ->
                                                                  AuditLog.append(
                                                                      tx,
                                                                      user,
                                                                      "village",
                                                                      village,
                                                                      "exit",
                                                                      null,
                                                                      new JsonObject()
                                                                          .put("year", year)
                                                                          .put(
                                                                              "povertyRate",
                                                                              rate.toPlainString())
                                                                          .put(
                                                                              "collectiveIncome",
                                                                              income
                                                                                  .get()
                                                                                  .amount())));
                                                    }))
                                    .compose(v -> villages.exit(tx, village))
                                    .map(o -> o.orElseThrow());
                              }));
            });
  }

  private static DomainException unmet(String field, String message) {
    return DomainException.conflict(
        "village_exit_criteria_unmet",
        message,
        Map.of(),
        new DomainException.FieldError(field, "criterion_unmet", message));
  }

  public Future<VillageExit> exitOf(String village) {
    return village(village)
        .compose(p -> villages.exit(pool, village))
        .map(o -> o.orElseThrow(() -> DomainException.notFound("exit of village " + village)));
  }

  public record Goals(
      int year,
      List<VillageRepository.Standing> standing,
      List<VillageRepository.YearCounts> byYear,
      List<long[]> exitsByYear) {}

  public Future<Goals> goals(String region, int year) {
    return villages
        .standing(pool, region, year)
        .compose(
            s ->
                villages
                    .byYear(pool, region)
                    .compose(
                        y ->
                            villages.exitsByYear(pool, region).map(e -> new Goals(year, s, y, e))));
  }

  public static boolean canSee(CurrentUser user, String village) {
    return Access.canSeeVillage(user, village);
  }
}
