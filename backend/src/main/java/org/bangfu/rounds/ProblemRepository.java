package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.bangfu.support.Rows;

/**
 * The SQL of the problem a match round solves (docs/matching.md): the open, published needs with
 * what they still lack, the open pooled pledges with what is left of them and their donors' ties,
 * every village and county with the mountain-sea pairings, and the room left under each village
 * cap. {@link ProblemBuilder} assembles the engine's problem from them.
 */
public final class ProblemRepository {
  static final String NEEDS =
      """
      SELECT n.id, n.village_id, n.category, n.unit, n.quantity - n.allocated AS remaining, n.priority, n.deadline
        FROM needs n
       WHERE n.status IN ('published', 'partly_allocated') AND n.allocated < n.quantity
         AND ($1::date IS NULL OR n.deadline IS NULL OR n.deadline >= $1)
       ORDER BY n.id\
      """;
  static final String PLEDGES =
      """
      SELECT p.id, p.donor_id, p.unit, p.quantity - p.allocated AS remaining, p.categories, p.scope,
             p.max_per_need, p.expires, d.home_county, d.hometown_county, d.hometown_township, d.hometown_village,
             ARRAY(SELECT DISTINCT cp.village_id FROM campaign_pairings cp
                    WHERE cp.donor_id = p.donor_id AND (p.campaign_id IS NULL OR cp.campaign_id = p.campaign_id)
                    ORDER BY 1) AS paired_villages
        FROM pledges p JOIN donors d ON d.id = p.donor_id
       WHERE p.mode = 'pooled' AND p.status = 'open' AND p.allocated < p.quantity
         AND ($1::date IS NULL OR p.expires IS NULL OR p.expires >= $1)
         AND ($2::bigint IS NULL OR p.campaign_id = $2)
       ORDER BY p.id\
      """;
  static final String VILLAGES =
      """
      SELECT v.id, t.id AS township, c.id AS county
        FROM regions v JOIN regions t ON t.id = v.parent_id JOIN regions c ON c.id = t.parent_id
       WHERE v.level = 'village' AND c.level = 'county' ORDER BY v.id\
      """;
  static final String COUNTIES =
      """
      SELECT c.id, c.name,
             ARRAY(SELECT CASE WHEN p.from_id = c.id THEN p.to_id ELSE p.from_id END FROM region_pairings p
                    WHERE p.kind = 'mountain_sea' AND c.id IN (p.from_id, p.to_id) ORDER BY 1) AS paired
        FROM regions c WHERE c.level = 'county' ORDER BY c.id\
      """;
  static final String CAPS =
      "SELECT village_id, unit, max - allocated AS room FROM village_caps ORDER BY village_id,"
          + " unit";

  /** An open need: what it still lacks ({@code remaining}). */
  record NeedRow(
      long id,
      String villageId,
      String category,
      String unit,
      long remaining,
      int priority,
      LocalDate deadline) {}

  /** An open pooled pledge: what is left of it, its limits, and its donor's ties to places. */
  record PledgeRow(
      long id,
      long donorId,
      String unit,
      long remaining,
      List<String> categories,
      List<String> scope,
      Long maxPerNeed,
      LocalDate expires,
      String homeCounty,
      String hometownCounty,
      String hometownTownship,
      String hometownVillage,
      List<String> pairedVillages) {}

  record VillageRow(String id, String township, String county) {}

  /** A county with the counties it is paired with (mountain-sea). */
  record CountyRow(String id, String name, List<String> paired) {}

  /** The room left under a village's cap in a unit (0 or less: full). */
  record CapRow(String villageId, String unit, long room) {}

  /**
   * What a round reads, as PostgreSQL answered it. Each list is mapped from its rows when asked, so
   * that the caller maps a national round's half a million rows on a worker thread, not on the
   * event loop that received them.
   */
  static final class Read {
    private final RowSet<Row> villages;
    private final RowSet<Row> counties;
    private final RowSet<Row> caps;
    private final RowSet<Row> needs;
    private final RowSet<Row> pledges;

    private Read(
        RowSet<Row> villages,
        RowSet<Row> counties,
        RowSet<Row> caps,
        RowSet<Row> needs,
        RowSet<Row> pledges) {
      this.villages = villages;
      this.counties = counties;
      this.caps = caps;
      this.needs = needs;
      this.pledges = pledges;
    }

    List<VillageRow> villages() {
      return Rows.all(villages, ProblemRepository::village);
    }

    List<CountyRow> counties() {
      return Rows.all(counties, ProblemRepository::county);
    }

    List<CapRow> caps() {
      return Rows.all(caps, ProblemRepository::cap);
    }

    List<NeedRow> needs() {
      return Rows.all(needs, ProblemRepository::need);
    }

    List<PledgeRow> pledges() {
      return Rows.all(pledges, ProblemRepository::pledge);
    }
  }

  /**
   * Reads what a round on {@code date} may match, the pledges narrowed to a campaign when one is
   * given; the five queries run at once.
   */
  Future<Read> read(SqlClient sql, Long campaignId, LocalDate date) {
    Future<RowSet<Row>> villages = sql.preparedQuery(VILLAGES).execute(Tuple.tuple());
    Future<RowSet<Row>> counties = sql.preparedQuery(COUNTIES).execute(Tuple.tuple());
    Future<RowSet<Row>> caps = sql.preparedQuery(CAPS).execute(Tuple.tuple());
    Future<RowSet<Row>> needs = sql.preparedQuery(NEEDS).execute(Tuple.of(date));
    Future<RowSet<Row>> pledges = sql.preparedQuery(PLEDGES).execute(Tuple.of(date, campaignId));
    return Future.all(villages, counties, caps, needs, pledges)
        .map(
            all ->
                new Read(
                    villages.result(),
                    counties.result(),
                    caps.result(),
                    needs.result(),
                    pledges.result()));
  }

  static VillageRow village(Row v) {
    return new VillageRow(v.getString("id"), v.getString("township"), v.getString("county"));
  }

  static CountyRow county(Row c) {
    return new CountyRow(
        c.getString("id"), c.getString("name"), Arrays.asList(c.getArrayOfStrings("paired")));
  }

  static CapRow cap(Row c) {
    return new CapRow(c.getString("village_id"), c.getString("unit"), c.getLong("room"));
  }

  static NeedRow need(Row n) {
    return new NeedRow(
        n.getLong("id"),
        n.getString("village_id"),
        n.getString("category"),
        n.getString("unit"),
        n.getLong("remaining"),
        n.getInteger("priority"),
        n.getLocalDate("deadline"));
  }

  static PledgeRow pledge(Row p) {
    return new PledgeRow(
        p.getLong("id"),
        p.getLong("donor_id"),
        p.getString("unit"),
        p.getLong("remaining"),
        List.of(p.getArrayOfStrings("categories")),
        List.of(p.getArrayOfStrings("scope")),
        p.getLong("max_per_need"),
        p.getLocalDate("expires"),
        p.getString("home_county"),
        p.getString("hometown_county"),
        p.getString("hometown_township"),
        p.getString("hometown_village"),
        Arrays.asList(p.getArrayOfStrings("paired_villages")));
  }
}
