package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bangfu.allocations.AllocationQueries;
import org.bangfu.allocations.Ledger;
import org.bangfu.support.Listing;
import org.bangfu.allocations.Reasons;
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
 * {@code /needs}: browsing (public), posting and editing (the village's secretary), review
 * (submit → publish or reject), withdrawal. Every change is one transaction with its audit row.
 */
public final class NeedRoutes implements RouteModule {
    static final long MAX_QUANTITY = 1_000_000_000_000L;
    static final Set<String> FIELDS = Set.of("villageId", "householdId", "category", "unit", "quantity", "priority",
            "deadline", "title", "description");

    private final Pool pool;

    public NeedRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.get("/needs").handler(this::list);
        api.post("/needs").handler(this::create);
        api.get("/needs/:id").handler(this::get);
        api.patch("/needs/:id").handler(this::update);
        api.post("/needs/:id/submit").handler(ctx -> transition(ctx, "submit"));
        api.post("/needs/:id/publish").handler(ctx -> transition(ctx, "publish"));
        api.post("/needs/:id/reject").handler(ctx -> transition(ctx, "reject"));
        api.post("/needs/:id/withdraw").handler(this::withdraw);
    }

    // ---- reading

    private void list(RoutingContext ctx) {
        CurrentUser user = CurrentUser.optional(ctx).orElse(null);
        Params q = Params.of(ctx);
        Paging paging = q.paging();
        Listing list = NeedQueries.visibility(user, new Listing());
        q.optionalString("county", 40).ifPresent(v -> list.where("t.parent_id = $?", v));
        q.optionalString("township", 40).ifPresent(v -> list.where("v.parent_id = $?", v));
        q.optionalString("village", 40).ifPresent(v -> list.where("n.village_id = $?", v));
        List<String> categories = q.list("category", NeedQueries.CATEGORIES);
        if (!categories.isEmpty()) {
            list.where("n.category = ANY($?)", categories.toArray(String[]::new));
        }
        q.optionalString("unit", 60).ifPresent(v -> list.where("n.unit = $?", v));
        q.optionalInt("priority", 1, 5).ifPresent(v -> list.where("n.priority = $?", v.shortValue()));
        q.optionalLong("campaign", 1, Long.MAX_VALUE).ifPresent(v ->
                list.where("n.village_id IN (SELECT village_id FROM campaign_pairings WHERE campaign_id = $?)", v));
        List<String> statuses = q.list("status", NeedQueries.STATUSES);
        if (!statuses.isEmpty()) {
            list.where("n.status = ANY($?)", statuses.toArray(String[]::new));
        }
        q.optionalString("q", 100).ifPresent(v ->
                list.where("(n.title ILIKE $? OR n.description ILIKE $? OR v.name ILIKE $?)", Listing.contains(v)));
        ties(user).compose(t -> list.page(pool, NeedQueries.COLUMNS, NeedQueries.FROM, NeedQueries.ORDER_BY, paging,
                        r -> json(r, user, t)))
                .onSuccess(page -> Responses.ok(ctx, page)).onFailure(ctx::fail);
    }

    /** A need as JSON; for a donor ({@code ties} given) with why it suits them (paired village, hometown…). */
    static JsonObject json(Row r, CurrentUser user, Reasons.Ties ties) {
        JsonObject need = NeedQueries.toJson(r, user);
        if (ties != null) {
            need.put("reasons", new JsonArray(Reasons.of(new Reasons.Place(r.getString("village_id"),
                    r.getString("township_id"), r.getString("county_id")), ties)));
        }
        return need;
    }

    private Future<Reasons.Ties> ties(CurrentUser user) {
        return user != null && user.is(Role.DONOR)
                ? pool.preparedQuery(AllocationQueries.DONOR_TIES).execute(Tuple.of(user.donorId()))
                    .map(r -> r.size() == 0 ? null : AllocationQueries.ties(r.iterator().next()))
                : Future.succeededFuture(null);
    }

    private void get(RoutingContext ctx) {
        CurrentUser user = CurrentUser.optional(ctx).orElse(null);
        long id = Params.of(ctx).pathId("id");
        one(pool, user, id).onSuccess(n -> Responses.ok(ctx, n)).onFailure(ctx::fail);
    }

    Future<JsonObject> one(SqlClient sql, CurrentUser user, long id) {
        Listing only = NeedQueries.visibility(user, new Listing().where("n.id = $?", id));
        return sql.preparedQuery(NeedQueries.SELECT + only.clause()).execute(only.args())
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(DomainException.notFound("need " + id))
                        : ties(user).map(t -> json(rows.iterator().next(), user, t)));
    }

    // ---- writing

    private void create(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
        Body b = Body.of(ctx).only(FIELDS);
        String village = b.requiredString("villageId", 1, 40);
        if (!Access.canActForVillage(user, village) || user.is(Role.REVIEWER)) {
            throw DomainException.forbidden("village " + village + " is not yours");
        }
        Optional<Long> household = b.optionalLong("householdId", 1, Long.MAX_VALUE);
        String category = b.requiredEnum("category", NeedQueries.CATEGORIES);
        String unit = unit(b, true).orElseThrow();
        long quantity = b.requiredLong("quantity", 1, MAX_QUANTITY);
        int priority = b.requiredInt("priority", 1, 5);
        LocalDate deadline = b.optionalDate("deadline").orElse(null);
        notPast(deadline);
        String title = b.requiredString("title", 1, 200);
        String description = b.optionalString("description", 0, 5000).orElse("");
        pool.withTransaction(tx -> checkVillage(tx, village)
                        .compose(v -> checkHousehold(tx, household.orElse(null), village))
                        .compose(v -> tx.preparedQuery(NeedQueries.INSERT).execute(Tuple.from(new Object[] {village,
                                household.orElse(null), category, unit, quantity, priority, deadline, title,
                                description, user.id()})))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> AuditLog.append(tx, user, "need", id, "create", null,
                                new JsonObject().put("status", "draft").put("quantity", quantity).put("unit", unit))
                                .compose(v -> one(tx, user, id))))
                .onSuccess(n -> Responses.created(ctx, n)).onFailure(ctx::fail);
    }

    static LocalDate notPast(LocalDate deadline) {
        if (deadline != null && deadline.isBefore(LocalDate.now())) {
            throw DomainException.validation("deadline", "must not be in the past");
        }
        return deadline;
    }

    static Optional<String> unit(Body b, boolean required) {
        Optional<String> unit = required ? Optional.of(b.requiredString("unit", 1, 45)) : b.optionalString("unit", 1, 45);
        return unit.map(NeedQueries::unit);
    }

    private static Future<Void> checkVillage(SqlClient sql, String village) {
        return sql.preparedQuery("SELECT 1 FROM regions WHERE id = $1 AND level = 'village'").execute(Tuple.of(village))
                .compose(r -> r.size() == 0 ? Future.failedFuture(DomainException.validation("villageId",
                        "is not a known village")) : Future.succeededFuture());
    }

    private static Future<Void> checkHousehold(SqlClient sql, Long household, String village) {
        if (household == null) {
            return Future.succeededFuture();
        }
        return sql.preparedQuery(NeedQueries.HOUSEHOLD_VILLAGE).execute(Tuple.of(household)).compose(r ->
                r.size() == 0 || !village.equals(r.iterator().next().getString("village_id"))
                        ? Future.failedFuture(DomainException.validation("householdId", "is not a household of village " + village))
                        : Future.succeededFuture());
    }

    private void update(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
        long id = Params.of(ctx).pathId("id");
        Body b = Body.of(ctx).only(FIELDS);
        if (b.has("villageId")) {
            throw DomainException.validation("villageId", "cannot be changed; withdraw the need and post a new one");
        }
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        args.add(id);
        b.optionalEnum("category", NeedQueries.CATEGORIES).ifPresent(v -> set(sets, args, "category", v));
        unit(b, false).ifPresent(v -> set(sets, args, "unit", v));
        b.optionalLong("quantity", 1, MAX_QUANTITY).ifPresent(v -> set(sets, args, "quantity", v));
        b.optionalInt("priority", 1, 5).ifPresent(v -> set(sets, args, "priority", v.shortValue()));
        b.optionalDate("deadline").ifPresent(v -> set(sets, args, "deadline", notPast(v)));
        b.optionalString("title", 1, 200).ifPresent(v -> set(sets, args, "title", v));
        b.optionalString("description", 0, 5000).ifPresent(v -> set(sets, args, "description", v));
        Optional<Long> household = b.optionalLong("householdId", 1, Long.MAX_VALUE);
        household.ifPresent(v -> set(sets, args, "household_id", v));
        if (sets.isEmpty()) {
            throw DomainException.validation("body", "names no field to change");
        }
        pool.withTransaction(tx -> lock(tx, id).compose(n -> {
            Access.requireVillage(user, n.getString("village_id"));
            String status = n.getString("status");
            if (!status.equals("draft") && !status.equals("rejected")) {
                return Future.failedFuture(DomainException.conflict("need " + id + " is " + status
                        + "; only a draft or rejected need can be edited"));
            }
            return checkHousehold(tx, household.orElse(null), n.getString("village_id"))
                    .compose(v -> tx.preparedQuery("UPDATE needs SET " + String.join(", ", sets)
                            + ", updated_at = now() WHERE id = $1").execute(Tuple.from(args)))
                    .compose(v -> AuditLog.append(tx, user, "need", id, "update", null, b.json().copy()))
                    .compose(v -> one(tx, user, id));
        })).onSuccess(n -> Responses.ok(ctx, n)).onFailure(ctx::fail);
    }

    private static void set(List<String> sets, List<Object> args, String column, Object value) {
        args.add(value);
        sets.add(column + " = $" + args.size());
    }

    static Future<Row> lock(SqlConnection tx, long id) {
        return tx.preparedQuery(NeedQueries.LOCK).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
                ? Future.failedFuture(DomainException.notFound("need " + id)) : Future.succeededFuture(rows.iterator().next()));
    }

    /** submit (secretary), publish and reject (reviewer of the region). */
    private void transition(RoutingContext ctx, String action) {
        CurrentUser user = action.equals("submit")
                ? Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN)
                : Access.require(ctx, Role.REVIEWER, Role.ADMIN);
        long id = Params.of(ctx).pathId("id");
        Body b = Body.of(ctx).only(action.equals("reject") ? Set.of("reason") : Set.of());
        String reason = action.equals("reject") ? b.requiredString("reason", 1, 1000) : null;
        Set<String> from = action.equals("submit") ? Set.of("draft", "rejected") : Set.of("submitted");
        String to = switch (action) {
            case "submit" -> "submitted";
            case "publish" -> "published";
            default -> "rejected";
        };
        pool.withTransaction(tx -> lock(tx, id).compose(n -> {
            String village = n.getString("village_id");
            if (!Access.canActForVillage(user, village)) {
                // a need the user may not even see stays invisible; a visible one is simply not theirs
                return Future.failedFuture(NeedQueries.PUBLIC_STATUSES.contains(n.getString("status"))
                        ? DomainException.forbidden("need " + id + " is not in your village or region")
                        : DomainException.notFound("need " + id));
            }
            String status = n.getString("status");
            if (!from.contains(status)) {
                return Future.failedFuture(DomainException.conflict("need " + id + " is " + status + "; cannot " + action
                        + " it (only from " + String.join(" or ", from) + ")"));
            }
            return tx.preparedQuery("UPDATE needs SET status = $2, reject_reason = $3, updated_at = now(), "
                            + "published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END WHERE id = $1")
                    .execute(Tuple.of(id, to, reason))
                    .compose(v -> AuditLog.append(tx, user, "need", id, action, new JsonObject().put("status", status),
                            new JsonObject().put("status", to).put("reason", reason)))
                    .compose(v -> one(tx, user, id));
        })).onSuccess(n -> Responses.ok(ctx, n)).onFailure(ctx::fail);
    }

    /**
     * Withdraws a need: its proposed allocations expire and give back exactly what they held.
     * A need with confirmed (or later) allocations cannot be withdrawn: donors have committed.
     */
    private void withdraw(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
        long id = Params.of(ctx).pathId("id");
        Body.of(ctx).only(Set.of("reason"));
        pool.withTransaction(tx -> lock(tx, id).compose(n -> {
            Access.requireVillage(user, n.getString("village_id"));
            String status = n.getString("status");
            if (Set.of("fulfilled", "verified", "expired", "withdrawn").contains(status)) {
                return Future.failedFuture(DomainException.conflict("need " + id + " is " + status + "; cannot withdraw it"));
            }
            return tx.preparedQuery("SELECT id, pledge_id, quantity, status FROM allocations WHERE need_id = $1 AND status IN "
                            + Ledger.ACTIVE_STATUSES + " ORDER BY pledge_id, id").execute(Tuple.of(id))
                    .compose(allocs -> {
                        for (Row a : allocs) {
                            if (!a.getString("status").equals("proposed")) {
                                return Future.failedFuture(DomainException.conflict("need " + id + " has "
                                        + a.getString("status") + " allocations; a donor has committed to it"));
                            }
                        }
                        Future<Void> chain = Future.succeededFuture();
                        for (Row a : allocs) {
                            long pledgeId = a.getLong("pledge_id");
                            long allocationId = a.getLong("id");
                            chain = chain
                                    .compose(v -> tx.preparedQuery(Ledger.LOCK_PLEDGE).execute(Tuple.of(pledgeId)))
                                    .compose(v -> Ledger.expire(tx, allocationId, id, pledgeId, n.getString("village_id"),
                                            n.getString("unit"), a.getLong("quantity"), user.id(), "need withdrawn"));
                        }
                        return chain;
                    })
                    .compose(v -> tx.preparedQuery("UPDATE needs SET status = 'withdrawn', updated_at = now() WHERE id = $1")
                            .execute(Tuple.of(id)))
                    .compose(v -> AuditLog.append(tx, user, "need", id, "withdraw", new JsonObject().put("status", status),
                            new JsonObject().put("status", "withdrawn")))
                    .compose(v -> one(tx, user, id));
        })).onSuccess(n -> Responses.ok(ctx, n)).onFailure(ctx::fail);
    }
}
