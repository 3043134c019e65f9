package org.bangfu.funds;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bangfu.db.Listing;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** All SQL of programmes and projects except the money moves ({@link FundLedger}). */
public final class FundRepository {

  static final String PROGRAMME_SELECT =
      """
      SELECT g.id, g.name, g.source, g.source_region_id, sr.name AS source_region_name, g.campaign_id,
             cp.name AS campaign_name, g.category, g.year, g.budget, g.allocated, g.disbursed, g.eligibility,
             g.eligible_counties, g.dispatched_by, g.household_statuses, g.starts_on, g.ends_on, g.description,
             g.created_at""";
  static final String PROGRAMME_FROM =
      """
      FROM fund_programmes g
      LEFT JOIN regions sr ON sr.id = g.source_region_id
      LEFT JOIN campaigns cp ON cp.id = g.campaign_id""";
  static final String INSERT_PROGRAMME =
      """
      INSERT INTO fund_programmes (name, source, source_region_id, campaign_id, category, year, budget, eligibility,
                                   eligible_counties, dispatched_by, household_statuses, starts_on, ends_on,
                                   description, created_by, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id""";

  static final String PROJECT_SELECT =
      """
      SELECT p.id, p.name, p.region_id, r.name AS region_name, region_county(p.region_id) AS county_id,
             c.name AS county_name, p.household_id, p.category, p.budget, p.allocated, p.disbursed, p.implementer,
             p.procurement, p.planned_start, p.planned_end, p.description, p.status, p.progress, p.created_at,
             p.approved_at, p.accepted_at, p.acceptance_note, p.last_report_at""";
  static final String PROJECT_FROM =
      """
      FROM fund_projects p
      JOIN regions r ON r.id = p.region_id
      LEFT JOIN regions c ON c.id = region_county(p.region_id)""";
  static final String INSERT_PROJECT =
      """
      INSERT INTO fund_projects (name, region_id, household_id, category, budget, implementer, procurement,
                                 planned_start, planned_end, description, created_by, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id""";
  static final String SOURCES =
      """
      SELECT s.programme_id, g.name, g.source, s.amount, s.disbursed
        FROM fund_project_sources s JOIN fund_programmes g ON g.id = s.programme_id
       WHERE s.project_id = $1 ORDER BY s.programme_id""";
  static final String DISBURSEMENTS =
      """
      SELECT d.id, d.programme_id, d.amount, d.note, d.at, u.display_name AS by_name
        FROM fund_disbursements d LEFT JOIN users u ON u.id = d.by_user
       WHERE d.project_id = $1 ORDER BY d.id""";
  static final String REPORTS =
      """
      SELECT rp.id, rp.percent, rp.note, rp.at, u.display_name AS by_name,
             ARRAY(SELECT ph.id FROM fund_progress_photos ph WHERE ph.report_id = rp.id ORDER BY ph.id) AS photos
        FROM fund_progress_reports rp LEFT JOIN users u ON u.id = rp.by_user
       WHERE rp.project_id = $1 ORDER BY rp.id DESC""";
  static final String PHOTO =
      """
      SELECT ph.content_type, ph.data, p.region_id
        FROM fund_progress_photos ph JOIN fund_progress_reports rp ON rp.id = ph.report_id
        JOIN fund_projects p ON p.id = rp.project_id WHERE ph.id = $1""";
  static final String REGION =
      """
      SELECT r.id, r.level, r.name, r.poor_village, r.key_village, r.help_village, r.dispatched_by,
             coalesce(t.key_township, false) AS key_township, region_county(r.id) AS county_id,
             concat_ws('', c.name, CASE WHEN r.level = 'village' THEN t.name END,
                       CASE WHEN r.level <> 'county' THEN r.name END) AS place
        FROM regions r
        LEFT JOIN regions t ON t.id = r.parent_id
        LEFT JOIN regions c ON c.id = region_county(r.id)
       WHERE r.id = $1""";
  static final String HOUSEHOLD = "SELECT village_id, status FROM households WHERE id = $1";
  static final String PROGRAMME_NAMES =
      "SELECT string_agg(DISTINCT g.name, '；') FROM fund_project_sources s "
          + "JOIN fund_programmes g ON g.id = s.programme_id WHERE s.project_id = $1";
  static final String APPROVE =
      "UPDATE fund_projects SET status = 'approved', approved_at = $2 WHERE id = $1";
  static final String ACCEPT =
      """
      UPDATE fund_projects SET status = 'accepted', accepted_at = $2, acceptance_note = $3, progress = 100 WHERE id = $1""";
  static final String INSERT_REPORT =
      """
      INSERT INTO fund_progress_reports (project_id, percent, note, at, by_user) VALUES ($1, $2, $3, $4, $5) RETURNING id""";
  static final String INSERT_PHOTO =
      """
      INSERT INTO fund_progress_photos (report_id, name, content_type, size, data) VALUES ($1, $2, $3, $4, $5)""";
  static final String REPORTED =
      """
      UPDATE fund_projects SET progress = greatest(progress, $2), last_report_at = $3 WHERE id = $1""";

