package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import org.bangfu.audit.AuditLog;
import org.bangfu.deadlines.Deadline;
import org.bangfu.deadlines.Escalation;
import org.bangfu.deadlines.Owner;

/**
 * A county late on a monitoring case's decision (past 15 days from the first lead): the deadline
 * goes to the city's desk over the county (one level up), and the case itself is marked late and
 * sent to the city, with a step in its timeline and an audit row — once, as the engine escalates a
 * deadline once.
 */
public final class MonitorEscalation implements Escalation {
  private final CaseRepository cases;

  private final AuditLog audit;

  public MonitorEscalation(CaseRepository cases, AuditLog audit) {
    this.audit = audit;
    this.cases = cases;
  }

  @Override
  public Future<Void> then(SqlClient tx, Deadline d, Owner to, Instant now) {
    long id = Long.parseLong(d.subject().id());
    return cases
        .late(tx, id, now)
        .compose(
            marked -> marked.isEmpty() ? Future.succeededFuture() : record(tx, marked.get(), now));
  }

  private Future<Void> record(SqlClient tx, CaseRepository.Late l, Instant now) {
    return cases
        .event(tx, l.id(), "escalated", null, "逾期未决定，已报" + l.escalatedTo(), now)
        .compose(
            v ->
                audit.append(
                    tx,
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
}
