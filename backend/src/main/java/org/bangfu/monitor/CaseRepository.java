package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.privacy.Masking;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/**
 * All SQL about monitoring cases one at a time: reading, locking, every step of their way, their
 * timeline, a late decision marked once when its deadline escalates, and the sweep of the first
 * help seen. The personal data of a person not in the register is sealed ({@link
 * PersonalDataCipher}) and leaves masked.
 */
public final class CaseRepository {
  /** The states of an open case, as SQL sees them (the de-duplication index says the same). */
  static final String OPEN =
      "('triage','checking','checked','notice','township','county','confirmed','closing')";

  static final String BEFORE_DECISION =
      "('triage','checking','checked','notice','township','county')";

  /** The predicate of the de-duplication index, word for word (ON CONFLICT infers it from this). */
  static final String OPEN_INDEX =
      "state NOT IN ('dismissed', 'not_at_risk', 'rejected', 'closed')";

  static final String COLUMNS =
      """
      SELECT c.id, c.county_id, cr.name AS county_name, c.village_id, vr.name AS village_name, c.household_id,
             coalesce(h.head_name, c.person_name) AS name, h.id_number_enc, c.person_id_enc, h.status AS household_status,
             c.kind, c.risks, c.state, c.score, c.leads,
             ARRAY(SELECT DISTINCT l.channel FROM monitor_leads l WHERE l.case_id = c.id ORDER BY 1) AS channels,
             c.green, c.green_reason, c.paperwork_due, c.opened_at, c.check_due, c.decision_due, c.late_at,
             c.escalated_to, c.dismiss_reason, c.checked_at, c.visited_on, c.income_per_head, c.income_line, c.finding,
             c.photo IS NOT NULL AS has_photo, c.notice_id, c.township_at, c.decided_at, c.decision_note, c.from_status,
             c.need_id, n.status AS need_status, c.help_confirmed_at, c.first_help_at, c.closure_notice_id, c.closed_at""";
  static final String FROM =
      """
      FROM monitor_cases c JOIN regions cr ON cr.id = c.county_id LEFT JOIN regions vr ON vr.id = c.village_id
      LEFT JOIN households h ON h.id = c.household_id LEFT JOIN needs n ON n.id = c.need_id""";
  static final String BY_ID = COLUMNS + " " + FROM + " WHERE c.id = $1";

  static final String LOCK =
      """
      SELECT id, county_id, village_id, household_id, state, kind, risks, green, notice_id, closure_notice_id,
             need_id, from_status, decided_at, opened_at, person_digest, person_name, person_id_enc, person_phone_enc,
             check_due, decision_due
        FROM monitor_cases WHERE id = $1 FOR UPDATE""";

  /** A new case for a person with none open; nothing when one is open (the caller joins it). */
  static final String INSERT =
      """
      INSERT INTO monitor_cases (county_id, village_id, household_id, person_digest, person_name, person_id_enc,
                                 person_phone_enc, kind, risks, score, opened_at, check_due, decision_due)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (person_digest) WHERE """
          + " "
          + OPEN_INDEX
          + " DO NOTHING RETURNING id";

  /**
   * A new case's first deadlines as the engine opens them (an opening's columns, {@code
   * Deadlines.openSelected}; $6 the subject type, $7 the title's prefix): the home check is the
   * village secretary's, the county desk's while the person's village is unknown (its triage names
   * it); the decision is the county desk's. Both lie in the village, or the county while it is
   * unknown, and are due at the case's dates.
   */
  private static final String CHECK_OPENINGS =
      """
      SELECT $6::text, c.id::text, $7::text || c.id,
             CASE WHEN c.village_id IS NULL THEN 'reviewer' ELSE 'village_secretary' END,
             CASE WHEN c.village_id IS NULL THEN c.county_id END, c.village_id, NULL::bigint, NULL::bigint,
             coalesce(c.village_id, c.county_id), c.check_due, NULL::text, NULL::int, NULL::text""";

  private static final String DECISION_OPENINGS =
      """
      SELECT $6::text, c.id::text, $7::text || c.id, 'reviewer', c.county_id, NULL::text, NULL::bigint,
             NULL::bigint, coalesce(c.village_id, c.county_id), c.decision_due, NULL::text, NULL::int, NULL::text""";

