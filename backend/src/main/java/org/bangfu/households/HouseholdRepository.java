package org.bangfu.households;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.privacy.Masking;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * All SQL about registered households and their status history. Personal data goes in sealed and
 * comes out masked: rows are mapped once, with the cipher, into {@link Household}.
 */
public final class HouseholdRepository {
  static final String COLUMNS =
      """
      SELECT h.id, h.village_id, v.name AS village_name, h.head_name, h.id_number_enc, h.phone_enc, h.address_enc,
             h.status, h.members, h.labour_capacity, h.gaps, h.linked_cadre, h.identified_year, h.exited_year,
             h.dibao, h.tekun, h.removed_reason, h.created_at, h.updated_at""";
  static final String FROM = "FROM households h JOIN regions v ON v.id = h.village_id";
  static final String BY_ID = COLUMNS + " " + FROM + " WHERE h.id = $1";
  static final String LOCK =
      "SELECT id, village_id, status, gaps, identified_year, exited_year FROM households WHERE id = $1 FOR UPDATE";
  static final String VILLAGE_EXISTS = "SELECT 1 FROM regions WHERE id = $1 AND level = 'village'";
  static final String INSERT =
      """
      INSERT INTO households (village_id, head_name, id_number_enc, id_number_digest, phone_enc, address_enc,
                              status, members, labour_capacity, gaps, linked_cadre, identified_year, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id""";

  /** A partial update: a null parameter keeps the column as it is. */
  static final String UPDATE =
      """
      UPDATE households SET head_name = coalesce($2, head_name),
             id_number_enc = coalesce($3, id_number_enc), id_number_digest = coalesce($4, id_number_digest),
             phone_enc = coalesce($5, phone_enc), address_enc = coalesce($6, address_enc),
             members = coalesce($7, members), labour_capacity = coalesce($8, labour_capacity),
             gaps = coalesce($9, gaps), linked_cadre = coalesce($10, linked_cadre), updated_at = $11
       WHERE id = $1""";

  /**
   * A status that took effect, with what goes with it (the year, the support flags, the reason).
   */
  static final String APPLY_STATUS =
      """
      UPDATE households SET status = $2,
             identified_year = CASE WHEN $2 IN ('in_poverty', 'new') THEN $3 ELSE identified_year END,
             exited_year = CASE WHEN $2 = 'exited' THEN $3 ELSE exited_year END,
             dibao = $4, tekun = $5, removed_reason = $6, updated_at = $7
       WHERE id = $1""";

