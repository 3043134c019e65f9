package org.bangfu.donors;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * {@code /donors}: enterprises, chambers of commerce, overseas Chinese and individuals, with
 * their home county, hometown (祖籍地), campaign enrolments and paired villages.
 */
public final class DonorRoutes implements RouteModule {
    static final List<String> TYPES = List.of("enterprise", "chamber", "overseas", "individual");
    static final String COLUMNS = """
            SELECT d.id, d.name, d.type, d.home_county, hc.name AS home_county_name, d.hometown_county,
                   d.hometown_township, d.hometown_village, d.country, d.verified""";
    static final String FROM = "FROM donors d LEFT JOIN regions hc ON hc.id = d.home_county";
    static final String SELECT = COLUMNS + " " + FROM;
    static final String CAMPAIGNS = """
            SELECT c.id, c.code, c.name, e.enrolled_at FROM campaign_enrolments e JOIN campaigns c ON c.id = e.campaign_id
             WHERE e.donor_id = $1 ORDER BY c.id""";
    static final String PAIRED = """
            SELECT cp.campaign_id, cp.village_id, v.name FROM campaign_pairings cp JOIN regions v ON v.id = cp.village_id
             WHERE cp.donor_id = $1 ORDER BY cp.campaign_id, cp.village_id""";

    private final Pool pool;

