package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.households.HouseholdStatus;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * 回头看: the county opens a yearly round over its exited households; each village records one visit
 * per household (两不愁三保障 checklist and income per head). A visit that fails (an item unmet, or the
 * income under the round's line) makes, in the same transaction, a return-to-poverty application
 * that then goes the register's usual way.
 */
public final class ReviewRoundService {
  private final Pool pool;
  private final Clock clock;
  private final RegistryService registry;
  private final ReviewRoundRepository rounds;

  public ReviewRoundService(
      Pool pool, Clock clock, RegistryService registry, ReviewRoundRepository rounds) {
    this.rounds = rounds;
    this.pool = pool;
    this.clock = clock;
    this.registry = registry;
  }

  /** One visit's findings. */
  public record Visit(
      long householdId, LocalDate visitedOn, long incomePerHead, List<String> unmet, String note) {}

  static String scope(CurrentUser user) {
    return user.is(Role.VILLAGE_SECRETARY)
        ? user.villageId()
        : user.is(Role.REVIEWER) ? user.regionId() : null;
  }

  public Future<ReviewRound> open(CurrentUser user, String county, int year, long incomeLine) {
    if (!user.is(Role.ADMIN) && !(Reviewers.county(user) && user.regionId().equals(county))) {
      throw DomainException.forbidden("a review round is opened by the county's reviewer");
    }
    if (year > registry.thisYear()) {
      throw DomainException.invalid(
          "year",
          "future_year",
          "must not be after " + registry.thisYear(),
          DomainException.params("max", registry.thisYear()));
    }
    Instant now = clock.instant();
    return pool.withTransaction(
        tx ->
            rounds
                .countyExists(tx, county)
                .compose(
                    ok ->
                        ok
                            ? Future.succeededFuture()
                            : Future.failedFuture(
                                DomainException.invalid(
                                    "countyId", "unknown_county", "is not a known county")))
                .compose(v -> rounds.open(tx, county, year, incomeLine, user.id(), now))
                .recover(
                    e ->
                        Future.failedFuture(
                            e instanceof PgException pg && "23505".equals(pg.getSqlState())
                                ? DomainException.conflict(
                                    "review_round_exists",
                                    "the county has its round for this year already",
                                    Map.of(),
                                    new DomainException.FieldError(
                                        "year", "review_round_exists", "has its round already"))
                                : e))
                .compose(
                    id ->
                        AuditLog.append(
                                tx,
                                user,
                                "review_round",
                                id,
                                "open",
                                null,
                                new JsonObject()
                                    .put("countyId", county)
                                    .put("year", year)
                                    .put("incomeLine", incomeLine))
                            .compose(v -> rounds.find(tx, id)))
                .map(o -> o.orElseThrow()));
  }

  public Future<Page<ReviewRound>> list(CurrentUser user, Paging paging) {
    return rounds.list(pool, scope(user), paging);
  }

  public Future<ReviewRound> get(CurrentUser user, long id) {
    return rounds
        .find(pool, id)
        .map(
            o ->
                o.filter(
                        r -> {
                          String s = scope(user);
                          return s == null
                              || Access.regionContains(s, r.countyId())
                              || Access.regionContains(r.countyId(), s);
                        })
                    .orElseThrow(() -> DomainException.notFound("review round " + id)));
  }

  public Future<Page<ReviewRoundRepository.RoundHousehold>> households(
      CurrentUser user, long id, Paging paging) {
    return get(user, id)
        .compose(
            r ->
                rounds.households(
                    pool,
                    id,
                    user.is(Role.VILLAGE_SECRETARY) ? user.villageId() : null,
                    user.is(Role.REVIEWER) ? user.regionId() : null,
                    paging));
  }

  public Future<List<ReviewRoundRepository.VillageProgress>> progress(CurrentUser user, long id) {
    return get(user, id).compose(r -> rounds.progress(pool, id));
  }

  /**
   * Records a visit; a failing one makes the household's return application in the same
   * transaction.
   */
  public Future<ReviewRoundRepository.RoundHousehold> visit(
      CurrentUser user, long roundId, Visit v) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, clock.getZone());
    if (v.visitedOn().isAfter(today)) {
      throw DomainException.invalid("visitedOn", "future_date", "must not be in the future");
    }
    return get(user, roundId)
        .compose(
            round ->
                pool.withTransaction(
                    tx ->
                        rounds
                            .villageInRound(tx, roundId, v.householdId())
                            .compose(
                                village -> {
                                  if (village.isEmpty()) {
                                    throw DomainException.invalid(
                                        "householdId",
                                        "not_in_round",
                                        "is not one of this round's households");
                                  }
                                  Reviewers.requireSecretaryOf(user, village.get(), "householdId");
                                  boolean passed =
                                      v.unmet().isEmpty()
                                          && v.incomePerHead() >= round.incomeLine();
                                  Future<Long> application =
                                      passed
                                          ? Future.succeededFuture(null)
                                          : registry.submit(
                                              tx,
                                              user,
                                              new RegistryService.Request(
                                                  v.householdId(),
                                                  HouseholdStatus.RETURNED,
                                                  v.visitedOn().getYear(),
                                                  null,
                                                  false,
                                                  false,
                                                  v.incomePerHead(),
                                                  v.unmet(),
                                                  "回头看 "
                                                      + round.year()
                                                      + (v.note() == null ? "" : ": " + v.note()),
                                                  null),
                                              now);
                                  return application.compose(
                                      appId ->
                                          rounds
                                              .insertVisit(
                                                  tx,
                                                  roundId,
                                                  v.householdId(),
                                                  v.visitedOn(),
                                                  v.incomePerHead(),
                                                  v.unmet(),
                                                  passed,
                                                  appId,
                                                  v.note(),
                                                  user.id(),
                                                  now)
                                              .recover(
                                                  e ->
                                                      Future.failedFuture(
                                                          e instanceof PgException pg
                                                                  && "23505"
                                                                      .equals(pg.getSqlState())
                                                              ? DomainException.conflict(
                                                                  "household_visited",
                                                                  "the household has its visit in this round",
                                                                  Map.of(),
                                                                  new DomainException.FieldError(
                                                                      "householdId",
                                                                      "household_visited",
                                                                      "has its visit already"))
                                                              : e))
                                              .compose(
                                                  visitId ->
                                                      AuditLog.append(
                                                          tx,
                                                          user,
                                                          "review_visit",
                                                          visitId,
                                                          "record",
                                                          null,
                                                          new JsonObject()
                                                              .put("roundId", roundId)
                                                              .put("householdId", v.householdId())
                                                              .put("passed", passed)
                                                              .put(
                                                                  "incomePerHead",
                                                                  v.incomePerHead())
                                                              .put(
                                                                  "unmet",
                                                                  new JsonArray(
                                                                      new ArrayList<>(v.unmet())))
                                                              .put("applicationId", appId))));
                                })
                            .compose(x -> rounds.household(tx, roundId, v.householdId()))));
  }
}
