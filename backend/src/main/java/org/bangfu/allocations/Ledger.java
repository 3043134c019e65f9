package org.bangfu.allocations;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger of the marketplace (台账): the only code that locks need, pledge, village cap and
 * allocation rows and moves their counters. Every method runs on the caller's transaction.
 *
 * <p><b>Lock order</b>, the same for every writer (claims, rounds, lifecycle steps, expiry,
 * withdrawal, caps), which keeps them free of deadlocks: <b>need → pledge → village cap →
 * allocation</b>, ascending ids within each kind (caps by village, then unit). A method that locks
 * several kinds takes them in that order; a caller that already holds a later kind never asks for
 * an earlier one. The CHECK constraints of the schema are the last line: a counter can never pass
 * its ceiling.
 */
public final class Ledger {
  static final String NEED_COLUMNS =
      "n.id, n.village_id, n.category, n.unit, n.quantity, n.allocated, n.status, n.deadline";
  static final String PLEDGE_COLUMNS =
      "p.id, p.donor_id, p.unit, p.quantity, p.allocated, p.status,"
          + " p.categories, p.scope, p.max_per_need, p.expires, p.mode";
  static final String LOCK_NEED =
      "SELECT " + NEED_COLUMNS + " FROM needs n WHERE n.id = $1 FOR UPDATE";
  static final String LOCK_NEEDS =
      "SELECT " + NEED_COLUMNS + " FROM needs n WHERE n.id = ANY($1) ORDER BY n.id FOR UPDATE";
  static final String LOCK_PLEDGE =
      "SELECT " + PLEDGE_COLUMNS + " FROM pledges p WHERE p.id = $1 FOR UPDATE";
  static final String LOCK_PLEDGES =
      "SELECT " + PLEDGE_COLUMNS + " FROM pledges p WHERE p.id = ANY($1) ORDER BY p.id FOR UPDATE";
  static final String LOCK_CAP =
      "SELECT village_id, unit, max, allocated FROM village_caps WHERE village_id = $1 AND unit ="
          + " $2 FOR UPDATE";
  static final String LOCK_CAPS =
      "SELECT village_id, unit, max, allocated FROM village_caps "
          + "WHERE village_id = ANY($1) ORDER BY village_id, unit FOR UPDATE";

  /**
   * Locks every cap of the needs' villages (sorted by village, then unit): a batch of claims sends
   * it right behind the needs' lock, without waiting to learn their villages.
   */
  static final String LOCK_CAPS_OF_NEEDS =
      "SELECT village_id, unit, max, allocated FROM village_caps WHERE village_id IN"
          + " (SELECT village_id FROM needs WHERE id = ANY($1)) ORDER BY village_id, unit FOR UPDATE";

  /** Locks a village's needs in a unit (ascending ids) and answers what they hold. */
  static final String LOCK_VILLAGE_NEEDS =
      """
      SELECT coalesce(sum(allocated), 0) AS held FROM (SELECT allocated FROM needs
       WHERE village_id = $1 AND unit = $2 ORDER BY id FOR UPDATE) n\
      """;

  static final String PUT_CAP =
      """
      INSERT INTO village_caps (village_id, unit, max, allocated) VALUES ($1, $2, $3, $4)
      ON CONFLICT (village_id, unit) DO UPDATE SET max = EXCLUDED.max, allocated = EXCLUDED.allocated\
      """;
  static final String DELETE_CAP = "DELETE FROM village_caps WHERE village_id = $1 AND unit = $2";
  static final String ALLOCATION_HEAD = "SELECT need_id, pledge_id FROM allocations WHERE id = $1";
  static final String LOCK_ALLOCATION =
      """
      SELECT a.id, a.need_id, a.pledge_id, a.unit, a.quantity, a.status, n.village_id, p.donor_id
        FROM allocations a JOIN needs n ON n.id = a.need_id JOIN pledges p ON p.id = a.pledge_id
       WHERE a.id = $1 FOR UPDATE OF a\
      """;
  static final String LOCK_PLEDGES_PROPOSED_TO_NEED =
      "SELECT p.id FROM pledges p WHERE p.id IN (SELECT pledge_id FROM allocations WHERE need_id ="
          + " $1 AND status = 'proposed') ORDER BY p.id FOR UPDATE";
  static final String LOCK_NEEDS_PROPOSED_FROM_PLEDGE =
      "SELECT n.id FROM needs n WHERE n.id IN (SELECT need_id FROM allocations WHERE pledge_id = $1"
          + " AND status = 'proposed') ORDER BY n.id FOR UPDATE";
  static final String LOCK_ACTIVE_OF_NEED =
      """
      SELECT a.id, a.need_id, a.pledge_id, a.unit, a.quantity, a.status, n.village_id, p.donor_id
        FROM allocations a JOIN needs n ON n.id = a.need_id JOIN pledges p ON p.id = a.pledge_id
       WHERE a.need_id = $1 AND a.status IN\
      """
          + AllocationStatus.ACTIVE_SQL
          + " ORDER BY a.id FOR UPDATE OF a";
  static final String LOCK_PROPOSED_OF_PLEDGE =
      """
      SELECT a.id, a.need_id, a.pledge_id, a.unit, a.quantity, a.status, n.village_id, p.donor_id
        FROM allocations a JOIN needs n ON n.id = a.need_id JOIN pledges p ON p.id = a.pledge_id
       WHERE a.pledge_id = $1 AND a.status = 'proposed' ORDER BY a.id FOR UPDATE OF a\
      """;

