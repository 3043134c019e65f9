package org.bangfu.deadlines;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.bangfu.auth.Role;
import org.bangfu.support.Rows;

/**
 * All SQL of the deadline engine. Opening is idempotent (one open deadline of a kind per subject, a
 * partial unique index); closing touches only an open one; the job's two statements change a
 * deadline only from the state they expect, so each amber and each escalation happens once however
 * many runners race.
 */
public final class DeadlineRepository {

  /**
   * A column {@code due_at} for a work list: when its row's open deadline of subject type {@code
   * subjectType} falls due ({@code idColumn} the row's id), null when none is open. The one way a
   * list shows the engine's due date next to its status.
   */
  public static String openDueAt(String subjectType, String idColumn) {
    if (!subjectType.matches("[a-z_]+") || !idColumn.matches("[a-z_.]+")) {
      throw new IllegalArgumentException("not a subject type or column: " + subjectType);
    }
    return "(SELECT min(dl.due_at) FROM deadlines dl WHERE dl.subject_type = '"
        + subjectType
        + "' AND dl.subject_id = "
        + idColumn
        + "::text AND dl.state = 'open') AS due_at";
  }

  public static final String COLUMNS =
      "d.id, d.kind, d.subject_type, d.subject_id, d.title, d.who_role, d.who_region, "
          + "d.who_village, d.who_donor, d.who_user, d.place, d.starts_at, d.due_at, d.amber_at, "
          + "d.rule_setting, d.rule_value, d.rule_unit, d.state, d.closed_at, d.phase, "
          + "d.escalation_level, d.escalated_at, d.escalated_role, d.escalated_region";

  static final String INSERT_COLUMNS =
      "INSERT INTO deadlines (kind, subject_type, subject_id, title, who_role, who_region, "
          + "who_village, who_donor, who_user, place, starts_at, due_at, amber_at, rule_setting, "
          + "rule_value, rule_unit) ";
  static final String ONE_OPEN =
      " ON CONFLICT (kind, subject_type, subject_id) WHERE state = 'open' DO NOTHING";

  /** The columns of an opening, in order, whether from arrays or a workflow's query. */
  static final String OPENING_COLUMNS =
      " AS o(subject_type, subject_id, title, who_role, who_region, who_village, who_donor, who_user, "
          + "place, due_at, rule_setting, rule_value, rule_unit)";

  /**
   * An opening's row as it is written: $1 kind, $2 starts, $3 rule setting, $4 value, $5 unit (the
   * kind's rule where the opening names none); amber when 75 % of the window is gone.
   */
  static final String OPENED_ROW =
      INSERT_COLUMNS
          + "SELECT $1, o.subject_type, o.subject_id, o.title, o.who_role, o.who_region, "
          + "o.who_village, o.who_donor, o.who_user, o.place, least($2, o.due_at), o.due_at, "
          + "least($2, o.due_at) + (o.due_at - least($2, o.due_at)) * 0.75, coalesce(o.rule_setting, $3), "
          + "CASE WHEN o.rule_setting IS NULL THEN $4 ELSE o.rule_value END, coalesce(o.rule_unit, $5) ";

  /** The openings as one array per column ($6 …). */
  static final String OPEN_ALL =
      OPENED_ROW
          + "FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], "
          + "$12::bigint[], $13::bigint[], $14::text[], $15::timestamptz[], $16::text[], $17::int[], "
          + "$18::text[])"
          + OPENING_COLUMNS
          + ONE_OPEN;

  /** The openings a workflow's query answers (its own parameters from $6). */
  static String openSelected(String select) {
    return OPENED_ROW + "FROM (" + select + ")" + OPENING_COLUMNS + ONE_OPEN;
  }

  /**
   * The openings of subjects made in the caller's transaction: none can have an open deadline yet,
   * so no conflict is looked for row by row (the arbiter's check and the speculative insertion cost
   * about a fifth of a department file's deadlines); the unique index still refuses a second open
   * one of a kind, as an error instead of nothing.
   */
  static String openSelectedForNew(String select) {
    return OPENED_ROW + "FROM (" + select + ")" + OPENING_COLUMNS;
  }

