package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Last: the deadlines of everything the demo left under way (reports to acknowledge, objections to
 * answer, proposals to confirm, receipts to verify…), opened as a database of an earlier version
 * has them opened by its migration (V90's {@code deadline_backfill}), so every role's inbox shows
 * them from the first start.
 */
final class DeadlinesDemoSection implements DemoSection {

  @Override
  public String name() {
    return "deadlines";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    return db.query("SELECT deadline_backfill()").execute().mapEmpty();
  }
}