  /** The cases of the ids $8. */
  private static final String OF_IDS = " FROM monitor_cases c WHERE c.id = ANY($8::bigint[])";

  static String checkOpenings(String from) {
    return CHECK_OPENINGS + from;
  }

  static String decisionOpenings(String from) {
    return DECISION_OPENINGS + from;
  }

  /** The cases named by their ids (the third parameter of the openings). */
  static String casesOfIds() {
    return OF_IDS;
  }

  /** A further lead joins the person's open case. */
  static final String JOIN =
      """
      UPDATE monitor_cases SET leads = leads + 1, score = score + $2,
             risks = ARRAY(SELECT DISTINCT r FROM unnest(risks || $3::text[]) AS r ORDER BY 1),
             village_id = coalesce(village_id, $4), household_id = coalesce(household_id, $5)
       WHERE person_digest = $1 AND state IN """
          + OPEN
          + " RETURNING id";

  static final String EVENT =
      "INSERT INTO monitor_case_events (case_id, step, actor_id, note, at) VALUES ($1, $2, $3, $4, $5)";

  /**
   * A case's timeline: its steps' rows, and a step per department file that brought it leads (not
   * written per case, {@link WarningRepository#FINISH}): "opened" where the file brought the case's
   * first lead, else "lead_joined", at the file's time, numbered by the file. Files queued before
   * their steps were derived (no number) wrote rows.
   */
  static final String EVENTS =
      """
      SELECT id, step, note, at FROM monitor_case_events WHERE case_id = $1
      UNION ALL
      SELECT b.step_id, CASE WHEN l.first = f.first THEN 'opened' ELSE 'lead_joined' END,
             '"""
          + WarningRepository.STEP_NOTE
          + """
      ' || b.id, b.received_at
        FROM (SELECT ld.batch_id, min(ld.id) AS first FROM monitor_leads ld
               WHERE ld.case_id = $1 AND ld.batch_id IS NOT NULL GROUP BY ld.batch_id) l
        JOIN monitor_warning_batches b ON b.id = l.batch_id AND b.step_id IS NOT NULL
       CROSS JOIN (SELECT min(ld.id) AS first FROM monitor_leads ld WHERE ld.case_id = $1) f
       ORDER BY at, id""";

  static final String ACCEPT =
      """
      UPDATE monitor_cases SET state = 'checking', village_id = coalesce($2, village_id), kind = coalesce($3, kind),
             triaged_by = $4, triaged_at = $5
       WHERE id = $1 AND state = 'triage'""";
  static final String DISMISS =
      """
      UPDATE monitor_cases SET state = 'dismissed', dismiss_reason = $2, decision_note = $3, triaged_by = $4,
             triaged_at = $5
       WHERE id = $1 AND state = 'triage'""";
  static final String CHECK =
      """
      UPDATE monitor_cases SET state = CASE WHEN $2::boolean THEN 'checked' ELSE 'not_at_risk' END, checked_by = $3,
             checked_at = $4, visited_on = $5, income_per_head = $6, income_line = $7, finding = $8, photo_type = $9,
             photo = $10, kind = coalesce($11, kind),
             risks = ARRAY(SELECT DISTINCT r FROM unnest(risks || $12::text[]) AS r ORDER BY 1)
       WHERE id = $1 AND state = 'checking'""";
  static final String IN_NOTICE =
      "UPDATE monitor_cases SET state = 'notice', notice_id = $2 WHERE id = $1 AND state = 'checked'";
  static final String NOTICE_CLOSED =
      "UPDATE monitor_cases SET state = 'township' WHERE id = $1 AND state = 'notice'";
  static final String TOWNSHIP =
      """
      UPDATE monitor_cases SET state = CASE WHEN $2::boolean THEN 'county' ELSE 'rejected' END,
             township_by = $3::bigint, township_at = $4::timestamptz,
             decision_note = CASE WHEN $2::boolean THEN decision_note ELSE $5::text END,
             decided_at = CASE WHEN $2::boolean THEN NULL ELSE $4::timestamptz END,
             decided_by = CASE WHEN $2::boolean THEN NULL ELSE $3::bigint END
       WHERE id = $1 AND state = 'township'""";
  static final String CONFIRM =
      """
      UPDATE monitor_cases SET state = 'confirmed', kind = $2, decided_by = $3, decided_at = $4, decision_note = $5,
             from_status = $6, household_id = $7, need_id = coalesce(need_id, $8)
       WHERE id = $1 AND state = 'county'""";
  static final String REJECT =
      """
      UPDATE monitor_cases SET state = 'rejected', decided_by = $2, decided_at = $3, decision_note = $4
       WHERE id = $1 AND state IN """
          + BEFORE_DECISION;
  static final String GREEN =
      """
      UPDATE monitor_cases SET green = true, green_reason = $2, paperwork_due = $3, need_id = $4,
             help_confirmed_at = $5
       WHERE id = $1 AND NOT green AND state IN """
          + BEFORE_DECISION;
  static final String HELP_CONFIRMED =
      "UPDATE monitor_cases SET help_confirmed_at = $2 WHERE id = $1 AND help_confirmed_at IS NULL";
  static final String CLOSING =
      """
      UPDATE monitor_cases SET state = 'closing', closure_notice_id = $2, closure_income = $3, closure_note = $4
       WHERE id = $1 AND state = 'confirmed'""";
  static final String CLOSED =
      "UPDATE monitor_cases SET state = 'closed', closed_at = $2 WHERE id = $1 AND state = 'closing'";
  static final String BACK_TO_CONFIRMED =
      "UPDATE monitor_cases SET state = 'confirmed', closure_notice_id = NULL WHERE id = $1 AND state = 'closing'";

