package org.bangfu.claims;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;

/** The SQL of claims: the new earmarked pledge that new money for one need becomes. */
public final class ClaimRepository {
  /**
   * New money for one need: an earmarked pledge of exactly that amount, counted in the campaign in
   * which the donor pairs with the need's village, else in the donor's first campaign.
   */
  static final String NEW_EARMARKED_PLEDGE =
      """
      INSERT INTO pledges (donor_id, campaign_id, unit, quantity, categories, scope, mode, note)
      VALUES ($1, coalesce((SELECT min(campaign_id) FROM campaign_pairings WHERE donor_id = $1 AND village_id = $5),
                           (SELECT min(campaign_id) FROM campaign_enrolments WHERE donor_id = $1)),
              $2, $3, ARRAY[$4::text], ARRAY[$5::text], 'earmarked', $6)
      RETURNING id\
      """;

  /** Answers the new pledge's id. */
  Future<Long> newEarmarkedPledge(
      SqlClient sql,
      long donorId,
      String unit,
      long quantity,
      String category,
      String villageId,
      String note) {
    return sql.preparedQuery(NEW_EARMARKED_PLEDGE)
        .execute(Tuple.of(donorId, unit, quantity, category, villageId, note))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /**
   * A batch's new money: one earmarked pledge per applied claim, ids taken beforehand ($1…$7
   * arrays, one element per pledge), each counted in its campaign as {@link #NEW_EARMARKED_PLEDGE}
   * says.
   */
  static final String NEW_EARMARKED_PLEDGES =
      """
      INSERT INTO pledges (id, donor_id, campaign_id, unit, quantity, categories, scope, mode, note)
      SELECT d.id, d.donor_id,
             coalesce((SELECT min(campaign_id) FROM campaign_pairings cp
                        WHERE cp.donor_id = d.donor_id AND cp.village_id = d.village_id),
                      (SELECT min(campaign_id) FROM campaign_enrolments ce WHERE ce.donor_id = d.donor_id)),
             d.unit, d.quantity, ARRAY[d.category], ARRAY[d.village_id], 'earmarked', d.note
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
             AS d(id, donor_id, unit, quantity, category, village_id, note)\
      """;

  /** Ids for a batch's new pledges ($1 of them) and allocations ($2), in one statement. */
  static final String NEXT_IDS =
      "SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('pledges', 'id'))"
          + " FROM generate_series(1, $1)) AS pledges,"
          + " ARRAY(SELECT nextval(pg_get_serial_sequence('allocations', 'id'))"
          + " FROM generate_series(1, $2)) AS allocations";

  /** Ids taken for a batch's new rows, ascending. */
  record Ids(List<Long> pledges, List<Long> allocations) {}

  /** A new pledge to write: its id, whose, how much, for which category and village. */
  record NewPledge(
      long id,
      long donorId,
      String unit,
      long quantity,
      String category,
      String villageId,
      String note) {}

  Future<Ids> nextIds(SqlClient sql, int pledges, int allocations) {
    return sql.preparedQuery(NEXT_IDS)
        .execute(Tuple.of(pledges, allocations))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Ids(
                  sorted(r.getArrayOfLongs("pledges")), sorted(r.getArrayOfLongs("allocations")));
            });
  }

  private static List<Long> sorted(Long[] ids) {
    Long[] copy = ids.clone();
    Arrays.sort(copy);
    return List.of(copy);
  }

  /** Writes a batch's new earmarked pledges in one statement (nothing when there are none). */
  Future<Void> newEarmarkedPledges(SqlClient sql, List<NewPledge> pledges) {
    if (pledges.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = pledges.size();
    Long[] id = new Long[n];
    Long[] donor = new Long[n];
    String[] unit = new String[n];
    Long[] quantity = new Long[n];
    String[] category = new String[n];
    String[] village = new String[n];
    String[] note = new String[n];
    for (int k = 0; k < n; k++) {
      NewPledge p = pledges.get(k);
      id[k] = p.id();
      donor[k] = p.donorId();
      unit[k] = p.unit();
      quantity[k] = p.quantity();
      category[k] = p.category();
      village[k] = p.villageId();
      note[k] = p.note();
    }
    return sql.preparedQuery(NEW_EARMARKED_PLEDGES)
        .execute(Tuple.from(new Object[] {id, donor, unit, quantity, category, village, note}))
        .mapEmpty();
  }

  /** A batch's transaction, begun and ended by hand (see ClaimService.applyBatch). */
  static final String BEGIN = "BEGIN";

  static final String COMMIT = "COMMIT";
  static final String ROLLBACK = "ROLLBACK";

  /** Each claim of a batch runs under this savepoint. */
  static final String SAVEPOINT = "SAVEPOINT claim";

  /** A refused claim: undo what it did, and end its savepoint. */
  static final String ROLLBACK_TO_SAVEPOINT =
      "ROLLBACK TO SAVEPOINT claim; RELEASE SAVEPOINT claim";

  Future<Void> begin(SqlClient sql) {
    return sql.query(BEGIN).execute().mapEmpty();
  }

  Future<Void> commit(SqlClient sql) {
    return sql.query(COMMIT).execute().mapEmpty();
  }

  Future<Void> rollback(SqlClient sql) {
    return sql.query(ROLLBACK).execute().mapEmpty();
  }

  Future<Void> savepoint(SqlClient sql) {
    return sql.query(SAVEPOINT).execute().mapEmpty();
  }

  Future<Void> rollbackToSavepoint(SqlClient sql) {
    return sql.query(ROLLBACK_TO_SAVEPOINT).execute().mapEmpty();
  }
}
