package org.bangfu.registry;

import io.vertx.core.Future;
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
import org.bangfu.deadlines.DeadlineRepository;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** All SQL about status applications and the register's counts. */
public final class StatusApplicationRepository {
  /** What the deadlines of status applications are about (the deadline engine's subject type). */
  static final String APPLICATION_SUBJECT = "status_application";

  static final String COLUMNS =
      """
      SELECT a.id, a.household_id, h.head_name, a.village_id, v.name AS village_name, a.from_status, a.to_status,
             a.year, a.removed_reason, a.dibao, a.tekun, a.income_per_head, a.unmet, a.note, a.review_visit_id,
             a.state, a.reject_reason, a.submitted_at, a.reviewed_at, a.approved_at, a.published_at, a.notice_ends,
             (SELECT count(*) FROM notice_objections o WHERE o.notice_id = a.notice_id) AS objections,
             a.effective_at, a.notice_id, a.registration, """
          + DeadlineRepository.openDueAt(APPLICATION_SUBJECT, "a.id");
  static final String FROM =
      """
      FROM status_applications a JOIN households h ON h.id = a.household_id JOIN regions v ON v.id = a.village_id""";
  static final String BY_ID = COLUMNS + " " + FROM + " WHERE a.id = $1";
  static final String LOCK = BY_ID + " FOR UPDATE OF a";
  static final String INSERT =
      """
      INSERT INTO status_applications (household_id, village_id, from_status, to_status, year, removed_reason, dibao,
                                       tekun, income_per_head, unmet, note, review_visit_id, submitted_by, submitted_at,
                                       registration)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id""";
  static final String REVIEWED =
      """
      UPDATE status_applications SET state = 'reviewed', reviewed_by = $2, reviewed_at = $3 WHERE id = $1""";
  static final String APPROVED =
      """
      UPDATE status_applications SET state = 'in_notice', approved_by = $2, approved_at = $3,
             notice_id = $4, published_at = $5, notice_ends = $6
       WHERE id = $1""";

  /** The names a notice of a village gives as its place: county, township, village. */
  static final String PLACE =
      """
      SELECT v.name AS village, t.name AS township, c.name AS county
        FROM regions v LEFT JOIN regions t ON t.id = v.parent_id LEFT JOIN regions c ON c.id = t.parent_id
       WHERE v.id = $1""";

  static final String REJECTED =
      """
      UPDATE status_applications SET state = 'rejected', reject_reason = $2,
             reviewed_by = CASE WHEN state = 'submitted' THEN $3 ELSE reviewed_by END,
             reviewed_at = CASE WHEN state = 'submitted' THEN $4 ELSE reviewed_at END,
             approved_by = CASE WHEN state = 'reviewed' THEN $3 ELSE approved_by END,
             approved_at = CASE WHEN state = 'reviewed' THEN $4 ELSE approved_at END
       WHERE id = $1""";
  static final String EFFECTIVE =
      """
      UPDATE status_applications SET state = 'effective', effective_at = $2 WHERE id = $1""";
  static final String SUPPORT_FLAGS = "SELECT dibao, tekun FROM households WHERE id = $1";
  static final String OPEN_OF =
      """
      SELECT EXISTS (SELECT 1 FROM status_applications
                      WHERE household_id = $1 AND state IN ('submitted', 'reviewed', 'in_notice'))""";

  /** Households by status, per county (the first segment of the village code) — counts only. */
  static final String COUNTS_BY_COUNTY =
      """
      SELECT region_county(h.village_id) AS county, c.name AS county_name, h.status, count(*) AS n,
             count(*) FILTER (WHERE h.dibao) AS dibao, count(*) FILTER (WHERE h.tekun) AS tekun
        FROM households h LEFT JOIN regions c ON c.id = region_county(h.village_id)
       WHERE ($1::text IS NULL OR region_contains($1, h.village_id))
       GROUP BY 1, 2, 3 ORDER BY 1, 3""";

  /** Identifications, exits and returns per year, from the effective history — counts only. */
  static final String OVER_TIME =
      """
      SELECT s.year, s.to_status AS status, count(*) AS n
        FROM household_status_history s JOIN households h ON h.id = s.household_id
       WHERE s.step IN ('registered', 'effective') AND s.year IS NOT NULL
         AND ($1::text IS NULL OR region_contains($1, h.village_id))
       GROUP BY 1, 2 ORDER BY 1, 2""";

  public record CountyCount(
      String county, String countyName, String status, long households, long dibao, long tekun) {}

  public record YearCount(int year, String status, long households) {}

  public record NewApplication(
      long householdId,
      String villageId,
      String fromStatus,
      String toStatus,
      int year,
      String removedReason,
      boolean dibao,
      boolean tekun,
      long incomePerHead,
      List<String> unmet,
      String note,
      Long reviewVisitId,
      boolean registration) {}

  /** Where a village is, by name, for its notices. */
  public record Place(String county, String township, String village) {}

  public Future<Optional<StatusApplication>> find(SqlClient sql, long id) {
    return sql.preparedQuery(BY_ID).execute(Tuple.of(id)).map(StatusApplicationRepository::first);
  }

