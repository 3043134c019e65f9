package org.bangfu.cadres;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
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
import org.bangfu.households.HouseholdRepository;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * One household, one cadre, one plan: cadres (帮扶责任人, 第一书记), the cadre in charge of each household
 * (a second is refused), the plan's measures and the cadres' visits. Writes are one transaction
 * each, with the household's row lock and the audit row.
 */
public final class CadreService {
  private final Pool pool;
  private final Clock clock;
  private final LazyCipher cipher;
  private final CadreRepository cadres;
  private final HouseholdRepository households;

  private final AuditLog audit;

  public CadreService(
      Pool pool,
      Clock clock,
      CadreRepository cadres,
      HouseholdRepository households,
      LazyCipher cipher,
      AuditLog audit) {
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.cadres = cadres;
    this.households = households;
    this.cipher = cipher;
  }

  /** A household's cadre, plan and visits. */
  public record Plan(
      long householdId, Cadre cadre, List<PlanMeasure> measures, List<CadreVisit> visits) {}

  /** The region a user's cadre lists are narrowed to (null: all, for admins). */
  public static String scope(CurrentUser user) {
    return user.is(Role.VILLAGE_SECRETARY)
        ? user.villageId()
        : user.is(Role.REVIEWER) ? user.regionId() : null;
  }

  public Future<Page<Cadre>> list(CurrentUser user, boolean firstSecretaries, Paging paging) {
    return cipher.get().compose(c -> cadres.list(pool, c, scope(user), firstSecretaries, paging));
  }

  public Future<Cadre> get(CurrentUser user, long id) {
    return cipher
        .get()
        .compose(c -> cadres.find(pool, c, id))
        .map(
            o ->
                o.filter(x -> visible(user, x.regionId()))
                    .orElseThrow(() -> DomainException.notFound("cadre " + id)));
  }

  private static boolean visible(CurrentUser user, String cadreRegion) {
    String scope = scope(user);
    return scope == null
        || Access.regionContains(scope, cadreRegion)
        || Access.regionContains(cadreRegion, scope);
  }

  public Future<Cadre> create(CurrentUser user, CadreRepository.NewCadre c) {
    if (!(user.is(Role.ADMIN) || Access.regionContains(scope(user), c.regionId()))) {
      throw DomainException.invalid(
          "regionId", "not_your_region", "must be inside your own region");
    }
    if (c.firstSecretaryOf() != null
        && !Access.regionContains(c.regionId(), c.firstSecretaryOf())
        && !user.is(Role.ADMIN)
        && !Access.regionContains(scope(user), c.firstSecretaryOf())) {
      throw DomainException.invalid(
          "firstSecretaryOf", "not_your_region", "must be a village inside your own region");
    }
    Instant now = clock.instant();
    return cipher.get().compose(ci -> pool.withTransaction(tx -> insert(tx, ci, user, c, now)));
  }

  /**
   * Step of {@link #create}, in its transaction: the regions and the sending unit known, the cadre
   * (its unit's name as its unit when none was typed), the audit row.
   */
  private Future<Cadre> insert(
      SqlConnection tx,
      PersonalDataCipher ci,
      CurrentUser user,
      CadreRepository.NewCadre asked,
      Instant now) {
    return knownRegions(tx, asked)
        .compose(v -> withUnit(tx, asked))
        .compose(c -> cadres.insert(tx, ci, c, user.id(), now).map(id -> new Inserted(id, c)))
        .recover(
            e ->
                Future.failedFuture(
                    unique(
                        e,
                        "firstSecretaryOf",
                        "first_secretary_taken",
                        "the village already has its 第一书记")))
        .compose(
            in ->
                audit
                    .append(
                        tx,
                        user,
                        "cadre",
                        in.id(),
                        "create",
                        null,
                        new JsonObject()
                            .put("level", in.cadre().level())
                            .put("regionId", in.cadre().regionId())
                            .put("unitId", in.cadre().unitId())
                            .put("firstSecretaryOf", in.cadre().firstSecretaryOf()))
                    .compose(v -> cadres.find(tx, ci, in.id())))
        .map(o -> o.orElseThrow());
  }

