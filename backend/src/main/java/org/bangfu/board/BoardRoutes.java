package org.bangfu.board;

import org.bangfu.support.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.bangfu.support.Listing;
import org.bangfu.http.AppContext;
import org.bangfu.support.Paging;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * {@code GET /public/board}: the public announcement (公告公示) of what was verified as given
 * to whom: village, county, donor, category, quantity. Never anything about households —
 * the query does not even join them.
 */
public final class BoardRoutes implements RouteModule {
    static final String FROM = """
              FROM allocations a
              JOIN needs n ON n.id = a.need_id
              JOIN regions v ON v.id = n.village_id
              LEFT JOIN regions t ON t.id = v.parent_id
              LEFT JOIN regions c ON c.id = t.parent_id
              JOIN pledges p ON p.id = a.pledge_id
              JOIN donors d ON d.id = p.donor_id
            """;
    static final String COLUMNS = """
            SELECT a.id, n.id AS need_id, n.title, v.id AS village_id, v.name AS village_name, c.id AS county_id,
                   c.name AS county_name, d.id AS donor_id, d.name AS donor_name, n.category, a.unit, a.quantity,
                   a.verified_at""";

    private final Pool pool;

    public BoardRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.get("/public/board").handler(this::board);
    }

    private void board(RoutingContext ctx) {
        Params q = Params.of(ctx);
        Paging paging = q.paging();
        Listing list = new Listing().where("a.status = 'verified'");
        q.optionalString("county", 40).ifPresent(v -> list.where("c.id = $?", v));
        q.optionalString("village", 40).ifPresent(v -> list.where("v.id = $?", v));
        list.page(pool, COLUMNS, FROM, "a.verified_at DESC, a.id DESC", paging, BoardRoutes::toJson)
                .onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    static JsonObject toJson(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("needId", r.getLong("need_id"))
                .put("needTitle", r.getString("title"))
                .put("villageId", r.getString("village_id"))
                .put("villageName", r.getString("village_name"))
                .put("countyId", r.getString("county_id"))
                .put("countyName", r.getString("county_name"))
                .put("donorId", r.getLong("donor_id"))
                .put("donorName", r.getString("donor_name"))
                .put("category", r.getString("category"))
                .put("unit", r.getString("unit"))
                .put("quantity", r.getLong("quantity"))
                .put("verifiedAt", Times.instant(r.getOffsetDateTime("verified_at")));
    }
}
