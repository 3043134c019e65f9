package org.bangfu.reports;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bangfu.allocations.NeedStatus;
import org.bangfu.db.Listing;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * All SQL of 12317 reports. Every method takes a {@link SqlClient} so services compose
 * transactions.
 */
public final class ReportRepository {

  /** Open: not finished (closed or not accepted). */
  public static final String OPEN = "r.status NOT IN ('not_accepted', 'closed')";

  /** Founded: the latest answer of report {@code r} found it founded or partly founded. */
  public static final String FOUNDED =
      "(SELECT ra.finding FROM report_answers ra WHERE ra.report_id = r.id "
          + "ORDER BY ra.version DESC LIMIT 1) IN ('founded', 'partly_founded')";

  /**
   * The one definition of overdue, at the instant {@code $N}: the report has a deadline (its
   * acknowledgement, its answer) still open at or past its due date — the deadline engine's "late",
   * kept in step with the report's status by {@link ReportService}.
   */
  public static String overdue(String at) {
    return "EXISTS (SELECT 1 FROM deadlines dl WHERE dl.subject_type = 'report' "
        + "AND dl.subject_id = r.id::text AND dl.kind IN ('report_ack', 'report_answer') "
        + "AND dl.state = 'open' AND dl.due_at <= "
        + at
        + ")";
  }

  static final String COLUMNS =
      "r.id, r.tracking_no, r.subject_kind, r.subject_id, r.county_id, c.name AS county_name, "
          + "r.level, r.category, r.content, r.anonymous, r.reporter_enc, r.status, r.not_accepted_reason, r.received_at, "
          + "r.ack_due, r.answer_due, r.accepted_at, r.answered_at, r.closed_at, r.escalated_at, r.review_requested_at, "
          + "r.review_reason, EXISTS (SELECT 1 FROM report_photos ph WHERE ph.report_id = r.id) AS has_photo";
  static final String FROM = "FROM reports r LEFT JOIN regions c ON c.id = r.county_id";

  static final String INSERT =
      "INSERT INTO reports (tracking_no, secret_digest, subject_kind, subject_id, county_id, "
          + "level, category, content, anonymous, reporter_enc, received_at, ack_due, answer_due, updated_at) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $11) RETURNING id";
  static final String BY_ID =
      "SELECT " + COLUMNS + ", " + overdue("$2") + " AS overdue " + FROM + " WHERE r.id = $1";
  static final String LOCK = "SELECT id FROM reports WHERE id = $1 FOR UPDATE";
  static final String BY_TRACKING =
      "SELECT r.id, r.secret_digest FROM reports r WHERE r.tracking_no = $1";
  static final String ANSWERS =
      "SELECT a.report_id, a.version, a.finding, a.answer, a.measures, u.username, a.at "
          + "FROM report_answers a JOIN users u ON u.id = a.by_user WHERE a.report_id = $1 ORDER BY a.version";
  static final String INSERT_ANSWER =
      "INSERT INTO report_answers (report_id, version, finding, answer, measures, "
          + "by_user, at) VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM report_answers WHERE report_id = $1), "
          + "$2, $3, $4, $5, $6) RETURNING version";
  static final String COUNTY_EXISTS = "SELECT 1 FROM regions WHERE id = $1 AND level = 'county'";

  static final String SET_STATUS =
      "UPDATE reports SET status = $2, updated_at = $3, "
          + "accepted_at = CASE WHEN $2 = 'accepted' THEN $3 ELSE accepted_at END, "
          + "answered_at = CASE WHEN $2 = 'answered' THEN $3 ELSE answered_at END, "
          + "closed_at = CASE WHEN $2 IN ('closed', 'not_accepted') THEN $3 ELSE closed_at END, "
          + "not_accepted_reason = CASE WHEN $2 = 'not_accepted' THEN $4 ELSE not_accepted_reason END "
          + "WHERE id = $1";
  static final String REQUEST_REVIEW =
      "UPDATE reports SET status = 'review_requested', review_requested_at = $2, "
          + "review_reason = $3, answer_due = $4, closed_at = NULL, updated_at = $2 WHERE id = $1";

  /**
   * A late report raised to the city level (上报市级) when a deadline of it escalates; its first
   * escalation is kept. Answers the report when this was its first.
   */
  static final String ESCALATE =
      "UPDATE reports r SET level = 'city', escalated_at = $2, updated_at = $2 "
          + "WHERE r.id = $1 AND r.escalated_at IS NULL RETURNING r.id, r.county_id, r.status";