  /**
   * Moves a need's counter and lets its status follow in the same row version: one write of the row
   * (and of each of its indexes) instead of two, which is most of a national round's write.
   */
  static final String MOVE_NEED =
      "UPDATE needs n SET allocated = n.allocated + $2, updated_at = now(), status = "
          + needStatus("n.allocated + $2")
          + " WHERE n.id = $1";

  static final String MOVE_PLEDGE =
      "UPDATE pledges SET allocated = allocated + $2, updated_at = now(), status = "
          + pledgeStatus("allocated + $2")
          + " WHERE id = $1";
  static final String MOVE_CAP =
      "UPDATE village_caps SET allocated = allocated + $3 WHERE village_id = $1 AND unit = $2";

  /** Moves many counters in one statement: {@code $1} ids, {@code $2} the quantities to add. */
  static final String MOVE_NEEDS =
      "UPDATE needs n SET allocated = n.allocated + d.q, updated_at = now(), status = "
          + needStatus("n.allocated + d.q")
          + " FROM unnest($1::bigint[], $2::bigint[]) AS d(id, q) WHERE n.id = d.id";

  static final String MOVE_PLEDGES =
      "UPDATE pledges p SET allocated = p.allocated + d.q, updated_at = now(), status = "
          + pledgeStatus("p.allocated + d.q")
          + " FROM unnest($1::bigint[], $2::bigint[]) AS d(id, q) WHERE p.id = d.id";
  static final String MOVE_CAPS =
      "UPDATE village_caps c SET allocated = c.allocated + d.q FROM unnest($1::text[], $2::text[],"
          + " $3::bigint[]) AS d(v, u, q) WHERE c.village_id = d.v AND c.unit = d.u";
  static final String GIVEN =
      "SELECT need_id, pledge_id, sum(quantity) AS given FROM allocations "
          + "WHERE pledge_id = ANY($1) AND status IN "
          + AllocationStatus.ACTIVE_SQL
          + " GROUP BY need_id, pledge_id";

  /** What each of the pledges ($1) already gives each of the needs ($2). */
  static final String GIVEN_TO_NEEDS =
      "SELECT need_id, pledge_id, sum(quantity) AS given FROM allocations "
          + "WHERE pledge_id = ANY($1) AND need_id = ANY($2) AND status IN "
          + AllocationStatus.ACTIVE_SQL
          + " GROUP BY need_id, pledge_id";

  /** The statuses in which a need's status follows its counter (not draft, withdrawn, ...). */
  private static final String NEED_FOLLOWS =
      "('published','partly_allocated','allocated','fulfilled','verified')";

  /**
   * A need's status as its counter ({@code allocated}, an SQL expression over {@code n}) and the
   * progress of its allocations say; a need in another status keeps it.
   */
  private static String needStatus(String allocated) {
    return """
        CASE WHEN n.status NOT IN %2$s THEN n.status
          WHEN %1$s = n.quantity AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = n.id
               AND a.status IN ('proposed','confirmed','delivered','received')) THEN 'verified'
          WHEN %1$s = n.quantity AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = n.id
               AND a.status IN ('proposed','confirmed','delivered')) THEN 'fulfilled'
          WHEN %1$s = n.quantity THEN 'allocated'
          WHEN %1$s > 0 THEN 'partly_allocated'
          ELSE 'published' END"""
        .formatted(allocated, NEED_FOLLOWS);
  }

  /** A pledge's status as its counter says, while it is open or exhausted. */
  private static String pledgeStatus(String allocated) {
    return "CASE WHEN status NOT IN ('open','exhausted') THEN status WHEN %1$s = quantity "
            .formatted(allocated)
        + "THEN 'exhausted' ELSE 'open' END";
  }

  /** A need's status follows its counters and the progress of its allocations. */
  static final String REFRESH_NEED =
      "UPDATE needs n SET updated_at = now(), status = "
          + needStatus("n.allocated")
          + " WHERE n.id = $1 AND n.status IN "
          + NEED_FOLLOWS;

