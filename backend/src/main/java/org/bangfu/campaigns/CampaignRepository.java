package org.bangfu.campaigns;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of campaigns, enrolments and pairings. Takes a {@link SqlClient} so callers compose
 * transactions.
 */
public final class CampaignRepository {

  static final String COLUMNS =
      """
      c.id, c.code, c.name, c.description, c.starts_on, c.ends_on, c.donor_types, c.region_pairing_kind, c.closed_at,
      c.target_villages, c.target_yuan, c.target_donors,
      (SELECT count(*) FROM campaign_enrolments e WHERE e.campaign_id = c.id) AS donors_enrolled,
      (SELECT count(DISTINCT p.village_id) FROM campaign_pairings p WHERE p.campaign_id = c.id) AS villages_paired,
      (SELECT count(*) FROM campaign_pairing_requests q WHERE q.campaign_id = c.id AND q.status = 'pending') AS pairings_pending""";
  static final String LIST = "SELECT " + COLUMNS + " FROM campaigns c ORDER BY c.id";
  static final String BY_ID = "SELECT " + COLUMNS + " FROM campaigns c WHERE c.id = $1";

  /** Locks the campaign row while an enrolment or pairing is checked against its state. */
  static final String LOCK = "SELECT id FROM campaigns WHERE id = $1 FOR SHARE";

  static final String LOCK_FOR_UPDATE = "SELECT id FROM campaigns WHERE id = $1 FOR UPDATE";
  static final String INSERT =
      """
      INSERT INTO campaigns (code, name, description, starts_on, ends_on, donor_types, region_pairing_kind, created_by,
                             target_villages, target_yuan, target_donors)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""";
  static final String SET_TARGETS =
      """
      UPDATE campaigns SET target_villages = $2, target_yuan = $3, target_donors = $4 WHERE id = $1""";
  static final String CLOSE =
      "UPDATE campaigns SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL";
  static final String REOPEN =
      "UPDATE campaigns SET closed_at = NULL WHERE id = $1 AND closed_at IS NOT NULL";
  static final String CODE_TAKEN = "SELECT EXISTS (SELECT 1 FROM campaigns WHERE code = $1)";

