package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;
import org.bangfu.http.AppContext;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * {@code /villages/{id}/caps}: the most of a unit that may go to one village's needs (e.g. the
 * 500,000 yuan of a city-dispatched help village), which bounds both match rounds and claims.
 * Anyone who may see the village's needs reads its caps; its reviewers, the united front and
 * admin set and remove them.
 *
 * <p>A cap's {@code allocated} is what the village's needs in that unit hold, so setting a cap
 * first locks those needs (ascending ids, the same order as claims and rounds: need → cap) and
 * counts it under the locks; a cap below it would break a promise already made, and is a 409.
 */
public final class VillageCapRoutes implements RouteModule {
    static final long MAX = 1_000_000_000_000L;
    static final String VILLAGE = "SELECT 1 FROM regions WHERE id = $1 AND level = 'village'";
    static final String LIST = "SELECT unit, max, allocated FROM village_caps WHERE village_id = $1 ORDER BY unit";
    /** Locks the village's needs in the unit and answers what they hold. */
    static final String HELD = """
            SELECT coalesce(sum(allocated), 0) AS held FROM (SELECT allocated FROM needs
             WHERE village_id = $1 AND unit = $2 ORDER BY id FOR UPDATE) n""";
    static final String LOCK = "SELECT max, allocated FROM village_caps WHERE village_id = $1 AND unit = $2 FOR UPDATE";
    static final String UPSERT = """
            INSERT INTO village_caps (village_id, unit, max, allocated) VALUES ($1, $2, $3, $4)
            ON CONFLICT (village_id, unit) DO UPDATE SET max = EXCLUDED.max, allocated = EXCLUDED.allocated""";
    static final String DELETE = "DELETE FROM village_caps WHERE village_id = $1 AND unit = $2";

    private final Pool pool;

    public VillageCapRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.get("/villages/:id/caps").handler(this::list);
        api.put("/villages/:id/caps/:unit").handler(this::set);
        api.delete("/villages/:id/caps/:unit").handler(this::remove);
    }

    /** Published needs are public, so a village's caps are too. */
    private void list(RoutingContext ctx) {
        String village = Params.of(ctx).path("id");
        known(pool, village)
                .compose(v -> pool.preparedQuery(LIST).execute(Tuple.of(village)))
                .map(rows -> {
                    JsonArray items = new JsonArray();
                    rows.forEach(r -> items.add(json(r.getString("unit"), r.getLong("max"), r.getLong("allocated"))));
                    return new JsonObject().put("villageId", village).put("items", items);
                })
                .onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
    }

    private void set(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.ADMIN);
        String village = Params.of(ctx).path("id");
        String unit = unit(ctx);
        long max = Body.of(ctx).only(Set.of("max")).requiredLong("max", 1, MAX);
        mayManage(user, village);
        pool.withTransaction(tx -> known(tx, village)
                        .compose(v -> tx.preparedQuery(HELD).execute(Tuple.of(village, unit)))
                        .map(rows -> rows.iterator().next().getLong("held"))
                        .compose(held -> tx.preparedQuery(LOCK).execute(Tuple.of(village, unit)).compose(before -> {
                            if (max < held) {
                                return Future.failedFuture(DomainException.conflict("cap_below_allocated", "max " + max
                                        + " is below the " + held + " " + unit + " already allocated to village " + village,
                                        DomainException.params("held", held, "unit", unit),
                                        new DomainException.FieldError("max", "below_allocated", "is below the " + held
                                                + " already allocated", java.util.Map.of("held", held))));
                            }
                            JsonObject old = before.size() == 0 ? null : snapshot(before.iterator().next());
                            JsonObject now = new JsonObject().put("max", max).put("allocated", held);
                            return tx.preparedQuery(UPSERT).execute(Tuple.of(village, unit, max, held))
                                    .compose(v -> AuditLog.append(tx, user, "village_cap", village + " " + unit,
                                            old == null ? "create" : "update", old, now))
                                    .map(v -> new Saved(old == null, json(unit, max, held)));
                        })))
                .onSuccess(s -> Responses.json(ctx, s.created() ? 201 : 200, s.cap())).onFailure(ctx::fail);
    }

    private record Saved(boolean created, JsonObject cap) {
    }

    private void remove(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.ADMIN);
        String village = Params.of(ctx).path("id");
        String unit = unit(ctx);
        Body.of(ctx).only(Set.of());
        mayManage(user, village);
        pool.withTransaction(tx -> known(tx, village)
                        .compose(v -> tx.preparedQuery(LOCK).execute(Tuple.of(village, unit)))
                        .compose(before -> {
                            if (before.size() == 0) {
                                return Future.failedFuture(DomainException.notFound("cap of " + unit + " for village " + village));
                            }
                            return tx.preparedQuery(DELETE).execute(Tuple.of(village, unit))
                                    .compose(v -> AuditLog.append(tx, user, "village_cap", village + " " + unit, "delete",
                                            snapshot(before.iterator().next()), null));
                        }))
                .onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    /** A reviewer manages the caps of the villages of their region; the united front and admin of all. */
    private static void mayManage(CurrentUser user, String village) {
        if (user.is(Role.REVIEWER)) {
            Access.requireVillage(user, village);
        }
    }

    private static String unit(RoutingContext ctx) {
        return NeedQueries.unit(Params.of(ctx).path("unit"));
    }

    private static Future<Void> known(SqlClient sql, String village) {
        return sql.preparedQuery(VILLAGE).execute(Tuple.of(village)).compose(rows -> rows.size() == 0
                ? Future.failedFuture(DomainException.notFound("village " + village)) : Future.succeededFuture());
    }

    private static JsonObject snapshot(Row cap) {
        return new JsonObject().put("max", cap.getLong("max")).put("allocated", cap.getLong("allocated"));
    }

    static JsonObject json(String unit, long max, long allocated) {
        return new JsonObject().put("unit", unit).put("max", max).put("allocated", allocated)
                .put("remaining", max - allocated);
    }
}
