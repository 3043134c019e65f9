package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/**
 * All SQL of a department's warning batch, set-based: the checked rows go into a staging table of
 * the transaction in batches of {@link #CHUNK} ({@code INSERT … SELECT FROM unnest}, as COPY
 * would), then a few statements screen them by the department's rule, match them to the register by
 * the ID number's digest, gather each person once with the batch's tallies, open one case per
 * person without one (de-duplicated against the open cases and within the batch) written once with
 * its tallies, add every row as a lead of its person's case, add the batch's tallies to the cases
 * it joined and count what happened. The opened cases' deadlines are selected from the same work
 * tables by the engine ({@link CaseDeadlines#openedByBatch}): no row travels back to the
 * application.
 */
public final class WarningRepository {
  /** Rows per statement into the staging table. */
  static final int CHUNK = 20_000;

  static final String INSERT_BATCH =
      """
      INSERT INTO monitor_warning_batches (county_id, department, file_name, format, received_by, received_at,
                                           rows_total)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";

  /**
   * Memory for the batch's sorts and groupings (a file's persons by their digest), so a file of
   * 200,000 rows is not sorted on disk; and the register's pages costed as what they are, in memory
   * or on a solid-state disk (PostgreSQL's default prices a random page at four sequential ones):
   * otherwise the planner matched a file's 50,000 rows by reading and hashing all 2,000,000
   * households of the national register, a second a file, where looking each one up in the blind
   * index takes a tenth of that. For this transaction only.
   */
  static final String ROOM = "SET LOCAL work_mem = '128MB'; SET LOCAL random_page_cost = 1.1";

  static final String STAGING =
      """
      CREATE TEMP TABLE monitor_staging (row_no int, digest bytea, name text, id_enc bytea, id_county text,
                                         amount bigint, risk text, area text, detail text) ON COMMIT DROP""";
  static final String STAGE =
      """
      INSERT INTO monitor_staging
      SELECT * FROM unnest($1::int[], $2::bytea[], $3::text[], $4::bytea[], $5::text[], $6::bigint[], $7::text[],
                           $8::text[], $9::text[])""";

  /**
   * The rows the department's rule keeps, each matched to the register by its digest and placed:
   * the household's village; else the area the row names; the county of the ID number where the
   * register knows it; else the receiving county. $1 department, $2/$3 the medical lines for people
   * of the register and others, $4 the school-cost line, $5 the register's statuses, $6 the
   * receiving county.
   */
  static final String SCREEN =
      """
      CREATE TEMP TABLE monitor_screened ON COMMIT DROP AS
      SELECT s.row_no, s.digest, s.name, s.id_enc, s.amount, s.risk, s.detail, h.id AS household_id,
             coalesce(h.village_id, CASE WHEN ar.level = 'village' THEN ar.id END) AS village_id,
             coalesce(region_county(h.village_id),
                      CASE WHEN ar.level IN ('village', 'township', 'county') THEN region_county(ar.id) END,
                      ic.id, $6::text) AS county_id
        FROM monitor_staging s
        LEFT JOIN households h ON h.id_number_digest = s.digest
        LEFT JOIN regions ar ON ar.id = s.area
        LEFT JOIN regions ic ON ic.id = s.id_county AND ic.level = 'county'
       WHERE CASE $1::text
               WHEN 'medical' THEN s.amount >= CASE WHEN h.status = ANY($5::text[]) THEN $2::bigint ELSE $3::bigint END
               WHEN 'education' THEN s.amount > $4::bigint
               ELSE true
             END""";

  /**
   * Each person the kept rows name, once: how many leads the batch brings them, their score and
   * risks, and the case open for them before the batch, looked up person by person in the
   * de-duplication index rather than by reading every case (none: the batch opens one). A warning
   * scores 10, a yuan in a thousand up to 50 more, a disaster 30 more: more money at stake, a
   * disaster, more warnings come first in the queue.
   */
  static final String PERSONS =
      """
      CREATE TEMP TABLE monitor_persons ON COMMIT DROP AS
      SELECT g.digest, g.leads, g.score, g.risks,
             (SELECT c.id FROM monitor_cases c WHERE c.person_digest = g.digest AND c.state IN """
          + CaseRepository.OPEN
          + """
             ) AS case_id,
             false AS new, NULL::text AS county_id, NULL::text AS village_id, NULL::timestamptz AS check_due,
             NULL::timestamptz AS decision_due, NULL::bigint AS raced_id
        FROM (SELECT x.digest, count(*) AS leads,
                     sum(10 + least(50, coalesce(x.amount, 0) / 1000) + CASE WHEN x.risk = 'disaster' THEN 30 ELSE 0 END)
                         AS score,
                     array_agg(DISTINCT x.risk ORDER BY x.risk) AS risks
                FROM monitor_screened x GROUP BY x.digest) g""";

  /**
   * Each person without an open case gets the number of the case the batch will open for them, and
   * the place and dates it will have (the person's first row in the batch places it), before any
   * case is written: the case's clocks are opened from these numbers ({@link
   * CaseDeadlines#openedByBatch}) while no other file waits on this one. $1 the check's due date,
   * $2 the decision's.
   */
  static final String NUMBER_NEW =
      """
      UPDATE monitor_persons p
         SET case_id = nextval(pg_get_serial_sequence('monitor_cases', 'id')), new = true,
             county_id = f.county_id, village_id = f.village_id, check_due = $1::timestamptz,
             decision_due = $2::timestamptz
        FROM (SELECT DISTINCT ON (x.digest) x.digest, x.county_id, x.village_id
                FROM monitor_screened x ORDER BY x.digest, x.row_no) f
       WHERE p.case_id IS NULL AND f.digest = p.digest""";

  /**
   * The numbered cases, written once with the batch's tallies, in the order of the persons'
   * digests. This is where files sent at once wait for each other: a person another file has just
   * opened a case for waits here until that file commits, so everything that can go before (the
   * cases' clocks) already has. A person whose case another file opened meanwhile keeps the number
   * aside (its clocks are withdrawn, {@link CaseDeadlines#withdrawnByBatch}) and joins that case
   * ({@link #RACED}).
   */
  static final String OPEN_CASES =
      """
      WITH opened AS (
        INSERT INTO monitor_cases (id, county_id, village_id, household_id, person_digest, person_name, person_id_enc,
                                   risks, score, leads, opened_at, check_due, decision_due)
        SELECT DISTINCT ON (x.digest) p.case_id, p.county_id, p.village_id, x.household_id, x.digest,
               CASE WHEN x.household_id IS NULL THEN x.name END, CASE WHEN x.household_id IS NULL THEN x.id_enc END,
               p.risks, p.score, p.leads, $1::timestamptz, p.check_due, p.decision_due
          FROM monitor_screened x JOIN monitor_persons p ON p.digest = x.digest
         WHERE p.new
         ORDER BY x.digest, x.row_no
        ON CONFLICT (person_digest) WHERE """
          + " "
          + CaseRepository.OPEN_INDEX
          + """
         DO NOTHING
        RETURNING id)
      UPDATE monitor_persons p
         SET raced_id = p.case_id, case_id = NULL, new = false
       WHERE p.new AND NOT EXISTS (SELECT 1 FROM opened o WHERE o.id = p.case_id)""";

  /**
   * A person whose case another file opened at the same moment (the insert above found it open):
   * the batch joins that case.
   */
  static final String RACED =
      """
      UPDATE monitor_persons p
         SET case_id = (SELECT c.id FROM monitor_cases c WHERE c.person_digest = p.digest AND c.state IN """
          + CaseRepository.OPEN
          + """
      )
       WHERE p.case_id IS NULL""";

  /** The numbers a batch kept aside (as text, the deadlines' subject ids). */
  private static final String RACED_CASES =
      "SELECT p.raced_id::text FROM monitor_persons p WHERE p.raced_id IS NOT NULL";

  /** Every kept row, a lead of its person's open case. */
  static final String LEADS =
      """
      INSERT INTO monitor_leads (case_id, channel, department, batch_id, row_no, risk, amount, detail, received_at)
      SELECT p.case_id, 'department', $1::text, $2::bigint, x.row_no, x.risk, x.amount, x.detail, $3::timestamptz
        FROM monitor_screened x JOIN monitor_persons p ON p.digest = x.digest
       WHERE p.case_id IS NOT NULL""";

  /**
   * The cases the batch joins, locked in the order of their ids before their tallies change: files
   * received at the same moment that join the same cases take their locks in one order and wait for
   * each other instead of deadlocking. (The cases a batch opens are locked in the order of the
   * persons' digests by their insert, and a batch joins no case another one has not committed.)
   */
  static final String LOCK_JOINED =
      """
      SELECT count(*) FROM (SELECT c.id FROM monitor_cases c
       WHERE c.id = ANY (ARRAY(SELECT j.case_id FROM monitor_persons j WHERE NOT j.new AND j.case_id IS NOT NULL))
       ORDER BY c.id FOR NO KEY UPDATE) locked""";

  /**
   * The cases the batch joined count its leads and score and gather their risks (found by their
   * ids, so the cases are not read whole).
   */
  static final String TALLY =
      """
      UPDATE monitor_cases c
         SET leads = c.leads + p.leads, score = c.score + p.score,
             risks = ARRAY(SELECT DISTINCT r FROM unnest(c.risks || p.risks) AS r ORDER BY 1)
        FROM monitor_persons p
       WHERE c.id = p.case_id AND NOT p.new
         AND c.id = ANY (ARRAY(SELECT j.case_id FROM monitor_persons j WHERE NOT j.new AND j.case_id IS NOT NULL))""";

  /**
   * What a file's step in a case's timeline says, before the file's number. The step is not written
   * per case: the timeline derives it from the file's leads ({@link CaseRepository#EVENTS}).
   */
  static final String STEP_NOTE = "部门预警 #";

  /** The cases the batch opened, for their first deadlines ({@link CaseDeadlines}). */
  private static final String OPENED_CASES =
      " FROM (SELECT p.case_id AS id, p.county_id, p.village_id, p.check_due, p.decision_due"
          + " FROM monitor_persons p WHERE p.new) c";

  static final String COUNTS =
      """
      SELECT (SELECT count(*) FROM monitor_staging) AS staged,
             (SELECT count(*) FROM monitor_screened) AS kept,
             (SELECT count(*) FROM monitor_screened WHERE household_id IS NOT NULL) AS matched,
             (SELECT count(*) FROM monitor_persons WHERE new) AS opened,
             (SELECT count(*) FROM monitor_persons WHERE NOT new AND case_id IS NOT NULL) AS joined""";

  /** The batch's work tables, gone at once: another batch may follow in the same transaction. */
  static final String DROP_STAGING =
      "DROP TABLE IF EXISTS monitor_staging, monitor_screened, monitor_persons";

  /**
   * The file's figures, and the number its step takes in the timelines of the cases it opened or
   * joined: drawn from the steps' sequence now, where the step rows used to be written, so each
   * timeline keeps its order by time and number.
   */
  static final String FINISH =
      """
      UPDATE monitor_warning_batches SET rows_rejected = $2, rows_below = $3, matched = $4, new_cases = $5,
             joined_cases = $6, step_id = nextval(pg_get_serial_sequence('monitor_case_events', 'id'))
       WHERE id = $1""";

  static final String ERRORS =
      """
      INSERT INTO monitor_warning_errors (batch_id, row_no, field, code)
      SELECT $1, r, f, c FROM unnest($2::int[], $3::text[], $4::text[]) AS e(r, f, c)
      ON CONFLICT DO NOTHING""";

  static final String BATCH_COLUMNS =
      """
      SELECT b.id, b.county_id, r.name AS county_name, b.department, b.file_name, b.format, b.received_at,
             b.rows_total, b.rows_rejected, b.rows_below, b.matched, b.new_cases, b.joined_cases""";
  static final String BATCH_FROM =
      "FROM monitor_warning_batches b JOIN regions r ON r.id = b.county_id";
  static final String BATCH_BY_ID = BATCH_COLUMNS + " " + BATCH_FROM + " WHERE b.id = $1";
  static final String BATCH_ERRORS =
      "SELECT row_no, field, code FROM monitor_warning_errors WHERE batch_id = $1 ORDER BY row_no, field";

  /** A row, checked and sealed, as it goes into the staging table. */
  public record Staged(
      int rowNo,
      byte[] digest,
      String name,
      byte[] idSealed,
      String idCounty,
      Long amount,
      String risk,
      String area,
      String detail) {}

  /** What a batch's statements found. */
  public record Counts(long staged, long kept, long matched, long opened, long joined) {}

  /** The rules' parameters handed to the screening statement. */
  public record Rule(
      String department,
      long medicalRegistered,
      long medicalOthers,
      long education,
      List<String> registered,
      String county) {}

  public Future<Long> insertBatch(
      SqlClient sql,
      String county,
      String department,
      String fileName,
      String format,
      long by,
      Instant now,
      int rows) {
    return sql.preparedQuery(INSERT_BATCH)
        .execute(Tuple.of(county, department, fileName, format, by, at(now), rows))
        .map(r -> r.iterator().next().getLong(0));
  }

  /** The staging table of this transaction, filled. */
  public Future<Void> stage(SqlClient sql, List<Staged> rows) {
    Future<Void> done =
        sql.query(ROOM).execute().compose(v -> sql.query(STAGING).execute()).mapEmpty();
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Staged> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      done = done.compose(v -> sql.preparedQuery(STAGE).execute(stageArgs(chunk)).mapEmpty());
    }
    return done;
  }

  private static Tuple stageArgs(List<Staged> chunk) {
    int n = chunk.size();
    Integer[] rowNo = new Integer[n];
    Buffer[] digest = new Buffer[n];
    String[] name = new String[n];
    Buffer[] sealed = new Buffer[n];
    String[] idCounty = new String[n];
    Long[] amount = new Long[n];
    String[] risk = new String[n];
    String[] area = new String[n];
    String[] detail = new String[n];
    for (int i = 0; i < n; i++) {
      Staged s = chunk.get(i);
      rowNo[i] = s.rowNo();
      digest[i] = Buffer.buffer(s.digest());
      name[i] = s.name();
      sealed[i] = Buffer.buffer(s.idSealed());
      idCounty[i] = s.idCounty();
      amount[i] = s.amount();
      risk[i] = s.risk();
      area[i] = s.area();
      detail[i] = s.detail();
    }
    return Tuple.from(
        new Object[] {rowNo, digest, name, sealed, idCounty, amount, risk, area, detail});
  }

  /**
   * Screens the staged rows, matches them to the register and numbers the cases to open, the part
   * of a batch no other file waits on.
   */
  public Future<Void> prepare(SqlClient sql, Rule rule, Instant checkDue, Instant decisionDue) {
    Tuple screen =
        Tuple.of(
            rule.department(),
            rule.medicalRegistered(),
            rule.medicalOthers(),
            rule.education(),
            rule.registered().toArray(String[]::new),
            rule.county());
    return sql.preparedQuery(SCREEN)
        .execute(screen)
        .compose(v -> sql.query(PERSONS).execute())
        .compose(
            v -> sql.preparedQuery(NUMBER_NEW).execute(Tuple.of(at(checkDue), at(decisionDue))))
        .mapEmpty();
  }

  /**
   * Opens and joins the cases, adds the leads and tallies them (the cases' steps are the leads
   * themselves, {@link #FINISH}); answers the counts. Files sent at once wait for each other from
   * here to their commit, so this is the batch's last and shortest part.
   */
  public Future<Counts> queue(SqlClient sql, long batch, Rule rule, Instant now) {
    return sql.preparedQuery(OPEN_CASES)
        .execute(Tuple.of(at(now)))
        .compose(v -> sql.query(RACED).execute())
        .compose(v -> sql.preparedQuery(LEADS).execute(Tuple.of(rule.department(), batch, at(now))))
        .compose(v -> sql.query(LOCK_JOINED).execute())
        .compose(v -> sql.query(TALLY).execute())
        .compose(v -> sql.query(COUNTS).execute())
        .map(rows -> counts(rows.iterator().next()));
  }

  /** The cases the batch opened, as the openings of their deadlines select them. */
  static String openedCases() {
    return OPENED_CASES;
  }

  /** The numbers the batch kept aside, whose clocks it takes back. */
  static String racedCases() {
    return RACED_CASES;
  }

  /** Drops the batch's work tables (they would go at the commit). */
  public Future<Void> dropStaging(SqlClient sql) {
    return sql.query(DROP_STAGING).execute().mapEmpty();
  }

  public Future<Void> errors(SqlClient sql, long batch, List<WarningRow.Error> errors) {
    Future<Void> done = Future.succeededFuture();
    for (int from = 0; from < errors.size(); from += CHUNK) {
      List<WarningRow.Error> chunk = errors.subList(from, Math.min(errors.size(), from + CHUNK));
      done =
          done.compose(
              v ->
                  sql.preparedQuery(ERRORS)
                      .execute(
                          Tuple.of(
                              batch,
                              chunk.stream().map(WarningRow.Error::rowNo).toArray(Integer[]::new),
                              chunk.stream().map(WarningRow.Error::field).toArray(String[]::new),
                              chunk.stream().map(WarningRow.Error::code).toArray(String[]::new)))
                      .mapEmpty());
    }
    return done;
  }

  public Future<Void> finish(SqlClient sql, long batch, int rejected, long below, Counts c) {
    return sql.preparedQuery(FINISH)
        .execute(
            Tuple.of(
                batch,
                rejected,
                (int) below,
                (int) c.matched(),
                (int) c.opened(),
                (int) c.joined()))
        .mapEmpty();
  }

  public Future<Optional<WarningBatch>> batch(SqlClient sql, long id) {
    return sql.preparedQuery(BATCH_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, WarningRepository::batch));
  }

  public Future<Page<WarningBatch>> batches(SqlClient sql, String region, Paging paging) {
    Listing list = new Listing();
    if (region != null) {
      String p = list.next(region);
      list.where(
          "(region_contains(" + p + ", b.county_id) OR region_contains(b.county_id, " + p + "))");
    }
    return list.page(
        sql,
        BATCH_COLUMNS,
        BATCH_FROM,
        "b.received_at DESC, b.id DESC",
        paging,
        WarningRepository::batch);
  }

  public Future<List<WarningRow.Error>> batchErrors(SqlClient sql, long batch) {
    return sql.preparedQuery(BATCH_ERRORS)
        .execute(Tuple.of(batch))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new WarningRow.Error(
                            r.getInteger("row_no"), r.getString("field"), r.getString("code"))));
  }

  private static Counts counts(Row r) {
    return new Counts(
        r.getLong("staged"),
        r.getLong("kept"),
        r.getLong("matched"),
        r.getLong("opened"),
        r.getLong("joined"));
  }

  static WarningBatch batch(Row r) {
    return new WarningBatch(
        r.getLong("id"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("department"),
        r.getString("file_name"),
        r.getString("format"),
        r.getOffsetDateTime("received_at"),
        r.getInteger("rows_total"),
        r.getInteger("rows_rejected"),
        r.getInteger("rows_below"),
        r.getInteger("matched"),
        r.getInteger("new_cases"),
        r.getInteger("joined_cases"));
  }

  private static OffsetDateTime at(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
