package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/**
 * All SQL about the donors a confirmed risk's help is proposed to: the candidates with their ties
 * to the need's place (the facts {@code matching.model.Affinity} decides on), and the proposals.
 */
public final class ProposalRepository {
  /**
   * Verified donors with any tie to the place (paired with the village, a hometown in it, the same
   * county, a county paired with theirs), with what they have left to give in yuan.
   */
  static final String CANDIDATES =
      """
      SELECT d.id, d.name, d.type, d.home_county, d.hometown_county, d.hometown_township, d.hometown_village,
             EXISTS (SELECT 1 FROM campaign_pairings cp WHERE cp.donor_id = d.id AND cp.village_id = $1) AS paired_village,
             EXISTS (SELECT 1 FROM region_pairings pr WHERE pr.kind = 'mountain_sea'
                        AND ((pr.from_id = d.home_county AND pr.to_id = $3)
                          OR (pr.to_id = d.home_county AND pr.from_id = $3))) AS paired_county,
             coalesce((SELECT sum(p.quantity - p.allocated) FROM pledges p
                        WHERE p.donor_id = d.id AND p.status = 'open' AND p.unit = 'CNY'), 0) AS available
        FROM donors d
       WHERE d.verified
         AND (d.hometown_village = $1 OR d.hometown_township = $2 OR d.hometown_county = $3 OR d.home_county = $3
              OR EXISTS (SELECT 1 FROM campaign_pairings cp WHERE cp.donor_id = d.id AND cp.village_id = $1)
              OR EXISTS (SELECT 1 FROM region_pairings pr WHERE pr.kind = 'mountain_sea'
                            AND ((pr.from_id = d.home_county AND pr.to_id = $3)
                              OR (pr.to_id = d.home_county AND pr.from_id = $3))))
       LIMIT 500""";

  static final String INSERT =
      """
      INSERT INTO monitor_proposals (case_id, need_id, donor_id, rank, reasons, words, state, sent_at)
      SELECT $1::bigint, $2::bigint, d, r, string_to_array(rs, ','), w, $6::text, $7::timestamptz
        FROM unnest($3::bigint[], $4::int[], $5::text[], $8::text[]) AS x(d, r, rs, w)
      ON CONFLICT (case_id, donor_id) DO NOTHING""";
  static final String SEND =
      "UPDATE monitor_proposals SET state = 'sent', sent_at = $2 WHERE case_id = $1 AND state = 'drafted'";
  static final String COLUMNS =
      """
      SELECT p.id, p.case_id, p.need_id, n.title AS need_title, n.status AS need_status, p.donor_id, d.name AS donor_name,
             n.village_id, v.name AS village_name, c.name AS county_name, p.rank, p.reasons, p.words, p.state, p.sent_at""";
  static final String FROM =
      """
      FROM monitor_proposals p JOIN needs n ON n.id = p.need_id JOIN donors d ON d.id = p.donor_id
      JOIN regions v ON v.id = n.village_id LEFT JOIN regions c ON c.id = region_county(n.village_id)""";
  static final String OF_CASE = COLUMNS + " " + FROM + " WHERE p.case_id = $1 ORDER BY p.rank";

  /** A donor tied to a need's place, with the facts of the tie. */
  public record Candidate(
      long donorId,
      String name,
      String type,
      String homeCounty,
      String hometownCounty,
      String hometownTownship,
      String hometownVillage,
      boolean pairedVillage,
      boolean pairedCounty,
      long available) {}

  /** A proposal to write. */
  public record NewProposal(long donorId, int rank, List<String> reasons, String words) {}

  public Future<List<Candidate>> candidates(
      SqlClient sql, String village, String township, String county) {
    return sql.preparedQuery(CANDIDATES)
        .execute(Tuple.of(village, township, county))
        .map(rows -> Rows.all(rows, ProposalRepository::candidate));
  }

  public Future<Void> insert(
      SqlClient sql, long caseId, long needId, List<NewProposal> ps, boolean sent, Instant now) {
    if (ps.isEmpty()) {
      return Future.succeededFuture();
    }
    return sql.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  caseId,
                  needId,
                  ps.stream().map(NewProposal::donorId).toArray(Long[]::new),
                  ps.stream().map(NewProposal::rank).toArray(Integer[]::new),
                  ps.stream().map(p -> String.join(",", p.reasons())).toArray(String[]::new),
                  sent ? "sent" : "drafted",
                  sent ? at(now) : null,
                  ps.stream().map(NewProposal::words).toArray(String[]::new)
                }))
        .mapEmpty();
  }

  public Future<Integer> send(SqlClient sql, long caseId, Instant now) {
    return sql.preparedQuery(SEND).execute(Tuple.of(caseId, at(now))).map(rows -> rows.rowCount());
  }

  public Future<List<Proposal>> ofCase(SqlClient sql, long caseId) {
    return sql.preparedQuery(OF_CASE)
        .execute(Tuple.of(caseId))
        .map(rows -> Rows.all(rows, ProposalRepository::map));
  }

  /** A donor's proposals that were sent, newest first. */
  public Future<Page<Proposal>> ofDonor(SqlClient sql, long donorId, Paging paging) {
    Listing list = new Listing();
    list.where("p.donor_id = $?", donorId);
    list.where("p.state = $?", "sent");
    return list.page(
        sql, COLUMNS, FROM, "p.sent_at DESC, p.id DESC", paging, ProposalRepository::map);
  }

  private static OffsetDateTime at(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  static Candidate candidate(Row r) {
    return new Candidate(
        r.getLong("id"),
        r.getString("name"),
        r.getString("type"),
        r.getString("home_county"),
        r.getString("hometown_county"),
        r.getString("hometown_township"),
        r.getString("hometown_village"),
        r.getBoolean("paired_village"),
        r.getBoolean("paired_county"),
        r.getLong("available"));
  }

  static Proposal map(Row r) {
    return new Proposal(
        r.getLong("id"),
        r.getLong("case_id"),
        r.getLong("need_id"),
        r.getString("need_title"),
        r.getString("need_status"),
        r.getLong("donor_id"),
        r.getString("donor_name"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("county_name"),
        r.getInteger("rank"),
        Arrays.asList(r.getArrayOfStrings("reasons")),
        r.getString("words"),
        r.getString("state"),
        r.getOffsetDateTime("sent_at"));
  }
}
