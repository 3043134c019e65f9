package org.bangfu.regions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bangfu.support.Rows;

/** All SQL about regions and pairings. */
public final class RegionRepository {

  private static final String COLUMNS =
      "id, parent_id, level, name, key_township, poor_village, "
          + "key_village, help_village, dispatched_by, collective_income, collective_status";

  /**
   * The regions under $1 and under every county paired with one (山海协作), not the whole country: the
   * national registry has 140,000 regions, Quanzhou's tree a few thousand.
   */
  static final String TREE =
      "SELECT r."
          + COLUMNS.replace(", ", ", r.")
          + " FROM unnest($1::text[]) AS b(code) JOIN regions r ON region_contains(b.code, r.id)"
          + " ORDER BY r.sort, r.id";

  static final String BY_ID = "SELECT " + COLUMNS + " FROM regions WHERE id = $1";
  static final String PAIRINGS =
      "SELECT p.from_id, f.name AS from_name, p.to_id, t.name AS to_name, "
          + "tc.name AS to_city_name, p.kind FROM region_pairings p JOIN regions f ON f.id = p.from_id "
          + "JOIN regions t ON t.id = p.to_id LEFT JOIN regions tc ON tc.id = t.parent_id "
          + "ORDER BY p.kind, p.from_id, p.to_id";
  static final String OPEN_NEEDS =
      "SELECT count(*) FROM needs WHERE village_id = $1 "
          + "AND status IN ('published', 'partly_allocated')";
  static final String COUNT = "SELECT count(*) FROM regions";
  static final String UNKNOWN =
      "SELECT s FROM unnest($1::text[]) WITH ORDINALITY AS x(s, i) "
          + "WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.id = x.s) ORDER BY i";

  /** A region of one of the levels $2, inside region $3 when $3 is given. */
  static final String EXISTS =
      "SELECT EXISTS (SELECT 1 FROM regions WHERE id = $1 AND level = ANY($2::text[]) "
          + "AND ($3::text IS NULL OR region_contains($3, id)))";

  /**
   * Regions of the levels $2 whose name contains $1 (a LIKE pattern) or whose code starts with $3,
   * inside $4 when given; the exact name first, then names that start with the words, then counties
   * before townships before villages. Each with the county and township above it.
   */
  static final String SEARCH =
      """
      SELECT r.id, r.name, r.level, t.name AS township_name, c.name AS county_name
        FROM regions r
        LEFT JOIN regions t ON r.level = 'village' AND t.id = r.parent_id
        LEFT JOIN regions c ON c.id = CASE r.level WHEN 'village' THEN t.parent_id
                                                   WHEN 'township' THEN r.parent_id END
       WHERE r.level = ANY($2::text[])
         AND (r.name LIKE $1 ESCAPE '\\' OR r.id LIKE $3 ESCAPE '\\')
         AND ($4::text IS NULL OR region_contains($4, r.id))
       ORDER BY r.name = $5 DESC, r.name LIKE $6 ESCAPE '\\' DESC,
                array_position(ARRAY['county', 'township', 'village'], r.level), r.sort, r.id
       LIMIT $7""";

  public record Pairing(
      String from, String fromName, String to, String toName, String toCityName, String kind) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("from", from)
          .put("fromName", fromName)
          .put("to", to)
          .put("toName", toName)
          .put("toCityName", toCityName)
          .put("kind", kind);
    }
  }

  /** The regions {@code roots} and everything in them (each once: roots must not overlap). */
  public Future<List<Region>> within(SqlClient db, List<String> roots) {
    return db.preparedQuery(TREE)
        .execute(Tuple.tuple().addArrayOfString(roots.toArray(String[]::new)))
        .map(rows -> Rows.all(rows, RegionRepository::map));
  }

  public Future<Optional<Region>> find(SqlClient db, String id) {
    return db.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, RegionRepository::map));
  }

  public Future<List<Pairing>> pairings(SqlClient db) {
    return db.query(PAIRINGS)
        .execute()
        .map(
            rows ->
                Rows.all(
                    rows,
                    r ->
                        new Pairing(
                            r.getString("from_id"),
                            r.getString("from_name"),
                            r.getString("to_id"),
                            r.getString("to_name"),
                            r.getString("to_city_name"),
                            r.getString("kind"))));
  }

  public Future<Long> openNeeds(SqlClient db, String villageId) {
    return db.preparedQuery(OPEN_NEEDS)
        .execute(Tuple.of(villageId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Whether region {@code id} exists and is of one of {@code levels} ("the village exists", "the
   * region is a city, county or township"): the one check every feature uses for a region it is
   * given.
   */
  public Future<Boolean> exists(SqlClient db, String id, Region.Level... levels) {
    return existsWithin(db, id, null, levels);
  }

  /**
   * Like {@link #exists}, and the region lies inside {@code ancestorId} (or is it); a null {@code
   * ancestorId} does not restrict.
   */
  public Future<Boolean> existsWithin(
      SqlClient db, String id, String ancestorId, Region.Level... levels) {
    String[] wire = Arrays.stream(levels).map(Region.Level::wire).toArray(String[]::new);
    return db.preparedQuery(EXISTS)
        .execute(Tuple.of(id, wire, ancestorId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Those of {@code ids} that are not in the tree (at any level), in the order given. */
  public Future<List<String>> unknown(SqlClient db, Collection<String> ids) {
    return db.preparedQuery(UNKNOWN)
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .map(rows -> Rows.all(rows, r -> r.getString(0)));
  }

  /**
   * Up to {@code limit} regions of {@code levels} named like {@code words} (or whose code starts
   * with them), inside {@code within} when not null.
   */
  public Future<List<RegionMatch>> search(
      SqlClient db, String words, List<Region.Level> levels, String within, int limit) {
    String like = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    String[] wire = levels.stream().map(Region.Level::wire).toArray(String[]::new);
    Tuple args =
        Tuple.of("%" + like + "%", wire, like.toUpperCase(java.util.Locale.ROOT) + "%", within)
            .addString(words)
            .addString(like + "%")
            .addInteger(limit);
    return db.preparedQuery(SEARCH)
        .execute(args)
        .map(rows -> Rows.all(rows, RegionRepository::match));
  }

  private static RegionMatch match(Row r) {
    List<String> path = new java.util.ArrayList<>();
    for (String above : new String[] {r.getString("county_name"), r.getString("township_name")}) {
      if (above != null) {
        path.add(above);
      }
    }
    path.add(r.getString("name"));
    return new RegionMatch(
        r.getString("id"), r.getString("name"), Region.Level.fromWire(r.getString("level")), path);
  }

  public Future<Long> count(SqlClient db) {
    return db.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  static Region map(Row r) {
    return new Region(
        r.getString("id"),
        r.getString("parent_id"),
        Region.Level.fromWire(r.getString("level")),
        r.getString("name"),
        r.getBoolean("key_township"),
        r.getBoolean("poor_village"),
        r.getBoolean("key_village"),
        r.getBoolean("help_village"),
        r.getString("dispatched_by"),
        r.getLong("collective_income"),
        r.getString("collective_status"));
  }
}
