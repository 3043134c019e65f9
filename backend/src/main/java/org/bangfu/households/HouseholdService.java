package org.bangfu.households;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
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
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Registering and keeping a household's facts (members, labour, contact) and its 两不愁三保障 (and
 * drinking-water) gaps, each a record opened with what was found and closed with evidence. Its
 * status is not changed here: that goes through a status application and its notice (registry).
 * Every write is one transaction with its audit row, which names what changed and never the
 * personal data itself.
 */
public final class HouseholdService {
  private final Pool pool;
  private final Clock clock;
  private final LazyCipher cipher;
  private final HouseholdRepository households;
  private final HouseholdGapRepository gaps;

  private final AuditLog audit;

  public HouseholdService(
      Pool pool,
      Clock clock,
      HouseholdRepository households,
      HouseholdGapRepository gaps,
      LazyCipher cipher,
      AuditLog audit) {
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.households = households;
    this.gaps = gaps;
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

  /**
   * Registers a household as an applicant (申请纳入) inside the caller's transaction: the village
   * known, the household with its sealed personal data, its first step in the history, the gaps it
   * was found with as records, the audit row; answers its id. Its status is then applied for (the
   * registry's registration), never written here.
   */
  public Future<Long> registerApplicant(
      SqlConnection tx, CurrentUser user, HouseholdRepository.NewHousehold h, Instant now) {
    if (h.status() != HouseholdStatus.APPLICANT) {
      throw new IllegalArgumentException("a household is registered as an applicant");
    }
    return cipher.get().compose(c -> register(tx, c, user, h, now));
  }

  /** A household as its village and reviewers see it, read in the caller's transaction. */
  public Future<Household> find(SqlClient sql, long id) {
    return cipher
        .get()
        .compose(c -> households.find(sql, c, id))
        .map(o -> o.orElseThrow(() -> DomainException.notFound("household " + id)));
  }

  /**
   * Step of {@link #registerApplicant}: the village known, the household, its first step in the
   * history, its gaps as records, the audit row.
   */
  private Future<Long> register(
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
                    .compose(v -> gaps.openAll(tx, id, h.gaps(), "登记时发现", user.id(), now))
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
                                    .put("status", h.status().wire())
                                    .put("gaps", new JsonArray(new ArrayList<>(h.gaps())))))
                    .map(id));
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

  // ---- gaps

  /** A household's gaps, open first; for those who may see the household. */
  public Future<List<HouseholdGap>> gaps(CurrentUser user, long householdId) {
    return get(user, householdId).compose(h -> gaps.ofHousehold(pool, householdId));
  }

  /**
   * Opens a gap found on the household (the village's secretary, its reviewers); one open record
   * per gap: a gap open already is refused naming {@code gap}.
   */
  public Future<HouseholdGap> openGap(
      CurrentUser user, long householdId, String gap, String found) {
    Instant now = clock.instant();
    return pool.withTransaction(
        tx ->
            lockOwn(tx, user, householdId)
                .compose(h -> gaps.openAll(tx, householdId, List.of(gap), found, user.id(), now))
                .compose(ids -> opened(tx, user, householdId, gap, ids)));
  }

  private Future<HouseholdGap> opened(
      SqlConnection tx, CurrentUser user, long householdId, String gap, List<Long> ids) {
    if (ids.isEmpty()) {
      throw DomainException.conflict(
          "gap_already_open",
          "the household's " + gap + " gap is open already",
          Map.of(),
          new DomainException.FieldError("gap", "gap_already_open", "is open already"));
    }
    return audit
        .append(
            tx,
            user,
            "household",
            householdId,
            "gap_open",
            null,
            new JsonObject().put("gap", gap).put("gapId", ids.get(0)))
        .compose(v -> gaps.find(tx, ids.get(0)))
        .map(Optional::orElseThrow);
  }

  /**
   * Closes an open gap with what was done and, where there is one, its evidence (a photo or a
   * scanned document); the household's lock first, then the gap's.
   */
  public Future<HouseholdGap> closeGap(
      CurrentUser user, long gapId, String note, FileContent file) {
    Instant now = clock.instant();
    return gaps.find(pool, gapId)
        .map(o -> o.orElseThrow(() -> DomainException.notFound("gap " + gapId)))
        .compose(
            seen ->
                pool.withTransaction(
                    tx ->
                        lockOwn(tx, user, seen.householdId())
                            .compose(h -> gaps.lock(tx, gapId))
                            .compose(
                                g -> closeLocked(tx, user, g.orElseThrow(), note, file, now))));
  }

  private Future<HouseholdGap> closeLocked(
      SqlConnection tx,
      CurrentUser user,
      HouseholdGap g,
      String note,
      FileContent file,
      Instant now) {
    if (!g.open()) {
      throw DomainException.conflict(
          "gap_closed", "the gap is closed already", DomainException.params("id", g.id()));
    }
    return gaps.close(tx, g.id(), note, file, user.id(), now)
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "household",
                    g.householdId(),
                    "gap_close",
                    new JsonObject().put("gap", g.gap()).put("gapId", g.id()),
                    new JsonObject()
                        .put("gap", g.gap())
                        .put("gapId", g.id())
                        .put("evidence", file == null ? null : file.contentType())))
        .compose(v -> gaps.find(tx, g.id()))
        .map(Optional::orElseThrow);
  }

  /** A closed gap's evidence, for those who may see its household. */
  public Future<FileContent> gapEvidence(CurrentUser user, long gapId) {
    return gaps.find(pool, gapId)
        .map(o -> o.orElseThrow(() -> DomainException.notFound("gap " + gapId)))
        .compose(g -> get(user, g.householdId()))
        .compose(h -> gaps.evidence(pool, gapId))
        .map(o -> o.orElseThrow(() -> DomainException.notFound("evidence of gap " + gapId)));
  }

  /**
   * Locks the household for a change by someone who may act for its village (its secretary, a
   * reviewer over it, an admin); otherwise not found.
   */
  private Future<HouseholdRepository.Locked> lockOwn(
      SqlConnection tx, CurrentUser user, long householdId) {
    return households
        .lock(tx, householdId)
        .map(
            o ->
                o.filter(h -> Access.canActForVillage(user, h.villageId()))
                    .orElseThrow(() -> DomainException.notFound("household " + householdId)));
  }

  /** For features that read a household's masked record in their own transaction. */
  public Future<PersonalDataCipher> cipher() {
    return cipher.get();
  }
}