  private record Inserted(long id, CadreRepository.NewCadre cadre) {}

  /** The cadre with its sending unit checked, and the unit's name as its unit when none given. */
  private Future<CadreRepository.NewCadre> withUnit(SqlConnection tx, CadreRepository.NewCadre c) {
    if (c.unitId() == null) {
      return Future.succeededFuture(c);
    }
    return cadres
        .unit(tx, c.unitId())
        .map(
            u ->
                u.orElseThrow(
                    () ->
                        DomainException.invalid(
                            "unitId", "unknown_unit", "is not a known sending unit")))
        .map(
            u ->
                new CadreRepository.NewCadre(
                    c.name(),
                    c.unit() == null ? u.name() : c.unit(),
                    c.level(),
                    c.regionId(),
                    c.phone(),
                    c.firstSecretaryOf(),
                    c.dispatchedBy(),
                    c.unitId(),
                    c.appointedOn()));
  }

  /**
   * A serving cadre's term ends (a 第一书记 leaves the village, so a successor may be appointed); by a
   * reviewer over the cadre's region or an admin.
   */
  public Future<Cadre> endTerm(CurrentUser user, long cadreId, LocalDate on) {
    return get(user, cadreId)
        .compose(
            seen -> {
              if (user.is(Role.VILLAGE_SECRETARY)) {
                throw DomainException.forbidden("a cadre's term is ended by the reviewers over it");
              }
              return cipher
                  .get()
                  .compose(ci -> pool.withTransaction(tx -> ended(tx, ci, user, seen, on)));
            });
  }

  private Future<Cadre> ended(
      SqlConnection tx, PersonalDataCipher ci, CurrentUser user, Cadre seen, LocalDate on) {
    return cadres
        .lock(tx, seen.id())
        .compose(v -> cadres.endTerm(tx, seen.id(), on))
        .compose(
            done -> {
              if (!done) {
                throw DomainException.invalid(
                    "endedOn",
                    "term_not_endable",
                    "the term has ended already, or this date is before the appointment");
              }
              return audit.append(
                  tx,
                  user,
                  "cadre",
                  seen.id(),
                  "end_term",
                  null,
                  new JsonObject().put("endedOn", on.toString()));
            })
        .compose(v -> cadres.find(tx, ci, seen.id()))
        .map(Optional::orElseThrow);
  }

  /**
   * The 第一书记 serving a village now, as the public sees them; empty when the village has none
   * serving (every village's page asks, so having none is an answer, not an error); an unknown
   * village is not found.
   */
  public Future<Optional<Cadre>> firstSecretaryOf(String villageId) {
    return cipher
        .get()
        .compose(ci -> cadres.firstSecretaryOf(pool, ci, villageId))
        .compose(o -> o.isPresent() ? Future.succeededFuture(o) : knownVillage(villageId));
  }

  private Future<Optional<Cadre>> knownVillage(String villageId) {
    return cadres
        .regionLevel(pool, villageId)
        .map(
            level -> {
              if (level.filter("village"::equals).isEmpty()) {
                throw DomainException.notFound("village " + villageId);
              }
              return Optional.empty();
            });
  }

  // ---- sending units (挂钩帮扶单位)

  public Future<Page<HelpUnit>> units(CurrentUser user, String q, Paging paging) {
    return cadres.units(pool, user.is(Role.ADMIN) ? null : scopeUp(user), q, paging);
  }

  /**
   * The region whose units a user picks from: the city above a county or township reviewer, or a
   * village's secretary (units are mostly the city's and the county's), else all.
   */
  private static String scopeUp(CurrentUser user) {
    String scope = scope(user);
    return scope == null || scope.length() < 4 ? null : scope.substring(0, 4);
  }

