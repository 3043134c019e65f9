package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.households.HouseholdStatus;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
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

  private final AuditLog audit;

  public ReviewRoundService(
      Pool pool,
      Clock clock,
      RegistryService registry,
      ReviewRoundRepository rounds,
      AuditLog audit) {
    this.audit = audit;
    this.rounds = rounds;
    this.pool = pool;
    this.clock = clock;
    this.registry = registry;
  }

  /** One visit's findings. */
  public record Visit(
      long householdId,
      LocalDate visitedOn,
      long incomePerHead,
      List<String> unmet,
      String note,
      FileContent photo) {}

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
                .recover(e -> unique(e, roundExists()))
                .compose(
                    id ->
                        audit
                            .append(
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

  private static DomainException roundExists() {
    return DomainException.conflict(
        "review_round_exists",
        "the county has its round for this year already",
        Map.of(),
        new DomainException.FieldError("year", "review_round_exists", "has its round already"));
  }

  /** A unique violation is {@code conflict} (two at once, or one again); anything else as it is. */
  private static <T> Future<T> unique(Throwable e, DomainException conflict) {
    return Future.failedFuture(
        e instanceof PgException pg && "23505".equals(pg.getSqlState()) ? conflict : e);
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
        .compose(round -> pool.withTransaction(tx -> record(tx, user, new Visited(round, v, now))));
  }

  /**
   * A visit to record in a round, at a time; it passes when nothing is unmet and the income is at
   * the line.
   */
  private record Visited(ReviewRound round, Visit visit, Instant at) {
    boolean passed() {
      return visit.unmet().isEmpty() && visit.incomePerHead() >= round.incomeLine();
    }
  }

  /**
   * Step of {@link #visit}, in its transaction: the household must be the round's and of the
   * secretary's village; a failing visit's return application; the visit, its audit row.
   */
  private Future<ReviewRoundRepository.RoundHousehold> record(
      SqlConnection tx, CurrentUser user, Visited visited) {
    long roundId = visited.round().id();
    long householdId = visited.visit().householdId();
    return rounds
        .villageInRound(tx, roundId, householdId)
        .map(village -> requireVisitable(user, village))
        .compose(
            village ->
                visited.passed()
                    ? Future.<Long>succeededFuture(null)
                    : returnApplication(tx, user, visited))
        .compose(appId -> insertVisit(tx, user, visited, appId))
        .compose(x -> rounds.household(tx, roundId, householdId));
  }

  private static String requireVisitable(CurrentUser user, Optional<String> village) {
    if (village.isEmpty()) {
      throw DomainException.invalid(
          "householdId", "not_in_round", "is not one of this round's households");
    }
    Reviewers.requireSecretaryOf(user, village.get(), "householdId");
    return village.get();
  }

  /** The return-to-poverty application a failing visit makes, the register's usual way. */
  private Future<Long> returnApplication(SqlConnection tx, CurrentUser user, Visited visited) {
    Visit v = visited.visit();
    return registry.submit(
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
            "回头看 " + visited.round().year() + (v.note() == null ? "" : ": " + v.note()),
            null),
        visited.at());
  }

  /** The visit's row (one per household and round) and its audit row. */
  private Future<Void> insertVisit(
      SqlConnection tx, CurrentUser user, Visited visited, Long applicationId) {
    Visit v = visited.visit();
    long roundId = visited.round().id();
    return rounds
        .insertVisit(
            tx,
            roundId,
            v.householdId(),
            v.visitedOn(),
            v.incomePerHead(),
            v.unmet(),
            visited.passed(),
            applicationId,
            v.note(),
            user.id(),
            visited.at(),
            v.photo())
        .recover(e -> unique(e, householdVisited()))
        .compose(
            visitId ->
                audit.append(
                    tx,
                    user,
                    "review_visit",
                    visitId,
                    "record",
                    null,
                    new JsonObject()
                        .put("roundId", roundId)
                        .put("householdId", v.householdId())
                        .put("passed", visited.passed())
                        .put("incomePerHead", v.incomePerHead())
                        .put("unmet", new JsonArray(new ArrayList<>(v.unmet())))
                        .put("applicationId", applicationId)));
  }

  /** A visit's photo, for those who may see its village. */
  public Future<FileContent> photo(CurrentUser user, long visitId) {
    return rounds
        .photo(pool, visitId)
        .map(
            o ->
                o.filter(p -> Access.canSeeVillage(user, p.villageId()))
                    .map(ReviewRoundRepository.Photo::file)
                    .orElseThrow(() -> DomainException.notFound("photo of visit " + visitId)));
  }

  private static DomainException householdVisited() {
    return DomainException.conflict(
        "household_visited",
        "the household has its visit in this round",
        Map.of(),
        new DomainException.FieldError(
            "householdId", "household_visited", "has its visit already"));
  }
}
