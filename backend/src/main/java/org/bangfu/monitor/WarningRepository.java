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
 * the ID number's digest, open one case per person without one (de-duplicated against the open
 * cases and within the batch), add every row as a lead of its person's case and count what
 * happened.
 */
public final class WarningRepository {
  /** Rows per statement into the staging table. */
  static final int CHUNK = 20_000;

  static final String INSERT_BATCH =
      """
      INSERT INTO monitor_warning_batches (county_id, department, file_name, format, received_by, received_at,
                                           rows_total)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";

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

  static final String NEW_IDS =
      "CREATE TEMP TABLE monitor_new_cases (id bigint PRIMARY KEY) ON COMMIT DROP";

  /** One case per person with none open: the first row of each person in the batch opens it. */
  static final String OPEN_CASES =
      """
      WITH opened AS (
        INSERT INTO monitor_cases (county_id, village_id, household_id, person_digest, person_name, person_id_enc,
                                   risks, score, leads, opened_at, check_due, decision_due)
        SELECT DISTINCT ON (x.digest) x.county_id, x.village_id, x.household_id, x.digest,
               CASE WHEN x.household_id IS NULL THEN x.name END, CASE WHEN x.household_id IS NULL THEN x.id_enc END,
               ARRAY[x.risk], 0, 1, $1::timestamptz, $2::timestamptz, $3::timestamptz
          FROM monitor_screened x
         WHERE NOT EXISTS (SELECT 1 FROM monitor_cases c WHERE c.person_digest = x.digest AND c.state IN """
          + CaseRepository.OPEN
          + """
          )
         ORDER BY x.digest, x.row_no
        ON CONFLICT (person_digest) WHERE """
          + " "
          + CaseRepository.OPEN_INDEX
          + """
         DO NOTHING
        RETURNING id)
      INSERT INTO monitor_new_cases SELECT id FROM opened""";

  /** Every kept row, a lead of its person's open case. */
  static final String LEADS =
      """
      INSERT INTO monitor_leads (case_id, channel, department, batch_id, row_no, risk, amount, detail, received_at)
      SELECT c.id, 'department', $1::text, $2::bigint, x.row_no, x.risk, x.amount, x.detail, $3::timestamptz
        FROM monitor_screened x JOIN monitor_cases c ON c.person_digest = x.digest AND c.state IN """
          + CaseRepository.OPEN;

  /**
   * The cases the batch touched count its leads and their score (a case it opened starts from
   * them), and gather their risks. A warning scores 10, a yuan in a thousand up to 50 more, a
   * disaster 30 more: more money at stake, a disaster, more warnings come first in the queue.
   */
  static final String TALLY =
      """
      UPDATE monitor_cases c
         SET leads = CASE WHEN j.new THEN j.n ELSE c.leads + j.n END, score = c.score + j.score,
             risks = ARRAY(SELECT DISTINCT r FROM unnest(c.risks || j.risks) AS r ORDER BY 1)
        FROM (SELECT l.case_id, count(*) AS n, bool_or(n.id IS NOT NULL) AS new,
                     sum(10 + least(50, coalesce(l.amount, 0) / 1000) + CASE WHEN l.risk = 'disaster' THEN 30 ELSE 0 END)
                         AS score,
                     array_agg(DISTINCT l.risk) AS risks
                FROM monitor_leads l LEFT JOIN monitor_new_cases n ON n.id = l.case_id
               WHERE l.batch_id = $1 GROUP BY l.case_id) j
       WHERE c.id = j.case_id""";

  static final String EVENTS =
      """
      INSERT INTO monitor_case_events (case_id, step, note, at)
      SELECT DISTINCT l.case_id, CASE WHEN n.id IS NULL THEN 'lead_joined' ELSE 'opened' END, $2::text,
             $3::timestamptz
        FROM monitor_leads l LEFT JOIN monitor_new_cases n ON n.id = l.case_id WHERE l.batch_id = $1""";

  static final String NEW_CASES =
      """
      SELECT c.id, c.county_id, c.village_id, c.check_due, c.decision_due
        FROM monitor_cases c JOIN monitor_new_cases n ON n.id = c.id""";

  static final String COUNTS =
      """
      SELECT (SELECT count(*) FROM monitor_staging) AS staged,
             (SELECT count(*) FROM monitor_screened) AS kept,
             (SELECT count(*) FROM monitor_screened WHERE household_id IS NOT NULL) AS matched,
             (SELECT count(*) FROM monitor_new_cases) AS opened,
             (SELECT count(DISTINCT l.case_id) FROM monitor_leads l WHERE l.batch_id = $1
                 AND NOT EXISTS (SELECT 1 FROM monitor_new_cases n WHERE n.id = l.case_id)) AS joined""";

  /** The batch's work tables, gone at once: another batch may follow in the same transaction. */
  static final String DROP_STAGING =
      "DROP TABLE IF EXISTS monitor_staging, monitor_screened, monitor_new_cases";

  static final String FINISH =
      """
      UPDATE monitor_warning_batches SET rows_rejected = $2, rows_below = $3, matched = $4, new_cases = $5,
             joined_cases = $6
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
    Future<Void> done = sql.query(STAGING).execute().mapEmpty();
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
   * Screens, matches, opens and joins cases, adds the leads, tallies them and writes the cases'
   * first steps; answers the counts.
   */
  public Future<Counts> queue(
      SqlClient sql, long batch, Rule rule, Instant now, Instant checkDue, Instant decisionDue) {
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
        .compose(v -> sql.query(NEW_IDS).execute())
        .compose(
            v ->
                sql.preparedQuery(OPEN_CASES)
                    .execute(Tuple.of(at(now), at(checkDue), at(decisionDue))))
        .compose(v -> sql.preparedQuery(LEADS).execute(Tuple.of(rule.department(), batch, at(now))))
        .compose(v -> sql.preparedQuery(TALLY).execute(Tuple.of(batch)))
        .compose(v -> sql.preparedQuery(EVENTS).execute(Tuple.of(batch, "部门预警 #" + batch, at(now))))
        .compose(v -> sql.preparedQuery(COUNTS).execute(Tuple.of(batch)))
        .map(rows -> counts(rows.iterator().next()));
  }

  /** The cases the batch opened, for their deadlines. */
  public Future<List<CaseDeadlines.Opened>> opened(SqlClient sql) {
    return sql.query(NEW_CASES)
        .execute()
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new CaseDeadlines.Opened(
                            r.getLong("id"),
                            r.getString("county_id"),
                            r.getString("village_id"),
                            r.getOffsetDateTime("check_due").toInstant(),
                            r.getOffsetDateTime("decision_due").toInstant())));
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
