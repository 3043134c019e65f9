package org.bangfu.reports;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
   * The one definition of overdue, at the instant {@code $N}: not acknowledged by the
   * acknowledgement deadline, or still without an answer at the answer deadline.
   */
  public static String overdue(String at) {
    return "((r.status = 'received' AND r.ack_due < "
        + at
        + ") OR (r.status IN ('received', 'accepted', "
        + "'investigating', 'review_requested') AND r.answer_due < "
        + at
        + "))";
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

  /** Overdue and not yet escalated: raised to the city level (上报市级), returns what moved. */
  static final String ESCALATE =
      "UPDATE reports r SET level = 'city', escalated_at = $1, updated_at = $1 "
          + "WHERE r.escalated_at IS NULL AND "
          + overdue("$1")
          + " RETURNING r.id, r.county_id, r.status";

  static final String INSERT_PHOTO =
      "INSERT INTO report_photos (report_id, name, content_type, size, data) VALUES ($1, $2, $3, $4, $5)";
  static final String PHOTO =
      "SELECT name, content_type, data FROM report_photos WHERE report_id = $1";

  // ---- throttling of tracking look-ups, per address
  static final String THROTTLE_READ =
      "SELECT failures, window_start, locked_until FROM report_lookup_throttle "
          + "WHERE address = $1";
  static final String THROTTLE_FAIL =
      "INSERT INTO report_lookup_throttle AS t (address, failures, window_start) "
          + "VALUES ($1, 1, $2) ON CONFLICT (address) DO UPDATE SET "
          + "failures = CASE WHEN t.window_start > $3 THEN t.failures + 1 ELSE 1 END, "
          + "window_start = CASE WHEN t.window_start > $3 THEN t.window_start ELSE $2 END, "
          + "locked_until = CASE WHEN (CASE WHEN t.window_start > $3 THEN t.failures + 1 ELSE 1 END) >= $4 "
          + "THEN $5 ELSE t.locked_until END RETURNING failures";

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

  public record Throttle(int failures, OffsetDateTime windowStart, OffsetDateTime lockedUntil) {}

  public record Escalated(long id, String countyId, String status) {}

  static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  /**
   * The query that proves a report's record exists and names its county (the county handles the
   * report: 属地管理): one row {@code (county)} when the record exists; a NULL county sends the report
   * to the city.
   */
  static String countyOf(SubjectKind kind) {
    return switch (kind) {
      case NEED -> "SELECT region_county(village_id) AS county FROM needs WHERE id = $1::bigint";
      case ALLOCATION ->
          "SELECT region_county(n.village_id) AS county FROM allocations a "
              + "JOIN needs n ON n.id = a.need_id WHERE a.id = $1::bigint";
      case VILLAGE ->
          "SELECT region_county(id) AS county FROM regions WHERE id = $1 AND level = 'village'";
      case DONOR -> "SELECT home_county AS county FROM donors WHERE id = $1::bigint";
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

  public Future<List<Escalated>> escalate(SqlClient db, Instant now) {
    return db.preparedQuery(ESCALATE)
        .execute(Tuple.of(at(now)))
        .map(
            rows -> {
              List<Escalated> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new Escalated(
                              r.getLong("id"), r.getString("county_id"), r.getString("status"))));
              return out;
            });
  }

  public Future<Optional<Throttle>> throttle(SqlClient db, String address) {
    return db.preparedQuery(THROTTLE_READ)
        .execute(Tuple.of(address))
        .map(
            rows ->
                first(rows)
                    .map(
                        r ->
                            new Throttle(
                                r.getInteger("failures"),
                                r.getOffsetDateTime("window_start"),
                                r.getOffsetDateTime("locked_until"))));
  }

  /**
   * Counts a failed look-up; locks the address until {@code lockUntil} at {@code lockAfter}
   * failures.
   */
  public Future<Integer> throttleFailure(
      SqlClient db,
      String address,
      Instant now,
      Instant windowStartAfter,
      int lockAfter,
      Instant lockUntil) {
    return db.preparedQuery(THROTTLE_FAIL)
        .execute(Tuple.of(address, at(now), at(windowStartAfter), lockAfter, at(lockUntil)))
        .map(rows -> rows.iterator().next().getInteger(0));
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
