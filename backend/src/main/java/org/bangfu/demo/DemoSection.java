package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * One part of the demo data (regions, campaigns, donors, accounts, households, needs, ...). {@link
 * DemoData} runs the sections in order inside one transaction; each writes through the given
 * connection and may read what earlier ones left in the {@link DemoContext}.
 */
public interface DemoSection {

  String name();

  Future<Void> load(SqlConnection db, DemoContext demo);
}
