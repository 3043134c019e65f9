package org.bangfu.notices;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Told when a notice of its {@link #kind()} closes (its window passed with no open objection), in
 * the closing transaction: e.g. a household's new status takes effect when its notice closes.
 * Registered with the closing job ({@code app.Jobs}). A failure rolls the closing back (it is tried
 * again on the next run). Do not append to the audit log in {@link #onClosed}: the closing job
 * appends every audit row last (the audit chain's lock comes after every other lock), calling
 * {@link #audit} of each listener then.
 */
public interface NoticeClosedListener {

  String kind();

  Future<Void> onClosed(SqlConnection tx, Notice notice);

  /** The audit rows of what {@link #onClosed} did, appended after every listener ran. */
  default Future<Void> audit(SqlConnection tx, Notice notice) {
    return Future.succeededFuture();
  }
}