  /** 山海协作对口资金 per pair: the coastal unit's programmes for its paired county. */
  static final String MOUNTAIN_SEA =
      """
      SELECT rp.from_id, f.name AS from_name, rp.to_id, t.name AS to_name,
             count(g.id) AS programmes, coalesce(sum(g.budget), 0) AS budget,
             coalesce(sum(g.allocated), 0) AS allocated, coalesce(sum(g.disbursed), 0) AS disbursed
        FROM region_pairings rp
        JOIN regions f ON f.id = rp.from_id
        JOIN regions t ON t.id = rp.to_id
        LEFT JOIN fund_programmes g ON g.source = 'paired_county' AND g.source_region_id = rp.from_id
             AND rp.to_id = ANY (g.eligible_counties) AND ($1::int IS NULL OR g.year = $1)
       WHERE rp.kind = 'mountain_sea'
       GROUP BY rp.from_id, f.name, rp.to_id, t.name
       ORDER BY rp.from_id, rp.to_id""";

  /** What eligibility rules ask of a place. */
  public record RegionFacts(
      String id,
      String level,
      String name,
      String place,
      String countyId,
      boolean poor,
      boolean key,
      boolean keyTownship,
      boolean help,
      String dispatchedBy) {}

  public record NewProgramme(
      String name,
      String source,
      String sourceRegionId,
      Long campaignId,
      String category,
      int year,
      long budget,
      String eligibility,
      List<String> eligibleCounties,
      String dispatchedBy,
      List<String> householdStatuses,
      LocalDate startsOn,
      LocalDate endsOn,
      String description) {}

  public record NewProject(
      String name,
      String regionId,
      Long householdId,
      String category,
      String implementer,
      String procurement,
      LocalDate plannedStart,
      LocalDate plannedEnd,
      String description) {}

  public record PhotoData(String contentType, byte[] data, String regionId) {}

  public record ProgrammeFilter(
      Integer year, String source, String category, String county, String q) {}

  /** Projects a user may see: {@code region} (null: all) and the filters on screen. */
  public record ProjectFilter(
      String region, String status, String county, Long programme, String category, String q) {}

  public record Flow(
      String fromId,
      String fromName,
      String toId,
      String toName,
      long programmes,
      long budget,
      long allocated,
      long disbursed) {}

  // ---------------------------------------------------------------- programmes

