package org.bangfu.pledges;

import org.bangfu.support.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bangfu.allocations.AllocationQueries;
import org.bangfu.allocations.Ledger;
import org.bangfu.support.Listing;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;
import org.bangfu.http.AppContext;
import org.bangfu.http.Body;
import org.bangfu.support.Paging;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * {@code /pledges}: a donor's offers (认捐) and what is left of each at any moment. Pooled
 * pledges take part in match rounds; earmarked ones are spent only by the donor's own claims.
 */
public final class PledgeRoutes implements RouteModule {
    static final long MAX_QUANTITY = 1_000_000_000_000L;
    static final List<String> CATEGORIES = org.bangfu.needs.NeedQueries.CATEGORIES;
    static final List<String> STATUSES = List.of("open", "exhausted", "expired", "withdrawn");
    static final String COLUMNS = """
            SELECT p.id, p.donor_id, d.name AS donor_name, p.campaign_id, p.unit, p.quantity, p.allocated,
                   p.categories, p.scope, p.max_per_need, p.expires, p.mode, p.note, p.status, p.created_at, p.updated_at""";
    static final String FROM = "FROM pledges p JOIN donors d ON d.id = p.donor_id";
    static final String SELECT = COLUMNS + " " + FROM;
    static final String INSERT = """
            INSERT INTO pledges (donor_id, campaign_id, unit, quantity, categories, scope, max_per_need, expires, mode, note)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""";

    private final Pool pool;

