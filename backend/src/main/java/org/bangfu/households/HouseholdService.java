package org.bangfu.households;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Registering and keeping a household's facts (members, labour, 两不愁三保障 gaps, contact). Its status
 * is not changed here: that goes through a status application (registry). Every write is one
 * transaction with its audit row, which names what changed and never the personal data itself.
 */
public final class HouseholdService {
  private final Pool pool;
  private final Clock clock;
  private final LazyCipher cipher;
  private final HouseholdRepository households;

  private final AuditLog audit;

  public HouseholdService(
      Pool pool, Clock clock, HouseholdRepository households, LazyCipher cipher, AuditLog audit) {
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.households = households;
    this.cipher = cipher;
  }

  public Future<Page<Household>> list(
      String village, String region, HouseholdStatus status, String q, Paging paging) {
    return cipher.get().compose(c -> households.list(pool, c, village, region, status, q, paging));
  }

  /**
   * One household, if this user may see its village (else not found: its existence is not told).
   */
  public Future<Household> get(CurrentUser user, long id) {
    return cipher
        .get()
        .compose(c -> households.find(pool, c, id))
        .map(
            h ->
                h.filter(x -> Access.canSeeVillage(user, x.villageId()))
                    .orElseThrow(() -> DomainException.notFound("household " + id)));
  }

  public Future<List<HouseholdRepository.HistoryEntry>> history(CurrentUser user, long id) {
    return get(user, id).compose(h -> households.history(pool, id));
  }

  public Future<Household> create(CurrentUser user, HouseholdRepository.NewHousehold h) {
    var now = clock.instant();
    return cipher.get().compose(c -> pool.withTransaction(tx -> register(tx, c, user, h, now)));
  }

  /**
   * Step of {@link #create}, in its transaction: the village known, the household, its first step
   * in the history, the audit row; answers the household.
   */
  private Future<Household> register(
      SqlConnection tx,
      PersonalDataCipher c,
      CurrentUser user,
      HouseholdRepository.NewHousehold h,
      Instant now) {
    return households
        .villageExists(tx, h.villageId())
        .compose(
            known ->
                known
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        DomainException.invalid(
                            "villageId", "unknown_village", "is not a known village")))
        .compose(v -> households.insert(tx, c, h, now))
        .recover(HouseholdService::duplicate)
        .compose(
            id ->
                households
                    .appendHistory(
                        tx,
                        id,
                        null,
                        "registered",
                        null,
                        h.status().wire(),
                        h.identifiedYear(),
                        user.id(),
                        "",
                        now)
                    .compose(
                        v ->
                            audit.append(
                                tx,
                                user,
                                "household",
                                id,
                                "create",
                                null,
                                new JsonObject()
                                    .put("villageId", h.villageId())
                                    .put("status", h.status().wire())))
                    .compose(v -> households.find(tx, c, id)))
        .map(o -> o.orElseThrow());
  }

  /**
   * Changes the facts named in {@code change}; {@code fields} (names only) go into the audit row.
   */
  public Future<Household> update(
      CurrentUser user, long id, HouseholdRepository.Change change, List<String> fields) {
    Edit edit = new Edit(id, change, fields, clock.instant());
    return cipher
        .get()
        .compose(
            c ->
                pool.withTransaction(
                    tx ->
                        households
                            .lock(tx, id)
                            .compose(locked -> change(tx, c, user, locked, edit))));
  }

  /** A change to a household: which, what, the names of the fields changed, when. */
  private record Edit(
      long id, HouseholdRepository.Change change, List<String> fields, Instant at) {}

  /** Step of {@link #update} on the locked household: the change and its audit row. */
  private Future<Household> change(
      SqlConnection tx,
      PersonalDataCipher c,
      CurrentUser user,
      Optional<HouseholdRepository.Locked> locked,
      Edit e) {
    long id = e.id();
    if (locked.isEmpty() || !Access.canSeeVillage(user, locked.get().villageId())) {
      return Future.failedFuture(DomainException.notFound("household " + id));
    }
    JsonObject changed = new JsonObject();
    e.fields().forEach(f -> changed.put("changed." + f, true));
    if (e.change().gaps() != null) {
      changed.put("gaps", new JsonArray(new ArrayList<>(e.change().gaps())));
    }
    JsonObject before =
        new JsonObject()
            .put("status", locked.get().status().wire())
            .put("gaps", new JsonArray(new ArrayList<>(locked.get().gaps())));
    return households
        .update(tx, c, id, e.change(), e.at())
        .recover(HouseholdService::duplicate)
        .compose(v -> audit.append(tx, user, "household", id, "update", before, changed))
        .compose(v -> households.find(tx, c, id))
        .map(o -> o.orElseThrow());
  }

  /**
   * An ID number already on the register answers a neutral conflict: it names neither the village
   * nor the county nor whether the person is registered there, so a secretary learns nothing about
   * other villages' households by trying numbers.
   */
  private static <T> Future<T> duplicate(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(
          DomainException.conflict(
              "household_id_number_in_use",
              "this ID number cannot be registered",
              Map.of(),
              new DomainException.FieldError("idNumber", "in_use", "is in use")));
    }
    return Future.failedFuture(e);
  }

  /** For features that read a household's masked record in their own transaction. */
  public Future<PersonalDataCipher> cipher() {
    return cipher.get();
  }
}
