package org.bangfu.opendata;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * All SQL of the open-data feed: the donors' allocations of yuan and the fiscal programmes' shares
 * of projects with the times of every step, the audit records that wrote them, the traceability
 * figure, the village counts and the daily dumps. Never a household: a flow names its village.
 */
public final class OpenDataRepository {

  /**
   * The allocations the feed holds: yuan that moved (confirmed or later, not declined or expired).
   */
  static final String DONOR_SCOPE =
      "a.unit = 'CNY' AND a.status IN ('confirmed', 'delivered', 'received', 'verified')";

  /**
   * A donor's chain is unbroken when every step is in the ledger: confirmed, delivered with
   * evidence, received with evidence, verified, and on public notice. One definition for the flag
   * on each grant and for the figure.
   */
  public static final String DONOR_UNBROKEN =
      "(a.status = 'verified' AND a.confirmed_at IS NOT NULL AND a.delivered_at IS NOT NULL "
          + "AND a.received_at IS NOT NULL AND a.verified_at IS NOT NULL "
          + "AND EXISTS (SELECT 1 FROM allocation_evidence e WHERE e.allocation_id = a.id AND e.stage = 'delivered') "
          + "AND EXISTS (SELECT 1 FROM allocation_evidence e WHERE e.allocation_id = a.id AND e.stage = 'received') "
          + "AND EXISTS (SELECT 1 FROM notices x WHERE x.kind = 'allocation_verified' AND x.subject_type = 'allocation' "
          + "AND x.subject_id = a.id::text))";

  /**
   * A fiscal chain is unbroken when the project was approved and accepted, the share was paid by
   * disbursements that add up to what the ledger says was paid, and the acceptance is on notice.
   */
  public static final String FISCAL_UNBROKEN =
      "(j.status = 'accepted' AND j.approved_at IS NOT NULL AND j.accepted_at IS NOT NULL AND s.disbursed > 0 "
          + "AND s.disbursed = (SELECT coalesce(sum(fd.amount), 0) FROM fund_disbursements fd "
          + "WHERE fd.project_id = s.project_id AND fd.programme_id = s.programme_id) "
          + "AND EXISTS (SELECT 1 FROM notices x WHERE x.kind = 'project_accepted' AND x.subject_type = 'project' "
          + "AND x.subject_id = j.id::text))";

  static final String DONOR_COLUMNS =
      "SELECT a.id, a.pledge_id, p.created_at AS pledge_at, p.quantity AS pledge_quantity, n.title, n.category, "
          + "n.household_id IS NOT NULL AS for_household, v.id AS village_id, v.name AS village_name, "
          + "co.id AS county_id, co.name AS county_name, d.id AS donor_id, d.name AS donor_name, "
          + "cp.code AS campaign_code, cp.name AS campaign_name, a.quantity, a.status, a.created_at, a.confirmed_at, "
          + "a.delivered_at, a.received_at, a.verified_at, a.updated_at, nt.id AS notice_id, nt.published_at AS notice_at, "
          + DONOR_UNBROKEN
          + " AS unbroken";
  static final String DONOR_FROM =
      "FROM allocations a JOIN needs n ON n.id = a.need_id JOIN regions v ON v.id = n.village_id "
          + "LEFT JOIN regions co ON co.id = region_county(n.village_id) JOIN pledges p ON p.id = a.pledge_id "
          + "JOIN donors d ON d.id = p.donor_id LEFT JOIN campaigns cp ON cp.id = p.campaign_id "
          + "LEFT JOIN LATERAL (SELECT x.id, x.published_at FROM notices x WHERE x.kind = 'allocation_verified' "
          + "AND x.subject_type = 'allocation' AND x.subject_id = a.id::text ORDER BY x.id LIMIT 1) nt ON true";
  static final String DONOR_COUNT_FROM =
      "FROM allocations a JOIN needs n ON n.id = a.need_id JOIN pledges p ON p.id = a.pledge_id";

