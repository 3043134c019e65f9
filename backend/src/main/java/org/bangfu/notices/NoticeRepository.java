package org.bangfu.notices;

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
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** All SQL of public notices and objections. Every method takes a {@link SqlClient}. */
public final class NoticeRepository {

  static final String NOTICE_SELECT =
      """
      SELECT n.id, n.kind, n.subject_type, n.subject_id, n.region_id, r.name AS region_name,
             n.county_id, c.name AS county_name, n.title, n.amount, n.source, n.purpose, n.place,
             n.implementer, n.beneficiaries, n.published_at, n.window_ends_at, n.status, n.closed_at,
             n.correction, n.corrected_at, n.withdrawn_reason,
             (SELECT count(*) FROM notice_objections o WHERE o.notice_id = n.id AND o.status = 'open') AS open_objections,
             (SELECT count(*) FROM notice_objections o WHERE o.notice_id = n.id) AS objections""";
  static final String NOTICE_FROM =
      """
      FROM notices n
      JOIN regions r ON r.id = n.region_id
      LEFT JOIN regions c ON c.id = n.county_id""";
  static final String NOTICE_ORDER = "n.published_at DESC, n.id DESC";
  static final String BY_ID = NOTICE_SELECT + " " + NOTICE_FROM + " WHERE n.id = $1";
  static final String LOCK =
      "SELECT id, status, published_at, window_ends_at, region_id FROM notices WHERE id = $1 FOR UPDATE";
  static final String INSERT =
      """
      INSERT INTO notices (kind, subject_type, subject_id, region_id, county_id, title, amount, source,
                           purpose, place, implementer, beneficiaries, published_at, window_ends_at)
      VALUES ($1, $2, $3, $4, (SELECT id FROM regions WHERE id = $5), $6, $7, $8, $9, $10, $11, $12, $13, $14)
      RETURNING id""";
  static final String EXISTS =
      """
      SELECT id FROM notices WHERE kind = $1 AND subject_type = $2 AND subject_id = $3
         AND corrected_at IS NULL ORDER BY id DESC LIMIT 1""";

  /** The standing (uncorrected) notice of a subject, locked for its correction. */
  static final String LOCK_STANDING =
      """
      SELECT id, status, published_at, window_ends_at, region_id FROM notices
       WHERE kind = $1 AND subject_type = $2 AND subject_id = $3 AND corrected_at IS NULL
       ORDER BY id DESC LIMIT 1 FOR UPDATE""";

  static final String CORRECT =
      "UPDATE notices SET correction = $2, corrected_at = $3 WHERE id = $1 AND corrected_at IS NULL";
  static final String SET_STATUS = "UPDATE notices SET status = $2 WHERE id = $1";

  /** A notice not closed yet is withdrawn, with the reason (a founded objection). */
  static final String WITHDRAW =
      """
      UPDATE notices SET status = 'withdrawn', closed_at = $2, withdrawn_reason = $3
       WHERE id = $1 AND status IN ('open', 'held')""";

  /** Open notices whose window has passed with no open objection (held ones never qualify). */
  static final String DUE =
      """
      SELECT id FROM notices
       WHERE status = 'open' AND window_ends_at <= $1
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED""";

  static final String CLOSE =
      """
      UPDATE notices n SET status = 'closed', closed_at = $2
       WHERE n.id = $1 AND n.status = 'open'
         AND NOT EXISTS (SELECT 1 FROM notice_objections o WHERE o.notice_id = n.id AND o.status = 'open')""";