  /** A sending unit, by a reviewer (in their own region) or an admin. */
  public Future<HelpUnit> createUnit(CurrentUser user, CadreRepository.NewUnit u) {
    if (!(user.is(Role.ADMIN)
        || (user.is(Role.REVIEWER) && Access.regionContains(user.regionId(), u.regionId())))) {
      throw DomainException.invalid(
          "regionId", "not_your_region", "must be inside your own region");
    }
    Instant now = clock.instant();
    return pool.withTransaction(
        tx ->
            cadres
                .regionLevel(tx, u.regionId())
                .compose(
                    level ->
                        level.isEmpty()
                            ? Future.failedFuture(
                                DomainException.invalid(
                                    "regionId", "unknown_region", "is not a known region"))
                            : cadres.insertUnit(tx, u, user.id(), now))
                .recover(
                    e ->
                        Future.failedFuture(
                            unique(e, "name", "unit_exists", "a unit of this name exists")))
                .compose(
                    id ->
                        audit
                            .append(
                                tx,
                                user,
                                "help_unit",
                                id,
                                "create",
                                null,
                                new JsonObject()
                                    .put("name", u.name())
                                    .put("level", u.level())
                                    .put("regionId", u.regionId()))
                            .compose(v -> cadres.unit(tx, id)))
                .map(Optional::orElseThrow));
  }

  /** The cadre's region must be known, the village of a 第一书记 a known village. */
  private Future<Void> knownRegions(SqlConnection tx, CadreRepository.NewCadre c) {
    Future<Void> region =
        cadres
            .regionLevel(tx, c.regionId())
            .compose(
                level ->
                    level.isEmpty()
                        ? Future.failedFuture(
                            DomainException.invalid(
                                "regionId", "unknown_region", "is not a known region"))
                        : Future.succeededFuture());
    if (c.firstSecretaryOf() == null) {
      return region;
    }
    return region
        .compose(v -> cadres.regionLevel(tx, c.firstSecretaryOf()))
        .compose(
            l ->
                l.filter("village"::equals).isEmpty()
                    ? Future.failedFuture(
                        DomainException.invalid(
                            "firstSecretaryOf", "unknown_village", "is not a known village"))
                    : Future.succeededFuture());
  }

