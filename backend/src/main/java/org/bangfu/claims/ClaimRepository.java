package org.bangfu.claims;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

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