  static final String DONOR_TYPE = "SELECT type FROM donors WHERE id = $1";
  static final String ENROL =
      """
      INSERT INTO campaign_enrolments (campaign_id, donor_id, enrolled_at) VALUES ($1, $2, $3)
      ON CONFLICT DO NOTHING""";
  static final String ENROLLED =
      "SELECT EXISTS (SELECT 1 FROM campaign_enrolments WHERE campaign_id = $1 AND donor_id = $2)";
  static final String ENROLMENTS_OF_DONOR =
      "SELECT campaign_id FROM campaign_enrolments WHERE donor_id = $1 ORDER BY campaign_id";
  static final String VILLAGE_EXISTS =
      "SELECT EXISTS (SELECT 1 FROM regions WHERE id = $1 AND level = 'village')";
  static final String PAIRED =
      """
      SELECT EXISTS (SELECT 1 FROM campaign_pairings WHERE campaign_id = $1 AND donor_id = $2 AND village_id = $3)
          OR EXISTS (SELECT 1 FROM campaign_pairing_requests WHERE campaign_id = $1 AND donor_id = $2 AND village_id = $3
                        AND status = 'pending')""";
  static final String REQUEST =
      """
      INSERT INTO campaign_pairing_requests (campaign_id, donor_id, village_id, status, requested_by, requested_at,
                                             decided_by, decided_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";
  static final String REQUEST_FOR_UPDATE =
      """
      SELECT id, campaign_id, donor_id, village_id, status FROM campaign_pairing_requests WHERE id = $1 FOR UPDATE""";
  static final String DECIDE =
      """
      UPDATE campaign_pairing_requests SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1""";
  static final String PAIR =
      """
      INSERT INTO campaign_pairings (campaign_id, donor_id, village_id, paired_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT DO NOTHING""";

  /**
   * Pairings of a campaign: the approved ties (campaign_pairings, with their request when there was
   * one) and the requests still pending or declined. $1 campaign, $2 status or null, $3 donor or
   * null.
   */
  static final String PAIRINGS_FROM =
      """
      FROM (SELECT q.id, cp.campaign_id, cp.donor_id, cp.village_id, 'approved' AS status,
                   coalesce(q.requested_at, cp.paired_at) AS requested_at, coalesce(q.decided_at, cp.paired_at) AS decided_at
              FROM campaign_pairings cp
              LEFT JOIN campaign_pairing_requests q ON q.campaign_id = cp.campaign_id AND q.donor_id = cp.donor_id
                                                   AND q.village_id = cp.village_id AND q.status = 'approved'
            UNION ALL
            SELECT q.id, q.campaign_id, q.donor_id, q.village_id, q.status, q.requested_at, q.decided_at
              FROM campaign_pairing_requests q WHERE q.status <> 'approved') x
      JOIN donors d ON d.id = x.donor_id
      JOIN regions v ON v.id = x.village_id
      LEFT JOIN regions c ON c.id = region_county(x.village_id)""";

  static final String PAIRINGS_SELECT =
      """
      SELECT x.id, x.campaign_id, x.donor_id, d.name AS donor_name, x.village_id, v.name AS village_name,
             c.name AS county_name, x.status, x.requested_at, x.decided_at""";

  public Future<List<Campaign>> list(SqlClient db) {
    return db.query(LIST).execute().map(CampaignRepository::all);
  }

  public Future<Optional<Campaign>> find(SqlClient db, long id) {
    return db.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> all(rows).stream().findFirst());
  }

  /** Locks the campaign (shared) for the transaction; false when there is none. */
  public Future<Boolean> lock(SqlClient db, long id, boolean exclusive) {
    return db.preparedQuery(exclusive ? LOCK_FOR_UPDATE : LOCK)
        .execute(Tuple.of(id))
        .map(rows -> rows.size() > 0);
  }

  public Future<Boolean> codeTaken(SqlClient db, String code) {
    return db.preparedQuery(CODE_TAKEN).execute(Tuple.of(code)).map(CampaignRepository::bool);
  }

  public Future<Long> insert(SqlClient db, NewCampaign c, long by) {
    return db.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  c.code(),
                  c.name(),
                  c.description(),
                  c.startsOn(),
                  c.endsOn(),
                  c.donorTypes().toArray(new String[0]),
                  c.regionPairingKind(),
                  by,
                  c.targets().villages(),
                  c.targets().yuan(),
                  c.targets().donors()
                }))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Sets what the campaign sets out to reach (nulls: no target of that kind). */
  public Future<Void> setTargets(SqlClient db, long id, Targets t) {
    return db.preparedQuery(SET_TARGETS)
        .execute(Tuple.of(id, t.villages(), t.yuan(), t.donors()))
        .mapEmpty();
  }

  /** Closes (at) or reopens (at null) a campaign; false when it was already so. */
  public Future<Boolean> setClosed(SqlClient db, long id, OffsetDateTime at) {
    Future<RowSet<Row>> done =
        at == null
            ? db.preparedQuery(REOPEN).execute(Tuple.of(id))
            : db.preparedQuery(CLOSE).execute(Tuple.of(id, at));
    return done.map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<String>> donorType(SqlClient db, long donorId) {
    return db.preparedQuery(DONOR_TYPE)
        .execute(Tuple.of(donorId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString("type")));
  }

  /** Enrols; false when the donor already was. */
  public Future<Boolean> enrol(SqlClient db, long campaignId, long donorId, OffsetDateTime at) {
    return db.preparedQuery(ENROL)
        .execute(Tuple.of(campaignId, donorId, at))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> enrolled(SqlClient db, long campaignId, long donorId) {
    return db.preparedQuery(ENROLLED)
        .execute(Tuple.of(campaignId, donorId))
        .map(CampaignRepository::bool);
  }

  public Future<List<Long>> enrolmentsOf(SqlClient db, long donorId) {
    return db.preparedQuery(ENROLMENTS_OF_DONOR)
        .execute(Tuple.of(donorId))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong("campaign_id")));
              return ids;
            });
  }

  public Future<Boolean> villageExists(SqlClient db, String villageId) {
    return db.preparedQuery(VILLAGE_EXISTS)
        .execute(Tuple.of(villageId))
        .map(CampaignRepository::bool);
  }

  /** Whether the donor is paired with the village in the campaign, or has asked to be. */
  public Future<Boolean> pairedOrAsked(
      SqlClient db, long campaignId, long donorId, String villageId) {
    return db.preparedQuery(PAIRED)
        .execute(Tuple.of(campaignId, donorId, villageId))
        .map(CampaignRepository::bool);
  }

  /**
   * Records a request; an approved one (the united front pairing directly) is also a tie at once.
   */
  public Future<Long> request(
      SqlClient db,
      long campaignId,
      long donorId,
      String villageId,
      Pairing.Status status,
      long by,
      OffsetDateTime at) {
    boolean decided = status != Pairing.Status.PENDING;
    return db.preparedQuery(REQUEST)
        .execute(
            Tuple.from(
                new Object[] {
                  campaignId,
                  donorId,
                  villageId,
                  status.wire(),
                  by,
                  at,
                  decided ? by : null,
                  decided ? at : null
                }))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** A request locked for deciding: (campaign, donor, village, status). */
  public record Request(
      long id, long campaignId, long donorId, String villageId, Pairing.Status status) {}

  public Future<Optional<Request>> lockRequest(SqlClient db, long id) {
    return db.preparedQuery(REQUEST_FOR_UPDATE)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row r = rows.iterator().next();
              return Optional.of(
                  new Request(
                      r.getLong("id"),
                      r.getLong("campaign_id"),
                      r.getLong("donor_id"),
                      r.getString("village_id"),
                      Pairing.Status.fromWire(r.getString("status"))));
            });
  }

  public Future<Void> decide(
      SqlClient db, long id, Pairing.Status status, long by, OffsetDateTime at) {
    return db.preparedQuery(DECIDE).execute(Tuple.of(id, status.wire(), by, at)).mapEmpty();
  }

  /** Makes the tie that matching reads. */
  public Future<Void> pair(
      SqlClient db, long campaignId, long donorId, String villageId, OffsetDateTime at) {
    return db.preparedQuery(PAIR).execute(Tuple.of(campaignId, donorId, villageId, at)).mapEmpty();
  }

  public Future<org.bangfu.support.Page<Pairing>> pairings(
      SqlClient db,
      long campaignId,
      Pairing.Status status,
      Long donorId,
      org.bangfu.support.Paging paging) {
    org.bangfu.db.Listing list =
        new org.bangfu.db.Listing().where("x.campaign_id = $?", campaignId);
    if (status != null) {
      list.where("x.status = $?", status.wire());
    }
    if (donorId != null) {
      list.where("x.donor_id = $?", donorId);
    }
    return list.page(
        db,
        PAIRINGS_SELECT,
        PAIRINGS_FROM,
        "CASE x.status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, x.requested_at DESC, x.village_id, x.donor_id",
        paging,
        CampaignRepository::pairing);
  }

  public Future<Optional<Pairing>> findPairing(SqlClient db, long requestId) {
    return db.preparedQuery(PAIRINGS_SELECT + " " + PAIRINGS_FROM + " WHERE x.id = $1")
        .execute(Tuple.of(requestId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(pairing(rows.iterator().next())));
  }

  static Pairing pairing(Row r) {
    return new Pairing(
        r.getLong("id"),
        r.getLong("campaign_id"),
        r.getLong("donor_id"),
        r.getString("donor_name"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("county_name"),
        Pairing.Status.fromWire(r.getString("status")),
        r.getOffsetDateTime("requested_at"),
        r.getOffsetDateTime("decided_at"));
  }

  private static boolean bool(RowSet<Row> rows) {
    return rows.iterator().next().getBoolean(0);
  }

  private static List<Campaign> all(RowSet<Row> rows) {
    List<Campaign> out = new ArrayList<>();
    rows.forEach(r -> out.add(map(r)));
    return out;
  }

  static Campaign map(Row r) {
    String[] types = r.getArrayOfStrings("donor_types");
    return new Campaign(
        r.getLong("id"),
        r.getString("code"),
        r.getString("name"),
        r.getString("description"),
        r.getLocalDate("starts_on"),
        r.getLocalDate("ends_on"),
        types == null ? List.of() : Arrays.asList(types),
        r.getString("region_pairing_kind"),
        r.getOffsetDateTime("closed_at"),
        new Targets(
            r.getInteger("target_villages"),
            r.getLong("target_yuan"),
            r.getInteger("target_donors")),
        r.getLong("donors_enrolled"),
        r.getLong("villages_paired"),
        r.getLong("pairings_pending"));
  }
}
