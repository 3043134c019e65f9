package org.bangfu.inspections;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Role;
import org.bangfu.deadlines.Deadline;
import org.bangfu.deadlines.Escalation;
import org.bangfu.deadlines.Owner;

/**
 * A finding not rectified by its date goes to its inspecting unit (逾期督办): 统战部, the city's poverty
 * office or the auditors, whoever recorded it; the finding is marked escalated with an audit row.
 */
public final class FindingEscalation implements Escalation {
  private final InspectionRepository repo;

  public FindingEscalation(InspectionRepository repo) {
    this.repo = repo;
  }

  @Override
  public Future<Owner> to(SqlClient tx, Deadline d) {
    return repo.inspectorOf(tx, Long.parseLong(d.subject().id()))
        .map(
            found ->
                found
                    .flatMap(i -> Role.fromWire(i.role()).map(r -> inspector(r, i.region())))
                    .orElseGet(() -> d.who().oneLevelUp(d.place())));
  }

  private static Owner inspector(Role role, String region) {
    return role == Role.REVIEWER ? Owner.reviewer(region) : Owner.role(role);
  }

  @Override
  public Future<Void> then(SqlClient tx, Deadline d, Owner to, Instant now) {
    return repo.escalate(tx, Long.parseLong(d.subject().id()), now)
        .compose(
            first ->
                first.isEmpty()
                    ? Future.succeededFuture()
                    : AuditLog.append(
                        tx,
                        null,
                        "finding",
                        first.get().id(),
                        "escalate",
                        null,
                        new JsonObject()
                            .put("countyId", first.get().countyId())
                            .put("overdue", true)));
  }
}
