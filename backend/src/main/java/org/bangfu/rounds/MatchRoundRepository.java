package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/** The SQL of match rounds (the problem a round solves is read by {@link ProblemRepository}). */
public final class MatchRoundRepository {
  static final String COLUMNS =
      """
      SELECT r.id, r.campaign_id, r.round_date, r.status, r.started_at, r.finished_at, r.objective,
             r.allocation_count, r.amount_proposed, r.needs_touched, r.pledges_touched, r.error,
             r.fairness_applied, r.fairness, r.floors, r.unmatched_count, u.username AS started_by\
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
             amount_proposed = $4, needs_touched = $5, pledges_touched = $6, fairness_applied = $7,
             fairness = $8, floors = $9, unmatched_count = $10 WHERE id = $1\
      """;
  static final String INSERT_UNMATCHED =
      """
      INSERT INTO match_round_unmatched (round_id, need_id, village_id, unit, allocated, remaining, reason)
      SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[])\
      """;
  static final String UNMATCHED_COLUMNS =
      """
      SELECT m.need_id, n.title, m.village_id, v.name AS village_name, m.unit, m.allocated, m.remaining,
             m.reason\
      """;
  static final String UNMATCHED_FROM =
      """
      FROM match_round_unmatched m JOIN needs n ON n.id = m.need_id
      JOIN regions v ON v.id = m.village_id\
      """;
  static final String UNMATCHED_COUNT_FROM = "FROM match_round_unmatched m";
  // one row per need and donor: a donor's pledges for one need are summed, their reasons merged;
  // the first $2 rows lie among the round's first $2 needs, so only those are grouped, whatever
  // the planner believes of the round's size (just after a national round commits, the statistics
  // do not know its rows, and all 401,890 were joined to their pledges and grouped: 1-6 s)
  static final String ROWS =
      """
      WITH first AS (
        SELECT DISTINCT r.need_id FROM (SELECT need_id FROM allocations WHERE round_id = $1 OFFSET 0) r
         ORDER BY r.need_id LIMIT $2),
      g AS (
        SELECT a.need_id, p.donor_id, a.unit, sum(a.quantity) AS quantity,
               array_agg(a.pledge_id ORDER BY a.pledge_id) AS pledge_ids,
               array_agg(a.id ORDER BY a.pledge_id) AS allocation_ids,
               array_agg(DISTINCT a.status ORDER BY a.status) AS statuses
          FROM first f JOIN allocations a ON a.need_id = f.need_id JOIN pledges p ON p.id = a.pledge_id
         WHERE a.round_id = $1
         GROUP BY a.need_id, p.donor_id, a.unit
         ORDER BY a.need_id, p.donor_id LIMIT $2)
      SELECT g.*, n.title, n.village_id, v.name AS village_name, d.name AS donor_name,
             ARRAY(SELECT DISTINCT r FROM allocations x, unnest(x.reasons) r
                    WHERE x.id = ANY(g.allocation_ids) ORDER BY r) AS reasons
        FROM g JOIN needs n ON n.id = g.need_id JOIN regions v ON v.id = n.village_id
        JOIN donors d ON d.id = g.donor_id
       ORDER BY g.need_id, g.donor_id\
      """;
  static final String VILLAGE_NAMES = "SELECT id, name FROM regions WHERE id = ANY($1)";
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

  /**
   * The summary of a finished round, with what it explains: fairness (null when solved without it),
   * the floors kept and the number of needs left short.
   */
  record Summary(
      long objective,
      int allocationCount,
      Map<String, Long> amountProposed,
      int needsTouched,
      int pledgesTouched,
      boolean fairnessApplied,
      RoundFairness fairness,
      Map<String, Long> floors,
      int unmatchedCount) {}

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
    JsonObject floors = new JsonObject();
    s.floors().forEach(floors::put);
    return sql.preparedQuery(FINISH)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  s.objective(),
                  s.allocationCount(),
                  amounts,
                  s.needsTouched(),
                  s.pledgesTouched(),
                  s.fairnessApplied(),
                  s.fairness() == null ? null : RoundJson.fairness(s.fairness()),
                  floors,
                  s.unmatchedCount()
                }))
        .mapEmpty();
  }

  /** The needs a round left short, in one statement (a national round leaves many). */
  Future<Void> insertUnmatched(SqlClient sql, long roundId, List<UnmatchedNeed> needs) {
    if (needs.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = needs.size();
    Long[] ids = new Long[n];
    String[] villages = new String[n];
    String[] units = new String[n];
    Long[] allocated = new Long[n];
    Long[] remaining = new Long[n];
    String[] reasons = new String[n];
    for (int k = 0; k < n; k++) {
      UnmatchedNeed u = needs.get(k);
      ids[k] = u.needId();
      villages[k] = u.villageId();
      units[k] = u.unit();
      allocated[k] = u.allocated();
      remaining[k] = u.remaining();
      reasons[k] = u.reason();
    }
    return sql.preparedQuery(INSERT_UNMATCHED)
        .execute(Tuple.of(roundId, ids, villages, units, allocated, remaining, reasons))
        .mapEmpty();
  }

  /** A page of the needs a round left short, by need id. */
  Future<Page<UnmatchedNeed>> unmatched(SqlClient sql, long roundId, Paging paging) {
    return new Listing()
        .where("m.round_id = $1", roundId)
        .page(
            sql,
            UNMATCHED_COLUMNS,
            UNMATCHED_FROM,
            UNMATCHED_COUNT_FROM,
            "m.need_id",
            paging,
            MatchRoundRepository::unmatchedNeed);
  }

  /** The first {@code limit} rows of a round's proposals, one per need and donor. */
  Future<List<RoundRow>> rows(SqlClient sql, long roundId, int limit) {
    return sql.preparedQuery(ROWS)
        .execute(Tuple.of(roundId, limit))
        .map(rows -> Rows.all(rows, MatchRoundRepository::row));
  }

  /** The names of these regions, by id. */
  Future<Map<String, String>> regionNames(SqlClient sql, String[] ids) {
    return sql.preparedQuery(VILLAGE_NAMES)
        .execute(Tuple.of((Object) ids))
        .map(
            rows -> {
              Map<String, String> names = new HashMap<>();
              rows.forEach(r -> names.put(r.getString("id"), r.getString("name")));
              return names;
            });
  }

  private static UnmatchedNeed unmatchedNeed(Row r) {
    return new UnmatchedNeed(
        r.getLong("need_id"),
        r.getString("title"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("unit"),
        r.getLong("allocated"),
        r.getLong("remaining"),
        r.getString("reason"));
  }

  private static RoundRow row(Row r) {
    return new RoundRow(
        r.getLong("need_id"),
        r.getString("title"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getLong("donor_id"),
        r.getString("donor_name"),
        r.getString("unit"),
        r.getLong("quantity"),
        List.of(r.getArrayOfLongs("pledge_ids")),
        List.of(r.getArrayOfLongs("allocation_ids")),
        List.of(r.getArrayOfStrings("reasons")),
        List.of(r.getArrayOfStrings("statuses")));
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
        r.getString("error"),
        r.getBoolean("fairness_applied"),
        r.getValue("fairness") instanceof JsonObject f ? RoundJson.fairness(f) : null,
        r.getValue("floors") instanceof JsonObject f ? RoundJson.floors(f) : Map.of(),
        r.getInteger("unmatched_count"));
  }
}
