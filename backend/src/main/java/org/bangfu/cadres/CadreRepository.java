package org.bangfu.cadres;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.privacy.Masking;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/** All SQL about cadres, their households, plans and visits, and the reports on them. */
public final class CadreRepository {
  static final String CADRE_COLUMNS =
      """
      SELECT c.id, c.name, c.unit, c.level, c.region_id, c.phone_enc, c.first_secretary_of, c.dispatched_by,
             (SELECT count(*) FROM household_cadres hc WHERE hc.cadre_id = c.id) AS households,
             c.unit_id, u.name AS unit_name, c.appointed_on, c.ended_on, fv.name AS village_name""";
  static final String CADRE_FROM =
      """
      FROM cadres c LEFT JOIN help_units u ON u.id = c.unit_id
      LEFT JOIN regions fv ON fv.id = c.first_secretary_of""";
  static final String CADRE_BY_ID = CADRE_COLUMNS + " " + CADRE_FROM + " WHERE c.id = $1";
  static final String INSERT_CADRE =
      """
      INSERT INTO cadres (name, unit, level, region_id, phone_enc, first_secretary_of, dispatched_by, created_by, created_at,
                          unit_id, appointed_on)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""";

  /** The 第一书记 serving a village now, with the unit that sent them (public). */
  static final String FIRST_SECRETARY_OF =
      CADRE_COLUMNS
          + " "
          + CADRE_FROM
          + " WHERE c.first_secretary_of = $1 AND c.ended_on IS NULL ORDER BY c.id DESC LIMIT 1";

  static final String END_TERM =
      "UPDATE cadres SET ended_on = $2 WHERE id = $1 AND ended_on IS NULL AND $2 >= coalesce(appointed_on, $2)";
  static final String LOCK_CADRE = "SELECT id FROM cadres WHERE id = $1 FOR UPDATE";

  static final String UNIT_COLUMNS =
      """
      SELECT u.id, u.name, u.level, u.region_id, r.name AS region_name,
             (SELECT count(*) FROM cadres c WHERE c.unit_id = u.id AND c.ended_on IS NULL) AS serving,
             (SELECT count(*) FROM cadres c WHERE c.unit_id = u.id AND c.ended_on IS NULL
                 AND c.first_secretary_of IS NOT NULL) AS first_secretaries""";
  static final String UNIT_FROM = "FROM help_units u JOIN regions r ON r.id = u.region_id";
  static final String UNIT_BY_ID = UNIT_COLUMNS + " " + UNIT_FROM + " WHERE u.id = $1";
  static final String INSERT_UNIT =
      """
      INSERT INTO help_units (name, level, region_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
      RETURNING id""";
  static final String REGION_LEVEL = "SELECT level FROM regions WHERE id = $1";
  static final String ASSIGN =
      """
      INSERT INTO household_cadres (household_id, cadre_id, assigned_by, assigned_at) VALUES ($1, $2, $3, $4)""";
  static final String CADRE_OF =
      CADRE_COLUMNS
          + " "
          + CADRE_FROM
          + " JOIN household_cadres x ON x.cadre_id = c.id WHERE x.household_id = $1";
  static final String MEASURE_COLUMNS =
      "SELECT id, household_id, kind, target, status, need_id, created_at, updated_at FROM plan_measures";
  static final String MEASURES = MEASURE_COLUMNS + " WHERE household_id = $1 ORDER BY id";
  static final String MEASURE_BY_ID = MEASURE_COLUMNS + " WHERE id = $1";
  static final String MEASURE_LOCK = MEASURE_BY_ID + " FOR UPDATE";
  static final String INSERT_MEASURE =
      """
      INSERT INTO plan_measures (household_id, kind, target, status, need_id, created_by, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id""";
  static final String UPDATE_MEASURE =
      """
      UPDATE plan_measures SET target = coalesce($2, target), status = coalesce($3, status),
             need_id = coalesce($4, need_id), updated_at = $5 WHERE id = $1""";