  static final String FISCAL_COLUMNS =
      "SELECT s.project_id, s.programme_id, j.name AS project_name, j.category, j.household_id IS NOT NULL AS for_household, "
          + "r.id AS region_id, r.name AS region_name, co.id AS county_id, co.name AS county_name, "
          + "g.name AS programme_name, g.source, g.source_region_id, sr.name AS source_region_name, "
          + "cp.code AS campaign_code, cp.name AS campaign_name, g.created_at AS programme_at, s.amount, s.disbursed, "
          + "j.created_at AS project_at, j.approved_at, j.accepted_at, j.status, nt.id AS notice_id, "
          + "nt.published_at AS notice_at, "
          + FISCAL_UNBROKEN
          + " AS unbroken";
  static final String FISCAL_FROM =
      "FROM fund_project_sources s JOIN fund_projects j ON j.id = s.project_id "
          + "JOIN fund_programmes g ON g.id = s.programme_id JOIN regions r ON r.id = j.region_id "
          + "LEFT JOIN regions co ON co.id = CASE WHEN r.level = 'county' THEN r.id ELSE region_county(r.id) END "
          + "LEFT JOIN regions sr ON sr.id = g.source_region_id LEFT JOIN campaigns cp ON cp.id = g.campaign_id "
          + "LEFT JOIN LATERAL (SELECT x.id, x.published_at FROM notices x WHERE x.kind = 'project_accepted' "
          + "AND x.subject_type = 'project' AND x.subject_id = j.id::text ORDER BY x.id LIMIT 1) nt ON true";
  static final String FISCAL_COUNT_FROM =
      "FROM fund_project_sources s JOIN fund_projects j ON j.id = s.project_id "
          + "JOIN fund_programmes g ON g.id = s.programme_id";

  static final String DISBURSEMENTS =
      "SELECT id, project_id, programme_id, amount, at FROM fund_disbursements WHERE project_id = ANY($1) "
          + "ORDER BY project_id, id";

  /**
   * The audit records of the page's entities, every action's ids in order ($1 entities, $2 ids).
   */
  static final String AUDIT_RECORDS =
      "SELECT l.entity, l.entity_id, l.action, array_agg(l.id ORDER BY l.id) AS ids FROM audit_log l "
          + "JOIN unnest($1::text[], $2::text[]) AS k(entity, entity_id) "
          + "ON l.entity = k.entity AND l.entity_id = k.entity_id GROUP BY l.entity, l.entity_id, l.action";

  /** Verified yuan and how much of it has an unbroken chain, for each flow. */
  static final String TRACEABILITY =
      "SELECT 'donor' AS flow, count(*) AS flows, coalesce(sum(a.quantity), 0) AS amount, "
          + "count(*) FILTER (WHERE "
          + DONOR_UNBROKEN
          + ") AS unbroken_flows, coalesce(sum(a.quantity) FILTER (WHERE "
          + DONOR_UNBROKEN
          + "), 0) AS unbroken_amount FROM allocations a WHERE a.status = 'verified' AND a.unit = 'CNY' "
          + "UNION ALL SELECT 'fiscal', count(*), coalesce(sum(s.disbursed), 0), count(*) FILTER (WHERE "
          + FISCAL_UNBROKEN
          + "), coalesce(sum(s.disbursed) FILTER (WHERE "
          + FISCAL_UNBROKEN
          + "), 0) FROM fund_project_sources s JOIN fund_projects j ON j.id = s.project_id WHERE j.status = 'accepted'";

  /** Per village: the households the verified help was for (counted, never named) and its yuan. */
  static final String VILLAGES_COLUMNS =
      "SELECT v.id, v.name, co.id AS county_id, co.name AS county_name, x.grants, x.households, x.amount";

  static final String VILLAGES_FROM =
      "FROM (SELECT n.village_id, count(*) AS grants, count(DISTINCT n.household_id) AS households, "
          + "sum(a.quantity) FILTER (WHERE a.unit = 'CNY') AS amount FROM allocations a JOIN needs n ON n.id = a.need_id "
          + "WHERE a.status = 'verified' GROUP BY n.village_id) x JOIN regions v ON v.id = x.village_id "
          + "LEFT JOIN regions co ON co.id = region_county(v.id)";

  static final String DUMP_EXISTS = "SELECT 1 FROM open_data_dumps WHERE day = $1";
  static final String INSERT_DUMP =
      "INSERT INTO open_data_dumps (day, grants, sha256, size, gzip, made_at) VALUES ($1, $2, $3, $4, $5, $6) "
          + "ON CONFLICT (day) DO NOTHING";
  static final String DUMPS =
      "SELECT day, grants, sha256, size, made_at FROM open_data_dumps ORDER BY day DESC LIMIT 60";
  static final String DUMP = "SELECT gzip FROM open_data_dumps WHERE day = $1";
  static final String DROP_OLD_DUMPS = "DELETE FROM open_data_dumps WHERE day < $1";

