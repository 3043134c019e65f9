package org.bangfu.needs;

import org.bangfu.support.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Set;
import org.bangfu.allocations.AllocationQueries;
import org.bangfu.support.Listing;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;

/** The SQL of needs, in one place, and the row → JSON mapping. */
public final class NeedQueries {
    public static final List<String> CATEGORIES = List.of("industry", "employment", "relocation", "housing",
            "education", "health", "ecology", "training", "microcredit", "ecommerce", "tourism", "collective",
            "infrastructure", "public_service");
    public static final List<String> STATUSES = List.of("draft", "submitted", "published", "rejected",
            "partly_allocated", "allocated", "fulfilled", "verified", "expired", "withdrawn");
    /** What the public and donors may see: published and everything after it. */
    public static final Set<String> PUBLIC_STATUSES = Set.of("published", "partly_allocated", "allocated",
            "fulfilled", "verified");
    public static final String PUBLIC_STATUS_SQL = "('published','partly_allocated','allocated','fulfilled','verified')";
    public static final String UNIT_PATTERN = "CNY|job|training-place|item:[a-z0-9][a-z0-9-]{0,39}";

    static final String COLUMNS = """
            SELECT n.id, n.village_id, v.name AS village_name, t.id AS township_id, t.name AS township_name,
                   c.id AS county_id, c.name AS county_name, n.household_id, n.category, n.unit, n.quantity,
                   n.allocated, n.priority, n.deadline, n.title, n.description, n.status, n.reject_reason,
                   n.created_at, n.updated_at""";
    static final String FROM = """
            FROM needs n
              JOIN regions v ON v.id = n.village_id
              LEFT JOIN regions t ON t.id = v.parent_id
              LEFT JOIN regions c ON c.id = t.parent_id""";
    static final String SELECT = COLUMNS + " " + FROM;
    static final String ORDER_BY = "n.priority DESC, n.deadline ASC NULLS LAST, n.id";
    static final String INSERT = """
            INSERT INTO needs (village_id, household_id, category, unit, quantity, priority, deadline, title,
                               description, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""";
    static final String LOCK = "SELECT id, village_id, status, quantity, allocated, unit FROM needs WHERE id = $1 FOR UPDATE";
    static final String HOUSEHOLD_VILLAGE = "SELECT village_id FROM households WHERE id = $1";

    private NeedQueries() {
    }

    /** The unit of a need, a pledge or a cap: {@code CNY}, {@code job}, {@code training-place} or {@code item:<what>}. */
    public static String unit(String unit) {
        if (!unit.matches(UNIT_PATTERN)) {
            throw org.bangfu.support.DomainException.validation("unit",
                    "must be CNY, job, training-place or item:<what> (lower-case)");
        }
        return unit;
    }

    /** Narrows a listing to the needs a user (or the public, {@code user == null}) may see. */
    static Listing visibility(CurrentUser user, Listing list) {
        String published = "n.status IN " + PUBLIC_STATUS_SQL;
        if (user == null) {
            return list.where(published);
        }
        return switch (user.role()) {
            case ADMIN -> list;
            case VILLAGE_SECRETARY -> list.where("(" + published + " OR n.village_id = $?)", user.villageId());
            case REVIEWER -> list.where("(" + published + " OR region_contains($?, n.village_id))", user.regionId());
            default -> list.where(published);
        };
    }

    static JsonObject toJson(Row r, CurrentUser user) {
        long quantity = r.getLong("quantity");
        long allocated = r.getLong("allocated");
        String village = r.getString("village_id");
        boolean insider = user != null && (user.is(Role.ADMIN) || Access.canSeeVillage(user, village));
        JsonObject j = new JsonObject()
                .put("id", r.getLong("id"))
                .put("villageId", village)
                .put("villageName", r.getString("village_name"))
                .put("townshipId", r.getString("township_id"))
                .put("townshipName", r.getString("township_name"))
                .put("countyId", r.getString("county_id"))
                .put("countyName", r.getString("county_name"))
                // which household a need is for is the village's business; others only learn that it is one
                .put("householdId", insider ? r.getLong("household_id") : null)
                .put("householdLevel", r.getLong("household_id") != null)
                .put("category", r.getString("category"))
                .put("unit", r.getString("unit"))
                .put("quantity", quantity)
                .put("allocated", allocated)
                .put("remaining", quantity - allocated)
                .put("priority", r.getInteger("priority"))
                .put("deadline", r.getLocalDate("deadline") == null ? null : r.getLocalDate("deadline").toString())
                .put("title", r.getString("title"))
                .put("description", r.getString("description"))
                .put("status", r.getString("status"))
                .put("rejectReason", r.getString("reject_reason"))
                .put("createdAt", Times.instant(r.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.instant(r.getOffsetDateTime("updated_at")));
        return j;
    }
}