  public Future<Optional<StatusApplication>> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(id)).map(StatusApplicationRepository::first);
  }

  /** The support a household has now: 低保 (minimum living allowance) and 特困 (destitute). */
  public record Support(boolean dibao, boolean tekun) {}

  /** Whether the household has an application under way. */
  public Future<Boolean> openOf(SqlClient sql, long householdId) {
    return sql.preparedQuery(OPEN_OF)
        .execute(Tuple.of(householdId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<Support> support(SqlClient sql, long householdId) {
    return sql.preparedQuery(SUPPORT_FLAGS)
        .execute(Tuple.of(householdId))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Support(r.getBoolean("dibao"), r.getBoolean("tekun"));
            });
  }

  /** A page of applications in {@code region} (or one village), optionally in some states. */
  public Future<Page<StatusApplication>> list(
      SqlClient sql,
      String region,
      String village,
      Long householdId,
      List<String> states,
      Paging paging) {
    Listing list = new Listing();
    if (village != null) {
      list.where("a.village_id = $?", village);
    }
    if (region != null) {
      list.where("region_contains($?, a.village_id)", region);
    }
    if (householdId != null) {
      list.where("a.household_id = $?", householdId);
    }
    if (!states.isEmpty()) {
      list.where("a.state = ANY($?)", states.toArray(String[]::new));
    }
    return list.page(
        sql, COLUMNS, FROM, "a.submitted_at, a.id", paging, StatusApplicationRepository::map);
  }

  public Future<Long> insert(SqlClient sql, NewApplication a, Long actorId, Instant now) {
    return sql.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  a.householdId(),
                  a.villageId(),
                  a.fromStatus(),
                  a.toStatus(),
                  (short) a.year(),
                  a.removedReason(),
                  a.dibao(),
                  a.tekun(),
                  a.incomePerHead(),
                  a.unmet().toArray(String[]::new),
                  a.note(),
                  a.reviewVisitId(),
                  actorId,
                  at(now),
                  a.registration()
                }))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> reviewed(SqlClient sql, long id, long by, Instant now) {
    return sql.preparedQuery(REVIEWED).execute(Tuple.of(id, by, at(now))).mapEmpty();
  }

  /**
   * In notice: approved at {@code now}, published as notice {@code noticeId} until {@code ends}.
   */
  public Future<Void> approved(
      SqlClient sql,
      long id,
      long by,
      Instant now,
      long noticeId,
      Instant published,
      Instant ends) {
    return sql.preparedQuery(APPROVED)
        .execute(Tuple.of(id, by, at(now), noticeId, at(published), at(ends)))
        .mapEmpty();
  }

  public Future<Place> noticePlace(SqlClient sql, String villageId) {
    return sql.preparedQuery(PLACE)
        .execute(Tuple.of(villageId))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Place(
                  r.getString("county"), r.getString("township"), r.getString("village"));
            });
  }

  public Future<Void> rejected(SqlClient sql, long id, String reason, long by, Instant now) {
    return sql.preparedQuery(REJECTED).execute(Tuple.of(id, reason, by, at(now))).mapEmpty();
  }

  public Future<Void> effective(SqlClient sql, long id, Instant now) {
    return sql.preparedQuery(EFFECTIVE).execute(Tuple.of(id, at(now))).mapEmpty();
  }

  public Future<List<CountyCount>> countsByCounty(SqlClient sql, String region) {
    return sql.preparedQuery(COUNTS_BY_COUNTY)
        .execute(Tuple.of(region))
        .map(
            rows -> {
              List<CountyCount> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new CountyCount(
                              r.getString("county"),
                              r.getString("county_name"),
                              r.getString("status"),
                              r.getLong("n"),
                              r.getLong("dibao"),
                              r.getLong("tekun"))));
              return out;
            });
  }

  public Future<List<YearCount>> overTime(SqlClient sql, String region) {
    return sql.preparedQuery(OVER_TIME)
        .execute(Tuple.of(region))
        .map(
            rows -> {
              List<YearCount> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new YearCount(
                              r.getInteger("year"), r.getString("status"), r.getLong("n"))));
              return out;
            });
  }

  private static Optional<StatusApplication> first(io.vertx.sqlclient.RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
  }

  static StatusApplication map(Row r) {
    return new StatusApplication(
        r.getLong("id"),
        r.getLong("household_id"),
        r.getString("head_name"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("from_status"),
        r.getString("to_status"),
        r.getInteger("year"),
        r.getString("removed_reason"),
        r.getBoolean("dibao"),
        r.getBoolean("tekun"),
        r.getLong("income_per_head"),
        Arrays.asList(r.getArrayOfStrings("unmet")),
        r.getString("note"),
        r.getLong("review_visit_id"),
        StatusApplication.State.of(r.getString("state")),
        r.getString("reject_reason"),
        r.getOffsetDateTime("submitted_at"),
        r.getOffsetDateTime("reviewed_at"),
        r.getOffsetDateTime("approved_at"),
        r.getOffsetDateTime("published_at"),
        r.getOffsetDateTime("notice_ends"),
        r.getLong("objections").intValue(),
        r.getOffsetDateTime("effective_at"),
        r.getLong("notice_id"),
        r.getBoolean("registration"),
        r.getOffsetDateTime("due_at"));
  }

  static OffsetDateTime at(Instant now) {
    return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }
}
