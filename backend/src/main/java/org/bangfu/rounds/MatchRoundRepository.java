package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** The SQL of match rounds (the problem a round solves is read by {@link ProblemRepository}). */
public final class MatchRoundRepository {
  static final String COLUMNS =
      """
      SELECT r.id, r.campaign_id, r.round_date, r.status, r.started_at, r.finished_at, r.objective,
             r.allocation_count, r.amount_proposed, r.needs_touched, r.pledges_touched, r.error,
             u.username AS started_by\
      """;
  static final String FROM = "FROM match_rounds r LEFT JOIN users u ON u.id = r.started_by";
  static final String SELECT = COLUMNS + " " + FROM;
  static final String FAIL_STALE =
      "UPDATE match_rounds SET status = 'failed', finished_at = now(), "
          + "error = 'abandoned' WHERE status = 'running' AND started_at < $1";
  static final String START =
      "INSERT INTO match_rounds (campaign_id, round_date, status, started_by, started_at) "
          + "VALUES ($1, $2, 'running', $3, $4) RETURNING id";
  static final String FAIL =
      "UPDATE match_rounds SET status = 'failed', finished_at = now(), error = $2 "
          + "WHERE id = $1 AND status = 'running'";
  static final String FINISH =
      """
      UPDATE match_rounds SET status = 'done', finished_at = clock_timestamp(), objective = $2, allocation_count = $3,
             amount_proposed = $4, needs_touched = $5, pledges_touched = $6 WHERE id = $1\
      """;
  static final String CAMPAIGN_EXISTS = "SELECT 1 FROM campaigns WHERE id = $1";

  static final String FAIL_ABANDONED = "SELECT match_rounds_fail_abandoned() AS failed";

  /** Fails every running round whose process is gone; the number failed. */
  static final String RUNNING_OF =
      "SELECT count(*)::int AS running FROM match_rounds WHERE status = 'running' AND owner = $1";

  static final String FAIL_OF =
      "UPDATE match_rounds SET status = 'failed', finished_at = clock_timestamp(), error = $2 "
          + "WHERE status = 'running' AND owner = $1";

  Future<Integer> runningOf(SqlClient sql, String owner) {
    return sql.preparedQuery(RUNNING_OF)
        .execute(Tuple.of(owner))
        .map(rows -> rows.iterator().next().getInteger("running"));
  }

  Future<Integer> failOf(SqlClient sql, String owner, String why) {
    return sql.preparedQuery(FAIL_OF).execute(Tuple.of(owner, why)).map(r -> r.rowCount());
  }

  Future<Integer> failAbandoned(SqlClient sql) {
    return sql.query(FAIL_ABANDONED)
        .execute()
        .map(rows -> rows.iterator().next().getInteger("failed"));
  }

  /** The summary of a finished round. */
  record Summary(
      long objective,
      int allocationCount,
      Map<String, Long> amountProposed,
      int needsTouched,
      int pledgesTouched) {}

  Future<Page<MatchRound>> list(SqlClient sql, Paging paging) {
    return new Listing().page(sql, COLUMNS, FROM, "r.id DESC", paging, MatchRoundRepository::round);
  }

  /** One round; {@code null} when there is none. */
  Future<MatchRound> one(SqlClient sql, long id) {
    return sql.preparedQuery(SELECT + " WHERE r.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : round(rows.iterator().next()));
  }

  Future<Boolean> campaignExists(SqlClient sql, long id) {
    return sql.preparedQuery(CAMPAIGN_EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  /** Fails rounds still running that started before {@code before} (their node crashed). */
  Future<Void> failStale(SqlClient sql, OffsetDateTime before) {
    return sql.preparedQuery(FAIL_STALE).execute(Tuple.of(before)).mapEmpty();
  }

  /** Starts a round; the unique index admitting one running round refuses a second. */
  Future<Long> start(SqlClient sql, Long campaignId, LocalDate date, long by, OffsetDateTime at) {
    return sql.preparedQuery(START)
        .execute(Tuple.of(campaignId, date, by, at))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Void> fail(SqlClient sql, long id, String why) {
    return sql.preparedQuery(FAIL).execute(Tuple.of(id, why)).mapEmpty();
  }

  Future<Void> finish(SqlClient sql, long id, Summary s) {
    JsonObject amounts = new JsonObject();
    s.amountProposed().forEach(amounts::put);
    return sql.preparedQuery(FINISH)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  s.objective(),
                  s.allocationCount(),
                  amounts,
                  s.needsTouched(),
                  s.pledgesTouched()
                }))
        .mapEmpty();
  }

  static MatchRound round(Row r) {
    Object amounts = r.getValue("amount_proposed");
    return new MatchRound(
        r.getLong("id"),
        r.getLong("campaign_id"),
        r.getLocalDate("round_date"),
        RoundStatus.of(r.getString("status")),
        r.getLong("objective"),
        r.getInteger("allocation_count"),
        amounts instanceof JsonObject o ? o.getMap() : Map.of(),
        r.getInteger("needs_touched"),
        r.getInteger("pledges_touched"),
        r.getString("started_by"),
        r.getOffsetDateTime("started_at"),
        r.getOffsetDateTime("finished_at"),
        r.getString("error"));
  }
}
