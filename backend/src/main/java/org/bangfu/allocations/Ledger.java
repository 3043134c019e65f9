package org.bangfu.allocations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The moves of quantity between needs, pledges and village caps. Every method runs on the
 * caller's transaction and assumes the caller already holds the row locks, taken in the fixed
 * order need → pledge → village cap → allocation (ascending ids within each kind), which is
 * what keeps concurrent claims, rounds and transitions free of deadlocks. The CHECK
 * constraints of V10 are the last line: a counter can never pass its ceiling.
 */
public final class Ledger {
    public static final String ACTIVE_STATUSES = "('proposed','confirmed','delivered','received','verified')";

    public static final String LOCK_NEED = """
            SELECT n.id, n.village_id, n.category, n.unit, n.quantity, n.allocated, n.status, n.deadline
              FROM needs n WHERE n.id = $1 FOR UPDATE""";
    public static final String LOCK_PLEDGE = """
            SELECT p.id, p.donor_id, p.unit, p.quantity, p.allocated, p.status, p.categories, p.scope,
                   p.max_per_need, p.expires, p.mode
              FROM pledges p WHERE p.id = $1 FOR UPDATE""";
    public static final String LOCK_CAP = "SELECT max, allocated FROM village_caps WHERE village_id = $1 AND unit = $2 FOR UPDATE";
    public static final String MOVE_NEED = "UPDATE needs SET allocated = allocated + $2, updated_at = now() WHERE id = $1";
    public static final String MOVE_PLEDGE = "UPDATE pledges SET allocated = allocated + $2, updated_at = now() WHERE id = $1";
    public static final String MOVE_CAP = "UPDATE village_caps SET allocated = allocated + $3 WHERE village_id = $1 AND unit = $2";
    public static final String GIVEN_FROM_PLEDGE = "SELECT coalesce(sum(quantity), 0) AS given FROM allocations "
            + "WHERE need_id = $1 AND pledge_id = $2 AND status IN " + ACTIVE_STATUSES;
    /** A need's status follows its counters and the progress of its allocations. */
    public static final String REFRESH_NEED = """
            UPDATE needs n SET updated_at = now(), status = CASE
                WHEN n.allocated = n.quantity AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = n.id
                     AND a.status IN ('proposed','confirmed','delivered','received')) THEN 'verified'
                WHEN n.allocated = n.quantity AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = n.id
                     AND a.status IN ('proposed','confirmed','delivered')) THEN 'fulfilled'
                WHEN n.allocated = n.quantity THEN 'allocated'
                WHEN n.allocated > 0 THEN 'partly_allocated'
                ELSE 'published' END
             WHERE n.id = $1 AND n.status IN ('published','partly_allocated','allocated','fulfilled','verified')""";
    public static final String REFRESH_PLEDGE = """
            UPDATE pledges SET updated_at = now(),
                   status = CASE WHEN allocated = quantity THEN 'exhausted' ELSE 'open' END
             WHERE id = $1 AND status IN ('open','exhausted')""";
    /** The same refreshes for many rows at once ({@code $1} an array of ids). */
    public static final String REFRESH_NEEDS = REFRESH_NEED.replace("WHERE n.id = $1", "WHERE n.id = ANY($1)");
    public static final String REFRESH_PLEDGES = REFRESH_PLEDGE.replace("WHERE id = $1", "WHERE id = ANY($1)");
    /** Moves many counters in one statement: {@code $1} ids, {@code $2} the quantities to add. */
    public static final String MOVE_NEEDS = "UPDATE needs n SET allocated = n.allocated + d.q, updated_at = now() "
            + "FROM unnest($1::bigint[], $2::bigint[]) AS d(id, q) WHERE n.id = d.id";
    public static final String MOVE_PLEDGES = "UPDATE pledges p SET allocated = p.allocated + d.q, updated_at = now() "
            + "FROM unnest($1::bigint[], $2::bigint[]) AS d(id, q) WHERE p.id = d.id";
    public static final String MOVE_CAPS = "UPDATE village_caps c SET allocated = c.allocated + d.q "
            + "FROM unnest($1::text[], $2::text[], $3::bigint[]) AS d(v, u, q) WHERE c.village_id = d.v AND c.unit = d.u";
    public static final String INSERT_ALLOCATION = """
            INSERT INTO allocations (need_id, pledge_id, round_id, source, unit, quantity, reasons, status,
                                     confirmed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 = 'confirmed' THEN now() END)
            RETURNING id""";
    static final String ALLOCATION_HEAD = "SELECT need_id, pledge_id FROM allocations WHERE id = $1";
    static final String LOCK_ALLOCATION = """
            SELECT a.id, a.need_id, a.pledge_id, a.unit, a.quantity, a.status, n.village_id, p.donor_id
              FROM allocations a JOIN needs n ON n.id = a.need_id JOIN pledges p ON p.id = a.pledge_id
             WHERE a.id = $1 FOR UPDATE OF a""";
    static final String EXPIRE = "UPDATE allocations SET status = 'expired', updated_at = now() WHERE id = $1";
    public static final String INSERT_HISTORY = "INSERT INTO allocation_history (allocation_id, status, by_user, note) VALUES ($1, $2, $3, $4)";

