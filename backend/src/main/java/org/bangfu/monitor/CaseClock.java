package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;

/**
 * A case's clock as the monitor uses it, inside the case's own transactions: the home check due a
 * few working days after the lead, the county's decision due 15 days after it; late ones escalate
 * once. One small seam, so the one deadline engine of every workflow can keep it (its rows then
 * feed the inbox); until then {@link OwnCaseClock} keeps it on the case's own columns.
 */
public interface CaseClock {

  /** A case opened, with its two due dates. */
  record Opened(
      long caseId,
      String countyId,
      String villageId,
      String title,
      Instant checkDue,
      Instant decisionDue) {}

  /** Cases opened in the caller's transaction. */
  Future<Void> opened(SqlClient tx, List<Opened> cases);

  /** The home check was made (or the case ended before it). */
  Future<Void> checked(SqlClient tx, long caseId);

  /** The county decided (or the case ended before a decision). */
  Future<Void> decided(SqlClient tx, long caseId);

  /** Late decisions escalated once each, at {@code now}; answers how many. */
  Future<Integer> escalate(Instant now);
}