  /**
   * The open deadlines about subjects a workflow's query names ($1 subject type; the query's own
   * parameters from $2), removed: they were opened in the caller's transaction for subjects that
   * were not made after all, so no one has seen them.
   */
  static String withdrawSelected(String select) {
    return "DELETE FROM deadlines WHERE subject_type = $1 AND state = 'open' AND subject_id IN ("
        + select
        + ")";
  }

  /** $1 kind (null: every kind), $2 subject type, $3 subject ids, $4 met or cancelled, $5 when. */
  static final String CLOSE =
      "UPDATE deadlines SET state = $4, closed_at = $5 WHERE ($1::text IS NULL OR kind = $1) "
          + "AND subject_type = $2 AND subject_id = ANY($3::text[]) AND state = 'open'";

  /**
   * The open deadlines of kind $1 about subjects of type $2 that a workflow's query names (its
   * parameters from $3), locked in id order.
   */
  static String lockSelected(String select) {
    return "SELECT d.id FROM deadlines d WHERE d.kind = $1 AND d.subject_type = $2 AND d.state ="
        + " 'open' AND d.subject_id IN ("
        + select
        + ") ORDER BY d.id FOR UPDATE";
  }

  /** Of the deadlines $1 (ids, locked), those still open where {@code done} holds: $2 at $3. */
  static String closeWhere(String done) {
    return "UPDATE deadlines d SET state = $2, closed_at = $3 WHERE d.id = ANY($1::bigint[]) AND"
        + " d.state = 'open' AND ("
        + done
        + ")";
  }

  /** At $1, at most $2: open deadlines whose window is 75 % gone turn amber, once. */
  static final String TURN_AMBER =
      "UPDATE deadlines d SET phase = 'amber' FROM (SELECT id FROM deadlines "
          + "WHERE state = 'open' AND phase = 'on_time' AND amber_at <= $1 AND due_at > $1 "
          + "ORDER BY amber_at, id LIMIT $2) c WHERE d.id = c.id AND d.phase = 'on_time' "
          + "RETURNING d.id";

  /**
   * The once-only condition of an escalation, checked again on the row as it is when the UPDATE
   * gets its lock: a runner that waited for another's escalation of the same deadline finds it
   * escalated and leaves it.
   */
  static final String NOT_YET_ESCALATED = "d.escalated_at IS NULL";

  /** At $1, at most $2: open deadlines past due turn red and are claimed for escalation, once. */
  static final String ESCALATE =
      "UPDATE deadlines d SET phase = 'red', escalated_at = $1, "
          + "escalation_level = d.escalation_level + 1 FROM (SELECT id FROM deadlines "
          + "WHERE state = 'open' AND escalated_at IS NULL AND due_at <= $1 "
          + "ORDER BY due_at, id LIMIT $2) c WHERE d.id = c.id AND d.state = 'open' AND "
          + NOT_YET_ESCALATED
          + " RETURNING "
          + COLUMNS;

  /** Whom each escalated deadline went to: $1 ids, $2 roles, $3 regions. */
  static final String SET_TARGETS =
      "UPDATE deadlines d SET escalated_role = t.role, escalated_region = t.region "
          + "FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(id, role, region) "
          + "WHERE d.id = t.id";

  static final String OF_SUBJECT =
      "SELECT "
          + COLUMNS
          + " FROM deadlines d WHERE d.subject_type = $1 AND d.subject_id = $2 "
          + "ORDER BY d.id";

