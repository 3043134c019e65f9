package org.bangfu.rounds;

import org.bangfu.support.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Set;
import org.bangfu.allocations.AllocationQueries;
import org.bangfu.support.Listing;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;
import org.bangfu.http.AppContext;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/** {@code /match-rounds}: run a round (united front, admin) and read past rounds. */
public final class MatchRoundRoutes implements RouteModule {
    static final String COLUMNS = """
            SELECT r.id, r.campaign_id, r.round_date, r.status, r.started_at, r.finished_at, r.objective,
                   r.allocation_count, r.amount_proposed, r.needs_touched, r.pledges_touched, r.error,
                   u.username AS started_by""";
    static final String FROM = "FROM match_rounds r LEFT JOIN users u ON u.id = r.started_by";
    static final String SELECT = COLUMNS + " " + FROM;

    private final Pool pool;
    private final MatchRoundService service;

    public MatchRoundRoutes(AppContext app) {
        this.pool = app.pool();
        this.service = new MatchRoundService(app.vertx(), app.pool());
        // expiry also runs hourly, once per process: org.bangfu.pledges.ExpiryJob
    }

    @Override
    public void mount(Router api) {
        api.post("/match-rounds").handler(this::run);
        api.get("/match-rounds").handler(this::list);
        api.get("/match-rounds/:id").handler(this::get);
    }

    private void run(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
        Body b = Body.of(ctx).only(Set.of("campaignId", "date"));
        Long campaignId = b.optionalLong("campaignId", 1, Long.MAX_VALUE).orElse(null);
        LocalDate date = b.optionalDate("date").orElse(null);
        Future<Void> known = campaignId == null ? Future.succeededFuture()
                : pool.preparedQuery("SELECT 1 FROM campaigns WHERE id = $1").execute(Tuple.of(campaignId))
                    .compose(r -> r.size() == 0 ? Future.failedFuture(DomainException.validation("campaignId",
                            "is not a known campaign")) : Future.succeededFuture());
        known.compose(v -> service.run(user, campaignId, date))
                .compose(id -> one(id, false))
                .onSuccess(r -> Responses.created(ctx, r)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
        new Listing().page(pool, COLUMNS, FROM, "r.id DESC", Params.of(ctx).paging(), MatchRoundRoutes::toJson)
                .onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
        long id = Params.of(ctx).pathId("id");
        one(id, true).onSuccess(r -> Responses.ok(ctx, r)).onFailure(ctx::fail);
    }

    private Future<JsonObject> one(long id, boolean withAllocations) {
        return pool.preparedQuery(SELECT + " WHERE r.id = $1").execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(DomainException.notFound("match round " + id));
            }
            JsonObject round = toJson(rows.iterator().next());
            if (!withAllocations) {
                return Future.succeededFuture(round);
            }
            return pool.preparedQuery(AllocationQueries.SELECT_ALL + " WHERE a.round_id = $1 ORDER BY a.need_id, a.pledge_id")
                    .execute(Tuple.of(id)).map(allocs -> {
                        JsonArray items = new JsonArray();
                        allocs.forEach(a -> items.add(AllocationQueries.toJson(a)));
                        return round.put("allocations", items);
                    });
        });
    }

    static JsonObject toJson(Row r) {
        LocalDate date = r.getLocalDate("round_date");
        Object amounts = r.getValue("amount_proposed");
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("campaignId", r.getLong("campaign_id"))
                .put("date", date == null ? null : date.toString())
                .put("status", r.getString("status"))
                .put("objective", r.getLong("objective"))
                .put("allocationCount", r.getInteger("allocation_count"))
                .put("amountProposed", amounts instanceof JsonObject o ? o : new JsonObject())
                .put("needsTouched", r.getInteger("needs_touched"))
                .put("pledgesTouched", r.getInteger("pledges_touched"))
                .put("startedBy", r.getString("started_by"))
                .put("startedAt", Times.instant(r.getOffsetDateTime("started_at")))
                .put("finishedAt", Times.instant(r.getOffsetDateTime("finished_at")))
                .put("error", r.getString("error"));
    }

}