    private Ledger() {
    }

    /** Moves {@code quantity} onto the need, the pledge and the village's cap (if any). */
    public static Future<Void> hold(SqlClient sql, long needId, long pledgeId, String villageId, String unit, long quantity) {
        return sql.preparedQuery(MOVE_NEED).execute(Tuple.of(needId, quantity))
                .compose(r -> sql.preparedQuery(MOVE_PLEDGE).execute(Tuple.of(pledgeId, quantity)))
                .compose(r -> sql.preparedQuery(MOVE_CAP).execute(Tuple.of(villageId, unit, quantity)))
                .compose(r -> refresh(sql, needId, pledgeId));
    }

    /** Gives back exactly what an allocation held: the inverse of {@link #hold}. */
    public static Future<Void> free(SqlClient sql, long needId, long pledgeId, String villageId, String unit, long quantity) {
        return hold(sql, needId, pledgeId, villageId, unit, -quantity);
    }

    /**
     * Locks an allocation in the order every writer uses (its need, its pledge, then the allocation)
     * and answers it with its village and donor; {@code null} when there is no such allocation.
     */
    public static Future<Row> lockAllocation(SqlClient sql, long id) {
        return sql.preparedQuery(ALLOCATION_HEAD).execute(Tuple.of(id)).compose(head -> {
            if (head.size() == 0) {
                return Future.succeededFuture(null);
            }
            Row h = head.iterator().next();
            return sql.preparedQuery(LOCK_NEED).execute(Tuple.of(h.getLong("need_id")))
                    .compose(n -> sql.preparedQuery(LOCK_PLEDGE).execute(Tuple.of(h.getLong("pledge_id"))))
                    .compose(p -> sql.preparedQuery(LOCK_ALLOCATION).execute(Tuple.of(id)))
                    .map(rows -> rows.iterator().next());
        });
    }

    /**
     * Expires a proposed allocation (need withdrawn or past its deadline, pledge withdrawn or expired,
     * nobody confirmed in time): gives back what it held, marks it, says why in its history. The
     * caller holds the need's and the pledge's locks and has checked that it is still proposed.
     */
    public static Future<Void> expire(SqlClient sql, long allocationId, long needId, long pledgeId, String villageId,
                                      String unit, long quantity, Long byUser, String why) {
        return free(sql, needId, pledgeId, villageId, unit, quantity)
                .compose(v -> sql.preparedQuery(EXPIRE).execute(Tuple.of(allocationId)))
                .compose(v -> history(sql, allocationId, "expired", byUser, why));
    }

    public static Future<Void> refresh(SqlClient sql, long needId, long pledgeId) {
        return sql.preparedQuery(REFRESH_NEED).execute(Tuple.of(needId))
                .compose(r -> sql.preparedQuery(REFRESH_PLEDGE).execute(Tuple.of(pledgeId)))
                .mapEmpty();
    }

    public static Future<Long> insert(SqlClient sql, long needId, long pledgeId, Long roundId, String source, String unit,
                                      long quantity, List<String> reasons, String status, Long byUser) {
        return sql.preparedQuery(INSERT_ALLOCATION)
                .execute(Tuple.of(needId, pledgeId, roundId, source, unit, quantity,
                        reasons.toArray(String[]::new), status))
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(id -> history(sql, id, status, byUser, null).map(id));
    }

    public static Future<Void> history(SqlClient sql, long allocationId, String status, Long byUser, String note) {
        return sql.preparedQuery(INSERT_HISTORY).execute(Tuple.of(allocationId, status, byUser, note)).mapEmpty();
    }

    /** Remaining room under a village cap, or {@code Long.MAX_VALUE} where the village has none. */
    public static Future<Long> capRoom(SqlClient sql, String villageId, String unit) {
        return sql.preparedQuery(LOCK_CAP).execute(Tuple.of(villageId, unit)).map(rows -> {
            if (rows.size() == 0) {
                return Long.MAX_VALUE;
            }
            Row r = rows.iterator().next();
            return r.getLong("max") - r.getLong("allocated");
        });
    }

    public static Future<Long> givenFromPledge(SqlClient sql, long needId, long pledgeId) {
        return sql.preparedQuery(GIVEN_FROM_PLEDGE).execute(Tuple.of(needId, pledgeId))
                .map(rows -> rows.iterator().next().getLong("given"));
    }

    public static JsonObject needSnapshot(Row n) {
        return new JsonObject().put("status", n.getString("status"))
                .put("quantity", n.getLong("quantity")).put("allocated", n.getLong("allocated"));
    }

    public static JsonObject pledgeSnapshot(Row p) {
        return new JsonObject().put("status", p.getString("status"))
                .put("quantity", p.getLong("quantity")).put("allocated", p.getLong("allocated"));
    }
}
