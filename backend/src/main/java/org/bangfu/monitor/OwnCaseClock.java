package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.audit.AuditLog;

/**
 * The case clock kept on the case's own columns ({@code check_due}, {@code decision_due}, {@code
 * late_at}): opening, checking and deciding need nothing more, since the case's state says what is
 * done; {@link #escalate} marks each late decision once — a conditional update that a second run
 * finds done — and sends it to the city over the county, with a step in the case's timeline and an
 * audit row, in one transaction.
 */
public final class OwnCaseClock implements CaseClock {
  /** Cases escalated per run; the rest wait for the next. */
  static final int BATCH = 1_000;

  private final Pool pool;
  private final CaseRepository cases;

  public OwnCaseClock(Pool pool, CaseRepository cases) {
    this.pool = pool;
    this.cases = cases;
  }

  @Override
  public Future<Void> opened(SqlClient tx, List<Opened> opened) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> checked(SqlClient tx, long caseId) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> decided(SqlClient tx, long caseId) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> escalate(Instant now) {
    return pool.withTransaction(
        tx -> cases.late(tx, now, BATCH).compose(late -> record(tx, late, now).map(late.size())));
  }

  private Future<Void> record(SqlConnection tx, List<CaseRepository.Late> late, Instant now) {
    Future<Void> events = Future.succeededFuture();
    List<AuditLog.Entry> audit = new ArrayList<>();
    for (CaseRepository.Late l : late) {
      events =
          events.compose(
              v -> cases.event(tx, l.id(), "escalated", null, "逾期未决定，已报" + l.escalatedTo(), now));
      audit.add(
          new AuditLog.Entry(
              null,
              "monitor_case",
              l.id(),
              "escalate",
              new JsonObject().put("state", l.state()),
              new JsonObject()
                  .put("decisionDue", l.due().toString())
                  .put("countyId", l.countyId())
                  .put("escalatedTo", l.escalatedTo())));
    }
    return events.compose(v -> AuditLog.appendAll(tx, audit));
  }
}