  private static Throwable unique(Throwable e, String field, String code, String message) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return DomainException.conflict(
          code, message, Map.of(), new DomainException.FieldError(field, code, message));
    }
    return e;
  }

  /** Locks the household and checks the user may act for its village (else: not found). */
  private Future<HouseholdRepository.Locked> household(
      SqlConnection tx, CurrentUser user, long householdId) {
    return households
        .lock(tx, householdId)
        .map(
            o ->
                o.filter(h -> Access.canActForVillage(user, h.villageId()))
                    .orElseThrow(() -> DomainException.notFound("household " + householdId)));
  }

  public Future<Plan> plan(CurrentUser user, long householdId) {
    return cipher
        .get()
        .compose(
            ci ->
                households
                    .find(pool, ci, householdId)
                    .map(
                        o ->
                            o.filter(h -> Access.canSeeVillage(user, h.villageId()))
                                .orElseThrow(
                                    () -> DomainException.notFound("household " + householdId)))
                    .compose(h -> planOf(ci, householdId)));
  }

  private Future<Plan> planOf(PersonalDataCipher ci, long householdId) {
    return cadres
        .cadreOf(pool, ci, householdId)
        .compose(
            cadre ->
                cadres
                    .measures(pool, householdId)
                    .compose(
                        m ->
                            cadres
                                .visits(pool, householdId)
                                .map(v -> new Plan(householdId, cadre.orElse(null), m, v))));
  }

  /** Puts a cadre in charge of a household; a household that has one already is refused. */
  public Future<Plan> assign(CurrentUser user, long householdId, long cadreId) {
    Instant now = clock.instant();
    return cipher
        .get()
        .compose(ci -> pool.withTransaction(tx -> assign(tx, ci, user, householdId, cadreId, now)))
        .compose(v -> plan(user, householdId));
  }

  /**
   * Step of {@link #assign}, in its transaction: the household's lock, a cadre who works for its
   * village, the assignment (one per household), the audit row.
   */
  private Future<Void> assign(
      SqlConnection tx,
      PersonalDataCipher ci,
      CurrentUser user,
      long householdId,
      long cadreId,
      Instant now) {
    return household(tx, user, householdId)
        .compose(
            h ->
                cadres
                    .find(tx, ci, cadreId)
                    .map(
                        c -> {
                          if (c.isEmpty() || !worksFor(c.get(), h)) {
                            throw DomainException.invalid(
                                "cadreId",
                                "unknown_cadre",
                                "is not a cadre who works for this village");
                          }
                          return c.get();
                        }))
        .compose(
            c ->
                cadres
                    .assign(tx, householdId, cadreId, user.id(), now)
                    .recover(
                        e ->
                            Future.failedFuture(
                                unique(
                                    e,
                                    "cadreId",
                                    "household_has_cadre",
                                    "the household already has its cadre in charge"))))
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "household",
                    householdId,
                    "assign_cadre",
                    null,
                    new JsonObject().put("cadreId", cadreId)));
  }

  /** A cadre works for a village inside their region, or for the region the village is in. */
  private static boolean worksFor(Cadre c, HouseholdRepository.Locked h) {
    return Access.regionContains(c.regionId(), h.villageId())
        || Access.regionContains(h.villageId(), c.regionId());
  }

  /**
   * The need a measure links to must be of the household's village and, if it names one, of this
   * household.
   */
  private Future<Void> checkNeed(SqlConnection tx, HouseholdRepository.Locked h, Long needId) {
    if (needId == null) {
      return Future.succeededFuture();
    }
    return cadres
        .needPlace(tx, needId)
        .compose(
            place -> {
              if (place.isEmpty()
                  || !h.villageId().equals(place.get().villageId())
                  || (place.get().householdId() != null && place.get().householdId() != h.id())) {
                return Future.failedFuture(
                    DomainException.invalid(
                        "needId", "unknown_need", "is not a need of this household's village"));
              }
              return Future.succeededFuture();
            });
  }

  public Future<PlanMeasure> addMeasure(
      CurrentUser user, long householdId, String kind, String target, String status, Long needId) {
    Instant now = clock.instant();
    return pool.withTransaction(
        tx ->
            household(tx, user, householdId)
                .compose(h -> checkNeed(tx, h, needId))
                .compose(
                    v ->
                        cadres.insertMeasure(
                            tx, householdId, kind, target, status, needId, user.id(), now))
                .compose(
                    id ->
                        audit
                            .append(
                                tx,
                                user,
                                "plan_measure",
                                id,
                                "create",
                                null,
                                new JsonObject()
                                    .put("householdId", householdId)
                                    .put("kind", kind)
                                    .put("status", status)
                                    .put("needId", needId))
                            .compose(v -> cadres.measure(tx, id, false)))
                .map(o -> o.orElseThrow()));
  }

  public Future<PlanMeasure> updateMeasure(
      CurrentUser user, long id, String target, String status, Long needId) {
    Instant now = clock.instant();
    MeasureChange m = new MeasureChange(id, target, status, needId);
    return cadres
        .measure(pool, id, false)
        .map(seen -> seen.orElseThrow(() -> DomainException.notFound("plan measure " + id)))
        .compose(seen -> pool.withTransaction(tx -> update(tx, user, seen.householdId(), m, now)));
  }

  /** A change to a plan's measure: its target, status and need. */
  private record MeasureChange(long id, String target, String status, Long needId) {}

  /**
   * Step of {@link #updateMeasure}, in its transaction: the household's lock, then the measure's;
   * the need checked; the change and its audit row; answers the measure as it is now.
   */
  private Future<PlanMeasure> update(
      SqlConnection tx, CurrentUser user, long householdId, MeasureChange m, Instant now) {
    return household(tx, user, householdId)
        .compose(
            h ->
                cadres
                    .measure(tx, m.id(), true)
                    .compose(before -> checkNeed(tx, h, m.needId()).map(before)))
        .compose(
            before ->
                cadres
                    .updateMeasure(tx, m.id(), m.target(), m.status(), m.needId(), now)
                    .compose(
                        v ->
                            audit.append(
                                tx,
                                user,
                                "plan_measure",
                                m.id(),
                                "update",
                                new JsonObject().put("status", before.orElseThrow().status()),
                                new JsonObject()
                                    .put("status", m.status())
                                    .put("needId", m.needId()))))
        .compose(v -> cadres.measure(tx, m.id(), false))
        .map(o -> o.orElseThrow());
  }

  /** A visit by the household's cadre (or the one named); not in the future. */
  public Future<Plan> visit(
      CurrentUser user,
      long householdId,
      Long cadreId,
      LocalDate on,
      String what,
      String photoUrl) {
    Instant now = clock.instant();
    if (on.isAfter(LocalDate.ofInstant(now, clock.getZone()))) {
      throw DomainException.invalid("visitedOn", "future_date", "must not be in the future");
    }
    Visit v = new Visit(householdId, cadreId, on, what, photoUrl);
    return cipher
        .get()
        .compose(ci -> pool.withTransaction(tx -> record(tx, ci, user, v, now)))
        .compose(x -> plan(user, householdId));
  }

  /** A visit as recorded: to which household, by which cadre (null: the one in charge), what. */
  private record Visit(
      long householdId, Long cadreId, LocalDate on, String what, String photoUrl) {}

  /**
   * Step of {@link #visit}, in its transaction: the household's lock, the visiting cadre, the visit
   * and its audit row.
   */
  private Future<Void> record(
      SqlConnection tx, PersonalDataCipher ci, CurrentUser user, Visit v, Instant now) {
    return household(tx, user, v.householdId())
        .compose(
            h ->
                (v.cadreId() == null
                        ? cadres.cadreOf(tx, ci, v.householdId())
                        : cadres.find(tx, ci, v.cadreId()))
                    .map(c -> visitor(c, h, v)))
        .compose(
            c ->
                cadres
                    .insertVisit(
                        tx, c.id(), v.householdId(), v.on(), v.what(), v.photoUrl(), user.id(), now)
                    .compose(
                        id ->
                            audit.append(
                                tx,
                                user,
                                "cadre_visit",
                                id,
                                "create",
                                null,
                                new JsonObject()
                                    .put("householdId", v.householdId())
                                    .put("cadreId", c.id())
                                    .put("visitedOn", v.on().toString()))));
  }

  /** The cadre in charge, or the one named, who must work for the household's village. */
  private static Cadre visitor(Optional<Cadre> c, HouseholdRepository.Locked h, Visit v) {
    if (c.isEmpty() || (v.cadreId() != null && !worksFor(c.get(), h))) {
      throw DomainException.invalid(
          "cadreId",
          v.cadreId() == null ? "required" : "unknown_cadre",
          v.cadreId() == null
              ? "is required: the household has no cadre in charge"
              : "is not a cadre who works for this village");
    }
    return c.get();
  }

  public Future<Page<CadreRepository.Uncovered>> uncovered(CurrentUser user, Paging paging) {
    return cadres.uncovered(pool, scope(user), paging);
  }

  public Future<List<Cadre>> overloaded(CurrentUser user, int limit) {
    return cipher.get().compose(ci -> cadres.overloaded(pool, ci, scope(user), limit));
  }

  public Future<List<CadreRepository.QuarterVisits>> visitsPerQuarter(CurrentUser user, int year) {
    return cadres.visitsPerQuarter(pool, scope(user), year);
  }

  /** Today by the application's clock. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), clock.getZone());
  }

  public int thisYear() {
    return LocalDate.ofInstant(clock.instant(), clock.getZone()).getYear();
  }
}
