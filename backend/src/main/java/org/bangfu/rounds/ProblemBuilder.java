package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bangfu.allocations.Ledger;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Hometown;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.model.Weights;

/**
 * Builds the allocation problem (docs/matching.md) from the database: the open, published needs
 * with what they still lack, the open pooled pledges with what is left of them, every village and
 * county with the mountain-sea pairings, and the room left under each village cap. The engine names
 * needs, pledges and donors as text: {@link #id(long)} and {@link #id(String)} are the one
 * conversion between them and the database's ids.
 */
final class ProblemBuilder {
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

  private ProblemBuilder() {}

  /** A database id as the engine names it. */
  static String id(long id) {
    return Long.toString(id);
  }

  /** An engine's name of a need or pledge as the database id. */
  static long id(String id) {
    return Long.parseLong(id);
  }

  /**
   * Reads the problem and assembles it on a worker thread (a national round's half a million rows
   * would hold an event loop for seconds).
   */
  static Future<Problem> build(Vertx vertx, SqlClient sql, Long campaignId, LocalDate date) {
    Future<List<Row>> villages = rows(sql, VILLAGES, Tuple.tuple());
    Future<List<Row>> counties = rows(sql, COUNTIES, Tuple.tuple());
    Future<List<Row>> caps = rows(sql, CAPS, Tuple.tuple());
    Future<List<Row>> needs = rows(sql, NEEDS, Tuple.of(date));
    Future<List<Row>> pledges = rows(sql, PLEDGES, Tuple.of(date, campaignId));
    return Future.all(villages, counties, caps, needs, pledges)
        .compose(
            all ->
                vertx.executeBlocking(
                    () ->
                        assemble(
                            date,
                            villages.result(),
                            counties.result(),
                            caps.result(),
                            needs.result(),
                            pledges.result()),
                    false));
  }

  private static Future<List<Row>> rows(SqlClient sql, String query, Tuple args) {
    return sql.preparedQuery(query)
        .execute(args)
        .map(
            rs -> {
              List<Row> out = new ArrayList<>();
              rs.forEach(out::add);
              return out;
            });
  }

  static Problem assemble(
      LocalDate date,
      List<Row> villageRows,
      List<Row> countyRows,
      List<Row> capRows,
      List<Row> needRows,
      List<Row> pledgeRows) {
    List<County> counties = new ArrayList<>();
    Set<String> countyIds = new HashSet<>();
    for (Row c : countyRows) {
      countyIds.add(c.getString("id"));
    }
    for (Row c : countyRows) {
      List<String> paired =
          Arrays.stream(c.getArrayOfStrings("paired")).filter(countyIds::contains).toList();
      counties.add(new County(c.getString("id"), c.getString("name"), paired));
    }
    List<Village> villages = new ArrayList<>();
    Set<String> villageIds = new HashSet<>();
    for (Row v : villageRows) {
      villages.add(new Village(v.getString("id"), v.getString("county"), v.getString("township")));
      villageIds.add(v.getString("id"));
    }
    // a full cap (no room left) is not a cap of 0 (the spec refuses max < 1): its needs sit out
    List<Cap> caps = new ArrayList<>();
    Set<Ledger.CapKey> full = new HashSet<>();
    for (Row c : capRows) {
      long room = c.getLong("room");
      Ledger.CapKey key = new Ledger.CapKey(c.getString("village_id"), c.getString("unit"));
      if (room < 1) {
        full.add(key);
      } else if (villageIds.contains(c.getString("village_id"))) {
        caps.add(new Cap(c.getString("village_id"), c.getString("unit"), room));
      }
    }
    List<Need> needs = new ArrayList<>();
    for (Row n : needRows) {
      if (full.contains(new Ledger.CapKey(n.getString("village_id"), n.getString("unit")))
          || !villageIds.contains(n.getString("village_id"))) {
        continue;
      }
      needs.add(
          new Need(
              id(n.getLong("id")),
              n.getString("village_id"),
              n.getString("category"),
              n.getString("unit"),
              n.getLong("remaining"),
              n.getInteger("priority"),
              n.getLocalDate("deadline")));
    }
    List<Pledge> pledges = new ArrayList<>();
    for (Row p : pledgeRows) {
      pledges.add(pledge(p, countyIds, villageIds));
    }
    return new Problem(date, Weights.DEFAULTS, counties, villages, caps, needs, pledges);
  }

  private static Pledge pledge(Row p, Set<String> countyIds, Set<String> villageIds) {
    String homeCounty =
        countyIds.contains(p.getString("home_county")) ? p.getString("home_county") : null;
    Hometown hometown = null;
    String htCounty = p.getString("hometown_county");
    if (htCounty != null && countyIds.contains(htCounty)) {
      String htVillage = p.getString("hometown_village");
      hometown =
          new Hometown(
              htCounty,
              p.getString("hometown_township"),
              htVillage != null && villageIds.contains(htVillage) ? htVillage : null);
    }
    List<String> paired =
        Arrays.stream(p.getArrayOfStrings("paired_villages")).filter(villageIds::contains).toList();
    return new Pledge(
        id(p.getLong("id")),
        id(p.getLong("donor_id")),
        p.getString("unit"),
        p.getLong("remaining"),
        List.of(p.getArrayOfStrings("categories")),
        List.of(p.getArrayOfStrings("scope")),
        homeCounty,
        hometown,
        paired,
        p.getLong("max_per_need"),
        p.getLocalDate("expires"));
  }
}