  /** The arrays of one statement opening several deadlines of a kind. */
  private record Columns(
      String[] type,
      String[] id,
      String[] title,
      String[] role,
      String[] region,
      String[] village,
      Long[] donor,
      Long[] user,
      String[] place,
      OffsetDateTime[] due,
      String[] setting,
      Integer[] value,
      String[] unit) {

    static Columns of(List<Opening> openings, List<Instant> dues) {
      int n = openings.size();
      Columns c =
          new Columns(
              new String[n],
              new String[n],
              new String[n],
              new String[n],
              new String[n],
              new String[n],
              new Long[n],
              new Long[n],
              new String[n],
              new OffsetDateTime[n],
              new String[n],
              new Integer[n],
              new String[n]);
      for (int i = 0; i < n; i++) {
        c.fill(i, openings.get(i), dues.get(i));
      }
      return c;
    }

    private void fill(int i, Opening o, Instant dueAt) {
      type[i] = o.subject().type();
      id[i] = o.subject().id();
      title[i] = o.title();
      role[i] = o.who().role().wire();
      region[i] = o.who().regionId();
      village[i] = o.who().villageId();
      donor[i] = o.who().donorId();
      user[i] = o.who().userId();
      place[i] = o.place();
      due[i] = utc(dueAt);
      Rule r = o.rule();
      setting[i] = r == null ? null : r.setting();
      value[i] = r == null ? null : r.value();
      unit[i] = r == null ? null : r.unit().wire();
    }
  }

  /** Deadlines opened per statement (a national round proposes hundreds of thousands). */
  static final int CHUNK = 20_000;

  /**
   * Opens each deadline of {@code kind} that is not open yet, starting at {@code start}, due at
   * {@code dues} (one per opening), {@link #CHUNK} per statement; answers how many opened.
   */
  public Future<Integer> open(
      SqlClient db,
      DeadlineKind kind,
      Rule rule,
      Instant start,
      List<Opening> openings,
      List<Instant> dues) {
    Future<Integer> opened = Future.succeededFuture(0);
    for (int from = 0; from < openings.size(); from += CHUNK) {
      int to = Math.min(openings.size(), from + CHUNK);
      Columns c = Columns.of(openings.subList(from, to), dues.subList(from, to));
      opened = opened.compose(n -> openChunk(db, kind, rule, start, c).map(m -> n + m));
    }
    return opened;
  }

  /**
   * Opens a deadline of {@code kind} for each row {@code select} answers (the columns of an opening
   * in order, its parameters {@code args} numbered from $6), in one statement.
   */
  public Future<Integer> openSelected(
      SqlClient db, DeadlineKind kind, Rule rule, Instant start, String select, List<?> args) {
    return openSelected(db, openSelected(select), kind, rule, start, args);
  }

  /** As {@link #openSelected}, for subjects made in the caller's transaction. */
  public Future<Integer> openSelectedForNew(
      SqlClient db, DeadlineKind kind, Rule rule, Instant start, String select, List<?> args) {
    return openSelected(db, openSelectedForNew(select), kind, rule, start, args);
  }

  /**
   * Removes the open deadlines of the subjects {@code select} names ({@link #withdrawSelected}).
   */
  public Future<Integer> withdrawSelected(
      SqlClient db, String subjectType, String select, List<?> args) {
    Object[] all = new Object[1 + args.size()];
    all[0] = subjectType;
    for (int i = 0; i < args.size(); i++) {
      all[1 + i] = args.get(i);
    }
    return db.preparedQuery(withdrawSelected(select))
        .execute(Tuple.from(all))
        .map(rows -> rows.rowCount());
  }

  private static Future<Integer> openSelected(
      SqlClient db, String sql, DeadlineKind kind, Rule rule, Instant start, List<?> args) {
    Object[] all = new Object[5 + args.size()];
    all[0] = kind.wire();
    all[1] = utc(start);
    all[2] = rule.setting();
    all[3] = rule.value();
    all[4] = rule.unit().wire();
    for (int i = 0; i < args.size(); i++) {
      all[5 + i] = args.get(i);
    }
    return db.preparedQuery(sql).execute(Tuple.from(all)).map(rows -> rows.rowCount());
  }

  private static Future<Integer> openChunk(
      SqlClient db, DeadlineKind kind, Rule rule, Instant start, Columns c) {
    Object[] args = {
      kind.wire(),
      utc(start),
      rule.setting(),
      rule.value(),
      rule.unit().wire(),
      c.type(),
      c.id(),
      c.title(),
      c.role(),
      c.region(),
      c.village(),
      c.donor(),
      c.user(),
      c.place(),
      c.due(),
      c.setting(),
      c.value(),
      c.unit()
    };
    return db.preparedQuery(OPEN_ALL).execute(Tuple.from(args)).map(rows -> rows.rowCount());
  }