  static final String APPEND_HISTORY =
      """
      INSERT INTO household_status_history (household_id, application_id, step, from_status, to_status, year,
                                            actor_id, note, at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  static final String APPEND_CASE_STEP =
      """
      INSERT INTO household_status_history (household_id, case_id, step, from_status, to_status, year, actor_id,
                                            note, at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  static final String HISTORY =
      """
      SELECT h.id, h.application_id, h.step, h.from_status, h.to_status, h.year, h.actor_id,
             u.display_name AS actor_name, h.note, h.at
        FROM household_status_history h LEFT JOIN users u ON u.id = h.actor_id
       WHERE h.household_id = $1 ORDER BY h.at, h.id""";

  /** The state of a household that rules about it need, read under its row lock. */
  public record Locked(
      long id,
      String villageId,
      HouseholdStatus status,
      List<String> gaps,
      Integer identifiedYear,
      Integer exitedYear) {}

  /** What a new household is registered with (personal data still clear here; sealed on insert). */
  public record NewHousehold(
      String villageId,
      String headName,
      String idNumber,
      String phone,
      String address,
      HouseholdStatus status,
      int members,
      int labourCapacity,
      List<String> gaps,
      String linkedCadre,
      Integer identifiedYear) {}

  /** A partial change: null fields are kept. */
  public record Change(
      String headName,
      String idNumber,
      String phone,
      String address,
      Integer members,
      Integer labourCapacity,
      List<String> gaps,
      String linkedCadre) {
    public boolean empty() {
      return headName == null
          && idNumber == null
          && phone == null
          && address == null
          && members == null
          && labourCapacity == null
          && gaps == null
          && linkedCadre == null;
    }
  }

  /**
   * One step of a household's history (its timeline), with the name of the official who took it
   * (null for a step the notice job took when the window ended).
   */
  public record HistoryEntry(
      long id,
      Long applicationId,
      String step,
      String fromStatus,
      String toStatus,
      Integer year,
      Long actorId,
      String actorName,
      String note,
      OffsetDateTime at) {}

  public Future<Optional<Household>> find(SqlClient sql, PersonalDataCipher cipher, long id) {
    return sql.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              var it = rows.iterator();
              return it.hasNext() ? Optional.of(map(it.next(), cipher)) : Optional.empty();
            });
  }

  public Future<Optional<Locked>> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              var it = rows.iterator();
              if (!it.hasNext()) {
                return Optional.empty();
              }
              Row r = it.next();
              return Optional.of(
                  new Locked(
                      r.getLong("id"),
                      r.getString("village_id"),
                      HouseholdStatus.of(r.getString("status")),
                      Arrays.asList(r.getArrayOfStrings("gaps")),
                      r.getInteger("identified_year"),
                      r.getInteger("exited_year")));
            });
  }

  public Future<Boolean> villageExists(SqlClient sql, String villageId) {
    return sql.preparedQuery(VILLAGE_EXISTS)
        .execute(Tuple.of(villageId))
        .map(rows -> rows.size() > 0);
  }

  /**
   * A page of households; {@code village} or {@code region} narrow it, {@code q} searches the
   * head's name.
   */
  public Future<Page<Household>> list(
      SqlClient sql,
      PersonalDataCipher cipher,
      String village,
      String region,
      HouseholdStatus status,
      String q,
      Paging paging) {
    Listing list = new Listing();
    if (village != null) {
      list.where("h.village_id = $?", village);
    } else if (region != null) {
      list.where("region_contains($?, h.village_id)", region);
    }
    if (status != null) {
      list.where("h.status = $?", status.wire());
    }
    if (q != null) {
      list.where("h.head_name LIKE $?", Listing.contains(q));
    }
    return list.page(sql, COLUMNS, FROM, "h.id", paging, r -> map(r, cipher));
  }

  public Future<Long> insert(
      SqlClient sql, PersonalDataCipher cipher, NewHousehold h, Instant now) {
    return sql.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  h.villageId(),
                  h.headName(),
                  seal(cipher, "idNumber", h.idNumber()),
                  Buffer.buffer(cipher.digest("household.idNumber", h.idNumber())),
                  seal(cipher, "phone", h.phone()),
                  seal(cipher, "address", h.address()),
                  h.status().wire(),
                  h.members(),
                  h.labourCapacity(),
                  h.gaps().toArray(String[]::new),
                  h.linkedCadre(),
                  h.identifiedYear(),
                  at(now)
                }))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> update(
      SqlClient sql, PersonalDataCipher cipher, long id, Change c, Instant now) {
    return sql.preparedQuery(UPDATE)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  c.headName(),
                  seal(cipher, "idNumber", c.idNumber()),
                  c.idNumber() == null
                      ? null
                      : Buffer.buffer(cipher.digest("household.idNumber", c.idNumber())),
                  seal(cipher, "phone", c.phone()),
                  seal(cipher, "address", c.address()),
                  c.members(),
                  c.labourCapacity(),
                  c.gaps() == null ? null : c.gaps().toArray(String[]::new),
                  c.linkedCadre(),
                  at(now)
                }))
        .mapEmpty();
  }

  public Future<Void> applyStatus(
      SqlClient sql,
      long id,
      HouseholdStatus status,
      int year,
      boolean dibao,
      boolean tekun,
      String removedReason,
      Instant now) {
    return sql.preparedQuery(APPLY_STATUS)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  status.wire(),
                  (short) year,
                  dibao,
                  tekun,
                  status == HouseholdStatus.REMOVED ? removedReason : null,
                  at(now)
                }))
        .mapEmpty();
  }

  public Future<Void> appendHistory(
      SqlClient sql,
      long householdId,
      Long applicationId,
      String step,
      String from,
      String to,
      Integer year,
      Long actorId,
      String note,
      Instant at) {
    return sql.preparedQuery(APPEND_HISTORY)
        .execute(
            Tuple.from(
                new Object[] {
                  householdId,
                  applicationId,
                  step,
                  from,
                  to,
                  year == null ? null : year.shortValue(),
                  actorId,
                  note == null ? "" : note,
                  at(at)
                }))
        .mapEmpty();
  }

  /** A step of a monitoring case in the household's history (no application: the case's own). */
  public Future<Void> appendCaseStep(
      SqlClient sql,
      long householdId,
      long caseId,
      String step,
      String from,
      String to,
      int year,
      Long actorId,
      String note,
      Instant at) {
    return sql.preparedQuery(APPEND_CASE_STEP)
        .execute(
            Tuple.from(
                new Object[] {
                  householdId,
                  caseId,
                  step,
                  from,
                  to,
                  (short) year,
                  actorId,
                  note == null ? "" : note,
                  at(at)
                }))
        .mapEmpty();
  }

  public Future<List<HistoryEntry>> history(SqlClient sql, long householdId) {
    return sql.preparedQuery(HISTORY)
        .execute(Tuple.of(householdId))
        .map(
            rows -> {
              List<HistoryEntry> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new HistoryEntry(
                              r.getLong("id"),
                              r.getLong("application_id"),
                              r.getString("step"),
                              r.getString("from_status"),
                              r.getString("to_status"),
                              r.getInteger("year"),
                              r.getLong("actor_id"),
                              r.getString("actor_name"),
                              r.getString("note"),
                              r.getOffsetDateTime("at"))));
              return out;
            });
  }

  static OffsetDateTime at(Instant now) {
    return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }

  private static Buffer seal(PersonalDataCipher cipher, String field, String clear) {
    return clear == null ? null : Buffer.buffer(cipher.encrypt("household." + field, clear));
  }

  private static String open(PersonalDataCipher cipher, String field, Buffer sealed) {
    return sealed == null ? null : cipher.decrypt("household." + field, sealed.getBytes());
  }

  static Household map(Row r, PersonalDataCipher cipher) {
    String villageName = r.getString("village_name");
    return new Household(
        r.getLong("id"),
        r.getString("village_id"),
        villageName,
        r.getString("head_name"),
        Masking.idNumber(open(cipher, "idNumber", r.getBuffer("id_number_enc"))),
        Masking.phone(open(cipher, "phone", r.getBuffer("phone_enc"))),
        Masking.address(open(cipher, "address", r.getBuffer("address_enc")), villageName),
        HouseholdStatus.of(r.getString("status")),
        r.getInteger("members"),
        r.getInteger("labour_capacity"),
        Arrays.asList(r.getArrayOfStrings("gaps")),
        r.getString("linked_cadre"),
        r.getInteger("identified_year"),
        r.getInteger("exited_year"),
        r.getBoolean("dibao"),
        r.getBoolean("tekun"),
        r.getString("removed_reason"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("updated_at"));
  }
}