  static final String OBJECTION_SELECT =
      """
      SELECT o.id, o.notice_id, n.title AS notice_title, n.region_id, r.name AS region_name, o.text,
             o.contact_enc, o.filed_at, o.due_at, o.status, o.answer, o.answered_at""";
  static final String OBJECTION_FROM =
      """
      FROM notice_objections o
      JOIN notices n ON n.id = o.notice_id
      JOIN regions r ON r.id = n.region_id""";
  static final String OBJECTIONS_OF_NOTICE =
      OBJECTION_SELECT + " " + OBJECTION_FROM + " WHERE o.notice_id = $1 ORDER BY o.id";
  static final String OBJECTION_BY_ID =
      OBJECTION_SELECT + " " + OBJECTION_FROM + " WHERE o.id = $1";
  static final String FILED_SINCE =
      """
      SELECT count(*) FROM notice_objections WHERE address_digest = $1 AND filed_at > $2""";
  static final String ADDRESS_LOCK =
      "SELECT pg_advisory_xact_lock(4242040, hashtext(encode($1::bytea, 'hex')))";
  static final String INSERT_OBJECTION =
      """
      INSERT INTO notice_objections (notice_id, text, contact_enc, address_digest, filed_at, due_at)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";
  static final String LOCK_OBJECTION =
      "SELECT notice_id, status FROM notice_objections WHERE id = $1 FOR UPDATE";
  static final String OBJECTION_NOTICE = "SELECT notice_id FROM notice_objections WHERE id = $1";
  static final String ANSWER =
      """
      UPDATE notice_objections SET status = 'answered', answer = $2, answered_at = $3, answered_by = $4
       WHERE id = $1 AND status = 'open'""";
  static final String OPEN_OBJECTIONS =
      "SELECT count(*) FROM notice_objections WHERE notice_id = $1 AND status = 'open'";

  /** A notice's state as locked for a change. */
  /** What the notice of a verified allocation is made from. */
  public record VerifiedAllocation(
      String status,
      String unit,
      long quantity,
      String needTitle,
      boolean forHousehold,
      String villageId,
      String villageName,
      String townshipName,
      String countyName,
      String donorName,
      String campaignName) {}

  static final String VERIFIED_ALLOCATION =
      """
      SELECT a.status, a.unit, a.quantity, n.title AS need_title, n.household_id, n.village_id,
             v.name AS village_name, t.name AS township_name, c.name AS county_name,
             d.name AS donor_name, cp.name AS campaign_name
        FROM allocations a
        JOIN needs n ON n.id = a.need_id
        JOIN regions v ON v.id = n.village_id
        LEFT JOIN regions t ON t.id = v.parent_id
        LEFT JOIN regions c ON c.id = t.parent_id
        JOIN pledges p ON p.id = a.pledge_id
        JOIN donors d ON d.id = p.donor_id
        LEFT JOIN campaigns cp ON cp.id = p.campaign_id
       WHERE a.id = $1""";

  /** An allocation with the names its notice shows, or empty when there is none. */
  public Future<Optional<VerifiedAllocation>> verifiedAllocation(SqlClient db, long id) {
    return db.preparedQuery(VERIFIED_ALLOCATION)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(verifiedAllocation(rows.iterator().next())));
  }

  private static VerifiedAllocation verifiedAllocation(Row r) {
    return new VerifiedAllocation(
        r.getString("status"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getString("need_title"),
        r.getLong("household_id") != null,
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("township_name"),
        r.getString("county_name"),
        r.getString("donor_name"),
        r.getString("campaign_name"));
  }

  public record Locked(
      long id, Notice.Status status, Instant publishedAt, Instant windowEndsAt, String regionId) {}

  /** Filters of the notice list (each optional). */
  public record Filter(
      String text,
      String county,
      String village,
      String kind,
      String status,
      java.time.LocalDate from,
      java.time.LocalDate to,
      boolean corrected) {}

  /** Filters of the objection list: the region a reviewer sees (null: all), status. */
  public record ObjectionFilter(String region, String status) {}

  public Future<Long> insert(
      SqlClient db, NoticeDraft d, String countyId, Instant published, Instant windowEnds) {
    return db.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  d.kind(),
                  d.subjectType(),
                  d.subjectId(),
                  d.regionId(),
                  countyId,
                  d.title(),
                  d.amount(),
                  d.source(),
                  d.purpose(),
                  d.place(),
                  d.implementer(),
                  d.beneficiaries(),
                  utc(published),
                  utc(windowEnds)
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<Long>> existing(
      SqlClient db, String kind, String subjectType, String subjectId) {
    return db.preparedQuery(EXISTS)
        .execute(Tuple.of(kind, subjectType, subjectId))
        .map(rows -> first(rows).map(r -> r.getLong(0)));
  }

  public Future<Optional<Notice>> find(SqlClient db, long id) {
    return db.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(NoticeRepository::notice));
  }

  public Future<Page<Notice>> list(SqlClient db, Filter f, Paging paging) {
    return listing(f)
        .page(db, NOTICE_SELECT, NOTICE_FROM, NOTICE_ORDER, paging, NoticeRepository::notice);
  }

  /** Every notice matching {@code f} (for exports), newest first, at most {@code limit}. */
  public Future<List<Notice>> all(SqlClient db, Filter f, int limit) {
    Listing l = listing(f);
    String sql =
        NOTICE_SELECT
            + " "
            + NOTICE_FROM
            + l.clause()
            + " ORDER BY "
            + NOTICE_ORDER
            + " LIMIT "
            + Math.max(1, limit);
    return db.preparedQuery(sql)
        .execute(l.args())
        .map(
            rows -> {
              List<Notice> out = new ArrayList<>();
              rows.forEach(r -> out.add(notice(r)));
              return out;
            });
  }

  private static Listing listing(Filter f) {
    Listing l = new Listing();
    if (f.text() != null) {
      String like = Listing.contains(f.text());
      l.where(
          "(n.title ILIKE $? OR n.place ILIKE $? OR n.implementer ILIKE $? OR n.purpose ILIKE $? OR r.name ILIKE $?)",
          like);
    }
    if (f.county() != null) {
      l.where("n.county_id = $?", f.county());
    }
    if (f.village() != null) {
      l.where("n.region_id = $?", f.village());
    }
    if (f.kind() != null) {
      l.where("n.kind = $?", f.kind());
    }
    if (f.status() != null) {
      l.where("n.status = $?", f.status());
    }
    if (f.corrected()) {
      l.where("n.corrected_at IS NOT NULL");
    }
    if (f.from() != null) {
      l.where("n.published_at >= $?", f.from().atStartOfDay().atOffset(ZoneOffset.ofHours(8)));
    }
    if (f.to() != null) {
      l.where(
          "n.published_at < $?", f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.ofHours(8)));
    }
    return l;
  }

  public Future<Optional<Locked>> lock(SqlClient db, long id) {
    return db.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(NoticeRepository::locked));
  }

  /** Locks the standing (uncorrected) notice of a subject; empty when there is none. */
  public Future<Optional<Locked>> lockStanding(
      SqlClient db, String kind, String subjectType, String subjectId) {
    return db.preparedQuery(LOCK_STANDING)
        .execute(Tuple.of(kind, subjectType, subjectId))
        .map(rows -> first(rows).map(NoticeRepository::locked));
  }

  /** Publishes the correction of a (locked) notice; true when it had none before. */
  public Future<Boolean> correct(SqlClient db, long id, String correction, Instant at) {
    return db.preparedQuery(CORRECT)
        .execute(Tuple.of(id, correction, utc(at)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Locked locked(Row r) {
    return new Locked(
        r.getLong("id"),
        Notice.Status.fromWire(r.getString("status")).orElseThrow(),
        r.getOffsetDateTime("published_at").toInstant(),
        r.getOffsetDateTime("window_ends_at").toInstant(),
        r.getString("region_id"));
  }

  public Future<Void> setStatus(SqlClient db, long id, Notice.Status status) {
    return db.preparedQuery(SET_STATUS).execute(Tuple.of(id, status.wire())).mapEmpty();
  }

  public Future<List<Long>> due(SqlClient db, Instant now, int limit) {
    return db.preparedQuery(DUE)
        .execute(Tuple.of(utc(now), limit))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong(0)));
              return ids;
            });
  }

  /** Withdraws the notice if it is not closed; true when it did. */
  public Future<Boolean> withdraw(SqlClient db, long id, Instant now, String reason) {
    return db.preparedQuery(WITHDRAW)
        .execute(Tuple.of(id, utc(now), reason))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Closes the notice if it is open with no open objection; true when it did. */
  public Future<Boolean> close(SqlClient db, long id, Instant now) {
    return db.preparedQuery(CLOSE)
        .execute(Tuple.of(id, utc(now)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<List<Objection>> objectionsOf(SqlClient db, long noticeId) {
    return db.preparedQuery(OBJECTIONS_OF_NOTICE)
        .execute(Tuple.of(noticeId))
        .map(
            rows -> {
              List<Objection> out = new ArrayList<>();
              rows.forEach(r -> out.add(objection(r)));
              return out;
            });
  }

  public Future<Optional<Objection>> findObjection(SqlClient db, long id) {
    return db.preparedQuery(OBJECTION_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(NoticeRepository::objection));
  }

  /** Sealed contact of an objection (null when none was given). */
  public Future<Optional<byte[]>> contactOf(SqlClient db, long id) {
    return db.preparedQuery("SELECT contact_enc FROM notice_objections WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(r -> bytes(r.getBuffer(0))));
  }

  public Future<Page<Objection>> objections(SqlClient db, ObjectionFilter f, Paging paging) {
    Listing l = new Listing();
    if (f.region() != null) {
      l.where(
          "(n.region_id = $? OR n.region_id LIKE $? || '-%' OR (char_length($?) = 4 AND n.region_id LIKE $? || '%'))",
          f.region());
    }
    if (f.status() != null) {
      l.where("o.status = $?", f.status());
    }
    return l.page(
        db,
        OBJECTION_SELECT,
        OBJECTION_FROM,
        "o.status DESC, o.due_at, o.id",
        paging,
        NoticeRepository::objection);
  }

  public Future<Long> filedSince(SqlClient db, byte[] addressDigest, Instant since) {
    return db.preparedQuery(ADDRESS_LOCK)
        .execute(Tuple.of(Buffer.buffer(addressDigest)))
        .compose(
            v ->
                db.preparedQuery(FILED_SINCE)
                    .execute(Tuple.of(Buffer.buffer(addressDigest), utc(since))))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> insertObjection(
      SqlClient db,
      long noticeId,
      String text,
      byte[] contact,
      byte[] address,
      Instant filed,
      Instant due) {
    return db.preparedQuery(INSERT_OBJECTION)
        .execute(
            Tuple.from(
                new Object[] {
                  noticeId,
                  text,
                  contact == null ? null : Buffer.buffer(contact),
                  Buffer.buffer(address),
                  utc(filed),
                  utc(due)
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<Long>> noticeOfObjection(SqlClient db, long objectionId) {
    return db.preparedQuery(OBJECTION_NOTICE)
        .execute(Tuple.of(objectionId))
        .map(rows -> first(rows).map(r -> r.getLong(0)));
  }

  /** Locks an objection; its status, or empty when there is none. */
  public Future<Optional<Objection.Status>> lockObjection(SqlClient db, long id) {
    return db.preparedQuery(LOCK_OBJECTION)
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(r -> Objection.Status.fromWire(r.getString("status"))));
  }

  public Future<Boolean> answer(SqlClient db, long id, String answer, Instant at, long by) {
    return db.preparedQuery(ANSWER)
        .execute(Tuple.of(id, answer, utc(at), by))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Long> openObjections(SqlClient db, long noticeId) {
    return db.preparedQuery(OPEN_OBJECTIONS)
        .execute(Tuple.of(noticeId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  private static byte[] bytes(Buffer b) {
    return b == null ? null : b.getBytes();
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  static Notice notice(Row r) {
    return new Notice(
        r.getLong("id"),
        r.getString("kind"),
        r.getString("subject_type"),
        r.getString("subject_id"),
        r.getString("region_id"),
        r.getString("region_name"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("title"),
        r.getLong("amount"),
        r.getString("source"),
        r.getString("purpose"),
        r.getString("place"),
        r.getString("implementer"),
        r.getString("beneficiaries"),
        r.getOffsetDateTime("published_at"),
        r.getOffsetDateTime("window_ends_at"),
        Notice.Status.fromWire(r.getString("status")).orElseThrow(),
        r.getOffsetDateTime("closed_at"),
        r.getLong("open_objections").intValue(),
        r.getLong("objections").intValue(),
        r.getString("correction"),
        r.getOffsetDateTime("corrected_at"),
        r.getString("withdrawn_reason"));
  }

  static Objection objection(Row r) {
    return new Objection(
        r.getLong("id"),
        r.getLong("notice_id"),
        r.getString("notice_title"),
        r.getString("region_id"),
        r.getString("region_name"),
        r.getString("text"),
        null,
        r.getBuffer("contact_enc") != null,
        r.getOffsetDateTime("filed_at"),
        r.getOffsetDateTime("due_at"),
        Objection.Status.fromWire(r.getString("status")),
        r.getString("answer"),
        r.getOffsetDateTime("answered_at"));
  }
}
