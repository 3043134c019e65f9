package org.bangfu.audit;

import org.bangfu.support.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.bangfu.support.Listing;
import org.bangfu.auth.Access;
import org.bangfu.auth.Role;
import org.bangfu.http.AppContext;
import org.bangfu.support.Paging;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/** {@code /audit}: the append-only trail, for auditors and admins, and a check of its hash chain. */
public final class AuditRoutes implements RouteModule {
    static final String COLUMNS = "SELECT id, at, actor, role, entity, entity_id, action, before, after, hash";
    /** Recomputes every row's hash and its link to the row before; the first mismatch is where tampering starts. */
    static final String VERIFY = """
            SELECT count(*) AS checked, min(id) FILTER (WHERE broken) AS first_broken FROM (
                SELECT a.id, (a.hash <> audit_log_row_hash(a.prev_hash, a)
                              OR a.prev_hash <> coalesce(lag(a.hash) OVER (ORDER BY a.id), 'genesis')) AS broken
                  FROM audit_log a) x""";

    private final Pool pool;

    public AuditRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.get("/audit").handler(this::list);
        api.get("/audit/verify").handler(this::verify);
    }

    private void list(RoutingContext ctx) {
        Access.require(ctx, Role.AUDITOR, Role.ADMIN);
        Params q = Params.of(ctx);
        Paging paging = q.paging();
        Listing list = new Listing();
        q.optionalString("entity", 40).ifPresent(v -> list.where("entity = $?", v));
        q.optionalString("entityId", 40).ifPresent(v -> list.where("entity_id = $?", v));
        list.page(pool, COLUMNS, "FROM audit_log", "id DESC", paging, AuditRoutes::toJson)
                .onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    static JsonObject toJson(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("at", Times.instant(r.getOffsetDateTime("at")))
                .put("actor", r.getString("actor"))
                .put("role", r.getString("role"))
                .put("entity", r.getString("entity"))
                .put("entityId", r.getString("entity_id"))
                .put("action", r.getString("action"))
                .put("before", r.getValue("before"))
                .put("after", r.getValue("after"))
                .put("hash", r.getString("hash"));
    }

    private void verify(RoutingContext ctx) {
        Access.require(ctx, Role.AUDITOR, Role.ADMIN);
        pool.query(VERIFY).execute().map(rows -> {
            Row r = rows.iterator().next();
            Long broken = r.getLong("first_broken");
            return new JsonObject().put("intact", broken == null).put("checked", r.getLong("checked"))
                    .put("firstBrokenId", broken);
        }).onSuccess(v -> Responses.ok(ctx, v)).onFailure(ctx::fail);
    }
}
