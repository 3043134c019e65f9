package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;
import org.bangfu.http.AppContext;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/**
 * {@code GET /campaigns/{id}/progress}: a campaign's totals, by county, by category, by month,
 * and the mountain-sea flows, all aggregated by PostgreSQL. The united front, auditors and
 * admins get everything; everyone else (the public included) gets the totals only.
 */
public final class ProgressRoutes implements RouteModule {
    static final String[] STAGES = {"allocated", "confirmed", "delivered", "verified"};

    private final Pool pool;

    public ProgressRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.get("/campaigns/:id/progress").handler(this::progress);
    }

    private void progress(RoutingContext ctx) {
        boolean full = CurrentUser.optional(ctx).map(u -> u.is(Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN)).orElse(false);
        long id = Params.of(ctx).pathId("id");
        Tuple arg = Tuple.of(id);
        pool.preparedQuery(ProgressQueries.CAMPAIGN).execute(arg).compose(c -> {
            if (c.size() == 0) {
                return Future.failedFuture(DomainException.notFound("campaign " + id));
            }
            Row campaign = c.iterator().next();
            Future<RowSet<Row>> allocated = pool.preparedQuery(ProgressQueries.ALLOCATED).execute(arg);
            Future<RowSet<Row>> pledged = pool.preparedQuery(ProgressQueries.PLEDGED).execute(arg);
            Future<RowSet<Row>> needs = pool.preparedQuery(ProgressQueries.NEEDS).execute(arg);
            Future<RowSet<Row>> enrolled = pool.preparedQuery(ProgressQueries.ENROLLED).execute(arg);
            Future<RowSet<Row>> paired = pool.preparedQuery(ProgressQueries.PAIRED_BY_COUNTY).execute(arg);
            Future<RowSet<Row>> months = full ? pool.preparedQuery(ProgressQueries.BY_MONTH).execute(arg) : Future.succeededFuture();
            Future<RowSet<Row>> flows = full ? pool.preparedQuery(ProgressQueries.PAIRING_FLOWS).execute(arg) : Future.succeededFuture();
            Future<RowSet<Row>> names = pool.query(ProgressQueries.COUNTY_NAMES).execute();
            return Future.all(java.util.List.of(allocated, pledged, needs, enrolled, paired, months, flows, names))
                    .map(v -> assemble(campaign, full, allocated.result(), pledged.result(), needs.result(),
                            enrolled.result(), paired.result(), months.result(), flows.result(), names.result()));
        }).onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    static JsonObject emptyGroup() {
        JsonObject g = new JsonObject().put("donorsEnrolled", 0).put("villagesPaired", 0).put("pledged", new JsonObject());
        for (String s : STAGES) {
            g.put(s, new JsonObject());
        }
        return g.put("needsOpen", 0).put("needsPartlyCovered", 0).put("needsFullyCovered", 0);
    }

    static void addAmount(JsonObject group, String stage, String unit, Long q) {
        if (q == null || q == 0) {
            return;
        }
        JsonObject m = group.getJsonObject(stage);
        m.put(unit, m.getLong(unit, 0L) + q);
    }

    static void addCount(JsonObject group, String field, long n) {
        group.put(field, group.getLong(field, 0L) + n);
    }

    private static JsonObject assemble(Row campaign, boolean full, RowSet<Row> allocated, RowSet<Row> pledged,
                                       RowSet<Row> needs, RowSet<Row> enrolled, RowSet<Row> paired, RowSet<Row> months,
                                       RowSet<Row> flows, RowSet<Row> names) {
        JsonObject totals = emptyGroup();
        Map<String, JsonObject> byCounty = new TreeMap<>();
        Map<String, JsonObject> byCategory = new TreeMap<>();
        Map<String, String> countyNames = new HashMap<>();
        names.forEach(r -> countyNames.put(r.getString("id"), r.getString("name")));
        for (Row r : allocated) {
            JsonObject county = byCounty.computeIfAbsent(r.getString("county"), k -> emptyGroup());
            JsonObject category = byCategory.computeIfAbsent(r.getString("category"), k -> emptyGroup());
            for (String s : STAGES) {
                for (JsonObject g : new JsonObject[] {totals, county, category}) {
                    addAmount(g, s, r.getString("unit"), r.getLong(s));
                }
            }
        }
        for (Row r : pledged) {
            addAmount(totals, "pledged", r.getString("unit"), r.getLong("pledged"));
            if (r.getString("county") != null) {
                addAmount(byCounty.computeIfAbsent(r.getString("county"), k -> emptyGroup()), "pledged",
                        r.getString("unit"), r.getLong("pledged"));
            }
            for (String c : r.getArrayOfStrings("categories")) {
                addAmount(byCategory.computeIfAbsent(c, k -> emptyGroup()), "pledged", r.getString("unit"), r.getLong("pledged"));
            }
        }
        for (Row r : needs) {
            JsonObject county = byCounty.computeIfAbsent(r.getString("county"), k -> emptyGroup());
            JsonObject category = byCategory.computeIfAbsent(r.getString("category"), k -> emptyGroup());
            for (JsonObject g : new JsonObject[] {totals, county, category}) {
                addCount(g, "needsOpen", r.getLong("open"));
                addCount(g, "needsPartlyCovered", r.getLong("partly"));
                addCount(g, "needsFullyCovered", r.getLong("fully"));
            }
        }
        Row e = enrolled.iterator().next();
        totals.put("donorsEnrolled", e.getLong("donors")).put("villagesPaired", e.getLong("villages"));
        for (Row r : paired) {
            byCounty.computeIfAbsent(r.getString("county"), k -> emptyGroup())
                    .put("donorsEnrolled", r.getLong("donors")).put("villagesPaired", r.getLong("villages"));
        }
        JsonObject out = new JsonObject()
                .put("campaign", new JsonObject().put("id", campaign.getLong("id")).put("code", campaign.getString("code"))
                        .put("name", campaign.getString("name")))
                .put("totals", totals);
        if (!full) {
            return out;
        }
        JsonArray counties = new JsonArray();
        byCounty.forEach((id, g) -> counties.add(new JsonObject().put("countyId", id)
                .put("countyName", countyNames.get(id)).mergeIn(g)));
        JsonArray categories = new JsonArray();
        byCategory.forEach((c, g) -> categories.add(new JsonObject().put("category", c).mergeIn(g)));
        Map<String, JsonObject> monthMap = new TreeMap<>();
        for (Row r : months) {
            JsonObject m = monthMap.computeIfAbsent(r.getString("month"), k -> new JsonObject().put("month", k)
                    .put("allocated", new JsonObject()).put("verified", new JsonObject()));
            addAmount(m, "allocated", r.getString("unit"), r.getLong("allocated"));
            addAmount(m, "verified", r.getString("unit"), r.getLong("verified"));
        }
        Map<String, JsonObject> flowMap = new java.util.LinkedHashMap<>();
        for (Row r : flows) {
            JsonObject f = flowMap.computeIfAbsent(r.getString("from_id") + ">" + r.getString("to_id"), k -> new JsonObject()
                    .put("from", r.getString("from_id")).put("fromName", r.getString("from_name"))
                    .put("to", r.getString("to_id")).put("toName", r.getString("to_name"))
                    .put("allocated", new JsonObject()).put("verified", new JsonObject()));
            if (r.getString("unit") != null) {
                addAmount(f, "allocated", r.getString("unit"), r.getLong("allocated"));
                addAmount(f, "verified", r.getString("unit"), r.getLong("verified"));
            }
        }
        return out.put("byCounty", counties).put("byCategory", categories)
                .put("byMonth", new JsonArray(new java.util.ArrayList<>(monthMap.values())))
                .put("pairingFlows", new JsonArray(new java.util.ArrayList<>(flowMap.values())));
    }
}
