package org.bangfu.notices;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Told when a notice of its {@link #kind()} closes (its window passed with no open objection), in
 * the closing transaction: e.g. a household's new status takes effect when its notice closes.
 * Register one in {@link NoticeListeners}. A failure rolls the closing back (it is tried again on
 * the next run). Do not append to the audit log here: the closing job does it last.
 */
public interface NoticeClosedListener {

  String kind();

  Future<Void> onClosed(SqlConnection tx, Notice notice);
}
