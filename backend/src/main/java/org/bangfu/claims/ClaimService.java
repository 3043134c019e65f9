package org.bangfu.claims;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.bangfu.allocations.AllocationQueries;
import org.bangfu.allocations.Ledger;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.support.DomainException;

/**
 * A donor takes (part of) a published need directly (认领), from one of its open pledges or
 * with new money (a new earmarked pledge of exactly that amount). The allocation is born
 * {@code confirmed}: the donor chose it.
 *
 * <p>One transaction: lock the need, then the pledge, then the village cap; re-check what is
 * left under the locks; move the counters; write the allocation, its history and the audit
 * row. Fifty donors clicking at once are serialised by the need's row lock, and the CHECKs
 * of V10 refuse anything that would still slip past.
 */
public final class ClaimService {
    /**
     * New money for one need: an earmarked pledge of exactly that amount, counted in the campaign
     * in which the donor pairs with the need's village, else in the donor's first campaign.
     */
    static final String NEW_EARMARKED_PLEDGE = """
            INSERT INTO pledges (donor_id, campaign_id, unit, quantity, categories, scope, mode, note)
            VALUES ($1, coalesce((SELECT min(campaign_id) FROM campaign_pairings WHERE donor_id = $1 AND village_id = $5),
                                 (SELECT min(campaign_id) FROM campaign_enrolments WHERE donor_id = $1)),
                    $2, $3, ARRAY[$4::text], ARRAY[$5::text], 'earmarked', $6)
            RETURNING id, donor_id, unit, quantity, allocated, status, categories, scope, max_per_need, expires, mode""";

    private final Pool pool;

    public ClaimService(Pool pool) {
        this.pool = pool;
    }

    public record Claim(long needId, Long pledgeId, long quantity) {
    }

    public Future<JsonObject> claim(CurrentUser donor, Claim claim) {
        long donorId = donor.donorId();
        return pool.withTransaction(tx -> tx.preparedQuery(Ledger.LOCK_NEED).execute(Tuple.of(claim.needId()))
                .compose(needs -> {
                    if (needs.size() == 0) {
                        return Future.failedFuture(DomainException.notFound("need " + claim.needId()));
                    }
                    Row need = needs.iterator().next();
                    checkNeedOpen(need);
                    Future<Row> pledge = claim.pledgeId() == null
                            ? newPledge(tx, donorId, need, claim.quantity())
                            : lockOwnPledge(tx, donorId, claim.pledgeId(), need);
                    return pledge.compose(p -> take(tx, donor, need, p, claim.quantity(), claim.pledgeId() == null));
                }));
    }

    private static void checkNeedOpen(Row need) {
        String status = need.getString("status");
        if (!org.bangfu.needs.NeedQueries.PUBLIC_STATUSES.contains(status)) {
            // drafts, rejected and withdrawn needs are invisible to donors: no such need for them
            throw DomainException.notFound("need " + need.getLong("id"));
        }
        if (!status.equals("published") && !status.equals("partly_allocated")) {
            throw DomainException.conflict("need " + need.getLong("id") + " is " + status + ", not open for claims");
        }
        LocalDate deadline = need.getLocalDate("deadline");
        if (deadline != null && deadline.isBefore(LocalDate.now())) {
            throw DomainException.conflict("need " + need.getLong("id") + " is past its deadline " + deadline);
        }
    }

    private static Future<Row> newPledge(SqlConnection tx, long donorId, Row need, long quantity) {
        return tx.preparedQuery(NEW_EARMARKED_PLEDGE)
                .execute(Tuple.of(donorId, need.getString("unit"), quantity, need.getString("category"),
                        need.getString("village_id"), "claim of need " + need.getLong("id")))
                .map(rows -> rows.iterator().next());
    }