  static final String INSERT_PHOTO =
      "INSERT INTO report_photos (report_id, name, content_type, size, data) VALUES ($1, $2, $3, $4, $5)";
  static final String PHOTO =
      "SELECT name, content_type, data FROM report_photos WHERE report_id = $1";

  // ---- throttling of tracking look-ups, per address

  /**
   * Counts one look-up from the address ($1) at $2 and answers the count with the lock. The count
   * and the decision are one statement: forty look-ups sent at once get forty different counts. A
   * row starts afresh when its lock is over or, unlocked, when its window ($3 s) is over; the
   * look-up that reaches $4 locks the address until $2 + $5 s.
   */
  static final String LOOKUP_ATTEMPT =
      """
      INSERT INTO report_lookup_throttle AS t (address, failures, window_start, locked_until)
      VALUES ($1, 1, $2, NULL)
      ON CONFLICT (address) DO UPDATE SET
        failures = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $2)
                          OR (t.locked_until IS NULL AND t.window_start <= $2 - make_interval(secs => $3::int))
                        THEN 1 ELSE least(t.failures, $4::int) + 1 END,
        window_start = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $2)
                              OR (t.locked_until IS NULL AND t.window_start <= $2 - make_interval(secs => $3::int))
                            THEN $2 ELSE t.window_start END,
        locked_until = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $2)
                              OR (t.locked_until IS NULL AND t.window_start <= $2 - make_interval(secs => $3::int))
                            THEN NULL
                            WHEN t.locked_until IS NOT NULL THEN t.locked_until
                            WHEN t.failures + 1 >= $4::int THEN $2 + make_interval(secs => $5::int)
                            ELSE NULL END
      RETURNING failures, locked_until""";

  /** A look-up that matched: the address gets it back (and no lock from it). */
  static final String LOOKUP_MATCHED =
      """
      UPDATE report_lookup_throttle SET failures = greatest(failures - 1, 0), locked_until = NULL
       WHERE address = $1 AND failures <= $2""";

  // ---- the filing limit, per address (its keyed digest)

  /**
   * Counts one filing from the address digest ($1) at $2 and answers the count and when its window
   * began; a window ($3 s) that is over starts afresh. Counts stop just past the limit ($4).
   */
  static final String FILING =
      """
      INSERT INTO report_filing_throttle AS t (address_digest, filings, window_start) VALUES ($1, 1, $2)
      ON CONFLICT (address_digest) DO UPDATE SET
        filings = CASE WHEN t.window_start <= $2 - make_interval(secs => $3::int)
                       THEN 1 ELSE least(t.filings, $4::int) + 1 END,
        window_start = CASE WHEN t.window_start <= $2 - make_interval(secs => $3::int)
                            THEN $2 ELSE t.window_start END
      RETURNING filings, window_start""";

  public record NewReport(
      String trackingNo,
      byte[] secretDigest,
      SubjectKind subjectKind,
      String subjectId,
      String countyId,
      String category,
      String content,
      boolean anonymous,
      byte[] reporterSealed,
      Instant receivedAt,
      Instant ackDue,
      Instant answerDue) {}

  public record Filter(
      String status,
      String countyId,
      Boolean overdue,
      Boolean escalated,
      String category,
      String reviewerRegion) {}

  /** One counted look-up: how many the address has made (this one included), its lock. */
  public record LookupAttempt(int attempts, OffsetDateTime lockedUntil) {}

  /** One counted filing: how many the address has filed in its window, and when that began. */
  public record FilingCount(int filings, OffsetDateTime windowStart) {}

  public record Escalated(long id, String countyId, String status) {}

  static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  /**
   * The query that finds a report's record among what the public can see and names its county (the
   * county handles the report: 属地管理): one row {@code (county)} when the record is public; a NULL
   * county sends the report to the city. A record the public cannot see (a draft or rejected need,
   * an allocation not yet verified, a donor with nothing on the public board) is not found, exactly
   * as a record that does not exist, so filing a report reveals nothing the public board does not.
   */
  static String countyOf(SubjectKind kind) {
    return switch (kind) {
      case NEED ->
          "SELECT region_county(village_id) AS county FROM needs WHERE id = $1::bigint"
              + " AND status IN "
              + NeedStatus.PUBLIC_SQL;
      case ALLOCATION ->
          "SELECT region_county(n.village_id) AS county FROM allocations a "
              + "JOIN needs n ON n.id = a.need_id WHERE a.id = $1::bigint AND a.status = 'verified'";
      case VILLAGE ->
          "SELECT region_county(id) AS county FROM regions WHERE id = $1 AND level = 'village'";
      case DONOR ->
          "SELECT d.home_county AS county FROM donors d WHERE d.id = $1::bigint AND EXISTS "
              + "(SELECT 1 FROM pledges p JOIN allocations a ON a.pledge_id = p.id "
              + "WHERE p.donor_id = d.id AND a.status = 'verified')";
    };
  }

