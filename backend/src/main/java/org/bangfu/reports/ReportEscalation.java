package org.bangfu.reports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import org.bangfu.audit.AuditLog;
import org.bangfu.deadlines.Deadline;
import org.bangfu.deadlines.Escalation;
import org.bangfu.deadlines.Owner;

/**
 * A late 12317 report (not acknowledged or not answered in time) goes up to the city (逾期上报市级): its
 * deadline to the city's desk, one level above the county's (a report the city already handles goes
 * to the auditors), and the report itself to the city level with an audit row — the first time
 * only, since a report escalates once whichever of its deadlines was late first.
 */
public final class ReportEscalation implements Escalation {
  private final ReportRepository reports;

  public ReportEscalation(ReportRepository reports) {
    this.reports = reports;
  }

  @Override
  public Future<Void> then(SqlClient tx, Deadline d, Owner to, Instant now) {
    return reports
        .escalate(tx, Long.parseLong(d.subject().id()), now)
        .compose(
            first ->
                first.isEmpty()
                    ? Future.succeededFuture()
                    : AuditLog.append(
                        tx,
                        null,
                        "report",
                        first.get().id(),
                        "escalate",
                        null,
                        new JsonObject()
                            .put("level", "city")
                            .put("countyId", first.get().countyId())
                            .put("status", first.get().status())
                            .put("deadline", d.kind())));
  }
}