  /** The feed's filters (each optional); {@code year}: of the award. */
  public record Filter(String county, Integer year) {}

  public Future<Page<DonorRow>> donorGrants(SqlClient db, Filter f, Paging paging) {
    Listing list = new Listing().where(DONOR_SCOPE);
    if (f.county() != null) {
      list.where("region_contains($?, n.village_id)", f.county());
    }
    if (f.year() != null) {
      list.where("extract(year FROM a.confirmed_at AT TIME ZONE 'Asia/Shanghai') = $?", f.year());
    }
    return list.page(
        db, DONOR_COLUMNS, DONOR_FROM, DONOR_COUNT_FROM, "a.id", paging, OpenDataRepository::donor);
  }

  /** The donors' grants after allocation {@code after}, in id order (the dump reads them all). */
  public Future<List<DonorRow>> donorGrantsAfter(SqlClient db, long after, int limit) {
    return db.preparedQuery(
            DONOR_COLUMNS
                + " "
                + DONOR_FROM
                + " WHERE "
                + DONOR_SCOPE
                + " AND a.id > $1 ORDER BY a.id LIMIT $2")
        .execute(Tuple.of(after, limit))
        .map(rows -> map(rows, OpenDataRepository::donor));
  }

  public Future<Optional<DonorRow>> donorGrant(SqlClient db, long allocationId) {
    return db.preparedQuery(
            DONOR_COLUMNS + " " + DONOR_FROM + " WHERE " + DONOR_SCOPE + " AND a.id = $1")
        .execute(Tuple.of(allocationId))
        .map(rows -> map(rows, OpenDataRepository::donor).stream().findFirst());
  }

  public Future<Page<FiscalRow>> fiscalGrants(SqlClient db, Filter f, Paging paging) {
    Listing list = new Listing();
    if (f.county() != null) {
      list.where("region_contains($?, j.region_id)", f.county());
    }
    if (f.year() != null) {
      list.where("g.year = $?", f.year());
    }
    return list.page(
        db,
        FISCAL_COLUMNS,
        FISCAL_FROM,
        FISCAL_COUNT_FROM,
        "s.project_id, s.programme_id",
        paging,
        OpenDataRepository::fiscal);
  }

  /** Every fiscal grant (there are thousands, not millions: one per programme and project). */
  public Future<List<FiscalRow>> allFiscalGrants(SqlClient db) {
    return db.query(FISCAL_COLUMNS + " " + FISCAL_FROM + " ORDER BY s.project_id, s.programme_id")
        .execute()
        .map(rows -> map(rows, OpenDataRepository::fiscal));
  }

