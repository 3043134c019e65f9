package org.bangfu.allocations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;

/**
 * The lifecycle of an allocation: proposed → confirmed (or declined) → delivered → received
 * (with evidence) → verified; each step by the role it belongs to, each one transaction with
 * its history row and audit row. Declining gives back to the need, the pledge and the village
 * cap exactly what the allocation held.
 */
public final class AllocationService {
    static final String SET_STATUS = """
            UPDATE allocations SET status = $2, updated_at = now(),
                   confirmed_at = CASE WHEN $2 = 'confirmed' THEN now() ELSE confirmed_at END,
                   delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
                   received_at  = CASE WHEN $2 = 'received'  THEN now() ELSE received_at END,
                   verified_at  = CASE WHEN $2 = 'verified'  THEN now() ELSE verified_at END
             WHERE id = $1""";
    static final String ADD_EVIDENCE = """
            INSERT INTO allocation_evidence (allocation_id, n, stage, note, name, content_type, size, data, by_user)
            VALUES ($1, (SELECT coalesce(max(n), 0) + 1 FROM allocation_evidence WHERE allocation_id = $1),
                    $2, $3, $4, $5, $6, $7, $8)""";

    /** One attachment of a receipt, already decoded and size-checked. */
    public record Attachment(String name, String contentType, byte[] data) {
    }

    public enum Step {
        CONFIRM("proposed", "confirmed"),
        DECLINE("proposed", "declined"),
        DELIVER("confirmed", "delivered"),
        RECEIVE("delivered", "received"),
        VERIFY("received", "verified");

        final String from;
        final String to;

        Step(String from, String to) {
            this.from = from;
            this.to = to;
        }
    }

    private final Pool pool;

    public AllocationService(Pool pool) {
        this.pool = pool;
    }

    public Future<JsonObject> transition(CurrentUser user, long id, Step step, String note, List<Attachment> files) {
        return pool.withTransaction(tx -> Ledger.lockAllocation(tx, id).compose(a -> a == null
                ? Future.failedFuture(DomainException.notFound("allocation " + id))
                : apply(tx, user, a, step, note, files)));
    }

    private Future<JsonObject> apply(SqlConnection tx, CurrentUser user, Row a, Step step, String note,
                                     List<Attachment> files) {
        long id = a.getLong("id");
        authorise(user, a, step);
        String status = a.getString("status");
        if (!status.equals(step.from)) {
            return Future.failedFuture(DomainException.conflict("allocation " + id + " is " + status
                    + "; only a " + step.from + " allocation can become " + step.to));
        }
        long needId = a.getLong("need_id");
        long pledgeId = a.getLong("pledge_id");
        Future<Void> moved = step == Step.DECLINE
                ? Ledger.free(tx, needId, pledgeId, a.getString("village_id"), a.getString("unit"), a.getLong("quantity"))
                : Future.succeededFuture();
        return moved
                .compose(v -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(id, step.to)))
                .compose(v -> Ledger.history(tx, id, step.to, user.id(), note))
                .compose(v -> evidence(tx, user, id, step, note, files))
                .compose(v -> Ledger.refresh(tx, needId, pledgeId))
                .compose(v -> AuditLog.append(tx, user, "allocation", id, step.name().toLowerCase(),
                        new JsonObject().put("status", status),
                        new JsonObject().put("status", step.to).put("note", note)
                                .put("attachments", files == null ? 0 : files.size())))
                .compose(v -> AllocationQueries.one(tx, id));
    }

    private static void authorise(CurrentUser user, Row a, Step step) {
        long id = a.getLong("id");
        String village = a.getString("village_id");
        boolean allowed = switch (step) {
            case CONFIRM, DECLINE, DELIVER -> Access.canActForDonor(user, a.getLong("donor_id"));
            case RECEIVE -> user.is(Role.ADMIN) || (user.is(Role.VILLAGE_SECRETARY) && village.equals(user.villageId()));
            case VERIFY -> user.is(Role.ADMIN) || (user.is(Role.REVIEWER) && Access.regionContains(user.regionId(), village));
        };
        if (!allowed) {
            throw DomainException.forbidden("allocation " + id + " is not yours to " + step.name().toLowerCase());
        }
    }

    private static Future<Void> evidence(SqlConnection tx, CurrentUser user, long id, Step step, String note,
                                         List<Attachment> files) {
        if (step != Step.DELIVER && step != Step.RECEIVE) {
            return Future.succeededFuture();
        }
        Future<Void> chain = note == null ? Future.succeededFuture()
                : tx.preparedQuery(ADD_EVIDENCE).execute(Tuple.from(new Object[] {id, step.to, note, null, null, null,
                        null, user.id()})).mapEmpty();
        for (Attachment f : files == null ? List.<Attachment>of() : files) {
            chain = chain.compose(v -> tx.preparedQuery(ADD_EVIDENCE).execute(Tuple.from(new Object[] {id, step.to,
                    null, f.name(), f.contentType(), f.data().length, io.vertx.core.buffer.Buffer.buffer(f.data()),
                    user.id()})).mapEmpty());
        }
        return chain;
    }
}
