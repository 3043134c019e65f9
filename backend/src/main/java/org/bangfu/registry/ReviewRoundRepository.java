package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/** All SQL about 回头看 rounds, their households and visits. */
public final class ReviewRoundRepository {
  static final String ROUND_COLUMNS =
      """
      SELECT r.id, r.county_id, c.name AS county_name, r.year, r.income_line, r.opened_at,
             (SELECT count(*) FROM review_round_households x WHERE x.round_id = r.id) AS households,
             (SELECT count(*) FROM review_visits v WHERE v.round_id = r.id) AS visited,
             (SELECT count(*) FROM review_visits v WHERE v.round_id = r.id AND NOT v.passed) AS failed""";
  static final String ROUND_FROM = "FROM review_rounds r JOIN regions c ON c.id = r.county_id";
  static final String ROUND_BY_ID = ROUND_COLUMNS + " " + ROUND_FROM + " WHERE r.id = $1";
  static final String COUNTY_EXISTS = "SELECT 1 FROM regions WHERE id = $1 AND level = 'county'";
  static final String INSERT_ROUND =
      """
      INSERT INTO review_rounds (county_id, year, income_line, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5)
      RETURNING id""";

  /** The round's list: every household of the county exited at the opening. */
  static final String SNAPSHOT =
      """
      INSERT INTO review_round_households (round_id, household_id, village_id)
      SELECT $1, h.id, h.village_id FROM households h
       WHERE h.status = 'exited' AND region_contains($2, h.village_id)""";

  static final String IN_ROUND =
      "SELECT village_id FROM review_round_households WHERE round_id = $1 AND household_id = $2";
  static final String INSERT_VISIT =
      """
      INSERT INTO review_visits (round_id, household_id, visited_on, income_per_head, unmet, passed, application_id,
                                 note, recorded_by, recorded_at, photo_type, photo)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id""";
  static final String PHOTO =
      """
      SELECT v.photo_type, v.photo, x.village_id FROM review_visits v
        JOIN review_round_households x ON x.round_id = v.round_id AND x.household_id = v.household_id
       WHERE v.id = $1 AND v.photo IS NOT NULL""";
  static final String LINK_APPLICATION =
      "UPDATE status_applications SET review_visit_id = $2 WHERE id = $1";
  static final String HOUSEHOLD_COLUMNS =
      """
      SELECT x.household_id, h.head_name, x.village_id, vr.name AS village_name, h.status, v.id AS visit_id,
             v.visited_on, v.income_per_head, v.unmet, v.passed, v.application_id, v.note,
             v.photo IS NOT NULL AS has_photo""";
  static final String HOUSEHOLD_FROM =
      """
      FROM review_round_households x JOIN households h ON h.id = x.household_id JOIN regions vr ON vr.id = x.village_id
      LEFT JOIN review_visits v ON v.round_id = x.round_id AND v.household_id = x.household_id""";
  static final String ONE_HOUSEHOLD =
      HOUSEHOLD_COLUMNS + " " + HOUSEHOLD_FROM + " WHERE x.round_id = $1 AND x.household_id = $2";

  /** Per township and village: households, visited, passed, failed (counts only). */
  static final String PROGRESS =
      """
      SELECT x.village_id, vr.name AS village_name, region_township(x.village_id) AS township, t.name AS township_name,
             count(*) AS households, count(v.id) AS visited, count(v.id) FILTER (WHERE v.passed) AS passed,
             count(v.id) FILTER (WHERE NOT v.passed) AS failed
        FROM review_round_households x JOIN regions vr ON vr.id = x.village_id
        LEFT JOIN regions t ON t.id = region_township(x.village_id)
        LEFT JOIN review_visits v ON v.round_id = x.round_id AND v.household_id = x.household_id
       WHERE x.round_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 3, 1""";

  public record RoundHousehold(
      long householdId,
      String headName,
      String villageId,
      String villageName,
      String status,
      Long visitId,
      LocalDate visitedOn,
      Long incomePerHead,
      List<String> unmet,
      Boolean passed,
      Long applicationId,
      String note,
      boolean hasPhoto) {}

  /** A visit's photo, with the village it was taken in (who may see it). */
  public record Photo(String villageId, FileContent file) {}

  public record VillageProgress(
      String villageId,
      String villageName,
      String township,
      String townshipName,
      long households,
      long visited,
      long passed,
      long failed) {}