  /** The village and household of a marketplace need (to link a measure to it). */
  static final String NEED_PLACE = "SELECT village_id, household_id FROM needs WHERE id = $1";

  static final String INSERT_VISIT =
      """
      INSERT INTO cadre_visits (cadre_id, household_id, visited_on, what, photo_url, recorded_by, recorded_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";
  static final String VISITS =
      """
      SELECT v.id, v.cadre_id, c.name AS cadre_name, v.household_id, v.visited_on, v.what, v.photo_url
        FROM cadre_visits v JOIN cadres c ON c.id = v.cadre_id WHERE v.household_id = $1 ORDER BY v.visited_on DESC, v.id DESC""";

  /** Households (not removed) without a cadre or without a plan measure, in a region. */
  static final String UNCOVERED_COLUMNS =
      """
      SELECT h.id, h.head_name, h.village_id, r.name AS village_name, h.status,
             EXISTS (SELECT 1 FROM household_cadres x WHERE x.household_id = h.id) AS has_cadre,
             EXISTS (SELECT 1 FROM plan_measures m WHERE m.household_id = h.id) AS has_plan""";

  static final String UNCOVERED_FROM = "FROM households h JOIN regions r ON r.id = h.village_id";
  static final String OVERLOADED =
      CADRE_COLUMNS
          + " "
          + CADRE_FROM
          + " "
          + """
       WHERE ($1::text IS NULL OR region_contains($1, c.region_id) OR region_contains(c.region_id, $1))
         AND (SELECT count(*) FROM household_cadres hc WHERE hc.cadre_id = c.id) > $2
       ORDER BY households DESC, c.id LIMIT 200""";
  static final String VISITS_PER_QUARTER =
      """
      SELECT c.id, c.name, extract(quarter FROM v.visited_on)::int AS quarter, count(*) AS visits
        FROM cadre_visits v JOIN cadres c ON c.id = v.cadre_id
       WHERE extract(year FROM v.visited_on) = $1
         AND ($2::text IS NULL OR region_contains($2, c.region_id) OR region_contains(c.region_id, $2))
       GROUP BY c.id, c.name, 3 ORDER BY c.name, c.id, 3""";

  public record NewCadre(
      String name,
      String unit,
      String level,
      String regionId,
      String phone,
      String firstSecretaryOf,
      String dispatchedBy,
      Long unitId,
      LocalDate appointedOn) {}

  /** A sending unit to add. */
  public record NewUnit(String name, String level, String regionId) {}

  public record Uncovered(
      long householdId,
      String headName,
      String villageId,
      String villageName,
      String status,
      boolean hasCadre,
      boolean hasPlan) {}

  public record QuarterVisits(long cadreId, String cadreName, int quarter, long visits) {}

  public Future<Optional<Cadre>> find(SqlClient sql, PersonalDataCipher cipher, long id) {
    return sql.preparedQuery(CADRE_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, r -> cadre(r, cipher)));
  }

  public Future<Optional<Cadre>> cadreOf(
      SqlClient sql, PersonalDataCipher cipher, long householdId) {
    return sql.preparedQuery(CADRE_OF)
        .execute(Tuple.of(householdId))
        .map(rows -> Rows.first(rows, r -> cadre(r, cipher)));
  }

  /** Cadres above or below {@code region} (null: all), optionally only 第一书记. */
  public Future<Page<Cadre>> list(
      SqlClient sql,
      PersonalDataCipher cipher,
      String region,
      boolean firstSecretaries,
      Paging paging) {
    Listing list = new Listing();
    if (region != null) {
      String p = list.next(region);
      list.where(
          "(region_contains(" + p + ", c.region_id) OR region_contains(c.region_id, " + p + "))");
    }
    if (firstSecretaries) {
      list.where("c.first_secretary_of IS NOT NULL AND c.ended_on IS NULL");
    }
    return list.page(sql, CADRE_COLUMNS, CADRE_FROM, "c.name, c.id", paging, r -> cadre(r, cipher));
  }

  public Future<Optional<String>> regionLevel(SqlClient sql, String regionId) {
    return sql.preparedQuery(REGION_LEVEL)
        .execute(Tuple.of(regionId))
        .map(rows -> Rows.first(rows, r -> r.getString(0)));
  }

  public Future<Long> insert(
      SqlClient sql, PersonalDataCipher cipher, NewCadre c, Long by, Instant now) {
    return sql.preparedQuery(INSERT_CADRE)
        .execute(
            Tuple.from(
                new Object[] {
                  c.name(),
                  c.unit(),
                  c.level(),
                  c.regionId(),
                  c.phone() == null
                      ? null
                      : Buffer.buffer(cipher.encrypt("cadre.phone", c.phone())),
                  c.firstSecretaryOf(),
                  c.dispatchedBy(),
                  by,
                  at(now),
                  c.unitId(),
                  c.appointedOn()
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<Cadre>> firstSecretaryOf(
      SqlClient sql, PersonalDataCipher cipher, String villageId) {
    return sql.preparedQuery(FIRST_SECRETARY_OF)
        .execute(Tuple.of(villageId))
        .map(rows -> Rows.first(rows, r -> cadre(r, cipher)));
  }

  public Future<Boolean> lock(SqlClient sql, long cadreId) {
    return sql.preparedQuery(LOCK_CADRE).execute(Tuple.of(cadreId)).map(rows -> rows.size() == 1);
  }

  /** Ends a serving cadre's term on {@code on}; true when it did. */
  public Future<Boolean> endTerm(SqlClient sql, long cadreId, LocalDate on) {
    return sql.preparedQuery(END_TERM)
        .execute(Tuple.of(cadreId, on))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Page<HelpUnit>> units(SqlClient sql, String region, String q, Paging paging) {
    Listing list = new Listing();
    if (region != null) {
      String p = list.next(region);
      list.where(
          "(region_contains(" + p + ", u.region_id) OR region_contains(u.region_id, " + p + "))");
    }
    if (q != null) {
      list.where("u.name LIKE $?", Listing.contains(q));
    }
    return list.page(
        sql, UNIT_COLUMNS, UNIT_FROM, "u.level, u.name, u.id", paging, CadreRepository::unit);
  }

  public Future<Optional<HelpUnit>> unit(SqlClient sql, long id) {
    return sql.preparedQuery(UNIT_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, CadreRepository::unit));
  }

  public Future<Long> insertUnit(SqlClient sql, NewUnit u, Long by, Instant now) {
    return sql.preparedQuery(INSERT_UNIT)
        .execute(Tuple.of(u.name(), u.level(), u.regionId(), by, at(now)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  static HelpUnit unit(Row r) {
    return new HelpUnit(
        r.getLong("id"),
        r.getString("name"),
        r.getString("level"),
        r.getString("region_id"),
        r.getString("region_name"),
        r.getLong("serving"),
        r.getLong("first_secretaries"));
  }

  public Future<Void> assign(SqlClient sql, long householdId, long cadreId, Long by, Instant now) {
    return sql.preparedQuery(ASSIGN)
        .execute(Tuple.of(householdId, cadreId, by, at(now)))
        .mapEmpty();
  }

  public Future<List<PlanMeasure>> measures(SqlClient sql, long householdId) {
    return sql.preparedQuery(MEASURES)
        .execute(Tuple.of(householdId))
        .map(rows -> Rows.all(rows, CadreRepository::measure));
  }

  public Future<Optional<PlanMeasure>> measure(SqlClient sql, long id, boolean lock) {
    return sql.preparedQuery(lock ? MEASURE_LOCK : MEASURE_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, CadreRepository::measure));
  }

  public Future<Long> insertMeasure(
      SqlClient sql,
      long householdId,
      String kind,
      String target,
      String status,
      Long needId,
      Long by,
      Instant now) {
    return sql.preparedQuery(INSERT_MEASURE)
        .execute(Tuple.from(new Object[] {householdId, kind, target, status, needId, by, at(now)}))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Void> updateMeasure(
      SqlClient sql, long id, String target, String status, Long needId, Instant now) {
    return sql.preparedQuery(UPDATE_MEASURE)
        .execute(Tuple.of(id, target, status, needId, at(now)))
        .mapEmpty();
  }

  /** Where a need is: its village and, when it is a household's, the household. */
  public record NeedPlace(String villageId, Long householdId) {}

  /** Where a need is, if it exists. */
  public Future<Optional<NeedPlace>> needPlace(SqlClient sql, long needId) {
    return sql.preparedQuery(NEED_PLACE)
        .execute(Tuple.of(needId))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r -> new NeedPlace(r.getString("village_id"), r.getLong("household_id"))));
  }

  public Future<Long> insertVisit(
      SqlClient sql,
      long cadreId,
      long householdId,
      LocalDate on,
      String what,
      String photoUrl,
      Long by,
      Instant now) {
    return sql.preparedQuery(INSERT_VISIT)
        .execute(Tuple.from(new Object[] {cadreId, householdId, on, what, photoUrl, by, at(now)}))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<CadreVisit>> visits(SqlClient sql, long householdId) {
    return sql.preparedQuery(VISITS)
        .execute(Tuple.of(householdId))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new CadreVisit(
                            r.getLong("id"),
                            r.getLong("cadre_id"),
                            r.getString("cadre_name"),
                            r.getLong("household_id"),
                            r.getLocalDate("visited_on"),
                            r.getString("what"),
                            r.getString("photo_url"))));
  }

  public Future<Page<Uncovered>> uncovered(SqlClient sql, String region, Paging paging) {
    Listing list =
        new Listing()
            .where("h.status <> 'removed'")
            .where(
                "(NOT EXISTS (SELECT 1 FROM household_cadres x WHERE x.household_id = h.id)"
                    + " OR NOT EXISTS (SELECT 1 FROM plan_measures m WHERE m.household_id = h.id))");
    if (region != null) {
      list.where("region_contains($?, h.village_id)", region);
    }
    return list.page(
        sql,
        UNCOVERED_COLUMNS,
        UNCOVERED_FROM,
        "h.village_id, h.id",
        paging,
        r ->
            new Uncovered(
                r.getLong("id"),
                r.getString("head_name"),
                r.getString("village_id"),
                r.getString("village_name"),
                r.getString("status"),
                r.getBoolean("has_cadre"),
                r.getBoolean("has_plan")));
  }

  public Future<List<Cadre>> overloaded(
      SqlClient sql, PersonalDataCipher cipher, String region, int limit) {
    return sql.preparedQuery(OVERLOADED)
        .execute(Tuple.of(region, limit))
        .map(rows -> Rows.all(rows, r -> cadre(r, cipher)));
  }

  public Future<List<QuarterVisits>> visitsPerQuarter(SqlClient sql, String region, int year) {
    return sql.preparedQuery(VISITS_PER_QUARTER)
        .execute(Tuple.of(year, region))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new QuarterVisits(
                            r.getLong("id"),
                            r.getString("name"),
                            r.getInteger("quarter"),
                            r.getLong("visits"))));
  }

  static Cadre cadre(Row r, PersonalDataCipher cipher) {
    Buffer phone = r.getBuffer("phone_enc");
    return new Cadre(
        r.getLong("id"),
        r.getString("name"),
        r.getString("unit"),
        r.getString("level"),
        r.getString("region_id"),
        phone == null ? null : Masking.phone(cipher.decrypt("cadre.phone", phone.getBytes())),
        r.getString("first_secretary_of"),
        r.getString("dispatched_by"),
        r.getLong("households"),
        r.getLong("unit_id"),
        r.getString("unit_name"),
        r.getLocalDate("appointed_on"),
        r.getLocalDate("ended_on"),
        r.getString("village_name"));
  }

  static PlanMeasure measure(Row r) {
    return new PlanMeasure(
        r.getLong("id"),
        r.getLong("household_id"),
        r.getString("kind"),
        r.getString("target"),
        r.getString("status"),
        r.getLong("need_id"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("updated_at"));
  }

  static OffsetDateTime at(Instant now) {
    return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }
}