  /** Leads received since the decision (a new risk stops a closing). */
  static final String LEADS_SINCE =
      "SELECT count(*) FROM monitor_leads WHERE case_id = $1 AND received_at > $2";

  /**
   * A case whose decision is late, marked once (its deadline escalated): sent to the city over the
   * county. Nothing when it was marked before or is decided.
   */
  static final String LATE =
      """
      UPDATE monitor_cases SET late_at = $2, escalated_to = (SELECT parent_id FROM regions WHERE id = county_id)
       WHERE id = $1 AND late_at IS NULL AND state IN """
          + BEFORE_DECISION
          + """
      RETURNING id, county_id, escalated_to, decision_due, state""";

  /** The first help of a confirmed case: an allocation of its need that is not declined. */
  static final String FIRST_HELP =
      """
      UPDATE monitor_cases c SET first_help_at = $1
       WHERE c.first_help_at IS NULL AND c.need_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = c.need_id
                        AND a.status NOT IN ('declined', 'expired'))
      RETURNING c.id""";

  static final String PLACE =
      """
      SELECT v.name AS village, t.name AS township, c.name AS county
        FROM regions v LEFT JOIN regions t ON t.id = v.parent_id LEFT JOIN regions c ON c.id = t.parent_id
       WHERE v.id = $1""";
  static final String NEED_STATUS = "SELECT status FROM needs WHERE id = $1";
  static final String HOUSEHOLD_GAPS = "SELECT gaps FROM households WHERE id = $1";

  static final String PHOTO =
      "SELECT photo_type, photo, village_id, county_id FROM monitor_cases WHERE id = $1 AND photo IS NOT NULL";

  /** A case's state as locked for a step. */
  public record Locked(
      long id,
      String countyId,
      String villageId,
      Long householdId,
      CaseState state,
      String kind,
      List<String> risks,
      boolean green,
      Long noticeId,
      Long closureNoticeId,
      Long needId,
      String fromStatus,
      OffsetDateTime decidedAt,
      OffsetDateTime openedAt,
      byte[] personDigest,
      String personName,
      byte[] personIdSealed,
      byte[] personPhoneSealed,
      OffsetDateTime checkDue,
      OffsetDateTime decisionDue) {}

  /** A case to open: where, whose, what, its clock. */
  public record NewCase(
      String countyId,
      String villageId,
      Long householdId,
      byte[] personDigest,
      String personName,
      byte[] personIdSealed,
      byte[] personPhoneSealed,
      String kind,
      List<String> risks,
      int score,
      Instant openedAt,
      Instant checkDue,
      Instant decisionDue) {}

