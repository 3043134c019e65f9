package org.bangfu.villages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.notices.NoticeService;
import org.bangfu.registry.Reviewers;
import org.bangfu.support.DomainException;

/**
 * Villages over time: the collective income per year (the village enters, the township verifies; a
 * future year is refused; a verified year is fixed), 摘帽 with its criteria and its public notice
 * (effective when the notice closes; withdrawn on a founded objection), and the two goals of the
 * seed — no hollow village this year, no weak village next year.
 */
public final class VillageService {
  private final Pool pool;
  private final Clock clock;
  private final VillageRepository villages;
  private final NoticeService notices;

  private final AuditLog audit;

  public VillageService(
      Pool pool, Clock clock, VillageRepository villages, NoticeService notices, AuditLog audit) {
    this.audit = audit;
    this.villages = villages;
    this.pool = pool;
    this.clock = clock;
    this.notices = notices;
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
                    tx -> recordEntry(tx, user, new Entry(village, year, amount, now))));
  }

  /** A year's collective income as the village enters it. */
  private record Entry(String village, int year, long amount, Instant at) {
    String key() {
      return village + "/" + year;
    }
  }

  /**
   * Step of {@link #enter}, in its transaction: the year's income entered unless verified, the
   * audit row with what it was before; answers the income as it is now.
   */
  private Future<VillageIncome> recordEntry(SqlConnection tx, CurrentUser user, Entry e) {
    return villages
        .income(tx, e.village(), e.year(), true)
        .compose(
            before ->
                villages
                    .enter(tx, e.village(), e.year(), e.amount(), user.id(), e.at())
                    .compose(done -> auditEntered(tx, user, e, before, done)))
        .compose(v -> villages.income(tx, e.village(), e.year(), false))
        .map(o -> o.orElseThrow());
  }

  private Future<Void> auditEntered(
      SqlConnection tx, CurrentUser user, Entry e, Optional<VillageIncome> before, boolean done) {
    if (!done) {
      throw DomainException.conflict(
          "income_verified",
          "the year's income is verified and fixed",
          Map.of(),
          new DomainException.FieldError("year", "income_verified", "is verified already"));
    }
    return audit.append(
        tx,
        user,
        "village_income",
        e.key(),
        "enter",
        before.map(b -> new JsonObject().put("amount", b.amount())).orElse(null),
        new JsonObject().put("amount", e.amount()));
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
                                  audit.append(
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
              return pool.withTransaction(tx -> recordExit(tx, user, village, year, now));
            });
  }

  /**
   * What a village's exit is decided on: its households, the poor among them, the rate, the income.
   */
  record ExitFigures(long households, long poor, BigDecimal rate, long income) {}

  /**
   * Step of {@link #exit}, in its transaction: not exited (nor in notice) yet, the criteria met,
   * the exit in its notice, the notice published (贫困村退出公示), the audit row; answers the exit.
   */
  private Future<VillageExit> recordExit(
      SqlConnection tx, CurrentUser user, String village, int year, Instant now) {
    return villages
        .exit(tx, village)
        .map(VillageService::notExitedYet)
        .compose(v -> villages.income(tx, village, year, false))
        .compose(income -> villages.householdCounts(tx, village).map(c -> figures(income, c)))
        .compose(
            f ->
                villages
                    .insertExit(
                        tx,
                        village,
                        year,
                        f.households(),
                        f.poor(),
                        f.rate(),
                        f.income(),
                        user.id(),
                        now)
                    .compose(id -> publishExit(tx, id, village, year, f))
                    .compose(
                        id ->
                            audit
                                .append(
                                    tx,
                                    user,
                                    "village",
                                    village,
                                    "exit",
                                    null,
                                    new JsonObject()
                                        .put("year", year)
                                        .put("state", "in_notice")
                                        .put("povertyRate", f.rate().toPlainString())
                                        .put("collectiveIncome", f.income()))
                                .map(id)))
        .compose(id -> villages.exitById(tx, id, false))
        .map(o -> o.orElseThrow());
  }

  /** The exit's public notice, published in its transaction; answers the exit's id. */
  private Future<Long> publishExit(
      SqlConnection tx, long exitId, String village, int year, ExitFigures f) {
    return villages
        .place(tx, village)
        .compose(
            place ->
                notices.publishNotice(tx, ExitNoticeText.draft(exitId, village, year, place, f)))
        .compose(p -> villages.exitNotice(tx, exitId, p.id()))
        .map(exitId);
  }

  /** The exit whose notice closed takes effect (in the closing transaction). */
  Future<Boolean> exitNoticeClosed(SqlConnection tx, long exitId, Instant now) {
    return villages
        .exitById(tx, exitId, true)
        .compose(
            o ->
                o.isEmpty()
                    ? Future.succeededFuture(false)
                    : villages.exitEffective(tx, exitId, now));
  }

  /** The audit row of an exit that took effect when its notice closed. */
  Future<Void> auditExitEffective(SqlConnection tx, long exitId) {
    return villages
        .exitById(tx, exitId, false)
        .compose(
            o ->
                o.filter(e -> "effective".equals(e.state())).isEmpty()
                    ? Future.succeededFuture()
                    : audit.append(
                        tx,
                        null,
                        "village",
                        o.get().villageId(),
                        "exit_effective",
                        new JsonObject().put("state", "in_notice"),
                        new JsonObject().put("state", "effective").put("year", o.get().year())));
  }

  /**
   * The county withdraws an exit in its notice (an objection was founded): the notice is withdrawn
   * and the village stays a poor village.
   */
  public Future<VillageExit> withdrawExit(CurrentUser user, String village, String reason) {
    Reviewers.requireCountyOf(user, village);
    return villages
        .exit(pool, village)
        .map(o -> o.filter(e -> "in_notice".equals(e.state())))
        .map(o -> o.orElseThrow(() -> DomainException.notFound("exit in notice of " + village)))
        .compose(e -> pool.withTransaction(tx -> withdrawLocked(tx, user, e.id(), reason)));
  }

  private Future<VillageExit> withdrawLocked(
      SqlConnection tx, CurrentUser user, long exitId, String reason) {
    return villages
        .exitById(tx, exitId, true)
        .map(Optional::orElseThrow)
        .compose(
            e ->
                villages
                    .exitWithdrawn(tx, exitId)
                    .compose(
                        done -> {
                          if (!done) {
                            throw DomainException.conflict(
                                "exit_not_in_notice",
                                "the exit is no longer in its notice",
                                DomainException.params("state", e.state()));
                          }
                          return e.noticeId() == null
                              ? Future.succeededFuture(false)
                              : notices.withdraw(tx, e.noticeId(), reason);
                        })
                    .compose(
                        v ->
                            audit.append(
                                tx,
                                user,
                                "village",
                                e.villageId(),
                                "exit_withdrawn",
                                new JsonObject().put("state", "in_notice"),
                                new JsonObject().put("state", "withdrawn").put("reason", reason))))
        .compose(v -> villages.exitById(tx, exitId, false))
        .map(Optional::orElseThrow);
  }

  private static Void notExitedYet(Optional<VillageExit> done) {
    if (done.isPresent()) {
      throw DomainException.conflict(
          "village_already_exited",
          "the village exited in " + done.get().year(),
          DomainException.params("year", done.get().year()));
    }
    return null;
  }

  /**
   * The exit's figures, refused naming the criterion unmet: the year's collective income verified
   * and at least the hollow line, poverty incidence under 2%.
   */
  private static ExitFigures figures(
      Optional<VillageIncome> income, VillageRepository.HouseholdCounts counts) {
    if (income.isEmpty() || !income.get().verified()) {
      throw unmet("year", "needs the year's verified collective income");
    }
    if (income.get().amount() < VillageIncome.HOLLOW_LINE) {
      throw unmet("year", "the year's collective income is under 10,000 yuan");
    }
    BigDecimal rate =
        counts.households() == 0
            ? BigDecimal.ZERO
            : BigDecimal.valueOf(counts.poor() * 100)
                .divide(BigDecimal.valueOf(counts.households()), 2, RoundingMode.HALF_UP);
    if (rate.compareTo(VillageExit.MAX_POVERTY_RATE) >= 0) {
      throw unmet("povertyRate", "poverty incidence is " + rate + "%, not under 2%");
    }
    return new ExitFigures(counts.households(), counts.poor(), rate, income.get().amount());
  }

  private static DomainException unmet(String field, String message) {
    return DomainException.conflict(
        "village_exit_criteria_unmet",
        message,
        Map.of(),
        new DomainException.FieldError(field, "criterion_unmet", message));
  }

  /**
   * The criteria of the village's exit in {@code year} as they stand now, with the exit in its
   * notice or effective, if any; a secretary or reviewer of another village is refused.
   */
  public Future<ExitCriteria> exitCriteria(CurrentUser user, String village, int year) {
    if (user.is(Role.VILLAGE_SECRETARY, Role.REVIEWER) && !Access.canSeeVillage(user, village)) {
      throw DomainException.forbidden("village " + village + " is not yours");
    }
    return village(village).compose(poor -> criteriaOf(village, year, poor));
  }

  private Future<ExitCriteria> criteriaOf(String village, int year, boolean poor) {
    Future<Optional<VillageIncome>> income = villages.income(pool, village, year, false);
    Future<VillageRepository.HouseholdCounts> counts = villages.householdCounts(pool, village);
    Future<Optional<VillageExit>> exit = villages.exit(pool, village);
    return Future.all(income, counts, exit)
        .map(
            all ->
                new ExitCriteria(
                    village,
                    year,
                    poor,
                    counts.result().households(),
                    counts.result().poor(),
                    income.result(),
                    exit.result()));
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
      List<VillageRepository.YearExits> exitsByYear) {}

  /**
   * The two goals by the one rule of hollow and weak villages, in {@code year}, or — none given —
   * in the latest year up to this one with an income entered (so the figures are of a year that has
   * them, and say which).
   */
  public Future<Goals> goals(String region, Integer year) {
    Future<Integer> at =
        year != null
            ? Future.succeededFuture(year)
            : villages.latestYear(pool, region, thisYear()).map(y -> y.orElse(thisYear()));
    return at.compose(y -> goalsIn(region, y));
  }

  private Future<Goals> goalsIn(String region, int year) {
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