    public DonorRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.get("/donors").handler(this::list);
        api.post("/donors").handler(this::create);
        api.get("/donors/:id").handler(this::get);
        api.patch("/donors/:id").handler(this::update);
    }

    static JsonObject toJson(Row r) {
        JsonObject hometown = r.getString("hometown_county") == null ? null : new JsonObject()
                .put("county", r.getString("hometown_county"))
                .put("township", r.getString("hometown_township"))
                .put("village", r.getString("hometown_village"));
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("name", r.getString("name"))
                .put("type", r.getString("type"))
                .put("homeCounty", r.getString("home_county"))
                .put("homeCountyName", r.getString("home_county_name"))
                .put("hometown", hometown)
                .put("country", r.getString("country"))
                .put("verified", r.getBoolean("verified"));
    }

    private void list(RoutingContext ctx) {
        Access.signedIn(ctx);
        Params q = Params.of(ctx);
        Paging paging = q.paging();
        Listing list = new Listing();
        q.optionalEnum("type", TYPES).ifPresent(t -> list.where("d.type = $?", t));
        q.optionalLong("campaign", 1, Long.MAX_VALUE).ifPresent(c ->
                list.where("d.id IN (SELECT donor_id FROM campaign_enrolments WHERE campaign_id = $?)", c));
        q.optionalString("q", 100).ifPresent(t -> list.where("d.name ILIKE $?", Listing.contains(t)));
        list.page(pool, COLUMNS, FROM, "d.id", paging, DonorRoutes::toJson)
                .onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Access.signedIn(ctx);
        long id = Params.of(ctx).pathId("id");
        one(pool, id).onSuccess(d -> Responses.ok(ctx, d)).onFailure(ctx::fail);
    }

    static Future<JsonObject> one(SqlClient sql, long id) {
        return sql.preparedQuery(SELECT + " WHERE d.id = $1").execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(DomainException.notFound("donor " + id));
            }
            JsonObject donor = toJson(rows.iterator().next());
            return sql.preparedQuery(CAMPAIGNS).execute(Tuple.of(id)).compose(cs -> {
                JsonArray campaigns = new JsonArray();
                cs.forEach(c -> campaigns.add(new JsonObject().put("id", c.getLong("id")).put("code", c.getString("code"))
                        .put("name", c.getString("name"))));
                donor.put("campaigns", campaigns);
                return sql.preparedQuery(PAIRED).execute(Tuple.of(id));
            }).map(ps -> {
                JsonArray paired = new JsonArray();
                ps.forEach(p -> paired.add(new JsonObject().put("campaignId", p.getLong("campaign_id"))
                        .put("villageId", p.getString("village_id")).put("villageName", p.getString("name"))));
                return donor.put("pairedVillages", paired);
            });
        });
    }

    /** Region references of a donor body, checked against the region tree. */
    record Places(String homeCounty, String county, String township, String village) {
        static Places read(Body b) {
            String home = b.optionalString("homeCounty", 1, 40).orElse(null);
            Optional<Body> ht = b.optionalObject("hometown");
            ht.ifPresent(h -> h.only(Set.of("county", "township", "village")));
            return new Places(home,
                    ht.map(h -> h.requiredString("county", 1, 40)).orElse(null),
                    ht.flatMap(h -> h.optionalString("township", 1, 40)).orElse(null),
                    ht.flatMap(h -> h.optionalString("village", 1, 40)).orElse(null));
        }

        Future<Void> check(SqlClient sql) {
            return sql.preparedQuery("""
                            SELECT ($1::text IS NULL OR EXISTS (SELECT 1 FROM regions WHERE id = $1 AND level = 'county')) AS home,
                                   ($2::text IS NULL OR EXISTS (SELECT 1 FROM regions WHERE id = $2 AND level = 'county')) AS county,
                                   ($3::text IS NULL OR EXISTS (SELECT 1 FROM regions WHERE id = $3 AND level = 'township'
                                                                AND region_contains($2, id))) AS township,
                                   ($4::text IS NULL OR EXISTS (SELECT 1 FROM regions WHERE id = $4 AND level = 'village'
                                                                AND region_contains(coalesce($3, $2), id))) AS village""")
                    .execute(Tuple.of(homeCounty, county, township, village)).compose(rows -> {
                        Row r = rows.iterator().next();
                        if (!r.getBoolean("home")) {
                            return Future.failedFuture(DomainException.validation("homeCounty", "is not a known county"));
                        }
                        if (!r.getBoolean("county")) {
                            return Future.failedFuture(DomainException.validation("hometown.county", "is not a known county"));
                        }
                        if (!r.getBoolean("township")) {
                            return Future.failedFuture(DomainException.validation("hometown.township", "is not a township of hometown.county"));
                        }
                        if (!r.getBoolean("village")) {
                            return Future.failedFuture(DomainException.validation("hometown.village", "is not a village of the hometown"));
                        }
                        return Future.succeededFuture();
                    });
        }
    }

    private void create(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.ADMIN, Role.UNITED_FRONT);
        Body b = Body.of(ctx).only(Set.of("name", "type", "homeCounty", "hometown", "country", "verified"));
        String name = b.requiredString("name", 1, 200);
        String type = b.requiredEnum("type", TYPES);
        Places places = Places.read(b);
        String country = b.optionalString("country", 1, 100).orElse(null);
        boolean verified = b.optionalBoolean("verified").orElse(false);
        pool.withTransaction(tx -> places.check(tx)
                        .compose(v -> tx.preparedQuery("INSERT INTO donors (name, type, home_county, hometown_county, "
                                + "hometown_township, hometown_village, country, verified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                                + "RETURNING id").execute(Tuple.from(new Object[] {name, type, places.homeCounty(),
                                places.county(), places.township(), places.village(), country, verified})))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> AuditLog.append(tx, user, "donor", id, "create", null, b.json().copy())
                                .compose(v -> one(tx, id))))
                .onSuccess(d -> Responses.created(ctx, d)).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.ADMIN, Role.UNITED_FRONT, Role.DONOR);
        long id = Params.of(ctx).pathId("id");
        if (user.is(Role.DONOR)) {
            Access.requireDonor(user, id);
        }
        Body b = Body.of(ctx).only(Set.of("name", "type", "homeCounty", "hometown", "country", "verified"));
        if (user.is(Role.DONOR) && b.has("verified")) {
            throw DomainException.forbidden("a donor cannot verify itself");
        }
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        args.add(id);
        b.optionalString("name", 1, 200).ifPresent(v -> set(sets, args, "name", v));
        b.optionalEnum("type", TYPES).ifPresent(v -> set(sets, args, "type", v));
        Places places = Places.read(b);
        if (b.has("homeCounty")) {
            set(sets, args, "home_county", places.homeCounty());
        }
        if (b.has("hometown")) {
            set(sets, args, "hometown_county", places.county());
            set(sets, args, "hometown_township", places.township());
            set(sets, args, "hometown_village", places.village());
        }
        b.optionalString("country", 1, 100).ifPresent(v -> set(sets, args, "country", v));
        b.optionalBoolean("verified").ifPresent(v -> set(sets, args, "verified", v));
        if (sets.isEmpty()) {
            throw DomainException.validation("body", "names no field to change");
        }
        pool.withTransaction(tx -> tx.preparedQuery("SELECT id FROM donors WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(DomainException.notFound("donor " + id))
                        : places.check(tx))
                .compose(v -> tx.preparedQuery("UPDATE donors SET " + String.join(", ", sets) + ", updated_at = now() "
                        + "WHERE id = $1").execute(Tuple.from(args)))
                .compose(v -> AuditLog.append(tx, user, "donor", id, "update", null, b.json().copy()))
                .compose(v -> one(tx, id)))
                .onSuccess(d -> Responses.ok(ctx, d)).onFailure(ctx::fail);
    }

    private static void set(List<String> sets, List<Object> args, String column, Object value) {
        args.add(value);
        sets.add(column + " = $" + args.size());
    }
}