  static final String REFRESH_PLEDGE =
      "UPDATE pledges SET updated_at = now(), status = "
          + pledgeStatus("allocated")
          + " WHERE id = $1 AND status IN ('open','exhausted')";
  static final String REFRESH_NEEDS =
      REFRESH_NEED.replace("WHERE n.id = $1", "WHERE n.id = ANY($1)");
  static final String REFRESH_PLEDGES =
      REFRESH_PLEDGE.replace("WHERE id = $1", "WHERE id = ANY($1)");
  static final String SET_NEED_STATUS =
      "UPDATE needs SET status = $2, updated_at = now() WHERE id = $1";

  /**
   * An overdue need: expired if nothing is held on it, otherwise it keeps what donors confirmed.
   */
  static final String EXPIRE_NEED_IF_EMPTY =
      "UPDATE needs SET status = CASE WHEN allocated = 0 THEN 'expired' "
          + "ELSE status END, updated_at = now() WHERE id = $1 RETURNING status";

  static final String SET_PLEDGE_STATUS =
      "UPDATE pledges SET status = $2, updated_at = now() WHERE id = $1";
  static final String INSERT_ALLOCATION =
      """
      INSERT INTO allocations (need_id, pledge_id, round_id, source, unit, quantity, reasons, status,
                               confirmed_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 = 'confirmed' THEN now() END)
      RETURNING id\
      """;
  static final String SET_ALLOCATION_STATUS =
      """
      UPDATE allocations SET status = $2, updated_at = now(),
             confirmed_at = CASE WHEN $2 = 'confirmed' THEN now() ELSE confirmed_at END,
             delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
             received_at  = CASE WHEN $2 = 'received'  THEN now() ELSE received_at END,
             verified_at  = CASE WHEN $2 = 'verified'  THEN now() ELSE verified_at END
       WHERE id = $1\
      """;

  /**
   * A step back (a receipt returned, a verification revoked): the times of the steps undone are
   * cleared, the times of those that stand are kept (a donor's delivery stays when the village's
   * receipt goes back).
   */
  static final String STEP_BACK =
      """
      UPDATE allocations SET status = $2, updated_at = now(),
             received_at = CASE WHEN $2 = 'delivered' THEN NULL ELSE received_at END,
             verified_at = NULL
       WHERE id = $1\
      """;

  static final String INSERT_STEP_BACK_HISTORY =
      "INSERT INTO allocation_history (allocation_id, status, by_user, note, step) VALUES ($1, $2,"
          + " $3, $4, $5)";

  /** Ids for a round's proposals, taken in one statement, in order. */
  static final String NEXT_ALLOCATION_IDS =
      "SELECT nextval(pg_get_serial_sequence('allocations', 'id')) FROM generate_series(1, $1)";

  /**
   * A round's proposals, many rows per statement ($2…$7 arrays, one element per proposal; the
   * reasons of each joined by commas, which no reason's name contains).
   */
  static final String INSERT_PROPOSALS =
      """
      INSERT INTO allocations (id, need_id, pledge_id, round_id, source, unit, quantity, reasons, status)
      SELECT d.id, d.need_id, d.pledge_id, $1, 'round', d.unit, d.quantity, string_to_array(d.reasons, ','),
             'proposed'
        FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::text[])
             AS d(id, need_id, pledge_id, unit, quantity, reasons)\
      """;

  static final String INSERT_PROPOSALS_HISTORY =
      "INSERT INTO allocation_history (allocation_id, status, by_user) "
          + "SELECT d.id, 'proposed', $2 FROM unnest($1::bigint[]) AS d(id)";

  /** Rows per statement when a round writes its proposals. */
  static final int CHUNK = 20_000;

  /**
   * A round's statements leave the campaign progress summaries to the end of its write (their
   * statement triggers skip, for this transaction only): each of its 20,000-row INSERTs would
   * otherwise refresh its allocations and all their needs, and the needs' UPDATE those needs again.
   */
  static final String PAUSE_PROGRESS = "SELECT set_config('bangfu.progress_paused', 'on', true)";

  /**
   * The summaries brought to what the rules say for every allocation, need and pledge the round
   * wrote (progress_refresh compares with what they hold, so once at the end is the same as once
   * per statement), and the triggers at work again for the rest of the transaction.
   */
  static final String RESUME_PROGRESS =
      "SELECT set_config('bangfu.progress_paused', 'off', true),"
          + " progress_refresh($1::bigint[], $2::bigint[], $3::bigint[])";

  /**
   * A batch of claims' allocations, born confirmed, their ids taken beforehand ($1…$6 arrays, one
   * element per claim; the reasons of each joined by commas, as for a round's proposals).
   */
  static final String INSERT_CLAIMED =
      """
      INSERT INTO allocations (id, need_id, pledge_id, source, unit, quantity, reasons, status,
                               confirmed_at)
      SELECT d.id, d.need_id, d.pledge_id, 'claim', d.unit, d.quantity, string_to_array(d.reasons, ','),
             'confirmed', now()
        FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::text[])
             AS d(id, need_id, pledge_id, unit, quantity, reasons)\
      """;