  public Future<Long> insertProgramme(SqlClient db, NewProgramme p, long by, Instant at) {
    return db.preparedQuery(INSERT_PROGRAMME)
        .execute(
            Tuple.from(
                new Object[] {
                  p.name(),
                  p.source(),
                  p.sourceRegionId(),
                  p.campaignId(),
                  p.category(),
                  p.year(),
                  p.budget(),
                  p.eligibility(),
                  p.eligibleCounties().toArray(String[]::new),
                  p.dispatchedBy(),
                  p.householdStatuses().toArray(String[]::new),
                  p.startsOn(),
                  p.endsOn(),
                  p.description(),
                  by,
                  utc(at)
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<Programme>> programme(SqlClient db, long id) {
    return db.preparedQuery(PROGRAMME_SELECT + " " + PROGRAMME_FROM + " WHERE g.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(FundRepository::programme));
  }

  public Future<Page<Programme>> programmes(SqlClient db, ProgrammeFilter f, Paging paging) {
    return programmeListing(f)
        .page(
            db,
            PROGRAMME_SELECT,
            PROGRAMME_FROM,
            "g.year DESC, g.id",
            paging,
            FundRepository::programme);
  }

  public Future<List<Programme>> allProgrammes(SqlClient db, ProgrammeFilter f, int limit) {
    return all(
        db,
        programmeListing(f),
        PROGRAMME_SELECT + " " + PROGRAMME_FROM,
        "g.year DESC, g.id",
        limit,
        FundRepository::programme);
  }

  private static Listing programmeListing(ProgrammeFilter f) {
    Listing l = new Listing();
    if (f.year() != null) {
      l.where("g.year = $?", f.year());
    }
    if (f.source() != null) {
      l.where("g.source = $?", f.source());
    }
    if (f.category() != null) {
      l.where("g.category = $?", f.category());
    }
    if (f.county() != null) {
      l.where("($? = ANY (g.eligible_counties) OR g.source_region_id = $?)", f.county());
    }
    if (f.q() != null) {
      l.where("g.name ILIKE $?", Listing.contains(f.q()));
    }
    return l;
  }

  // ---------------------------------------------------------------- projects

  public Future<Long> insertProject(SqlClient db, NewProject p, long budget, long by, Instant at) {
    return db.preparedQuery(INSERT_PROJECT)
        .execute(
            Tuple.from(
                new Object[] {
                  p.name(),
                  p.regionId(),
                  p.householdId(),
                  p.category(),
                  budget,
                  p.implementer(),
                  p.procurement(),
                  p.plannedStart(),
                  p.plannedEnd(),
                  p.description(),
                  by,
                  utc(at)
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<Project>> project(SqlClient db, long id) {
    return db.preparedQuery(PROJECT_SELECT + " " + PROJECT_FROM + " WHERE p.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(FundRepository::project));
  }

  public Future<Page<Project>> projects(SqlClient db, ProjectFilter f, Paging paging) {
    return projectListing(f)
        .page(db, PROJECT_SELECT, PROJECT_FROM, "p.id DESC", paging, FundRepository::project);
  }

  public Future<List<Project>> allProjects(SqlClient db, ProjectFilter f, int limit) {
    return all(
        db,
        projectListing(f),
        PROJECT_SELECT + " " + PROJECT_FROM,
        "p.id DESC",
        limit,
        FundRepository::project);
  }

  private static Listing projectListing(ProjectFilter f) {
    Listing l = new Listing();
    if (f.region() != null) {
      l.where("region_contains($?, p.region_id)", f.region());
    }
    if (f.status() != null) {
      l.where("p.status = $?", f.status());
    }
    if (f.county() != null) {
      l.where("region_county(p.region_id) = $?", f.county());
    }
    if (f.programme() != null) {
      l.where(
          "EXISTS (SELECT 1 FROM fund_project_sources s WHERE s.project_id = p.id AND s.programme_id = $?)",
          f.programme());
    }
    if (f.category() != null) {
      l.where("p.category = $?", f.category());
    }
    if (f.q() != null) {
      l.where(
          "(p.name ILIKE $? OR p.implementer ILIKE $? OR r.name ILIKE $?)",
          Listing.contains(f.q()));
    }
    return l;
  }

  public Future<List<Project.Source>> sources(SqlClient db, long projectId) {
    return list(
        db,
        SOURCES,
        Tuple.of(projectId),
        r ->
            new Project.Source(
                r.getLong("programme_id"),
                r.getString("name"),
                r.getString("source"),
                r.getLong("amount"),
                r.getLong("disbursed")));
  }

  public Future<List<Project.Disbursement>> disbursements(SqlClient db, long projectId) {
    return list(
        db,
        DISBURSEMENTS,
        Tuple.of(projectId),
        r ->
            new Project.Disbursement(
                r.getLong("id"),
                r.getLong("programme_id"),
                r.getLong("amount"),
                r.getString("note"),
                r.getOffsetDateTime("at"),
                r.getString("by_name")));
  }

  public Future<List<Project.Report>> reports(SqlClient db, long projectId) {
    return list(
        db,
        REPORTS,
        Tuple.of(projectId),
        r ->
            new Project.Report(
                r.getLong("id"),
                r.getInteger("percent"),
                r.getString("note"),
                r.getOffsetDateTime("at"),
                r.getString("by_name"),
                List.of(r.getArrayOfLongs("photos"))));
  }

  public Future<Optional<PhotoData>> photo(SqlClient db, long id) {
    return db.preparedQuery(PHOTO)
        .execute(Tuple.of(id))
        .map(
            rows ->
                first(rows)
                    .map(
                        r ->
                            new PhotoData(
                                r.getString("content_type"),
                                r.getBuffer("data").getBytes(),
                                r.getString("region_id"))));
  }

  public Future<Optional<RegionFacts>> region(SqlClient db, String id) {
    return db.preparedQuery(REGION)
        .execute(Tuple.of(id))
        .map(
            rows ->
                first(rows)
                    .map(
                        r ->
                            new RegionFacts(
                                r.getString("id"),
                                r.getString("level"),
                                r.getString("name"),
                                r.getString("place"),
                                r.getString("county_id"),
                                r.getBoolean("poor_village"),
                                r.getBoolean("key_village"),
                                r.getBoolean("key_township"),
                                r.getBoolean("help_village"),
                                r.getString("dispatched_by"))));
  }

  /** A registered household's village and status. */
  public record HouseholdFacts(String villageId, String status) {}

  public Future<Optional<HouseholdFacts>> household(SqlClient db, long id) {
    return db.preparedQuery(HOUSEHOLD)
        .execute(Tuple.of(id))
        .map(
            rows ->
                first(rows)
                    .map(
                        r -> new HouseholdFacts(r.getString("village_id"), r.getString("status"))));
  }

  public Future<String> programmeNames(SqlClient db, long projectId) {
    return db.preparedQuery(PROGRAMME_NAMES)
        .execute(Tuple.of(projectId))
        .map(rows -> rows.iterator().next().getString(0));
  }

  public Future<Void> approve(SqlClient db, long id, Instant at) {
    return db.preparedQuery(APPROVE).execute(Tuple.of(id, utc(at))).mapEmpty();
  }

  public Future<Void> accept(SqlClient db, long id, Instant at, String note) {
    return db.preparedQuery(ACCEPT).execute(Tuple.of(id, utc(at), note)).mapEmpty();
  }

  public Future<Long> insertReport(
      SqlClient db,
      long projectId,
      int percent,
      String note,
      Instant at,
      long by,
      List<FileContent> photos) {
    return db.preparedQuery(INSERT_REPORT)
        .execute(Tuple.of(projectId, percent, note, utc(at), by))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(
            id -> {
              if (photos.isEmpty()) {
                return Future.succeededFuture(id);
              }
              List<Tuple> batch =
                  photos.stream()
                      .map(
                          p ->
                              Tuple.of(
                                  id,
                                  p.name(),
                                  p.contentType(),
                                  p.data().length,
                                  Buffer.buffer(p.data())))
                      .toList();
              return db.preparedQuery(INSERT_PHOTO).executeBatch(batch).map(id);
            })
        .compose(
            id ->
                db.preparedQuery(REPORTED).execute(Tuple.of(projectId, percent, utc(at))).map(id));
  }

  public Future<List<Flow>> mountainSeaFlows(SqlClient db, Integer year) {
    return list(
        db,
        MOUNTAIN_SEA,
        Tuple.of(year),
        r ->
            new Flow(
                r.getString("from_id"),
                r.getString("from_name"),
                r.getString("to_id"),
                r.getString("to_name"),
                r.getLong("programmes"),
                r.getLong("budget"),
                r.getLong("allocated"),
                r.getLong("disbursed")));
  }

  // ---------------------------------------------------------------- helpers

  private static <T> Future<List<T>> all(
      SqlClient db, Listing l, String selectFrom, String order, int limit, Function<Row, T> map) {
    return list(
        db,
        selectFrom + l.clause() + " ORDER BY " + order + " LIMIT " + Math.max(1, limit),
        l.args(),
        map);
  }

  private static <T> Future<List<T>> list(
      SqlClient db, String sql, Tuple args, Function<Row, T> map) {
    return db.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<T> out = new ArrayList<>();
              rows.forEach(r -> out.add(map.apply(r)));
              return out;
            });
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  static Programme programme(Row r) {
    return new Programme(
        r.getLong("id"),
        r.getString("name"),
        r.getString("source"),
        r.getString("source_region_id"),
        r.getString("source_region_name"),
        r.getLong("campaign_id"),
        r.getString("campaign_name"),
        r.getString("category"),
        r.getInteger("year"),
        r.getLong("budget"),
        r.getLong("allocated"),
        r.getLong("disbursed"),
        r.getString("eligibility"),
        List.of(r.getArrayOfStrings("eligible_counties")),
        r.getString("dispatched_by"),
        List.of(r.getArrayOfStrings("household_statuses")),
        r.getLocalDate("starts_on"),
        r.getLocalDate("ends_on"),
        r.getString("description"),
        r.getOffsetDateTime("created_at"));
  }

  static Project project(Row r) {
    return new Project(
        r.getLong("id"),
        r.getString("name"),
        r.getString("region_id"),
        r.getString("region_name"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getLong("household_id"),
        r.getString("category"),
        r.getLong("budget"),
        r.getLong("allocated"),
        r.getLong("disbursed"),
        r.getString("implementer"),
        r.getString("procurement"),
        r.getLocalDate("planned_start"),
        r.getLocalDate("planned_end"),
        r.getString("description"),
        Project.Status.fromWire(r.getString("status")).orElseThrow(),
        r.getInteger("progress"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("approved_at"),
        r.getOffsetDateTime("accepted_at"),
        r.getString("acceptance_note"),
        r.getOffsetDateTime("last_report_at"));
  }
}
