package org.bangfu.pledges;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import org.bangfu.allocations.Ledger;
import org.bangfu.audit.AuditLog;

/**
 * Everything that runs out with time: pledges past their date ({@link PledgeExpiry}), needs past
 * their deadline, and proposals nobody confirmed within {@link #PROPOSAL_DAYS} days. Each
 * expiring thing is its own transaction; whatever expires gives back exactly what it held.
 * Run before every match round and hourly; safe to run on several nodes at once (row locks,
 * and each step re-checks the state under them).
 */
public final class Expiry {
    public static final int PROPOSAL_DAYS = 14;

    static final String STALE_PROPOSALS = "SELECT id FROM allocations WHERE status = 'proposed' "
            + "AND created_at < now() - make_interval(days => $1) ORDER BY id";
    /** Overdue needs that still hold something to release: nothing yet, or proposals. */
    static final String OVERDUE_NEEDS = "SELECT n.id FROM needs n WHERE n.status IN ('published', 'partly_allocated', 'allocated') "
            + "AND n.deadline < $1 AND (n.allocated = 0 OR EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = n.id "
            + "AND a.status = 'proposed')) ORDER BY n.id";

    private Expiry() {
    }

    /** Runs every kind of expiry for {@code today}; answers how many things expired. */
    public static Future<Integer> run(Pool pool, LocalDate today) {
        return PledgeExpiry.run(pool, today)
                .compose(pledges -> stale(pool).map(n -> pledges + n))
                .compose(count -> overdue(pool, today).map(n -> count + n));
    }

    private static Future<Integer> stale(Pool pool) {
        return pool.preparedQuery(STALE_PROPOSALS).execute(Tuple.of(PROPOSAL_DAYS)).compose(rows -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (Row r : rows) {
                long id = r.getLong("id");
                chain = chain.compose(n -> expireProposal(pool, id, "not confirmed within " + PROPOSAL_DAYS + " days")
                        .map(done -> n + (done ? 1 : 0)));
            }
            return chain;
        });
    }

    /** Expires one proposed allocation (locks need → pledge → allocation), freeing what it held. */
    static Future<Boolean> expireProposal(Pool pool, long id, String why) {
        return pool.withTransaction(tx -> Ledger.lockAllocation(tx, id).compose(a -> {
            if (a == null || !a.getString("status").equals("proposed")) {
                return Future.succeededFuture(false); // confirmed or declined meanwhile
            }
            return Ledger.expire(tx, id, a.getLong("need_id"), a.getLong("pledge_id"), a.getString("village_id"),
                            a.getString("unit"), a.getLong("quantity"), null, why)
                    .compose(v -> AuditLog.append(tx, null, "allocation", id, "expire",
                            new JsonObject().put("status", "proposed"),
                            new JsonObject().put("status", "expired").put("reason", why)))
                    .map(true);
        }));
    }

    private static Future<Integer> overdue(Pool pool, LocalDate today) {
        return pool.preparedQuery(OVERDUE_NEEDS).execute(Tuple.of(today)).compose(rows -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (Row r : rows) {
                long id = r.getLong("id");
                chain = chain.compose(n -> expireNeed(pool, id, today).map(done -> n + (done ? 1 : 0)));
            }
            return chain;
        });
    }

    /**
     * A need past its deadline stops taking help: its proposals expire (freeing their pledges); what
     * donors already confirmed stands, and the need is {@code expired} only if nothing was confirmed.
     */
    static Future<Boolean> expireNeed(Pool pool, long needId, LocalDate today) {
        return pool.withTransaction(tx -> tx.preparedQuery(Ledger.LOCK_NEED).execute(Tuple.of(needId)).compose(rows -> {
            Row n = rows.iterator().next();
            LocalDate deadline = n.getLocalDate("deadline");
            String status = n.getString("status");
            if (deadline == null || !deadline.isBefore(today)
                    || !java.util.Set.of("published", "partly_allocated", "allocated").contains(status)) {
                return Future.succeededFuture(false);
            }
            return tx.preparedQuery("SELECT p.id FROM pledges p WHERE p.id IN (SELECT pledge_id FROM allocations "
                            + "WHERE need_id = $1 AND status = 'proposed') ORDER BY p.id FOR UPDATE").execute(Tuple.of(needId))
                    .compose(v -> tx.preparedQuery("SELECT id, pledge_id, quantity FROM allocations WHERE need_id = $1 "
                            + "AND status = 'proposed' ORDER BY id FOR UPDATE").execute(Tuple.of(needId)))
                    .compose(proposals -> {
                        Future<Void> chain = Future.succeededFuture();
                        for (Row a : proposals) {
                            chain = chain.compose(v -> Ledger.expire(tx, a.getLong("id"), needId, a.getLong("pledge_id"),
                                    n.getString("village_id"), n.getString("unit"), a.getLong("quantity"), null,
                                    "need past its deadline"));
                        }
                        return chain;
                    })
                    .compose(v -> tx.preparedQuery("UPDATE needs SET status = CASE WHEN allocated = 0 THEN 'expired' ELSE status END, "
                            + "updated_at = now() WHERE id = $1 RETURNING status").execute(Tuple.of(needId)))
                    .compose(after -> AuditLog.append(tx, null, "need", needId, "expire", new JsonObject().put("status", status),
                            new JsonObject().put("status", after.iterator().next().getString("status"))))
                    .map(true);
        }));
    }
}
