package org.bangfu.deadlines;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;

/**
 * A kind whose deadlines open with time rather than with a step of its workflow (a pledge comes
 * within its expiry warning): the deadline job runs each sweep before it turns and escalates, in a
 * transaction of its own. A sweep opens through {@link Deadlines} like any workflow and answers how
 * many deadlines it opened or closed.
 */
public interface Sweep {
  String name();

  Future<Integer> run(SqlClient tx, Deadlines deadlines, Instant now);
}
