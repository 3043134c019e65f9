package org.bangfu.pledges;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The SQL of pledges (locks and counters are the ledger's), rows mapped once into {@link Pledge}.
 */
public final class PledgeRepository {
  static final String COLUMNS =
      """
      SELECT p.id, p.donor_id, d.name AS donor_name, p.campaign_id, p.unit, p.quantity, p.allocated,
             p.categories, p.scope, p.max_per_need, p.expires, p.mode, p.note, p.status, p.created_at, p.updated_at\
      """;
  static final String FROM = "FROM pledges p JOIN donors d ON d.id = p.donor_id";
  static final String SELECT = COLUMNS + " " + FROM;
  static final String INSERT =
      """
      INSERT INTO pledges (donor_id, campaign_id, unit, quantity, categories, scope, max_per_need, expires, mode, note)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id\
      """;
  static final String REFS =
      """
      SELECT EXISTS (SELECT 1 FROM donors WHERE id = $1) AS donor,
             ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM campaigns WHERE id = $2)) AS campaign,
             ARRAY(SELECT s FROM unnest($3::text[]) s WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.id = s)) AS unknown\
      """;

  /** Changes what is given (null: unchanged); the counters stay the ledger's. */
  static final String UPDATE =
      """
      UPDATE pledges SET quantity = coalesce($2, quantity), max_per_need = coalesce($3, max_per_need),
             expires = coalesce($4, expires), note = coalesce($5, note), mode = coalesce($6, mode), updated_at = now()
       WHERE id = $1\
      """;

  /** A new pledge, as asked for. */
  record NewPledge(
      long donorId,
      Long campaignId,
      String unit,
      long quantity,
      List<String> categories,
      List<String> scope,
      Long maxPerNeed,
      LocalDate expires,
      String mode,
      String note) {}

  /** What a change asks for; {@code null} fields stay as they are. */
  record Changes(Long quantity, Long maxPerNeed, LocalDate expires, String note, String mode) {
    boolean none() {
      return quantity == null
          && maxPerNeed == null
          && expires == null
          && note == null
          && mode == null;
    }

    /** What was asked for, for the audit trail (the fields given, in the API's names). */
    JsonObject toJson() {
      JsonObject j = new JsonObject();
      putIf(j, "quantity", quantity);
      putIf(j, "maxPerNeed", maxPerNeed);
      putIf(j, "expires", expires == null ? null : expires.toString());
      putIf(j, "note", note);
      putIf(j, "mode", mode);
      return j;
    }
  }

  static void putIf(JsonObject j, String key, Object value) {
    if (value != null) {
      j.put(key, value);
    }
  }

  /** Which of a new pledge's references do not exist. */
  record Refs(boolean donor, boolean campaign, List<String> unknownRegions) {}

  /** Query filters of a list (each optional). */
  record Filter(Long donorId, Long campaignId, PledgeStatus status, String mode) {}

  Future<Page<Pledge>> list(SqlClient sql, Long onlyDonor, Filter f, Paging paging) {
    Listing list = new Listing();
    if (onlyDonor != null) {
      list.where("p.donor_id = $?", onlyDonor);
    }
    if (f.donorId() != null) {
      list.where("p.donor_id = $?", f.donorId());
    }
    if (f.campaignId() != null) {
      list.where("p.campaign_id = $?", f.campaignId());
    }
    if (f.status() != null) {
      list.where("p.status = $?", f.status().wire());
    }
    if (f.mode() != null) {
      list.where("p.mode = $?", f.mode());
    }
    return list.page(sql, COLUMNS, FROM, "p.id DESC", paging, PledgeRepository::pledge);
  }

  /** One pledge; {@code null} when there is none. */
  /** A pledge that is about to expire with something left (its donor's warning). */
  public record Expiring(
      long id, long donorId, String donorName, String homeCounty, Instant ends) {}

  /**
   * At $1, within $2 days: open pledges with something left whose date ends in the window (the end
   * of the date in China) and have no open warning yet.
   */
  static final String EXPIRING =
      """
      SELECT p.id, p.donor_id, d.name, d.home_county, e.ends
        FROM pledges p JOIN donors d ON d.id = p.donor_id,
             LATERAL (SELECT (p.expires + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS ends) e
       WHERE p.status = 'open' AND p.expires IS NOT NULL AND p.allocated < p.quantity
         AND e.ends > $1 AND e.ends <= $1 + make_interval(days => $2)
         AND NOT EXISTS (SELECT 1 FROM deadlines dl WHERE dl.kind = 'pledge_expiring'
                           AND dl.subject_type = 'pledge' AND dl.subject_id = p.id::text
                           AND dl.state = 'open')
       ORDER BY p.id LIMIT 1000""";

  /** Pledges with an open warning that have nothing left now (used in time). */
  static final String SPENT =
      """
      SELECT p.id FROM deadlines dl JOIN pledges p ON p.id::text = dl.subject_id
       WHERE dl.kind = 'pledge_expiring' AND dl.subject_type = 'pledge' AND dl.state = 'open'
         AND p.allocated >= p.quantity""";

  public Future<List<Expiring>> expiring(SqlClient sql, Instant now, int days) {
    return sql.preparedQuery(EXPIRING)
        .execute(Tuple.of(now.atOffset(java.time.ZoneOffset.UTC), days))
        .map(
            rows ->
                org.bangfu.support.Rows.all(
                    rows,
                    r ->
                        new Expiring(
                            r.getLong("id"),
                            r.getLong("donor_id"),
                            r.getString("name"),
                            r.getString("home_county"),
                            r.getOffsetDateTime("ends").toInstant())));
  }

  public Future<List<String>> spent(SqlClient sql) {
    return sql.preparedQuery(SPENT)
        .execute()
        .map(rows -> org.bangfu.support.Rows.all(rows, r -> Long.toString(r.getLong("id"))));
  }

  Future<Pledge> one(SqlClient sql, long id) {
    return sql.preparedQuery(SELECT + " WHERE p.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : pledge(rows.iterator().next()));
  }

  Future<Refs> refs(SqlClient sql, long donorId, Long campaignId, List<String> scope) {
    return sql.preparedQuery(REFS)
        .execute(Tuple.of(donorId, campaignId, scope.toArray(String[]::new)))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Refs(
                  r.getBoolean("donor"),
                  r.getBoolean("campaign"),
                  List.of(r.getArrayOfStrings("unknown")));
            });
  }

  Future<Long> insert(SqlClient sql, NewPledge p) {
    return sql.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  p.donorId(),
                  p.campaignId(),
                  p.unit(),
                  p.quantity(),
                  p.categories().toArray(String[]::new),
                  p.scope().toArray(String[]::new),
                  p.maxPerNeed(),
                  p.expires(),
                  p.mode(),
                  p.note()
                }))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Void> update(SqlClient sql, long id, Changes c) {
    return sql.preparedQuery(UPDATE)
        .execute(
            Tuple.from(
                new Object[] {id, c.quantity(), c.maxPerNeed(), c.expires(), c.note(), c.mode()}))
        .mapEmpty();
  }

  static Pledge pledge(Row r) {
    return new Pledge(
        r.getLong("id"),
        r.getLong("donor_id"),
        r.getString("donor_name"),
        r.getLong("campaign_id"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getLong("allocated"),
        Arrays.asList(r.getArrayOfStrings("categories")),
        Arrays.asList(r.getArrayOfStrings("scope")),
        r.getLong("max_per_need"),
        r.getLocalDate("expires"),
        r.getString("mode"),
        r.getString("note"),
        PledgeStatus.of(r.getString("status")),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("updated_at"));
  }
}
