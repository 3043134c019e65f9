package org.bangfu.pledges;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import org.bangfu.allocations.Ledger;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;

/**
 * Expiry: pledges past their date stop giving, and their proposed allocations expire and
 * give back to the needs exactly what they held. Run before every match round (and callable
 * from a timer); each pledge is its own transaction.
 */
public final class PledgeExpiry {
    static final String PROPOSED = """
            SELECT a.id, a.need_id, a.quantity, a.unit, n.village_id
              FROM allocations a JOIN needs n ON n.id = a.need_id
             WHERE a.pledge_id = $1 AND a.status = 'proposed' ORDER BY a.need_id, a.id FOR UPDATE OF a""";

    static final java.util.Set<String> ENDABLE = java.util.Set.of("open", "exhausted");
    static final String LOCK_PROPOSED_NEEDS = "SELECT n.id FROM needs n WHERE n.id IN (SELECT need_id "
            + "FROM allocations WHERE pledge_id = $1 AND status = 'proposed') ORDER BY n.id FOR UPDATE";
    static final String SET_STATUS = "UPDATE pledges SET status = $2, updated_at = now() WHERE id = $1";

    private PledgeExpiry() {
    }

    /** Expires proposed allocations of a pledge; the caller holds the needs' and the pledge's locks. */
    static Future<Void> releaseProposed(SqlConnection tx, CurrentUser user, long pledgeId, String why) {
        return tx.preparedQuery(PROPOSED).execute(Tuple.of(pledgeId)).compose(rows -> {
            Future<Void> chain = Future.succeededFuture();
            for (Row a : rows) {
                chain = chain.compose(v -> Ledger.expire(tx, a.getLong("id"), a.getLong("need_id"), pledgeId,
                        a.getString("village_id"), a.getString("unit"), a.getLong("quantity"),
                        user == null ? null : user.id(), why));
            }
            return chain;
        });
    }

    /** Expires every open pledge whose date is before {@code today}; returns how many. */
    public static Future<Integer> run(Pool pool, LocalDate today) {
        return pool.preparedQuery("SELECT id FROM pledges WHERE status IN ('open','exhausted') AND expires < $1 ORDER BY id")
                .execute(Tuple.of(today)).compose(rows -> {
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (Row r : rows) {
                        long id = r.getLong("id");
                        chain = chain.compose(n -> expireOne(pool, id).map(n + 1));
                    }
                    return chain;
                });
    }

    private static Future<Void> expireOne(Pool pool, long id) {
        return pool.withTransaction(tx -> end(tx, null, id, "expired", "expire", "pledge expired")).mapEmpty();
    }

    /**
     * Ends an open or exhausted pledge (withdrawn by its donor, or expired): locks the needs of its
     * proposals and then the pledge (the usual order), expires the proposals, sets {@code to} and
     * audits it as {@code action}. Answers the pledge as it was; one no longer open or exhausted is
     * left alone (the caller decides whether that is an error).
     */
    static Future<Row> end(SqlConnection tx, CurrentUser user, long id, String to, String action, String why) {
        return tx.preparedQuery(LOCK_PROPOSED_NEEDS).execute(Tuple.of(id))
                .compose(v -> tx.preparedQuery(Ledger.LOCK_PLEDGE).execute(Tuple.of(id)))
                .compose(rows -> {
                    Row p = rows.iterator().next();
                    if (!ENDABLE.contains(p.getString("status"))) {
                        return Future.succeededFuture(p);
                    }
                    return releaseProposed(tx, user, id, why)
                            .compose(v -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(id, to)))
                            .compose(v -> AuditLog.append(tx, user, "pledge", id, action, Ledger.pledgeSnapshot(p),
                                    new JsonObject().put("status", to)))
                            .map(p);
                });
    }
}