  /** The filters of the case list (each optional). */
  public record Filter(
      String region, String village, List<String> states, Boolean green, Boolean late) {}

  /** A case that turned late, marked once: where it goes. */
  public record Late(long id, String countyId, String escalatedTo, Instant due, String state) {}

  /** A home check's findings. */
  public record Check(
      boolean atRisk,
      long userId,
      Instant at,
      LocalDate visitedOn,
      long incomePerHead,
      Long incomeLine,
      String finding,
      FileContent photo,
      String kind,
      List<String> risks) {}

  public Future<Optional<MonitorCase>> find(SqlClient sql, PersonalDataCipher cipher, long id) {
    return sql.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, r -> map(r, cipher)));
  }

  public Future<Page<MonitorCase>> list(
      SqlClient sql, PersonalDataCipher cipher, Filter f, Paging paging) {
    Listing list = new Listing();
    if (f.region() != null) {
      String p = list.next(f.region());
      list.where(
          "(region_contains(" + p + ", c.county_id) OR region_contains(" + p + ", c.village_id))");
    }
    if (f.village() != null) {
      list.where("c.village_id = $?", f.village());
    }
    if (!f.states().isEmpty()) {
      list.where("c.state = ANY($?)", f.states().toArray(String[]::new));
    }
    if (f.green() != null) {
      list.where("c.green = $?", f.green());
    }
    if (Boolean.TRUE.equals(f.late())) {
      list.where("c.late_at IS NOT NULL AND c.state IN " + BEFORE_DECISION);
    }
    String order =
        f.states().equals(List.of("triage")) ? "c.score DESC, c.id" : "c.decision_due, c.id";
    return list.page(sql, COLUMNS, FROM, order, paging, r -> map(r, cipher));
  }

  public Future<Optional<Locked>> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, CaseRepository::locked));
  }

  /** Opens a case; answers its id, or empty when the person has one open already. */
  public Future<Optional<Long>> insert(SqlClient sql, NewCase c) {
    return sql.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  c.countyId(),
                  c.villageId(),
                  c.householdId(),
                  Buffer.buffer(c.personDigest()),
                  c.personName(),
                  buffer(c.personIdSealed()),
                  buffer(c.personPhoneSealed()),
                  c.kind(),
                  c.risks().toArray(String[]::new),
                  c.score(),
                  at(c.openedAt()),
                  at(c.checkDue()),
                  at(c.decisionDue())
                }))
        .map(rows -> Rows.first(rows, r -> r.getLong("id")));
  }

  /** A further lead joins the person's open case; answers its id (empty when none is open). */
  public Future<Optional<Long>> join(
      SqlClient sql, byte[] digest, int score, List<String> risks, String village, Long household) {
    return sql.preparedQuery(JOIN)
        .execute(
            Tuple.of(
                Buffer.buffer(digest), score, risks.toArray(String[]::new), village, household))
        .map(rows -> Rows.first(rows, r -> r.getLong("id")));
  }

  public Future<Void> event(
      SqlClient sql, long caseId, String step, Long actor, String note, Instant at) {
    return sql.preparedQuery(EVENT)
        .execute(Tuple.of(caseId, step, actor, note == null ? "" : note, at(at)))
        .mapEmpty();
  }

  public Future<List<CaseEvent>> events(SqlClient sql, long caseId) {
    return sql.preparedQuery(EVENTS)
        .execute(Tuple.of(caseId))
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new CaseEvent(
                            r.getLong("id"),
                            r.getString("step"),
                            r.getString("note"),
                            r.getOffsetDateTime("at"))));
  }

  public Future<Boolean> accept(
      SqlClient sql, long id, String village, String kind, long by, Instant now) {
    return update(sql, ACCEPT, Tuple.of(id, village, kind, by, at(now)));
  }

  public Future<Boolean> dismiss(
      SqlClient sql, long id, String reason, String note, long by, Instant now) {
    return update(sql, DISMISS, Tuple.of(id, reason, note, by, at(now)));
  }

  public Future<Boolean> check(SqlClient sql, long id, Check c) {
    return update(
        sql,
        CHECK,
        Tuple.from(
            new Object[] {
              id,
              c.atRisk(),
              c.userId(),
              at(c.at()),
              c.visitedOn(),
              c.incomePerHead(),
              c.incomeLine(),
              c.finding(),
              c.photo() == null ? null : c.photo().contentType(),
              c.photo() == null ? null : Buffer.buffer(c.photo().data()),
              c.kind(),
              c.risks().toArray(String[]::new)
            }));
  }

  public Future<Boolean> inNotice(SqlClient sql, long id, long noticeId) {
    return update(sql, IN_NOTICE, Tuple.of(id, noticeId));
  }

  public Future<Boolean> noticeClosed(SqlClient sql, long id) {
    return update(sql, NOTICE_CLOSED, Tuple.of(id));
  }

  public Future<Boolean> township(
      SqlClient sql, long id, boolean pass, long by, Instant now, String note) {
    return update(sql, TOWNSHIP, Tuple.of(id, pass, by, at(now), note));
  }

  /** The county's decision to monitor: the kind, the household now registered, the help's need. */
  public record Confirmation(
      String kind,
      long by,
      Instant at,
      String note,
      String fromStatus,
      long householdId,
      Long needId) {}

  public Future<Boolean> confirm(SqlClient sql, long id, Confirmation c) {
    return update(
        sql,
        CONFIRM,
        Tuple.of(
            id,
            c.kind(),
            c.by(),
            at(c.at()),
            c.note(),
            c.fromStatus(),
            c.householdId(),
            c.needId()));
  }

  public Future<Boolean> reject(SqlClient sql, long id, long by, Instant now, String note) {
    return update(sql, REJECT, Tuple.of(id, by, at(now), note));
  }

  public Future<Boolean> green(
      SqlClient sql, long id, String reason, Instant paperworkDue, long needId, Instant now) {
    return update(sql, GREEN, Tuple.of(id, reason, at(paperworkDue), needId, at(now)));
  }

  public Future<Boolean> helpConfirmed(SqlClient sql, long id, Instant now) {
    return update(sql, HELP_CONFIRMED, Tuple.of(id, at(now)));
  }

  public Future<Boolean> closing(SqlClient sql, long id, long noticeId, long income, String note) {
    return update(sql, CLOSING, Tuple.of(id, noticeId, income, note));
  }

  public Future<Boolean> closed(SqlClient sql, long id, Instant now) {
    return update(sql, CLOSED, Tuple.of(id, at(now)));
  }

  public Future<Boolean> backToConfirmed(SqlClient sql, long id) {
    return update(sql, BACK_TO_CONFIRMED, Tuple.of(id));
  }

  public Future<Long> leadsSince(SqlClient sql, long caseId, OffsetDateTime since) {
    return sql.preparedQuery(LEADS_SINCE)
        .execute(Tuple.of(caseId, since))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Marks a case late once; answers it, or empty when it was marked or decided already. */
  public Future<Optional<Late>> late(SqlClient sql, long id, Instant now) {
    return sql.preparedQuery(LATE)
        .execute(Tuple.of(id, at(now)))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new Late(
                            r.getLong("id"),
                            r.getString("county_id"),
                            r.getString("escalated_to"),
                            r.getOffsetDateTime("decision_due").toInstant(),
                            r.getString("state"))));
  }

  public Future<List<Long>> firstHelp(SqlClient sql, Instant now) {
    return sql.preparedQuery(FIRST_HELP)
        .execute(Tuple.of(at(now)))
        .map(rows -> Rows.all(rows, r -> r.getLong(0)));
  }

  /** Where a village is, by name, for its notices and needs. */
  public record Place(String county, String township, String village) {}

  public Future<Place> place(SqlClient sql, String villageId) {
    return sql.preparedQuery(PLACE)
        .execute(Tuple.of(villageId))
        .map(
            rows ->
                Rows.first(
                        rows,
                        r ->
                            new Place(
                                r.getString("county"),
                                r.getString("township"),
                                r.getString("village")))
                    .orElseThrow());
  }

  public Future<Optional<String>> needStatus(SqlClient sql, long needId) {
    return sql.preparedQuery(NEED_STATUS)
        .execute(Tuple.of(needId))
        .map(rows -> Rows.first(rows, r -> r.getString(0)));
  }

  /** A household's open 两不愁三保障 (and water) gaps. */
  public Future<List<String>> householdGaps(SqlClient sql, long householdId) {
    return sql.preparedQuery(HOUSEHOLD_GAPS)
        .execute(Tuple.of(householdId))
        .map(
            rows -> Rows.first(rows, r -> Arrays.asList(r.getArrayOfStrings(0))).orElse(List.of()));
  }

  /** A case's home-check photo, with where the case is (who may see it). */
  public record Photo(String villageId, String countyId, FileContent file) {}

  public Future<Optional<Photo>> photo(SqlClient sql, long id) {
    return sql.preparedQuery(PHOTO)
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new Photo(
                            r.getString("village_id"),
                            r.getString("county_id"),
                            new FileContent(
                                "check-" + id,
                                r.getString("photo_type"),
                                r.getBuffer("photo").getBytes()))));
  }

  private static Future<Boolean> update(SqlClient sql, String statement, Tuple args) {
    return sql.preparedQuery(statement).execute(args).map(rows -> rows.rowCount() == 1);
  }

  static OffsetDateTime at(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static Buffer buffer(byte[] b) {
    return b == null ? null : Buffer.buffer(b);
  }

  private static byte[] bytes(Buffer b) {
    return b == null ? null : b.getBytes();
  }

  static Locked locked(Row r) {
    return new Locked(
        r.getLong("id"),
        r.getString("county_id"),
        r.getString("village_id"),
        r.getLong("household_id"),
        CaseState.of(r.getString("state")),
        r.getString("kind"),
        Arrays.asList(r.getArrayOfStrings("risks")),
        r.getBoolean("green"),
        r.getLong("notice_id"),
        r.getLong("closure_notice_id"),
        r.getLong("need_id"),
        r.getString("from_status"),
        r.getOffsetDateTime("decided_at"),
        r.getOffsetDateTime("opened_at"),
        bytes(r.getBuffer("person_digest")),
        r.getString("person_name"),
        bytes(r.getBuffer("person_id_enc")),
        bytes(r.getBuffer("person_phone_enc")),
        r.getOffsetDateTime("check_due"),
        r.getOffsetDateTime("decision_due"));
  }

  /** The masked ID number of a case's person, from the household's or the case's own seal. */
  private static String maskedId(Row r, PersonalDataCipher cipher) {
    Buffer household = r.getBuffer("id_number_enc");
    if (household != null) {
      return Masking.idNumber(cipher.decrypt("household.idNumber", household.getBytes()));
    }
    Buffer person = r.getBuffer("person_id_enc");
    return person == null
        ? null
        : Masking.idNumber(cipher.decrypt(Sealing.ID_FIELD, person.getBytes()));
  }

  static MonitorCase map(Row r, PersonalDataCipher cipher) {
    return new MonitorCase(
        r.getLong("id"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getLong("household_id"),
        r.getString("name"),
        maskedId(r, cipher),
        r.getString("household_status"),
        r.getString("kind"),
        Arrays.asList(r.getArrayOfStrings("risks")),
        CaseState.of(r.getString("state")),
        r.getInteger("score"),
        r.getInteger("leads"),
        Arrays.asList(r.getArrayOfStrings("channels")),
        r.getBoolean("green"),
        r.getString("green_reason"),
        r.getOffsetDateTime("paperwork_due"),
        r.getOffsetDateTime("opened_at"),
        r.getOffsetDateTime("check_due"),
        r.getOffsetDateTime("decision_due"),
        r.getOffsetDateTime("late_at"),
        r.getString("escalated_to"),
        r.getString("dismiss_reason"),
        r.getOffsetDateTime("checked_at"),
        r.getLocalDate("visited_on"),
        r.getLong("income_per_head"),
        r.getLong("income_line"),
        r.getString("finding"),
        r.getBoolean("has_photo"),
        r.getLong("notice_id"),
        r.getOffsetDateTime("township_at"),
        r.getOffsetDateTime("decided_at"),
        r.getString("decision_note"),
        r.getString("from_status"),
        r.getLong("need_id"),
        r.getString("need_status"),
        r.getOffsetDateTime("help_confirmed_at"),
        r.getOffsetDateTime("first_help_at"),
        r.getLong("closure_notice_id"),
        r.getOffsetDateTime("closed_at"));
  }
}