  /** Their first history rows, each by the donor who claimed it. */
  static final String INSERT_CLAIMED_HISTORY =
      "INSERT INTO allocation_history (allocation_id, status, by_user) "
          + "SELECT d.id, 'confirmed', d.by_user FROM unnest($1::bigint[], $2::bigint[]) AS d(id, by_user)";

  static final String INSERT_HISTORY =
      "INSERT INTO allocation_history (allocation_id, status, by_user, note) VALUES ($1, $2, $3,"
          + " $4)";

  /** A village's cap in one unit: the one key of a cap wherever caps are counted. */
  public record CapKey(String villageId, String unit) {}

  /** A cap's row: its ceiling and what the village's needs in that unit hold. */
  public record Cap(String villageId, String unit, long max, long allocated) {
    public long room() {
      return max - allocated;
    }

    /** The cap with {@code more} held under it (a batch of claims counting the claims before). */
    public Cap plus(long more) {
      return new Cap(villageId, unit, max, allocated + more);
    }
  }

  /** One need ↔ pledge pair (what a pledge already gives a need is counted per pair). */
  public record Pair(long needId, long pledgeId) {}

  /** A locked allocation with its need's village and its pledge's donor. */
  public record Held(
      long id,
      long needId,
      long pledgeId,
      String villageId,
      long donorId,
      String unit,
      long quantity,
      AllocationStatus status) {}

  /** One allocation to write: the round's proposals go in one batch. */
  public record NewAllocation(
      long needId,
      long pledgeId,
      String villageId,
      String unit,
      long quantity,
      List<String> reasons) {}

  /** One allocation a batch of claims writes: its id (taken beforehand) and who claimed it. */
  public record Claimed(long id, NewAllocation allocation, long byUser) {}

  // ---- locks (need → pledge → cap → allocation)

