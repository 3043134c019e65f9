package org.bangfu.funds;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every move of fiscal money: programme budget → project allocation → disbursement (拨付). All
 * methods run on the caller's transaction. Row locks are taken in one fixed order, which keeps
 * concurrent writers free of deadlocks:
 *
 * <ol>
 *   <li>programmes ({@code fund_programmes}), ascending id;
 *   <li>the project ({@code fund_projects});
 *   <li>the project's sources ({@code fund_project_sources}), ascending programme id;
 *   <li>the audit row last (its trigger serialises appends).
 * </ol>
 *
 * The CHECK constraints of the schema are the last line: no counter passes its ceiling (a
 * programme's allocations its budget, a project's or a source's disbursements its allocation).
 *
 * <p>It holds no state (its SQL is constants, its methods take the caller's transaction): the
 * composition root makes one and hands it to the services that move fiscal money.
 */
public final class FundLedger {
  static final String LOCK_PROGRAMMES =
      """
      SELECT id, name, source, budget, allocated, disbursed, eligibility, eligible_counties, dispatched_by,
             household_statuses
        FROM fund_programmes WHERE id = ANY($1) ORDER BY id FOR UPDATE""";
  static final String LOCK_PROJECT =
      """
      SELECT id, region_id, status, budget, allocated, disbursed FROM fund_projects WHERE id = $1 FOR UPDATE""";
  static final String LOCK_SOURCE =
      """
      SELECT amount, disbursed FROM fund_project_sources WHERE project_id = $1 AND programme_id = $2 FOR UPDATE""";
  static final String INSERT_SOURCE =
      """
      INSERT INTO fund_project_sources (project_id, programme_id, amount) VALUES ($1, $2, $3)""";
  static final String ALLOCATE_PROGRAMME =
      "UPDATE fund_programmes SET allocated = allocated + $2 WHERE id = $1";
  static final String ALLOCATE_PROJECT =
      "UPDATE fund_projects SET allocated = allocated + $2 WHERE id = $1";
  static final String DISBURSE_PROGRAMME =
      "UPDATE fund_programmes SET disbursed = disbursed + $2 WHERE id = $1";
  static final String DISBURSE_PROJECT =
      """
      UPDATE fund_projects SET disbursed = disbursed + $2,
             status = CASE WHEN status = 'approved' THEN 'in_progress' ELSE status END
       WHERE id = $1""";
  static final String DISBURSE_SOURCE =
      """
      UPDATE fund_project_sources SET disbursed = disbursed + $3 WHERE project_id = $1 AND programme_id = $2""";
  static final String INSERT_DISBURSEMENT =
      """
      INSERT INTO fund_disbursements (project_id, programme_id, amount, note, at, by_user)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";

  public FundLedger() {}

  /** A programme as locked: its counters and who may receive it. */
  public record LockedProgramme(
      long id,
      String name,
      String source,
      long budget,
      long allocated,
      long disbursed,
      String eligibility,
      List<String> eligibleCounties,
      String dispatchedBy,
      List<String> householdStatuses) {
    public long left() {
      return budget - allocated;
    }
  }

  public record LockedProject(
      long id, String regionId, String status, long budget, long allocated, long disbursed) {}

  public record LockedSource(long amount, long disbursed) {
    public long left() {
      return amount - disbursed;
    }
  }

  /** Step 1: locks the programmes, ascending id; answers them by id (missing ones absent). */
  public Future<Map<Long, LockedProgramme>> lockProgrammes(SqlClient tx, List<Long> ids) {
    return tx.preparedQuery(LOCK_PROGRAMMES)
        .execute(Tuple.of(ids.stream().sorted().toArray(Long[]::new)))
        .map(
            rows -> {
              Map<Long, LockedProgramme> out = new LinkedHashMap<>();
              for (Row r : rows) {
                out.put(
                    r.getLong("id"),
                    new LockedProgramme(
                        r.getLong("id"),
                        r.getString("name"),
                        r.getString("source"),
                        r.getLong("budget"),
                        r.getLong("allocated"),
                        r.getLong("disbursed"),
                        r.getString("eligibility"),
                        List.of(r.getArrayOfStrings("eligible_counties")),
                        r.getString("dispatched_by"),
                        List.of(r.getArrayOfStrings("household_statuses"))));
              }
              return out;
            });
  }

  /** Step 2: locks the project (null when there is none). */
  public Future<LockedProject> lockProject(SqlClient tx, long id) {
    return tx.preparedQuery(LOCK_PROJECT)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              var it = rows.iterator();
              if (!it.hasNext()) {
                return null;
              }
              Row r = it.next();
              return new LockedProject(
                  r.getLong("id"),
                  r.getString("region_id"),
                  r.getString("status"),
                  r.getLong("budget"),
                  r.getLong("allocated"),
                  r.getLong("disbursed"));
            });
  }

  /**
   * Step 3: locks one source of the project (null when the programme is not one of its sources).
   */
  public Future<LockedSource> lockSource(SqlClient tx, long projectId, long programmeId) {
    return tx.preparedQuery(LOCK_SOURCE)
        .execute(Tuple.of(projectId, programmeId))
        .map(
            rows -> {
              var it = rows.iterator();
              if (!it.hasNext()) {
                return null;
              }
              Row r = it.next();
              return new LockedSource(r.getLong("amount"), r.getLong("disbursed"));
            });
  }

  /**
   * Allocates {@code amount} of a locked programme to a project (locked, or created in this
   * transaction): the source row, the programme's and the project's counters.
   */
  public Future<Void> allocate(SqlClient tx, long projectId, long programmeId, long amount) {
    return tx.preparedQuery(INSERT_SOURCE)
        .execute(Tuple.of(projectId, programmeId, amount))
        .compose(v -> tx.preparedQuery(ALLOCATE_PROGRAMME).execute(Tuple.of(programmeId, amount)))
        .compose(v -> tx.preparedQuery(ALLOCATE_PROJECT).execute(Tuple.of(projectId, amount)))
        .mapEmpty();
  }

  /**
   * Pays {@code amount} of a project's share of a programme (all three locked): the disbursement
   * row and the source's, project's and programme's counters; an approved project is then in
   * progress. Answers the disbursement's id.
   */
  public Future<Long> disburse(
      SqlClient tx,
      long projectId,
      long programmeId,
      long amount,
      String note,
      Instant at,
      long byUser) {
    return tx.preparedQuery(DISBURSE_SOURCE)
        .execute(Tuple.of(projectId, programmeId, amount))
        .compose(v -> tx.preparedQuery(DISBURSE_PROJECT).execute(Tuple.of(projectId, amount)))
        .compose(v -> tx.preparedQuery(DISBURSE_PROGRAMME).execute(Tuple.of(programmeId, amount)))
        .compose(
            v ->
                tx.preparedQuery(INSERT_DISBURSEMENT)
                    .execute(
                        Tuple.of(
                            projectId,
                            programmeId,
                            amount,
                            note,
                            at.atOffset(ZoneOffset.UTC),
                            byUser)))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
