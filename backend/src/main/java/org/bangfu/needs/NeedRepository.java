package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.NeedStatus;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.db.Listing;
import org.bangfu.db.Statements;
import org.bangfu.matching.model.Affinity;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** The SQL of needs (locks and counters are the ledger's), rows mapped once into {@link Need}. */
public final class NeedRepository {
  static final String COLUMNS =
      """
      SELECT n.id, n.village_id, v.name AS village_name, t.id AS township_id, t.name AS township_name,
             c.id AS county_id, c.name AS county_name, n.household_id, n.category, n.unit, n.quantity,
             n.allocated, n.priority, n.deadline, n.title, n.description, n.status, n.reject_reason,
             n.created_at, n.updated_at\
      """;

  /** How many columns {@link #COLUMNS} has (a need's fields; {@code NeedColumnsTest}). */
  static final int WIDTH = Need.class.getRecordComponents().length;

  static final String FROM =
      """
      FROM needs n
        JOIN regions v ON v.id = n.village_id
        LEFT JOIN regions t ON t.id = v.parent_id
        LEFT JOIN regions c ON c.id = t.parent_id\
      """;
  static final String SELECT = COLUMNS + " " + FROM;
  static final String ORDER_BY = "n.priority DESC, n.deadline ASC NULLS LAST, n.id";
  static final String INSERT =
      """
      INSERT INTO needs (village_id, household_id, category, unit, quantity, priority, deadline, title,
                         description, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id\
      """;

  /** Changes a draft (null: unchanged). */
  static final String UPDATE =
      """
      UPDATE needs SET category = coalesce($2, category), unit = coalesce($3, unit), quantity = coalesce($4, quantity),
             priority = coalesce($5, priority), deadline = coalesce($6, deadline), title = coalesce($7, title),
             description = coalesce($8, description), household_id = coalesce($9, household_id), updated_at = now()
       WHERE id = $1\
      """;

  static final String REVIEW =
      "UPDATE needs SET status = $2, reject_reason = $3, updated_at = now(), published_at = CASE"
          + " WHEN $2 = 'published' THEN now() ELSE published_at END WHERE id = $1";
  static final String HOUSEHOLD_VILLAGE = "SELECT village_id FROM households WHERE id = $1";

  /** A need as posted. */
  record NewNeed(
      String villageId,
      Long householdId,
      String category,
      String unit,
      long quantity,
      int priority,
      LocalDate deadline,
      String title,
      String description) {}

  /** What an edit asks for; {@code null} fields stay as they are. */
  record Changes(
      String category,
      String unit,
      Long quantity,
      Integer priority,
      LocalDate deadline,
      String title,
      String description,
      Long householdId) {
    boolean none() {
      return category == null
          && unit == null
          && quantity == null
          && priority == null
          && deadline == null
          && title == null
          && description == null
          && householdId == null;
    }

    /** What was asked for, for the audit trail (the fields given, in the API's names). */
    JsonObject toJson() {
      JsonObject j = new JsonObject();
      putIf(j, "category", category);
      putIf(j, "unit", unit);
      putIf(j, "quantity", quantity);
      putIf(j, "priority", priority);
      putIf(j, "deadline", deadline == null ? null : deadline.toString());
      putIf(j, "title", title);
      putIf(j, "description", description);
      putIf(j, "householdId", householdId);
      return j;
    }
  }

  static void putIf(JsonObject j, String key, Object value) {
    if (value != null) {
      j.put(key, value);
    }
  }

  /** The filters of need browsing (each optional; empty lists: any). */
  record Filter(
      String county,
      String township,
      String village,
      List<String> categories,
      String unit,
      Integer priority,
      Long campaign,
      List<String> statuses,
      String text) {}

  /**
   * Narrows a listing to the needs a user (or the public, {@code user == null}) may see. A listed
   * need is one whose {@code unlisted_status} is NULL (its status is public, V186): the predicate
   * of {@code needs_public_category}, so the public pages of a category read that index.
   */
  static Listing visibility(CurrentUser user, Listing list) {
    String published = "n.unlisted_status IS NULL";
    if (seesPublicOnly(user)) {
      return list.where(published);
    }
    return switch (user.role()) {
      case ADMIN -> list;
      case VILLAGE_SECRETARY ->
          list.where("(" + published + " OR n.village_id = $?)", user.villageId());
      case REVIEWER ->
          list.where("(" + published + " OR region_contains($?, n.village_id))", user.regionId());
      default -> list.where(published);
    };
  }

  /** Whether a user (or the public, {@code null}) sees the published needs and no others. */
  static boolean seesPublicOnly(CurrentUser user) {
    return user == null || !user.is(Role.ADMIN, Role.VILLAGE_SECRETARY, Role.REVIEWER);
  }

  /**
   * The same visibility when the statuses asked for are known. Public statuses only: the status
   * filter says it all. None public (a review queue, a village's drafts): only the user's own
   * needs, written so that PostgreSQL reads them from {@code needs_unlisted_village} — a reviewer's
   * region as a range of village codes rather than "public or in my region", which the planner
   * takes for nine rows in ten and answers by walking the whole browse order.
   */
  static Listing visibility(CurrentUser user, Listing list, List<NeedStatus> asked) {
    if (!asked.isEmpty() && asked.stream().allMatch(NeedStatus::isPublic)) {
      return list;
    }
    if (asked.isEmpty() || asked.stream().anyMatch(NeedStatus::isPublic)) {
      return visibility(user, list);
    }
    if (user == null) {
      return list.where("FALSE");
    }
    return switch (user.role()) {
      case ADMIN -> list;
      case VILLAGE_SECRETARY -> list.where("n.village_id = $?", user.villageId());
      case REVIEWER -> inRegion(list, user.regionId());
      default -> list.where("FALSE");
    };
  }

  /**
   * Needs of villages in {@code region}: {@code region_contains} reads them as a range of village
   * codes from an index (V78).
   */
  static Listing inRegion(Listing list, String region) {
    return list.where("region_contains($?, n.village_id)", region);
  }

  Future<Page<Need>> list(SqlClient sql, CurrentUser user, Filter f, Paging paging) {
    Listing list =
        visibility(user, new Listing(), f.statuses().stream().map(NeedStatus::of).toList());
    // a county or township as a range of village codes (region_contains): no join to count
    if (f.county() != null) {
      list.where("region_contains($?, n.village_id)", f.county());
    }
    if (f.township() != null) {
      list.where("region_contains($?, n.village_id)", f.township());
    }
    if (f.village() != null) {
      list.where("n.village_id = $?", f.village());
    }
    if (!f.categories().isEmpty()) {
      list.where("n.category = ANY($?)", f.categories().toArray(String[]::new));
    }
    if (f.unit() != null) {
      list.where("n.unit = $?", f.unit());
    }
    if (f.priority() != null) {
      list.where("n.priority = $?", f.priority().shortValue());
    }
    if (f.campaign() != null) {
      list.where(
          "n.village_id IN (SELECT village_id FROM campaign_pairings WHERE campaign_id = $?)",
          f.campaign());
    }
    if (!f.statuses().isEmpty()) {
      // statuses none of which is public (a review queue, a village's drafts) are read from
      // needs_unlisted_village, which names a need's status only while it is not listed (V186)
      boolean unlisted = f.statuses().stream().map(NeedStatus::of).noneMatch(NeedStatus::isPublic);
      list.where(
          unlisted ? "n.unlisted_status = ANY($?)" : "n.status = ANY($?)",
          f.statuses().toArray(String[]::new));
    }
    if (f.text() != null) {
      list.where(
          "(n.title ILIKE $? OR n.description ILIKE $? OR v.name ILIKE $?)",
          Listing.contains(f.text()));
    }
    // the village's name is searched by the text filter; nothing else needs a join to count
    String countFrom =
        f.text() == null ? "FROM needs n" : "FROM needs n JOIN regions v ON v.id = n.village_id";
    return list.page(sql, COLUMNS, FROM, countFrom, ORDER_BY, paging, NeedRepository::need);
  }

  /** One need the user may see; {@code null} otherwise. */
  Future<Need> one(SqlClient sql, CurrentUser user, long id) {
    Listing only = visibility(user, new Listing().where("n.id = $?", id));
    return sql.preparedQuery(ONE.sql(only.clause(), c -> SELECT + c))
        .execute(only.args())
        .map(rows -> rows.size() == 0 ? null : need(rows.iterator().next()));
  }

  /** The statements of a need's page by the shape of their clause (placeholders, never values). */
  private static final Statements ONE = new Statements();

  private static final Statements ONE_FOR_DONOR = new Statements();

  /** A need and the ties of the donor who asks for it. */
  record ForDonor(Need need, Affinity.Ties ties) {}

  /**
   * A need as {@link #one} reads it for a donor, with the donor's ties read in the same statement
   * (the page shows why the need suits them); {@code null} if the donor may not see it.
   */
  Future<ForDonor> oneForDonor(SqlClient sql, CurrentUser donor, long id) {
    Listing only = new Listing();
    String donorParam = only.next(donor.donorId());
    visibility(donor, only.where("n.id = $?", id));
    return sql.preparedQuery(
            ONE_FOR_DONOR.sql(
                donorParam + only.clause(),
                k ->
                    COLUMNS
                        + ", ties.* "
                        + FROM
                        + AllocationRepository.tiesJoin(donorParam)
                        + only.clause()))
        .execute(only.args())
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row r = rows.iterator().next();
              return new ForDonor(need(r), AllocationRepository.tiesOf(r, WIDTH));
            });
  }

  Future<Long> insert(SqlClient sql, NewNeed n, long createdBy) {
    return sql.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  n.villageId(),
                  n.householdId(),
                  n.category(),
                  n.unit(),
                  n.quantity(),
                  n.priority(),
                  n.deadline(),
                  n.title(),
                  n.description(),
                  createdBy
                }))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Void> update(SqlClient sql, long id, Changes c) {
    return sql.preparedQuery(UPDATE)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  c.category(),
                  c.unit(),
                  c.quantity(),
                  c.priority() == null ? null : c.priority().shortValue(),
                  c.deadline(),
                  c.title(),
                  c.description(),
                  c.householdId()
                }))
        .mapEmpty();
  }

  /** Submit, publish or reject (with its reason). */
  Future<Void> review(SqlClient sql, long id, NeedStatus to, String reason) {
    return sql.preparedQuery(REVIEW).execute(Tuple.of(id, to.wire(), reason)).mapEmpty();
  }

  /** The village of a household; {@code null} when there is no such household. */
  Future<String> householdVillage(SqlClient sql, long householdId) {
    return sql.preparedQuery(HOUSEHOLD_VILLAGE)
        .execute(Tuple.of(householdId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("village_id"));
  }

  /**
   * A need from a row whose columns begin with {@link #COLUMNS} (every statement mapped here
   * selects them first), read by position: a column read by name is found by comparing the name
   * with each column's in turn, twenty names a need, which a need page's profile put among its
   * first items. {@code NeedColumnsTest} holds COLUMNS to the record's components, in order.
   */
  static Need need(Row r) {
    return new Need(
        r.getLong(0),
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getLong(7),
        r.getString(8),
        r.getString(9),
        r.getLong(10),
        r.getLong(11),
        r.getInteger(12),
        r.getLocalDate(13),
        r.getString(14),
        r.getString(15),
        NeedStatus.of(r.getString(16)),
        r.getString(17),
        r.getOffsetDateTime(18),
        r.getOffsetDateTime(19));
  }
}
