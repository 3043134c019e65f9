package org.bangfu.campaigns;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
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
 * {@code /campaigns}: 百企帮百村, 百会扶百村, 百侨助百村 and the mountain-sea pairing; donors
 * enrol in them and pair with villages (结对).
 */
public final class CampaignRoutes implements RouteModule {
    static final String SELECT = "SELECT id, code, name, description, starts_on, ends_on FROM campaigns";

    private final Pool pool;

    public CampaignRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.get("/campaigns").handler(this::list);
        api.get("/campaigns/:id").handler(this::get);
        api.post("/campaigns/:id/enrolments").handler(this::enrol);
        api.post("/campaigns/:id/pairings").handler(this::pair);
    }

    static JsonObject toJson(Row r) {
        LocalDate ends = r.getLocalDate("ends_on");
        return new JsonObject().put("id", r.getLong("id")).put("code", r.getString("code"))
                .put("name", r.getString("name")).put("description", r.getString("description"))
                .put("startsOn", r.getLocalDate("starts_on").toString())
                .put("endsOn", ends == null ? null : ends.toString());
    }

    private void list(RoutingContext ctx) {
        pool.query(SELECT + " ORDER BY id").execute().map(rows -> {
            JsonArray items = new JsonArray();
            rows.forEach(r -> items.add(toJson(r)));
            return new JsonObject().put("items", items).put("total", items.size()).put("page", 1)
                    .put("size", Math.max(items.size(), 1));
        }).onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        long id = Params.of(ctx).pathId("id");
        pool.preparedQuery(SELECT + " WHERE id = $1").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(DomainException.notFound("campaign " + id))
                        : Future.succeededFuture(toJson(rows.iterator().next())))
                .onSuccess(c -> Responses.ok(ctx, c)).onFailure(ctx::fail);
    }

    private long donorFor(CurrentUser user, Body b) {
        long donorId = b.optionalLong("donorId", 1, Long.MAX_VALUE).orElseGet(() -> {
            if (user.donorId() == null) {
                throw DomainException.validation("donorId", "is required");
            }
            return user.donorId();
        });
        if (user.is(Role.DONOR)) {
            Access.requireDonor(user, donorId);
        }
        return donorId;
    }

    private Future<Void> exists(io.vertx.sqlclient.SqlClient sql, long campaignId, long donorId) {
        return sql.preparedQuery("SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = $1) AS c, "
                + "EXISTS (SELECT 1 FROM donors WHERE id = $2) AS d").execute(Tuple.of(campaignId, donorId)).compose(rows -> {
                    Row r = rows.iterator().next();
                    if (!r.getBoolean("c")) {
                        return Future.failedFuture(DomainException.notFound("campaign " + campaignId));
                    }
                    if (!r.getBoolean("d")) {
                        return Future.failedFuture(DomainException.validation("donorId", "is not a known donor"));
                    }
                    return Future.succeededFuture();
                });
    }

    private void enrol(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.DONOR, Role.UNITED_FRONT, Role.ADMIN);
        long campaignId = Params.of(ctx).pathId("id");
        Body b = Body.of(ctx).only(Set.of("donorId"));
        long donorId = donorFor(user, b);
        pool.withTransaction(tx -> exists(tx, campaignId, donorId)
                        .compose(v -> tx.preparedQuery("INSERT INTO campaign_enrolments (campaign_id, donor_id) VALUES ($1, $2)")
                                .execute(Tuple.of(campaignId, donorId)))
                        .recover(e -> Future.failedFuture(unique(e) ? DomainException.conflict("donor " + donorId
                                + " is already enrolled in campaign " + campaignId) : e))
                        .compose(v -> AuditLog.append(tx, user, "campaign", campaignId, "enrol", null,
                                new JsonObject().put("donorId", donorId))))
                .onSuccess(v -> Responses.created(ctx, new JsonObject().put("campaignId", campaignId).put("donorId", donorId)))
                .onFailure(ctx::fail);
    }

    private void pair(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.DONOR, Role.UNITED_FRONT, Role.ADMIN);
        long campaignId = Params.of(ctx).pathId("id");
        Body b = Body.of(ctx).only(Set.of("donorId", "villageId"));
        long donorId = donorFor(user, b);
        String village = b.requiredString("villageId", 1, 40);
        pool.withTransaction(tx -> exists(tx, campaignId, donorId)
                        .compose(v -> tx.preparedQuery("SELECT EXISTS (SELECT 1 FROM regions WHERE id = $1 AND level = 'village') AS v, "
                                + "EXISTS (SELECT 1 FROM campaign_enrolments WHERE campaign_id = $2 AND donor_id = $3) AS e")
                                .execute(Tuple.of(village, campaignId, donorId)))
                        .compose(rows -> {
                            Row r = rows.iterator().next();
                            if (!r.getBoolean("v")) {
                                return Future.failedFuture(DomainException.validation("villageId", "is not a known village"));
                            }
                            if (!r.getBoolean("e")) {
                                return Future.failedFuture(DomainException.conflict("donor " + donorId
                                        + " must enrol in campaign " + campaignId + " before pairing"));
                            }
                            return tx.preparedQuery("INSERT INTO campaign_pairings (campaign_id, donor_id, village_id) "
                                    + "VALUES ($1, $2, $3)").execute(Tuple.of(campaignId, donorId, village));
                        })
                        .recover(e -> Future.failedFuture(unique(e) ? DomainException.conflict("donor " + donorId
                                + " is already paired with village " + village) : e))
                        .compose(v -> AuditLog.append(tx, user, "campaign", campaignId, "pair", null,
                                new JsonObject().put("donorId", donorId).put("villageId", village))))
                .onSuccess(v -> Responses.created(ctx, new JsonObject().put("campaignId", campaignId).put("donorId", donorId)
                        .put("villageId", village)))
                .onFailure(ctx::fail);
    }

    private static boolean unique(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }
}