    private static Future<Row> lockOwnPledge(SqlConnection tx, long donorId, long pledgeId, Row need) {
        return tx.preparedQuery(Ledger.LOCK_PLEDGE).execute(Tuple.of(pledgeId)).map(rows -> {
            if (rows.size() == 0) {
                throw DomainException.validation("pledgeId", "pledge " + pledgeId + " does not exist");
            }
            Row p = rows.iterator().next();
            if (p.getLong("donor_id") != donorId) {
                throw DomainException.forbidden("pledge " + pledgeId + " is not yours");
            }
            if (!p.getString("status").equals("open")) {
                throw DomainException.conflict("pledge " + pledgeId + " is " + p.getString("status"));
            }
            LocalDate expires = p.getLocalDate("expires");
            if (expires != null && expires.isBefore(LocalDate.now())) {
                throw DomainException.conflict("pledge " + pledgeId + " expired on " + expires);
            }
            if (!p.getString("unit").equals(need.getString("unit"))) {
                throw DomainException.validation("pledgeId", "pledge is in " + p.getString("unit")
                        + " but the need is in " + need.getString("unit"));
            }
            List<String> categories = Arrays.asList(p.getArrayOfStrings("categories"));
            if (!categories.isEmpty() && !categories.contains(need.getString("category"))) {
                throw DomainException.validation("pledgeId", "pledge does not cover the category " + need.getString("category"));
            }
            List<String> scope = Arrays.asList(p.getArrayOfStrings("scope"));
            String village = need.getString("village_id");
            if (!scope.isEmpty() && scope.stream().noneMatch(r -> org.bangfu.auth.Access.regionContains(r, village))) {
                throw DomainException.validation("pledgeId", "village " + village + " is outside the pledge's scope");
            }
            return p;
        });
    }

    /** A 409 that names the field: what is asked for is more than is left. */
    static DomainException quantityConflict(String message) {
        return DomainException.conflict("quantity_exceeds_remaining", message, java.util.Map.of(),
                new DomainException.FieldError("quantity", "more_than_left", "is more than is left"));
    }

    private static Future<JsonObject> take(SqlConnection tx, CurrentUser donor, Row need, Row pledge, long quantity,
                                           boolean newMoney) {
        long needId = need.getLong("id");
        long pledgeId = pledge.getLong("id");
        String village = need.getString("village_id");
        String unit = need.getString("unit");
        long needLeft = need.getLong("quantity") - need.getLong("allocated");
        long pledgeLeft = pledge.getLong("quantity") - pledge.getLong("allocated");
        if (quantity > needLeft) {
            return Future.failedFuture(quantityConflict("quantity " + quantity + " is more than the "
                    + needLeft + " the need still lacks"));
        }
        if (quantity > pledgeLeft) {
            return Future.failedFuture(quantityConflict("quantity " + quantity + " is more than the "
                    + pledgeLeft + " left of pledge " + pledgeId));
        }
        Long maxPerNeed = pledge.getLong("max_per_need");
        Future<Void> perNeed = maxPerNeed == null ? Future.succeededFuture()
                : Ledger.givenFromPledge(tx, needId, pledgeId).compose(given -> given + quantity > maxPerNeed
                        ? Future.failedFuture(DomainException.conflict("pledge " + pledgeId + " gives at most "
                        + maxPerNeed + " to one need; " + given + " already given"))
                        : Future.succeededFuture());
        return perNeed
                .compose(v -> Ledger.capRoom(tx, village, unit))
                .compose(room -> quantity > room
                        ? Future.failedFuture(DomainException.conflict("village " + village + " can take only "
                        + room + " more " + unit + " under its cap"))
                        : Future.<Void>succeededFuture())
                .compose(v -> AllocationQueries.reasonsFor(tx, needId, pledge.getLong("donor_id")))
                .compose(reasons -> Ledger.insert(tx, needId, pledgeId, null, "claim", unit, quantity, reasons,
                        "confirmed", donor.id()))
                .compose(allocationId -> Ledger.hold(tx, needId, pledgeId, village, unit, quantity)
                        .compose(v -> !newMoney ? Future.<Void>succeededFuture() : AuditLog.append(tx, donor, "pledge",
                                pledgeId, "create", null, new JsonObject().put("unit", unit).put("quantity", quantity)
                                        .put("mode", "earmarked").put("needId", needId)))
                        .compose(v -> AuditLog.append(tx, donor, "allocation", allocationId, "claim", null,
                                new JsonObject().put("needId", needId).put("pledgeId", pledgeId)
                                        .put("quantity", quantity).put("status", "confirmed")
                                        .put("need", Ledger.needSnapshot(need))
                                        .put("pledge", Ledger.pledgeSnapshot(pledge))))
                        .compose(v -> AllocationQueries.one(tx, allocationId)));
    }
}
