package org.bangfu.pledgeday;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All SQL of the 10.17 days: the days, their walls, the donors considered for commendation. */
public final class PledgeDayRepository {

  static final String COLUMNS =
      "SELECT d.campaign_id, c.code, c.name, d.day, d.target_cny FROM pledge_days d JOIN campaigns c ON c.id = d.campaign_id";
  static final String CAMPAIGN_EXISTS = "SELECT 1 FROM campaigns WHERE id = $1";
  static final String INSERT =
      "INSERT INTO pledge_days (campaign_id, day, target_cny, created_by, created_at) VALUES ($1, $2, $3, $4, $5) "
          + "ON CONFLICT (campaign_id) DO NOTHING";

  /** The campaign's pledges that count: all but the withdrawn. */
  static final String COUNTED = "p.campaign_id = $1 AND p.status <> 'withdrawn'";

  static final String TOTALS =
      "SELECT coalesce(sum(p.quantity) FILTER (WHERE p.unit = 'CNY'), 0) AS cny, count(*) AS pledges, "
          + "count(DISTINCT p.donor_id) AS donors FROM pledges p WHERE "
          + COUNTED;
  static final String LATEST =
      "SELECT p.id, d.name, d.type, p.unit, p.quantity, p.created_at FROM pledges p JOIN donors d ON d.id = p.donor_id "
          + "WHERE "
          + COUNTED
          + " ORDER BY p.id DESC LIMIT $2";

  /** The campaign's donors with what they pledged and what of it was verified as given, in yuan. */
  static final String DONORS =
      "SELECT d.id, d.name, d.type, coalesce(sum(p.quantity) FILTER (WHERE p.unit = 'CNY'), 0) AS pledged, "
          + "coalesce((SELECT sum(a.quantity) FROM allocations a JOIN pledges ap ON ap.id = a.pledge_id "
          + "WHERE ap.campaign_id = $1 AND ap.donor_id = d.id AND a.status = 'verified' AND a.unit = 'CNY'), 0) AS verified "
          + "FROM pledges p JOIN donors d ON d.id = p.donor_id WHERE "
          + COUNTED
          + " GROUP BY d.id, d.name, d.type ORDER BY verified DESC, d.id LIMIT $2";

  public Future<Boolean> campaignExists(SqlClient db, long campaignId) {
    return db.preparedQuery(CAMPAIGN_EXISTS)
        .execute(Tuple.of(campaignId))
        .map(rows -> rows.size() > 0);
  }

  /** Inserts the day; false when the campaign already has one. */
  public Future<Boolean> insert(
      SqlClient db, long campaignId, LocalDate day, long target, long by, Instant at) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(campaignId, day, target, by, at.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<List<PledgeDay>> all(SqlClient db) {
    return db.query(COLUMNS + " ORDER BY d.day DESC, d.campaign_id DESC")
        .execute()
        .map(
            rows -> {
              List<PledgeDay> out = new ArrayList<>();
              rows.forEach(r -> out.add(day(r)));
              return out;
            });
  }

  public Future<Optional<PledgeDay>> one(SqlClient db, long campaignId) {
    return db.preparedQuery(COLUMNS + " WHERE d.campaign_id = $1")
        .execute(Tuple.of(campaignId))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(day(rows.iterator().next())));
  }

  public Future<PledgeWall> wall(SqlClient db, PledgeDay day, int latest) {
    return db.preparedQuery(TOTALS)
        .execute(Tuple.of(day.campaignId()))
        .compose(
            totals ->
                db.preparedQuery(LATEST)
                    .execute(Tuple.of(day.campaignId(), latest))
                    .map(
                        rows -> {
                          Row t = totals.iterator().next();
                          List<PledgeWall.Line> lines = new ArrayList<>();
                          rows.forEach(
                              r ->
                                  lines.add(
                                      new PledgeWall.Line(
                                          r.getLong("id"),
                                          r.getString("name"),
                                          r.getString("type"),
                                          r.getString("unit"),
                                          r.getLong("quantity"),
                                          r.getOffsetDateTime("created_at"))));
                          return new PledgeWall(
                              day,
                              t.getLong("cny"),
                              t.getLong("pledges"),
                              t.getLong("donors"),
                              lines);
                        }));
  }

  /** A donor of the campaign: what it pledged and what of it was verified, in yuan. */
  public record CampaignDonor(
      long id, String name, String type, long pledgedCny, long verifiedCny) {}

  public Future<List<CampaignDonor>> donors(SqlClient db, long campaignId, int limit) {
    return db.preparedQuery(DONORS)
        .execute(Tuple.of(campaignId, limit))
        .map(
            rows -> {
              List<CampaignDonor> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new CampaignDonor(
                              r.getLong("id"),
                              r.getString("name"),
                              r.getString("type"),
                              r.getLong("pledged"),
                              r.getLong("verified"))));
              return out;
            });
  }

  static PledgeDay day(Row r) {
    return new PledgeDay(
        r.getLong("campaign_id"),
        r.getString("code"),
        r.getString("name"),
        r.getLocalDate("day"),
        r.getLong("target_cny"));
  }
}