  /** The county of a record, empty when it does not exist; a present empty string: no county. */
  public Future<Optional<Optional<String>>> subjectCounty(
      SqlClient db, SubjectKind kind, String id) {
    Object key = kind.numericId() ? (Object) Long.valueOf(id) : id;
    return db.preparedQuery(countyOf(kind))
        .execute(Tuple.of(key))
        .map(rows -> first(rows).map(r -> Optional.ofNullable(r.getString("county"))));
  }

  public Future<Boolean> countyExists(SqlClient db, String county) {
    return db.preparedQuery(COUNTY_EXISTS).execute(Tuple.of(county)).map(rows -> rows.size() > 0);
  }

  public Future<Long> insert(SqlClient db, NewReport r) {
    return db.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  r.trackingNo(),
                  Buffer.buffer(r.secretDigest()),
                  r.subjectKind() == null ? null : r.subjectKind().wire(),
                  r.subjectId(),
                  r.countyId(),
                  r.countyId() == null ? "city" : "county",
                  r.category(),
                  r.content(),
                  r.anonymous(),
                  r.reporterSealed() == null ? null : Buffer.buffer(r.reporterSealed()),
                  at(r.receivedAt()),
                  at(r.ackDue()),
                  at(r.answerDue())
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<Report>> find(SqlClient db, long id, Instant now) {
    return db.preparedQuery(BY_ID)
        .execute(Tuple.of(id, at(now)))
        .compose(
            rows -> {
              Optional<Report> r = first(rows).map(ReportRepository::map);
              if (r.isEmpty()) {
                return Future.succeededFuture(Optional.<Report>empty());
              }
              return answers(db, id).map(list -> Optional.of(r.get().withAnswers(list)));
            });
  }

  /** Keeps the photo the reporter sent with report {@code id}. */
  public Future<Void> insertPhoto(SqlClient db, long id, FileContent photo) {
    return db.preparedQuery(INSERT_PHOTO)
        .execute(
            Tuple.of(
                id,
                photo.name(),
                photo.contentType(),
                photo.data().length,
                Buffer.buffer(photo.data())))
        .mapEmpty();
  }

  /** The photo sent with report {@code id}, if any. */
  public Future<Optional<FileContent>> photo(SqlClient db, long id) {
    return db.preparedQuery(PHOTO)
        .execute(Tuple.of(id))
        .map(
            rows ->
                first(rows)
                    .map(
                        r ->
                            new FileContent(
                                r.getString("name"),
                                r.getString("content_type"),
                                r.getBuffer("data").getBytes())));
  }

  /** The report's id and secret digest by its tracking number. */
  public Future<Optional<Tracked>> byTracking(SqlClient db, String trackingNo) {
    return db.preparedQuery(BY_TRACKING)
        .execute(Tuple.of(trackingNo))
        .map(
            rows ->
                first(rows)
                    .map(
                        r ->
                            new Tracked(r.getLong("id"), r.getBuffer("secret_digest").getBytes())));
  }

  public record Tracked(long id, byte[] secretDigest) {}

  public Future<Void> lock(SqlClient db, long id) {
    return db.preparedQuery(LOCK).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<List<ReportAnswer>> answers(SqlClient db, long id) {
    return db.preparedQuery(ANSWERS)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              List<ReportAnswer> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new ReportAnswer(
                              r.getLong("report_id"),
                              r.getInteger("version"),
                              r.getString("finding"),
                              r.getString("answer"),
                              r.getString("measures"),
                              r.getString("username"),
                              r.getOffsetDateTime("at"))));
              return out;
            });
  }

  public Future<Page<Report>> list(SqlClient db, Filter f, Instant now, Paging paging) {
    Listing l = new Listing();
    String nowParam = l.next(at(now));
    l.where(nowParam + "::timestamptz IS NOT NULL"); // types the instant for the count query too
    if (f.status() != null) {
      l.where("r.status = $?", f.status());
    }
    if (f.countyId() != null) {
      l.where("r.county_id = $?", f.countyId());
    }
    if (f.category() != null) {
      l.where("r.category = $?", f.category());
    }
    if (f.overdue() != null) {
      l.where((f.overdue() ? "" : "NOT ") + overdue(nowParam));
    }
    if (f.escalated() != null) {
      l.where(f.escalated() ? "r.escalated_at IS NOT NULL" : "r.escalated_at IS NULL");
    }
    if (f.reviewerRegion() != null) {
      // a reviewer sees the reports of their county; a city's reviewers also those without one
      String p = l.next(f.reviewerRegion());
      l.where(
          "(region_contains("
              + p
              + ", r.county_id) OR (r.county_id IS NULL AND "
              + p
              + " ~ '^[0-9]{4}$'))");
    }
    return l.page(
        db,
        "SELECT " + COLUMNS + ", " + overdue(nowParam) + " AS overdue",
        FROM,
        overdue(nowParam) + " DESC, r.answer_due, r.id",
        paging,
        ReportRepository::map);
  }

  public Future<Void> setStatus(
      SqlClient db, long id, ReportStatus status, Instant at, String reason) {
    return db.preparedQuery(SET_STATUS)
        .execute(Tuple.of(id, status.wire(), at(at), reason))
        .mapEmpty();
  }

  public Future<Integer> insertAnswer(
      SqlClient db,
      long id,
      String finding,
      String answer,
      String measures,
      long byUser,
      Instant at) {
    return db.preparedQuery(INSERT_ANSWER)
        .execute(Tuple.of(id, finding, answer, measures, byUser, at(at)))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  public Future<Void> requestReview(
      SqlClient db, long id, Instant at, String reason, Instant answerDue) {
    return db.preparedQuery(REQUEST_REVIEW)
        .execute(Tuple.of(id, at(at), reason, at(answerDue)))
        .mapEmpty();
  }

  /** Raises a report to the city level; empty when it was raised before. */
  public Future<Optional<Escalated>> escalate(SqlClient db, long id, Instant now) {
    return db.preparedQuery(ESCALATE)
        .execute(Tuple.of(id, at(now)))
        .map(
            rows ->
                first(rows)
                    .map(
                        r ->
                            new Escalated(
                                r.getLong("id"), r.getString("county_id"), r.getString("status"))));
  }

  /**
   * Counts a look-up from {@code address} before it is checked; at {@code lockAfter} look-ups in
   * {@code window} the address is locked for {@code lock}.
   */
  public Future<LookupAttempt> lookupAttempt(
      SqlClient db, String address, Instant now, Duration window, int lockAfter, Duration lock) {
    return db.preparedQuery(LOOKUP_ATTEMPT)
        .execute(
            Tuple.of(address, at(now), (int) window.toSeconds(), lockAfter, (int) lock.toSeconds()))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new LookupAttempt(
                  r.getInteger("failures"), r.getOffsetDateTime("locked_until"));
            });
  }

  /** The look-up matched: the address gets its attempt back. */
  public Future<Void> lookupMatched(SqlClient db, String address, int lockAfter) {
    return db.preparedQuery(LOOKUP_MATCHED).execute(Tuple.of(address, lockAfter)).mapEmpty();
  }

  /** Counts a filing from the address whose keyed digest is given, in its window. */
  public Future<FilingCount> filing(
      SqlClient db, byte[] addressDigest, Instant now, Duration window, int limit) {
    return db.preparedQuery(FILING)
        .execute(Tuple.of(Buffer.buffer(addressDigest), at(now), (int) window.toSeconds(), limit))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new FilingCount(r.getInteger("filings"), r.getOffsetDateTime("window_start"));
            });
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  static Report map(Row r) {
    Buffer sealed = r.getBuffer("reporter_enc");
    return new Report(
        r.getLong("id"),
        r.getString("tracking_no"),
        r.getString("subject_kind"),
        r.getString("subject_id"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("level"),
        r.getString("category"),
        r.getString("content"),
        r.getBoolean("anonymous"),
        sealed == null ? null : sealed.getBytes(),
        ReportStatus.fromWire(r.getString("status")).orElseThrow(),
        r.getString("not_accepted_reason"),
        r.getOffsetDateTime("received_at"),
        r.getOffsetDateTime("ack_due"),
        r.getOffsetDateTime("answer_due"),
        r.getOffsetDateTime("accepted_at"),
        r.getOffsetDateTime("answered_at"),
        r.getOffsetDateTime("closed_at"),
        r.getOffsetDateTime("escalated_at"),
        r.getOffsetDateTime("review_requested_at"),
        r.getString("review_reason"),
        r.getBoolean("overdue"),
        r.getBoolean("has_photo"),
        List.of());
  }
}
