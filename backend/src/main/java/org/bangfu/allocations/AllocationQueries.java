package org.bangfu.allocations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bangfu.auth.CurrentUser;
import org.bangfu.support.Listing;

/** Reading allocations: one with its history and evidence, lists scoped to who is asking. */
public final class AllocationQueries {
    public static final String COLUMNS = """
            SELECT a.id, a.need_id, n.title AS need_title, n.village_id, v.name AS village_name, n.category,
                   a.pledge_id, p.donor_id, d.name AS donor_name, a.unit, a.quantity, a.reasons, a.source,
                   a.round_id, a.status, a.created_at, a.updated_at""";
    public static final String FROM = """
            FROM allocations a
              JOIN needs n ON n.id = a.need_id
              JOIN regions v ON v.id = n.village_id
              JOIN pledges p ON p.id = a.pledge_id
              JOIN donors d ON d.id = p.donor_id""";
    public static final String SELECT_ALL = COLUMNS + " " + FROM;
    static final String SELECT = SELECT_ALL;
    static final String HISTORY = """
            SELECT h.status, h.at, u.username AS by_name, h.note FROM allocation_history h
              LEFT JOIN users u ON u.id = h.by_user WHERE h.allocation_id = $1 ORDER BY h.id""";
    static final String EVIDENCE = """
            SELECT n, stage, note, name, content_type, size, created_at FROM allocation_evidence
             WHERE allocation_id = $1 ORDER BY n""";
    public static final String DONOR_TIES = """
            SELECT d.home_county, d.hometown_county, d.hometown_township, d.hometown_village,
                   ARRAY(SELECT DISTINCT cp.village_id FROM campaign_pairings cp WHERE cp.donor_id = d.id) AS paired_villages,
                   ARRAY(SELECT CASE WHEN pr.from_id = d.home_county THEN pr.to_id ELSE pr.from_id END
                           FROM region_pairings pr
                          WHERE pr.kind = 'mountain_sea' AND d.home_county IN (pr.from_id, pr.to_id)) AS paired_counties
              FROM donors d WHERE d.id = $1""";
    static final String NEED_PLACE = "SELECT village_id, region_township(village_id) AS township, "
            + "region_county(village_id) AS county FROM needs WHERE id = $1";

    private AllocationQueries() {
    }

    /** Narrows a listing to the allocations a user may see: a donor its own, a secretary its village's, a reviewer its region's. */
    public static Listing scope(CurrentUser user, Listing list) {
        return switch (user.role()) {
            case DONOR -> list.where("p.donor_id = $?", user.donorId());
            case VILLAGE_SECRETARY -> list.where("n.village_id = $?", user.villageId());
            case REVIEWER -> list.where("region_contains($?, n.village_id)", user.regionId());
            default -> list;
        };
    }

    public static Future<JsonObject> one(SqlClient sql, long id) {
        return sql.preparedQuery(SELECT + " WHERE a.id = $1").execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture(null);
            }
            JsonObject a = toJson(rows.iterator().next());
            return sql.preparedQuery(HISTORY).execute(Tuple.of(id)).compose(hist -> {
                JsonArray history = new JsonArray();
                for (Row h : hist) {
                    history.add(new JsonObject().put("status", h.getString("status"))
                            .put("at", instant(h.getOffsetDateTime("at"))).put("by", h.getString("by_name"))
                            .put("note", h.getString("note")));
                }
                a.put("history", history);
                return sql.preparedQuery(EVIDENCE).execute(Tuple.of(id));
            }).map(ev -> {
                JsonArray evidence = new JsonArray();
                for (Row e : ev) {
                    evidence.add(new JsonObject().put("n", e.getInteger("n")).put("stage", e.getString("stage"))
                            .put("note", e.getString("note")).put("name", e.getString("name"))
                            .put("contentType", e.getString("content_type")).put("size", e.getInteger("size"))
                            .put("at", instant(e.getOffsetDateTime("created_at"))));
                }
                return a.put("evidence", evidence);
            });
        });
    }

    /** Reasons a donor suits a need (the spec's affinity table). */
    public static Future<List<String>> reasonsFor(SqlClient sql, long needId, long donorId) {
        return sql.preparedQuery(NEED_PLACE).execute(Tuple.of(needId)).compose(places -> {
            Row n = places.iterator().next();
            Reasons.Place place = new Reasons.Place(n.getString("village_id"), n.getString("township"), n.getString("county"));
            return sql.preparedQuery(DONOR_TIES).execute(Tuple.of(donorId)).map(rows -> {
                if (rows.size() == 0) {
                    return List.<String>of();
                }
                return Reasons.of(place, ties(rows.iterator().next()));
            });
        });
    }

    public static Reasons.Ties ties(Row d) {
        return new Reasons.Ties(d.getString("home_county"), d.getString("hometown_county"),
                d.getString("hometown_township"), d.getString("hometown_village"),
                set(d.getArrayOfStrings("paired_villages")), set(d.getArrayOfStrings("paired_counties")));
    }

    public static JsonObject toJson(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("needId", r.getLong("need_id"))
                .put("needTitle", r.getString("need_title"))
                .put("villageId", r.getString("village_id"))
                .put("villageName", r.getString("village_name"))
                .put("category", r.getString("category"))
                .put("pledgeId", r.getLong("pledge_id"))
                .put("donorId", r.getLong("donor_id"))
                .put("donorName", r.getString("donor_name"))
                .put("unit", r.getString("unit"))
                .put("quantity", r.getLong("quantity"))
                .put("reasons", new JsonArray(new ArrayList<>(Arrays.asList(r.getArrayOfStrings("reasons")))))
                .put("source", r.getString("source"))
                .put("roundId", r.getLong("round_id"))
                .put("status", r.getString("status"))
                .put("createdAt", instant(r.getOffsetDateTime("created_at")))
                .put("updatedAt", instant(r.getOffsetDateTime("updated_at")));
    }

    public static String instant(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }

    private static Set<String> set(String[] values) {
        return values == null ? Set.of() : new HashSet<>(Arrays.asList(values));
    }
}