    public PledgeRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.get("/pledges").handler(this::list);
        api.post("/pledges").handler(this::create);
        api.get("/pledges/:id").handler(this::get);
        api.patch("/pledges/:id").handler(this::update);
        api.post("/pledges/:id/withdraw").handler(this::withdraw);
    }

    static JsonObject toJson(Row r) {
        long quantity = r.getLong("quantity");
        long allocated = r.getLong("allocated");
        LocalDate expires = r.getLocalDate("expires");
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("donorId", r.getLong("donor_id"))
                .put("donorName", r.getString("donor_name"))
                .put("campaignId", r.getLong("campaign_id"))
                .put("unit", r.getString("unit"))
                .put("quantity", quantity)
                .put("allocated", allocated)
                .put("remaining", r.getString("status").equals("open") ? quantity - allocated : 0L)
                .put("categories", new JsonArray(new ArrayList<>(Arrays.asList(r.getArrayOfStrings("categories")))))
                .put("scope", new JsonArray(new ArrayList<>(Arrays.asList(r.getArrayOfStrings("scope")))))
                .put("maxPerNeed", r.getLong("max_per_need"))
                .put("expires", expires == null ? null : expires.toString())
                .put("mode", r.getString("mode"))
                .put("note", r.getString("note"))
                .put("status", r.getString("status"))
                .put("createdAt", Times.instant(r.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.instant(r.getOffsetDateTime("updated_at")));
    }

    private static CurrentUser reader(RoutingContext ctx) {
        return Access.require(ctx, Role.DONOR, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    }

    private void list(RoutingContext ctx) {
        CurrentUser user = reader(ctx);
        Params q = Params.of(ctx);
        Paging paging = q.paging();
        Listing list = new Listing();
        if (user.is(Role.DONOR)) {
            list.where("p.donor_id = $?", user.donorId());
        }
        q.optionalLong("donorId", 1, Long.MAX_VALUE).ifPresent(v -> list.where("p.donor_id = $?", v));
        q.optionalLong("campaignId", 1, Long.MAX_VALUE).ifPresent(v -> list.where("p.campaign_id = $?", v));
        q.optionalEnum("status", STATUSES).ifPresent(v -> list.where("p.status = $?", v));
        q.optionalEnum("mode", List.of("pooled", "earmarked")).ifPresent(v -> list.where("p.mode = $?", v));
        list.page(pool, COLUMNS, FROM, "p.id DESC", paging, PledgeRoutes::toJson)
                .onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        CurrentUser user = reader(ctx);
        long id = Params.of(ctx).pathId("id");
        one(pool, user, id).onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    static Future<JsonObject> one(SqlClient sql, CurrentUser user, long id) {
        return sql.preparedQuery(SELECT + " WHERE p.id = $1").execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(DomainException.notFound("pledge " + id));
            }
            Row r = rows.iterator().next();
            if (user.is(Role.DONOR) && !user.donorId().equals(r.getLong("donor_id"))) {
                return Future.failedFuture(DomainException.notFound("pledge " + id));
            }
            return Future.succeededFuture(toJson(r));
        });
    }

    private void create(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.DONOR, Role.ADMIN);
        Body b = Body.of(ctx).only(Set.of("donorId", "campaignId", "unit", "quantity", "categories", "scope",
                "maxPerNeed", "expires", "mode", "note"));
        long donorId = b.optionalLong("donorId", 1, Long.MAX_VALUE)
                .orElseGet(() -> {
                    if (user.donorId() == null) {
                        throw DomainException.validation("donorId", "is required");
                    }
                    return user.donorId();
                });
        Access.requireDonor(user, donorId);
        Long campaignId = b.optionalLong("campaignId", 1, Long.MAX_VALUE).orElse(null);
        String unit = org.bangfu.needs.NeedQueries.unit(b.requiredString("unit", 1, 45));
        long quantity = b.requiredLong("quantity", 1, MAX_QUANTITY);
        List<String> categories = b.stringList("categories", 14, 20, CATEGORIES);
        List<String> scope = b.stringList("scope", 200, 40, null);
        Long maxPerNeed = b.optionalLong("maxPerNeed", 1, MAX_QUANTITY).orElse(null);
        LocalDate expires = b.optionalDate("expires").orElse(null);
        if (expires != null && expires.isBefore(LocalDate.now())) {
            throw DomainException.validation("expires", "must not be in the past");
        }
        String mode = b.optionalEnum("mode", List.of("pooled", "earmarked")).orElse("pooled");
        String note = b.optionalString("note", 0, 2000).orElse("");
        pool.withTransaction(tx -> checkRefs(tx, donorId, campaignId, scope)
                        .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {donorId, campaignId, unit,
                                quantity, categories.toArray(String[]::new), scope.toArray(String[]::new), maxPerNeed,
                                expires, mode, note})))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> AuditLog.append(tx, user, "pledge", id, "create", null,
                                new JsonObject().put("unit", unit).put("quantity", quantity).put("mode", mode))
                                .compose(v -> one(tx, user, id))))
                .onSuccess(p -> Responses.created(ctx, p)).onFailure(ctx::fail);
    }

    private static Future<Void> checkRefs(SqlClient sql, long donorId, Long campaignId, List<String> scope) {
        return sql.preparedQuery("""
                        SELECT EXISTS (SELECT 1 FROM donors WHERE id = $1) AS donor,
                               ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM campaigns WHERE id = $2)) AS campaign,
                               ARRAY(SELECT s FROM unnest($3::text[]) s WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.id = s)) AS unknown""")
                .execute(Tuple.of(donorId, campaignId, scope.toArray(String[]::new))).compose(rows -> {
                    Row r = rows.iterator().next();
                    if (!r.getBoolean("donor")) {
                        return Future.failedFuture(DomainException.validation("donorId", "is not a known donor"));
                    }
                    if (!r.getBoolean("campaign")) {
                        return Future.failedFuture(DomainException.validation("campaignId", "is not a known campaign"));
                    }
                    String[] unknown = r.getArrayOfStrings("unknown");
                    if (unknown.length > 0) {
                        return Future.failedFuture(DomainException.validation("scope", "names unknown regions: "
                                + String.join(", ", unknown)));
                    }
                    return Future.succeededFuture();
                });
    }

    private void update(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.DONOR, Role.ADMIN);
        long id = Params.of(ctx).pathId("id");
        Body b = Body.of(ctx).only(Set.of("quantity", "maxPerNeed", "expires", "note", "mode"));
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        args.add(id);
        b.optionalLong("quantity", 1, MAX_QUANTITY).ifPresent(v -> set(sets, args, "quantity", v));
        b.optionalLong("maxPerNeed", 1, MAX_QUANTITY).ifPresent(v -> set(sets, args, "max_per_need", v));
        b.optionalDate("expires").ifPresent(v -> {
            if (v.isBefore(LocalDate.now())) {
                throw DomainException.validation("expires", "must not be in the past");
            }
            set(sets, args, "expires", v);
        });
        b.optionalString("note", 0, 2000).ifPresent(v -> set(sets, args, "note", v));
        b.optionalEnum("mode", List.of("pooled", "earmarked")).ifPresent(v -> set(sets, args, "mode", v));
        if (sets.isEmpty()) {
            throw DomainException.validation("body", "names no field to change");
        }
        pool.withTransaction(tx -> tx.preparedQuery(Ledger.LOCK_PLEDGE).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(DomainException.notFound("pledge " + id));
            }
            Row p = rows.iterator().next();
            ownOr404(user, p, id);
            if (!Set.of("open", "exhausted").contains(p.getString("status"))) {
                return Future.failedFuture(DomainException.conflict("pledge " + id + " is " + p.getString("status")));
            }
            Long quantity = b.optionalLong("quantity", 1, MAX_QUANTITY).orElse(null);
            if (quantity != null && quantity < p.getLong("allocated")) {
                return Future.failedFuture(DomainException.conflict("quantity cannot go below the "
                        + p.getLong("allocated") + " already allocated"));
            }
            return tx.preparedQuery("UPDATE pledges SET " + String.join(", ", sets) + ", updated_at = now() WHERE id = $1")
                    .execute(Tuple.from(args))
                    .compose(v -> tx.preparedQuery(Ledger.REFRESH_PLEDGE).execute(Tuple.of(id)))
                    .compose(v -> AuditLog.append(tx, user, "pledge", id, "update", Ledger.pledgeSnapshot(p), b.json().copy()))
                    .compose(v -> one(tx, user, id));
        })).onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    private static void ownOr404(CurrentUser user, Row p, long id) {
        if (!Access.canActForDonor(user, p.getLong("donor_id"))) {
            throw DomainException.notFound("pledge " + id);
        }
    }

    private static void set(List<String> sets, List<Object> args, String column, Object value) {
        args.add(value);
        sets.add(column + " = $" + args.size());
    }

    /**
     * Withdraws what is left of a pledge: its proposed allocations expire and give back exactly
     * what they held; confirmed and later allocations stand (the donor committed to them).
     */
    private void withdraw(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.DONOR, Role.ADMIN);
        long id = Params.of(ctx).pathId("id");
        Body.of(ctx).only(Set.of("reason"));
        pool.withTransaction(tx -> tx.preparedQuery("SELECT donor_id, status FROM pledges WHERE id = $1")
                .execute(Tuple.of(id)).compose(head -> {
                    if (head.size() == 0) {
                        return Future.failedFuture(DomainException.notFound("pledge " + id));
                    }
                    ownOr404(user, head.iterator().next(), id);
                    return PledgeExpiry.end(tx, user, id, "withdrawn", "withdraw", "pledge withdrawn")
                            .compose(before -> PledgeExpiry.ENDABLE.contains(before.getString("status"))
                                    ? one(tx, user, id)
                                    : Future.failedFuture(DomainException.conflict("pledge " + id + " is "
                                            + before.getString("status"))));
                })).onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }
}