  /** Closes the open deadlines of {@code kind} (null: of every kind) of these subjects. */
  public Future<Integer> close(
      SqlClient db,
      DeadlineKind kind,
      String subjectType,
      List<String> ids,
      Deadline.State to,
      Instant at) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return db.preparedQuery(CLOSE)
        .execute(
            Tuple.of(
                kind == null ? null : kind.wire(),
                subjectType,
                ids.toArray(new String[0]),
                to.wire(),
                utc(at)))
        .map(rows -> rows.rowCount());
  }

  /**
   * {@link #lockSelected}, then {@link #closeWhere} in a statement of its own (after the locks).
   */
  public Future<Integer> closeWhenDone(
      SqlClient db,
      DeadlineKind kind,
      String subjectType,
      String select,
      List<?> args,
      String done,
      Deadline.State to,
      Instant at) {
    Object[] all = new Object[2 + args.size()];
    all[0] = kind.wire();
    all[1] = subjectType;
    for (int i = 0; i < args.size(); i++) {
      all[2 + i] = args.get(i);
    }
    return db.preparedQuery(lockSelected(select))
        .execute(Tuple.from(all))
        .compose(
            locked -> {
              if (locked.size() == 0) {
                return Future.succeededFuture(0);
              }
              Long[] ids = new Long[locked.size()];
              int i = 0;
              for (var row : locked) {
                ids[i++] = row.getLong(0);
              }
              return db.preparedQuery(closeWhere(done))
                  .execute(Tuple.of(ids, to.wire(), utc(at)))
                  .map(rows -> rows.rowCount());
            });
  }

  Future<Integer> turnAmber(SqlClient db, Instant now, int limit) {
    return db.preparedQuery(TURN_AMBER)
        .execute(Tuple.of(utc(now), limit))
        .map(rows -> rows.rowCount());
  }

  Future<List<Deadline>> escalate(SqlClient db, Instant now, int limit) {
    return db.preparedQuery(ESCALATE)
        .execute(Tuple.of(utc(now), limit))
        .map(rows -> Rows.all(rows, DeadlineRepository::map));
  }

  Future<Void> setTargets(SqlClient db, List<Long> ids, List<Owner> targets) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] roles = targets.stream().map(o -> o.role().wire()).toArray(String[]::new);
    String[] regions = targets.stream().map(Owner::regionId).toArray(String[]::new);
    return db.preparedQuery(SET_TARGETS)
        .execute(Tuple.from(new Object[] {ids.toArray(new Long[0]), roles, regions}))
        .mapEmpty();
  }

  /** Every deadline of a subject, open or closed, oldest first. */
  public Future<List<Deadline>> ofSubject(SqlClient db, Subject s) {
    return db.preparedQuery(OF_SUBJECT)
        .execute(Tuple.of(s.type(), s.id()))
        .map(rows -> Rows.all(rows, DeadlineRepository::map));
  }

  static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  /** A row selected with {@link #COLUMNS}. */
  public static Deadline map(Row r) {
    String toRole = r.getString("escalated_role");
    return new Deadline(
        r.getLong("id"),
        r.getString("kind"),
        new Subject(r.getString("subject_type"), r.getString("subject_id")),
        r.getString("title"),
        new Owner(
            Role.fromWire(r.getString("who_role")).orElseThrow(),
            r.getString("who_region"),
            r.getString("who_village"),
            r.getLong("who_donor"),
            r.getLong("who_user")),
        r.getString("place"),
        r.getOffsetDateTime("starts_at"),
        r.getOffsetDateTime("due_at"),
        r.getOffsetDateTime("amber_at"),
        new Rule(
            r.getString("rule_setting"),
            r.getInteger("rule_value"),
            Rule.Unit.fromWire(r.getString("rule_unit"))),
        Deadline.State.fromWire(r.getString("state")),
        r.getOffsetDateTime("closed_at"),
        r.getString("phase"),
        r.getInteger("escalation_level"),
        r.getOffsetDateTime("escalated_at"),
        toRole == null
            ? null
            : new Owner(
                Role.fromWire(toRole).orElseThrow(),
                r.getString("escalated_region"),
                null,
                null,
                null));
  }
}