  /** Locks one need; {@code null} when there is none. */
  public Future<NeedAccount> lockNeed(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK_NEED)
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : need(rows.iterator().next()));
  }

  /** Locks needs in ascending ids; the answer is keyed by id, in that order. */
  public Future<Map<Long, NeedAccount>> lockNeeds(SqlClient sql, Long[] ids) {
    return sql.preparedQuery(LOCK_NEEDS)
        .execute(Tuple.of((Object) ids))
        .map(
            rows -> {
              Map<Long, NeedAccount> out = new LinkedHashMap<>();
              rows.forEach(r -> out.put(r.getLong("id"), need(r)));
              return out;
            });
  }

  public Future<PledgeAccount> lockPledge(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK_PLEDGE)
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : pledge(rows.iterator().next()));
  }

  public Future<Map<Long, PledgeAccount>> lockPledges(SqlClient sql, Long[] ids) {
    return sql.preparedQuery(LOCK_PLEDGES)
        .execute(Tuple.of((Object) ids))
        .map(
            rows -> {
              Map<Long, PledgeAccount> out = new LinkedHashMap<>();
              rows.forEach(r -> out.put(r.getLong("id"), pledge(r)));
              return out;
            });
  }

  /** Locks a village's cap in a unit; {@code null} when the village has none. */
  public Future<Cap> lockCap(SqlClient sql, String villageId, String unit) {
    return sql.preparedQuery(LOCK_CAP)
        .execute(Tuple.of(villageId, unit))
        .map(rows -> rows.size() == 0 ? null : cap(rows.iterator().next()));
  }

  /** Room left under a village cap, locked, or {@link Limits#NONE} where the village has none. */
  public Future<Long> capRoom(SqlClient sql, String villageId, String unit) {
    return lockCap(sql, villageId, unit).map(c -> c == null ? Limits.NONE : c.room());
  }

  /** Locks every cap of the villages (sorted by village, then unit). */
  public Future<Map<CapKey, Cap>> lockCaps(SqlClient sql, String[] villages) {
    return sql.preparedQuery(LOCK_CAPS).execute(Tuple.of((Object) villages)).map(Ledger::caps);
  }

  private static Map<CapKey, Cap> caps(RowSet<Row> rows) {
    Map<CapKey, Cap> out = new HashMap<>();
    rows.forEach(
        r -> {
          Cap c = cap(r);
          out.put(new CapKey(c.villageId(), c.unit()), c);
        });
    return out;
  }

  /** Locks every cap of the needs' villages (sorted by village, then unit). */
  public Future<Map<CapKey, Cap>> lockCapsOfNeeds(SqlClient sql, Long[] needIds) {
    return sql.preparedQuery(LOCK_CAPS_OF_NEEDS)
        .execute(Tuple.of((Object) needIds))
        .map(Ledger::caps);
  }

  /** Locks a village's needs in a unit (ascending ids) and answers what they hold together. */
  public Future<Long> lockVillageNeeds(SqlClient sql, String villageId, String unit) {
    return sql.preparedQuery(LOCK_VILLAGE_NEEDS)
        .execute(Tuple.of(villageId, unit))
        .map(rows -> rows.iterator().next().getLong("held"));
  }

  /**
   * Locks an allocation in the order every writer uses (its need, its pledge, then the allocation)
   * and answers it with its village and donor; {@code null} when there is no such allocation.
   */
  public Future<Held> lockAllocation(SqlClient sql, long id) {
    return sql.preparedQuery(ALLOCATION_HEAD)
        .execute(Tuple.of(id))
        .compose(
            head -> {
              if (head.size() == 0) {
                return Future.succeededFuture(null);
              }
              Row h = head.iterator().next();
              return sql.preparedQuery(LOCK_NEED)
                  .execute(Tuple.of(h.getLong("need_id")))
                  .compose(
                      n -> sql.preparedQuery(LOCK_PLEDGE).execute(Tuple.of(h.getLong("pledge_id"))))
                  .compose(p -> sql.preparedQuery(LOCK_ALLOCATION).execute(Tuple.of(id)))
                  .map(rows -> held(rows.iterator().next()));
            });
  }

  /**
   * Locks a need, the pledges of its proposals and its active allocations (in that order); answers
   * the need ({@code null} if none) and its active allocations.
   */
  public Future<NeedWithAllocations> lockNeedWithAllocations(SqlClient sql, long needId) {
    return lockNeed(sql, needId)
        .compose(
            need ->
                need == null
                    ? Future.succeededFuture(null)
                    : sql.preparedQuery(LOCK_PLEDGES_PROPOSED_TO_NEED)
                        .execute(Tuple.of(needId))
                        .compose(
                            v -> sql.preparedQuery(LOCK_ACTIVE_OF_NEED).execute(Tuple.of(needId)))
                        .map(rows -> new NeedWithAllocations(need, heldList(rows))));
  }

  public record NeedWithAllocations(NeedAccount need, List<Held> allocations) {}

  /**
   * Locks the needs of a pledge's proposals, the pledge, then the proposals (the usual order);
   * answers the pledge ({@code null} if none) and its proposals.
   */
  public Future<PledgeWithProposals> lockPledgeWithProposals(SqlClient sql, long pledgeId) {
    return sql.preparedQuery(LOCK_NEEDS_PROPOSED_FROM_PLEDGE)
        .execute(Tuple.of(pledgeId))
        .compose(v -> lockPledge(sql, pledgeId))
        .compose(
            pledge ->
                pledge == null
                    ? Future.succeededFuture(null)
                    : sql.preparedQuery(LOCK_PROPOSED_OF_PLEDGE)
                        .execute(Tuple.of(pledgeId))
                        .map(rows -> new PledgeWithProposals(pledge, heldList(rows))));
  }

  public record PledgeWithProposals(PledgeAccount pledge, List<Held> proposals) {}

  // ---- reading under the locks

  /** What the pledge already gives the need (its active allocations). */
  public Future<Long> given(SqlClient sql, long needId, long pledgeId) {
    return given(sql, new Long[] {pledgeId})
        .map(g -> g.getOrDefault(new Pair(needId, pledgeId), 0L));
  }

  /** What each of the pledges already gives each need. */
  public Future<Map<Pair, Long>> given(SqlClient sql, Long[] pledgeIds) {
    return sql.preparedQuery(GIVEN).execute(Tuple.of((Object) pledgeIds)).map(Ledger::given);
  }

  /** What each of the pledges already gives each of the needs. */
  public Future<Map<Pair, Long>> given(SqlClient sql, Long[] pledgeIds, Long[] needIds) {
    return sql.preparedQuery(GIVEN_TO_NEEDS)
        .execute(Tuple.from(new Object[] {pledgeIds, needIds}))
        .map(Ledger::given);
  }

  private static Map<Pair, Long> given(RowSet<Row> rows) {
    Map<Pair, Long> out = new HashMap<>();
    rows.forEach(
        r -> out.put(new Pair(r.getLong("need_id"), r.getLong("pledge_id")), r.getLong("given")));
    return out;
  }

  // ---- moves

  /** Moves {@code quantity} onto the need, the pledge and the village's cap (if any). */
  public Future<Void> hold(
      SqlClient sql, long needId, long pledgeId, String villageId, String unit, long quantity) {
    // the three statements go out together (pipelined on the caller's connection, which runs them
    // in this order): nothing between them is decided here, and a claim's batch runs its claims
    // one after the other on one connection, where each round trip counts
    return Future.all(
            List.of(
                sql.preparedQuery(MOVE_NEED).execute(Tuple.of(needId, quantity)),
                sql.preparedQuery(MOVE_PLEDGE).execute(Tuple.of(pledgeId, quantity)),
                sql.preparedQuery(MOVE_CAP).execute(Tuple.of(villageId, unit, quantity))))
        .mapEmpty();
  }

  /** Gives back exactly what an allocation held: the inverse of {@link #hold}. */
  public Future<Void> free(SqlClient sql, Held a) {
    return hold(sql, a.needId(), a.pledgeId(), a.villageId(), a.unit(), -a.quantity());
  }

  /** A need's and a pledge's statuses follow their counters. */
  public Future<Void> refresh(SqlClient sql, long needId, long pledgeId) {
    return sql.preparedQuery(REFRESH_NEED)
        .execute(Tuple.of(needId))
        .compose(r -> refreshPledge(sql, pledgeId));
  }

  public Future<Void> refreshPledge(SqlClient sql, long pledgeId) {
    return sql.preparedQuery(REFRESH_PLEDGE).execute(Tuple.of(pledgeId)).mapEmpty();
  }

  /**
   * Writes a new allocation (and its first history row) that holds {@code quantity}: call {@link
   * #hold} too.
   */
  public Future<Long> insert(
      SqlClient sql,
      long needId,
      long pledgeId,
      Long roundId,
      String source,
      String unit,
      long quantity,
      List<String> reasons,
      AllocationStatus status,
      Long byUser) {
    return sql.preparedQuery(INSERT_ALLOCATION)
        .execute(
            Tuple.of(
                needId,
                pledgeId,
                roundId,
                source,
                unit,
                quantity,
                reasons.toArray(String[]::new),
                status.wire()))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> history(sql, id, status, byUser, null).map(id));
  }

  /**
   * Writes a round's proposals in a handful of statements, whatever their number: the allocations
   * and their history {@link #CHUNK} rows per statement, each kind of counter in one UPDATE, then
   * the statuses refreshed once. The caller holds every lock. Answers the new ids, in the order
   * given.
   */
  public Future<List<Long>> proposeAll(
      SqlClient sql, long roundId, List<NewAllocation> plan, Long byUser) {
    return proposeAll(sql, roundId, plan, Future.succeededFuture(Moves.of(plan)), byUser);
  }

  /**
   * As {@link #proposeAll(SqlClient, long, List, Long)}, with what the plan moves ({@link
   * Moves#of}) summed by the caller, e.g. on a worker thread while the allocations are written.
   */
  public Future<List<Long>> proposeAll(
      SqlClient sql, long roundId, List<NewAllocation> plan, Future<Moves> moves, Long byUser) {
    if (plan.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    plan.forEach(Ledger::noCommaInReasons);
    // a national round proposes hundreds of thousands: ids in one statement, then the rows and
    // their history CHUNK at a time, not one statement each; the progress summaries once at the end
    return sql.preparedQuery(PAUSE_PROGRESS)
        .execute()
        .compose(paused -> sql.preparedQuery(NEXT_ALLOCATION_IDS).execute(Tuple.of(plan.size())))
        .compose(
            taken -> {
              List<Long> ids = new ArrayList<>(plan.size());
              taken.forEach(r -> ids.add(r.getLong(0)));
              ids.sort(null);
              Future<Void> written = Future.succeededFuture();
              for (int from = 0; from < plan.size(); from += CHUNK) {
                int start = from;
                int end = Math.min(plan.size(), from + CHUNK);
                written =
                    written.compose(
                        v -> insertProposals(sql, roundId, plan, ids, start, end, byUser));
              }
              return written
                  .compose(v -> moves)
                  .compose(m -> moveAll(sql, m).compose(v -> resumeProgress(sql, m, ids)))
                  .map(ids);
            });
  }

  /**
   * The summaries of everything a round wrote, refreshed once; see {@link #RESUME_PROGRESS}. The
   * needs and pledges are those the moves name (distinct, ascending).
   */
  private static Future<Void> resumeProgress(SqlClient sql, Moves moves, List<Long> ids) {
    return sql.preparedQuery(RESUME_PROGRESS)
        .execute(
            Tuple.from(new Object[] {ids.toArray(Long[]::new), moves.needIds(), moves.pledgeIds()}))
        .mapEmpty();
  }

  private Future<Void> insertProposals(
      SqlClient sql,
      long roundId,
      List<NewAllocation> plan,
      List<Long> ids,
      int from,
      int to,
      Long byUser) {
    int n = to - from;
    Long[] id = new Long[n];
    Long[] need = new Long[n];
    Long[] pledge = new Long[n];
    String[] unit = new String[n];
    Long[] quantity = new Long[n];
    String[] reasons = new String[n];
    for (int k = 0; k < n; k++) {
      NewAllocation a = plan.get(from + k);
      id[k] = ids.get(from + k);
      need[k] = a.needId();
      pledge[k] = a.pledgeId();
      unit[k] = a.unit();
      quantity[k] = a.quantity();
      reasons[k] = String.join(",", a.reasons());
    }
    return sql.preparedQuery(INSERT_PROPOSALS)
        .execute(Tuple.from(new Object[] {roundId, id, need, pledge, unit, quantity, reasons}))
        .compose(
            v ->
                sql.preparedQuery(INSERT_PROPOSALS_HISTORY)
                    .execute(Tuple.from(new Object[] {id, byUser})))
        .mapEmpty();
  }

  /**
   * Writes a batch of claims' allocations, born confirmed, in a handful of statements whatever
   * their number: the allocations, their history, each kind of counter in one UPDATE, the statuses
   * refreshed once. The caller holds every lock and decided each claim under them ({@link Limits});
   * the statements go out together (pipelined on the caller's connection, run in this order).
   */
  public Future<Void> claimAll(SqlClient sql, List<Claimed> claimed) {
    if (claimed.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = claimed.size();
    Long[] id = new Long[n];
    Long[] need = new Long[n];
    Long[] pledge = new Long[n];
    String[] unit = new String[n];
    Long[] quantity = new Long[n];
    String[] reasons = new String[n];
    Long[] byUser = new Long[n];
    for (int k = 0; k < n; k++) {
      Claimed c = claimed.get(k);
      NewAllocation a = c.allocation();
      noCommaInReasons(a);
      id[k] = c.id();
      need[k] = a.needId();
      pledge[k] = a.pledgeId();
      unit[k] = a.unit();
      quantity[k] = a.quantity();
      reasons[k] = String.join(",", a.reasons());
      byUser[k] = c.byUser();
    }
    Future<?> rows =
        sql.preparedQuery(INSERT_CLAIMED)
            .execute(Tuple.from(new Object[] {id, need, pledge, unit, quantity, reasons}));
    Future<?> history =
        sql.preparedQuery(INSERT_CLAIMED_HISTORY).execute(Tuple.from(new Object[] {id, byUser}));
    Future<Void> held = holdAll(sql, claimed.stream().map(Claimed::allocation).toList());
    return Future.all(rows, history, held).mapEmpty();
  }

  private static void noCommaInReasons(NewAllocation a) {
    if (a.reasons().stream().anyMatch(r -> r.contains(","))) {
      throw new IllegalArgumentException("a reason's name holds a comma: " + a.reasons());
    }
  }

  /** Moves what the new allocations hold onto their needs, pledges and caps, summed per row. */
  private Future<Void> holdAll(SqlClient sql, List<NewAllocation> plan) {
    return moveAll(sql, Moves.of(plan));
  }

  /**
   * One UPDATE per kind of counter, the needs' and pledges' statuses following their counters in
   * the same UPDATE; the three go out together (pipelined on the caller's connection, which runs
   * them in order).
   */
  private Future<Void> moveAll(SqlClient sql, Moves m) {
    // Tuple.from(Object[]): Tuple.of(array, array) would spread the second array as varargs
    return Future.all(
            List.of(
                sql.preparedQuery(MOVE_NEEDS)
                    .execute(Tuple.from(new Object[] {m.needIds(), m.needQuantities()})),
                sql.preparedQuery(MOVE_PLEDGES)
                    .execute(Tuple.from(new Object[] {m.pledgeIds(), m.pledgeQuantities()})),
                sql.preparedQuery(MOVE_CAPS)
                    .execute(
                        Tuple.from(
                            new Object[] {m.capVillages(), m.capUnits(), m.capQuantities()}))))
        .mapEmpty();
  }

  /** Moves a locked allocation to {@code to}; declining also gives back what it held. */
  public Future<Void> step(SqlClient sql, Held a, AllocationStatus to, Long byUser, String note) {
    Future<Void> moved = to == AllocationStatus.DECLINED ? free(sql, a) : Future.succeededFuture();
    return moved
        .compose(v -> sql.preparedQuery(SET_ALLOCATION_STATUS).execute(Tuple.of(a.id(), to.wire())))
        .compose(v -> history(sql, a.id(), to, byUser, note))
        .compose(v -> refresh(sql, a.needId(), a.pledgeId()));
  }

  /**
   * Moves a locked allocation one step back ({@code to} is {@code delivered} for a receipt returned
   * to the village, {@code received} for a verification revoked); it keeps what it holds on its
   * need, pledge and cap, and its history says which step went back and why.
   */
  public Future<Void> stepBack(
      SqlClient sql, Held a, AllocationStatus to, Long byUser, String reason, String step) {
    return sql.preparedQuery(STEP_BACK)
        .execute(Tuple.of(a.id(), to.wire()))
        .compose(
            v ->
                sql.preparedQuery(INSERT_STEP_BACK_HISTORY)
                    .execute(Tuple.of(a.id(), to.wire(), byUser, reason, step)))
        .compose(v -> refresh(sql, a.needId(), a.pledgeId()));
  }

  /**
   * Expires a proposed allocation (need withdrawn or past its deadline, pledge withdrawn or
   * expired, nobody confirmed in time): gives back what it held, marks it, says why in its history.
   * The caller holds its locks and has checked that it is still proposed.
   */
  public Future<Void> expire(SqlClient sql, Held a, Long byUser, String why) {
    return free(sql, a)
        .compose(
            v ->
                sql.preparedQuery(SET_ALLOCATION_STATUS)
                    .execute(Tuple.of(a.id(), AllocationStatus.EXPIRED.wire())))
        .compose(v -> history(sql, a.id(), AllocationStatus.EXPIRED, byUser, why));
  }

  /** Expires each of the (locked, proposed) allocations, one after the other. */
  public Future<Void> expireAll(SqlClient sql, List<Held> proposals, Long byUser, String why) {
    Future<Void> chain = Future.succeededFuture();
    for (Held a : proposals) {
      chain = chain.compose(v -> expire(sql, a, byUser, why));
    }
    return chain;
  }

  /** Sets a locked need's status (withdrawn). */
  public Future<Void> setNeedStatus(SqlClient sql, long needId, NeedStatus to) {
    return sql.preparedQuery(SET_NEED_STATUS).execute(Tuple.of(needId, to.wire())).mapEmpty();
  }

  /**
   * An overdue, locked need: {@code expired} when nothing is held on it; answers its status after.
   */
  public Future<NeedStatus> expireNeedIfEmpty(SqlClient sql, long needId) {
    return sql.preparedQuery(EXPIRE_NEED_IF_EMPTY)
        .execute(Tuple.of(needId))
        .map(rows -> NeedStatus.of(rows.iterator().next().getString("status")));
  }

  /** Sets a locked pledge's status (withdrawn, expired). */
  public Future<Void> setPledgeStatus(SqlClient sql, long pledgeId, PledgeStatus to) {
    return sql.preparedQuery(SET_PLEDGE_STATUS).execute(Tuple.of(pledgeId, to.wire())).mapEmpty();
  }

  /**
   * Sets a cap (the caller locked the village's needs and the cap): its ceiling and what is held.
   */
  public Future<Void> putCap(SqlClient sql, String villageId, String unit, long max, long held) {
    return sql.preparedQuery(PUT_CAP).execute(Tuple.of(villageId, unit, max, held)).mapEmpty();
  }

  public Future<Void> deleteCap(SqlClient sql, String villageId, String unit) {
    return sql.preparedQuery(DELETE_CAP).execute(Tuple.of(villageId, unit)).mapEmpty();
  }

  public Future<Void> history(
      SqlClient sql, long allocationId, AllocationStatus status, Long byUser, String note) {
    return sql.preparedQuery(INSERT_HISTORY)
        .execute(Tuple.of(allocationId, status.wire(), byUser, note))
        .mapEmpty();
  }

  // ---- rows → records, once

  static NeedAccount need(Row r) {
    return new NeedAccount(
        r.getLong("id"),
        r.getString("village_id"),
        r.getString("category"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getLong("allocated"),
        NeedStatus.of(r.getString("status")),
        r.getLocalDate("deadline"));
  }

  static PledgeAccount pledge(Row r) {
    return new PledgeAccount(
        r.getLong("id"),
        r.getLong("donor_id"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getLong("allocated"),
        PledgeStatus.of(r.getString("status")),
        Arrays.asList(r.getArrayOfStrings("categories")),
        Arrays.asList(r.getArrayOfStrings("scope")),
        r.getLong("max_per_need"),
        r.getLocalDate("expires"),
        r.getString("mode"));
  }

  static Cap cap(Row r) {
    return new Cap(
        r.getString("village_id"), r.getString("unit"), r.getLong("max"), r.getLong("allocated"));
  }

  static Held held(Row r) {
    return new Held(
        r.getLong("id"),
        r.getLong("need_id"),
        r.getLong("pledge_id"),
        r.getString("village_id"),
        r.getLong("donor_id"),
        r.getString("unit"),
        r.getLong("quantity"),
        AllocationStatus.of(r.getString("status")));
  }

  private static List<Held> heldList(RowSet<Row> rows) {
    List<Held> out = new ArrayList<>();
    rows.forEach(r -> out.add(held(r)));
    return out;
  }
}
