package org.bangfu.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.bangfu.auth.Role;
import org.bangfu.db.Listing;
import org.bangfu.deadlines.Deadline;
import org.bangfu.deadlines.DeadlineRepository;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * All SQL of the inbox: the open deadlines of a reader (theirs, or escalated to them) by section at
 * an instant, their counts, and the read marks. Whose a deadline is follows the indexes of V90: a
 * reviewer's desk region, a secretary's village, a donor, a role; an admin sees every one.
 */
public final class NotificationRepository {
  /** Counting stops here (the badge shows 99+ long before). */
  static final int COUNT_CAP = 5_000;

  /** Where a deadline stands at the instant {@code at}. */
  static String section(String at) {
    return "(CASE WHEN d.due_at <= "
        + at
        + " THEN 'late' WHEN d.amber_at <= "
        + at
        + " THEN 'soon' ELSE 'todo' END)";
  }

  static String read(String user, String at) {
    return "EXISTS (SELECT 1 FROM notification_reads nr WHERE nr.user_id = "
        + user
        + " AND nr.key = 'deadline:' || d.id || ':' || "
        + section(at)
        + ")";
  }

  static final String FROM = "FROM deadlines d LEFT JOIN regions pr ON pr.id = d.place";

  static final String MARK =
      """
      INSERT INTO notification_reads (user_id, key, read_at) SELECT $1, k, $3 FROM unnest($2::text[]) k
      ON CONFLICT DO NOTHING""";

  /** The reader's open deadlines, with {@code $1} the instant and {@code $2} the user. */
  private static Listing whose(Notification.Reader r) {
    Listing l = new Listing();
    l.where("$?::timestamptz IS NOT NULL", utc(r.now()));
    l.where("$?::bigint IS NOT NULL", r.userId());
    l.where("d.state = 'open' AND d.starts_at <= $1");
    if (r.role() == Role.ADMIN) {
      return l; // an admin may act at every step: every open deadline
    }
    String own =
        switch (r.role()) {
          case REVIEWER ->
              "((d.who_role = 'reviewer' AND d.who_region = $?) "
                  + "OR (d.escalated_role = 'reviewer' AND d.escalated_region = $?))";
          case VILLAGE_SECRETARY -> "(d.who_role = 'village_secretary' AND d.who_village = $?)";
          case DONOR -> "(d.who_role = 'donor' AND d.who_donor = $?)";
          default -> "(d.who_role = $? OR d.escalated_role = $?)";
        };
    Object bound =
        switch (r.role()) {
          case REVIEWER -> r.regionId();
          case VILLAGE_SECRETARY -> r.villageId();
          case DONOR -> r.donorId();
          default -> r.role().wire();
        };
    l.where("(" + own + " OR d.who_user = $2)", bound);
    return l;
  }

  static String select() {
    return "SELECT "
        + DeadlineRepository.COLUMNS
        + ", pr.name AS place_name, "
        + section("$1")
        + " AS section, "
        + read("$2", "$1")
        + " AS read, "
        + PROPOSALS;
  }

  /**
   * A donor's proposals of a round (one deadline, AllocationDeadlines): the round, and how many
   * still wait, counted as the deadline's closing counts them (V189).
   */
  static final String PROPOSALS =
      "CASE WHEN d.subject_type = 'round_proposals' THEN split_part(d.subject_id, ':', 1)::bigint"
          + " END AS proposals_round, CASE WHEN d.subject_type = 'round_proposals' THEN"
          + " round_proposals_waiting(d.subject_id) END AS proposals_waiting";

  /** One page of the reader's open deadlines in {@code section} (null: all), soonest due first. */
  Future<Page<Notification>> page(
      SqlClient db, Notification.Reader r, Deadline.Section section, String kind, Paging paging) {
    Listing l = whose(r);
    if (section != null) {
      l.where(section("$1") + " = $?", section.wire());
    }
    if (kind != null) {
      l.where("d.kind = $?", kind);
    }
    return l.page(
        db, select(), FROM, "FROM deadlines d", "d.due_at, d.id", paging, row -> map(row, r));
  }

  /** How many of the reader's open deadlines are in each section, and how many are unread. */
  Future<Notification.Counts> counts(SqlClient db, Notification.Reader r) {
    Listing l = whose(r);
    String sql =
        "SELECT count(*) FILTER (WHERE s = 'todo') AS todo, count(*) FILTER (WHERE s = 'soon') AS soon, "
            + "count(*) FILTER (WHERE s = 'late') AS late, count(*) FILTER (WHERE NOT r) AS unread, "
            + "count(*) AS total FROM (SELECT "
            + section("$1")
            + " AS s, "
            + read("$2", "$1")
            + " AS r FROM deadlines d"
            + l.clause()
            + " LIMIT "
            + (COUNT_CAP + 1)
            + ") x";
    return db.preparedQuery(sql)
        .execute(l.args())
        .map(
            rows -> {
              Row c = rows.iterator().next();
              return new Notification.Counts(
                  c.getLong("todo"),
                  c.getLong("soon"),
                  c.getLong("late"),
                  c.getLong("unread"),
                  c.getLong("total") > COUNT_CAP);
            });
  }

  Future<Integer> mark(SqlClient db, long userId, List<String> keys, OffsetDateTime at) {
    return db.preparedQuery(MARK)
        .execute(Tuple.of(userId, keys.toArray(new String[0]), at))
        .map(rows -> rows.rowCount());
  }

  /** Marks everything the reader has now read (up to the count's cap). */
  Future<Integer> markAll(SqlClient db, Notification.Reader r, OffsetDateTime at) {
    Listing l = whose(r);
    String at$ = l.next(at);
    String sql =
        "INSERT INTO notification_reads (user_id, key, read_at) SELECT $2, "
            + "'deadline:' || d.id || ':' || "
            + section("$1")
            + ", "
            + at$
            + " FROM deadlines d"
            + l.clause()
            + " LIMIT "
            + COUNT_CAP
            + " ON CONFLICT DO NOTHING";
    return db.preparedQuery(sql).execute(l.args()).map(rows -> rows.rowCount());
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  static Notification map(Row row, Notification.Reader r) {
    Deadline d = DeadlineRepository.map(row);
    boolean toReader =
        d.escalatedTo() != null
            && d.escalatedTo().role() == r.role()
            && (r.regionId() == null || r.regionId().equals(d.escalatedTo().regionId()));
    return new Notification(
        d,
        Deadline.Section.fromWire(row.getString("section")).orElseThrow(),
        row.getString("place_name"),
        toReader,
        row.getBoolean("read"),
        row.getLong("proposals_round") == null
            ? null
            : new Notification.Proposals(
                row.getLong("proposals_round"), row.getLong("proposals_waiting")));
  }
}
