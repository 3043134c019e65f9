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
import org.bangfu.support.Rows;

/**
 * All SQL about single leads (a self-report, a cadre's visit) and self-reports' tracking; a
 * department's warnings come in sets ({@link WarningRepository}).
 */
public final class LeadRepository {
  static final String INSERT =
      """
      INSERT INTO monitor_leads (case_id, channel, department, visit_reason, risk, amount, detail, reported_by,
                                 received_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""";
  static final String OF_CASE =
      """
      SELECT id, case_id, channel, department, batch_id, row_no, visit_reason, risk, amount, detail, received_at
        FROM monitor_leads WHERE case_id = $1 ORDER BY received_at, id LIMIT 200""";
  static final String INSERT_REPORT =
      """
      INSERT INTO monitor_self_reports (tracking_number, secret_digest, address_digest, lead_id, filed_at)
      VALUES ($1, $2, $3, $4, $5)""";

  /** Serialises the reports of one address, so the daily limit holds for reports sent at once. */
  static final String ADDRESS_LOCK =
      "SELECT pg_advisory_xact_lock(4242111, hashtext(encode($1::bytea, 'hex')))";

  static final String FILED_SINCE =
      "SELECT count(*) FROM monitor_self_reports WHERE address_digest = $1 AND filed_at > $2";
  static final String BY_TRACKING =
      """
      SELECT r.secret_digest, r.filed_at, c.state, c.check_due, c.decision_due, c.checked_at, c.decided_at,
             c.help_confirmed_at, c.first_help_at, c.closed_at, c.green
        FROM monitor_self_reports r JOIN monitor_leads l ON l.id = r.lead_id JOIN monitor_cases c ON c.id = l.case_id
       WHERE r.tracking_number = $1""";

  /** The registered household whose head's ID number has this digest (the blind index). */
  static final String HOUSEHOLD_BY_DIGEST =
      "SELECT id, village_id, status FROM households WHERE id_number_digest = $1";

  static final String HOUSEHOLD =
      "SELECT id, village_id, status, id_number_digest FROM households WHERE id = $1";
  static final String REGION_LEVEL = "SELECT level FROM regions WHERE id = $1";

  /** A registered household as a lead finds it. */
  public record Found(long id, String villageId, String status, byte[] digest) {}

  /** A lead to add to a case. */
  public record NewLead(
      long caseId,
      String channel,
      String department,
      String visitReason,
      String risk,
      Long amount,
      String detail,
      Long reportedBy,
      Instant receivedAt) {}

  /** What a self-report's tracking shows: where its case is, never who or what. */
  public record Tracked(
      byte[] secretDigest,
      OffsetDateTime filedAt,
      CaseState state,
      OffsetDateTime checkDue,
      OffsetDateTime decisionDue,
      OffsetDateTime checkedAt,
      OffsetDateTime decidedAt,
      OffsetDateTime helpConfirmedAt,
      OffsetDateTime firstHelpAt,
      OffsetDateTime closedAt,
      boolean green) {}

  public Future<Long> insert(SqlClient sql, NewLead l) {
    return sql.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  l.caseId(),
                  l.channel(),
                  l.department(),
                  l.visitReason(),
                  l.risk(),
                  l.amount(),
                  l.detail(),
                  l.reportedBy(),
                  at(l.receivedAt())
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<Found>> householdByDigest(SqlClient sql, byte[] digest) {
    return sql.preparedQuery(HOUSEHOLD_BY_DIGEST)
        .execute(Tuple.of(Buffer.buffer(digest)))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new Found(
                            r.getLong("id"),
                            r.getString("village_id"),
                            r.getString("status"),
                            digest)));
  }

  public Future<Optional<Found>> household(SqlClient sql, long id) {
    return sql.preparedQuery(HOUSEHOLD)
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new Found(
                            r.getLong("id"),
                            r.getString("village_id"),
                            r.getString("status"),
                            r.getBuffer("id_number_digest").getBytes())));
  }

  public Future<Optional<String>> regionLevel(SqlClient sql, String region) {
    return sql.preparedQuery(REGION_LEVEL)
        .execute(Tuple.of(region))
        .map(rows -> Rows.first(rows, r -> r.getString(0)));
  }

  public Future<List<Lead>> ofCase(SqlClient sql, long caseId) {
    return sql.preparedQuery(OF_CASE)
        .execute(Tuple.of(caseId))
        .map(rows -> Rows.all(rows, LeadRepository::map));
  }

  /** The self-reports one address filed since {@code since}, its lock held to the commit. */
  public Future<Long> filedSince(SqlClient sql, byte[] addressDigest, Instant since) {
    return sql.preparedQuery(ADDRESS_LOCK)
        .execute(Tuple.of(Buffer.buffer(addressDigest)))
        .compose(
            v ->
                sql.preparedQuery(FILED_SINCE)
                    .execute(Tuple.of(Buffer.buffer(addressDigest), at(since))))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Void> insertReport(
      SqlClient sql,
      String tracking,
      byte[] secretDigest,
      byte[] addressDigest,
      long leadId,
      Instant now) {
    return sql.preparedQuery(INSERT_REPORT)
        .execute(
            Tuple.of(
                tracking,
                Buffer.buffer(secretDigest),
                Buffer.buffer(addressDigest),
                leadId,
                at(now)))
        .mapEmpty();
  }

  public Future<Optional<Tracked>> tracked(SqlClient sql, String tracking) {
    return sql.preparedQuery(BY_TRACKING)
        .execute(Tuple.of(tracking))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new Tracked(
                            r.getBuffer("secret_digest").getBytes(),
                            r.getOffsetDateTime("filed_at"),
                            CaseState.of(r.getString("state")),
                            r.getOffsetDateTime("check_due"),
                            r.getOffsetDateTime("decision_due"),
                            r.getOffsetDateTime("checked_at"),
                            r.getOffsetDateTime("decided_at"),
                            r.getOffsetDateTime("help_confirmed_at"),
                            r.getOffsetDateTime("first_help_at"),
                            r.getOffsetDateTime("closed_at"),
                            r.getBoolean("green"))));
  }

  private static OffsetDateTime at(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  static Lead map(Row r) {
    return new Lead(
        r.getLong("id"),
        r.getLong("case_id"),
        r.getString("channel"),
        r.getString("department"),
        r.getLong("batch_id"),
        r.getInteger("row_no"),
        r.getString("visit_reason"),
        r.getString("risk"),
        r.getLong("amount"),
        r.getString("detail"),
        r.getOffsetDateTime("received_at"));
  }
}