  public Future<Optional<ReviewRound>> find(SqlClient sql, long id) {
    return sql.preparedQuery(ROUND_BY_ID)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              var it = rows.iterator();
              return it.hasNext() ? Optional.of(round(it.next())) : Optional.empty();
            });
  }

  /** Rounds whose county is inside {@code region} or contains it (null: all). */
  public Future<Page<ReviewRound>> list(SqlClient sql, String region, Paging paging) {
    Listing list = new Listing();
    if (region != null) {
      String p = list.next(region);
      list.where(
          "(region_contains(" + p + ", r.county_id) OR region_contains(r.county_id, " + p + "))");
    }
    return list.page(
        sql,
        ROUND_COLUMNS,
        ROUND_FROM,
        "r.year DESC, r.id DESC",
        paging,
        ReviewRoundRepository::round);
  }

  public Future<Boolean> countyExists(SqlClient sql, String county) {
    return sql.preparedQuery(COUNTY_EXISTS).execute(Tuple.of(county)).map(rows -> rows.size() > 0);
  }

  public Future<Long> open(
      SqlClient sql, String county, int year, long incomeLine, Long by, Instant now) {
    return sql.preparedQuery(INSERT_ROUND)
        .execute(Tuple.of(county, (short) year, incomeLine, by, at(now)))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> sql.preparedQuery(SNAPSHOT).execute(Tuple.of(id, county)).map(id));
  }

  public Future<Optional<String>> villageInRound(SqlClient sql, long round, long household) {
    return sql.preparedQuery(IN_ROUND)
        .execute(Tuple.of(round, household))
        .map(
            rows -> {
              var it = rows.iterator();
              return it.hasNext() ? Optional.of(it.next().getString(0)) : Optional.empty();
            });
  }

  public Future<Long> insertVisit(
      SqlClient sql,
      long round,
      long household,
      LocalDate on,
      long income,
      List<String> unmet,
      boolean passed,
      Long applicationId,
      String note,
      Long by,
      Instant now,
      FileContent photo) {
    return sql.preparedQuery(INSERT_VISIT)
        .execute(
            Tuple.from(
                new Object[] {
                  round,
                  household,
                  on,
                  income,
                  unmet.toArray(String[]::new),
                  passed,
                  applicationId,
                  note == null ? "" : note,
                  by,
                  at(now),
                  photo == null ? null : photo.contentType(),
                  photo == null ? null : Buffer.buffer(photo.data())
                }))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(
            id ->
                applicationId == null
                    ? Future.succeededFuture(id)
                    : sql.preparedQuery(LINK_APPLICATION)
                        .execute(Tuple.of(applicationId, id))
                        .map(id));
  }

  public Future<Page<RoundHousehold>> households(
      SqlClient sql, long round, String village, String region, Paging paging) {
    Listing list = new Listing().where("x.round_id = $?", round);
    if (village != null) {
      list.where("x.village_id = $?", village);
    } else if (region != null) {
      list.where("region_contains($?, x.village_id)", region);
    }
    return list.page(
        sql,
        HOUSEHOLD_COLUMNS,
        HOUSEHOLD_FROM,
        "x.village_id, x.household_id",
        paging,
        ReviewRoundRepository::roundHousehold);
  }

  public Future<RoundHousehold> household(SqlClient sql, long round, long household) {
    return sql.preparedQuery(ONE_HOUSEHOLD)
        .execute(Tuple.of(round, household))
        .map(rows -> roundHousehold(rows.iterator().next()));
  }

  static RoundHousehold roundHousehold(Row r) {
    return new RoundHousehold(
        r.getLong("household_id"),
        r.getString("head_name"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("status"),
        r.getLong("visit_id"),
        r.getLocalDate("visited_on"),
        r.getLong("income_per_head"),
        r.getArrayOfStrings("unmet") == null
            ? List.of()
            : Arrays.asList(r.getArrayOfStrings("unmet")),
        r.getBoolean("passed"),
        r.getLong("application_id"),
        r.getString("note"),
        Boolean.TRUE.equals(r.getBoolean("has_photo")));
  }

  public Future<Optional<Photo>> photo(SqlClient sql, long visitId) {
    return sql.preparedQuery(PHOTO)
        .execute(Tuple.of(visitId))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new Photo(
                            r.getString("village_id"),
                            new FileContent(
                                "visit-" + visitId,
                                r.getString("photo_type"),
                                r.getBuffer("photo").getBytes()))));
  }

  public Future<List<VillageProgress>> progress(SqlClient sql, long round) {
    return sql.preparedQuery(PROGRESS)
        .execute(Tuple.of(round))
        .map(
            rows -> {
              List<VillageProgress> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new VillageProgress(
                              r.getString("village_id"),
                              r.getString("village_name"),
                              r.getString("township"),
                              r.getString("township_name"),
                              r.getLong("households"),
                              r.getLong("visited"),
                              r.getLong("passed"),
                              r.getLong("failed"))));
              return out;
            });
  }

  static ReviewRound round(Row r) {
    return new ReviewRound(
        r.getLong("id"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getInteger("year"),
        r.getLong("income_line"),
        r.getOffsetDateTime("opened_at"),
        r.getLong("households"),
        r.getLong("visited"),
        r.getLong("failed"));
  }

  static OffsetDateTime at(Instant now) {
    return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }
}