  public Future<List<FiscalRow.Disbursement>> disbursements(SqlClient db, List<Long> projects) {
    if (projects.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return db.preparedQuery(DISBURSEMENTS)
        .execute(Tuple.tuple().addArrayOfLong(projects.toArray(Long[]::new)))
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new FiscalRow.Disbursement(
                            r.getLong("id"),
                            r.getLong("project_id"),
                            r.getLong("programme_id"),
                            r.getLong("amount"),
                            r.getOffsetDateTime("at"))));
  }

  /** The audit records of {@code keys} ("entity|entity_id"): "entity|entity_id|action" → ids. */
  public Future<Map<String, List<Long>>> auditRecords(SqlClient db, List<String[]> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String[] entities = keys.stream().map(k -> k[0]).toArray(String[]::new);
    String[] ids = keys.stream().map(k -> k[1]).toArray(String[]::new);
    return db.preparedQuery(AUDIT_RECORDS)
        .execute(Tuple.tuple().addArrayOfString(entities).addArrayOfString(ids))
        .map(
            rows -> {
              Map<String, List<Long>> out = new HashMap<>();
              rows.forEach(
                  r ->
                      out.put(
                          r.getString("entity")
                              + "|"
                              + r.getString("entity_id")
                              + "|"
                              + r.getString("action"),
                          List.of(r.getArrayOfLongs("ids"))));
              return out;
            });
  }

  public Future<List<Traceability.Flow>> traceability(SqlClient db) {
    return db.query(TRACEABILITY)
        .execute()
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new Traceability.Flow(
                            r.getString("flow"),
                            r.getLong("flows"),
                            r.getLong("amount"),
                            r.getLong("unbroken_flows"),
                            r.getLong("unbroken_amount"))));
  }

  public Future<Page<VillageCount>> villages(SqlClient db, String county, Paging paging) {
    Listing list = new Listing();
    if (county != null) {
      list.where("region_contains($?, v.id)", county);
    }
    return list.page(
        db,
        VILLAGES_COLUMNS,
        VILLAGES_FROM,
        "x.amount DESC NULLS LAST, v.id",
        paging,
        r ->
            new VillageCount(
                r.getString("id"),
                r.getString("name"),
                r.getString("county_id"),
                r.getString("county_name"),
                r.getLong("grants"),
                r.getLong("households"),
                r.getLong("amount") == null ? 0 : r.getLong("amount")));
  }

  // ---- the daily dumps

  public Future<Boolean> dumpExists(SqlClient db, LocalDate day) {
    return db.preparedQuery(DUMP_EXISTS).execute(Tuple.of(day)).map(rows -> rows.size() > 0);
  }

  public Future<Void> insertDump(SqlClient db, Dump d, byte[] gzip) {
    return db.preparedQuery(INSERT_DUMP)
        .execute(
            Tuple.of(
                d.day(),
                d.grants(),
                d.sha256(),
                d.size(),
                io.vertx.core.buffer.Buffer.buffer(gzip),
                d.madeAt()))
        .compose(v -> db.preparedQuery(DROP_OLD_DUMPS).execute(Tuple.of(d.day().minusDays(30))))
        .mapEmpty();
  }

  public Future<List<Dump>> dumps(SqlClient db) {
    return db.query(DUMPS)
        .execute()
        .map(
            rows ->
                map(
                    rows,
                    r ->
                        new Dump(
                            r.getLocalDate("day"),
                            r.getInteger("grants"),
                            r.getString("sha256"),
                            r.getInteger("size"),
                            r.getOffsetDateTime("made_at"))));
  }

  public Future<Optional<byte[]>> dump(SqlClient db, LocalDate day) {
    return db.preparedQuery(DUMP)
        .execute(Tuple.of(day))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getBuffer(0).getBytes()));
  }

  /** A day's dump: how many grants, the SHA-256 and size of the gzip file. */
  public record Dump(LocalDate day, int grants, String sha256, int size, OffsetDateTime madeAt) {}

  private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> f) {
    List<T> out = new ArrayList<>();
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }

  static DonorRow donor(Row r) {
    return new DonorRow(
        r.getLong("id"),
        r.getLong("pledge_id"),
        r.getOffsetDateTime("pledge_at"),
        r.getLong("pledge_quantity"),
        r.getString("title"),
        r.getString("category"),
        r.getBoolean("for_household"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getLong("donor_id"),
        r.getString("donor_name"),
        r.getString("campaign_code"),
        r.getString("campaign_name"),
        r.getLong("quantity"),
        r.getString("status"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("confirmed_at"),
        r.getOffsetDateTime("delivered_at"),
        r.getOffsetDateTime("received_at"),
        r.getOffsetDateTime("verified_at"),
        r.getOffsetDateTime("updated_at"),
        r.getLong("notice_id"),
        r.getOffsetDateTime("notice_at"),
        r.getBoolean("unbroken"));
  }

  static FiscalRow fiscal(Row r) {
    return new FiscalRow(
        r.getLong("project_id"),
        r.getLong("programme_id"),
        r.getString("project_name"),
        r.getString("category"),
        r.getBoolean("for_household"),
        r.getString("region_id"),
        r.getString("region_name"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("programme_name"),
        r.getString("source"),
        r.getString("source_region_id"),
        r.getString("source_region_name"),
        r.getString("campaign_code"),
        r.getString("campaign_name"),
        r.getOffsetDateTime("programme_at"),
        r.getLong("amount"),
        r.getLong("disbursed"),
        r.getOffsetDateTime("project_at"),
        r.getOffsetDateTime("approved_at"),
        r.getOffsetDateTime("accepted_at"),
        r.getString("status"),
        r.getLong("notice_id"),
        r.getOffsetDateTime("notice_at"),
        r.getBoolean("unbroken"));
  }
}
