package org.bangfu.deadlines;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;

/**
 * What happens when a deadline of a kind is late: to whom it goes, and what its workflow records (a
 * 12317 report goes up to the city level; a finding is marked escalated). Called by the deadline
 * job once per deadline, in the job's transaction, after the deadline was claimed; a kind without
 * one goes one level up ({@link Owner#oneLevelUp}) and records nothing more.
 */
public interface Escalation {

  /** The owner a late deadline goes to. */
  default Future<Owner> to(SqlClient tx, Deadline d) {
    return Future.succeededFuture(d.who().oneLevelUp(d.place()));
  }

  /** What the workflow records of the escalation (its own status, its audit row). */
  default Future<Void> then(SqlClient tx, Deadline d, Owner to, Instant now) {
    return Future.succeededFuture();
  }

  /** One level up, nothing more. */
  Escalation ONE_LEVEL_UP = new Escalation() {};
}
