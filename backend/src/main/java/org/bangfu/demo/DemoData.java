package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import org.bangfu.auth.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo data loader: every {@link DemoSection}, in order, in one transaction, so the demo is
 * either all there or not at all. Run by {@code scripts/demo-data} and, on first start (no regions
 * yet), by {@code scripts/run}. Never by a migration. All of it is invented except the real
 * county-level units and pairings of Quanzhou.
 */
public final class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /** The sections in loading order. Adding one is one line here. */
  static List<DemoSection> sections() {
    return List.of(
        // the platform: regions, campaigns, donors, accounts
        new RegionsSection(),
        new CampaignsSection(),
        new DonorsSection(),
        new AccountsSection(),
        // the marketplace: households, needs, pledges, allocations below this line
        new MarketplaceDemoSection(),
        // the registry over time: households' histories, cadres and plans, villages' incomes
        new RegistryDemoSection(),
        // the mountain-sea campaign's own help, after the marketplace it draws on
        new MountainSeaDemoSection(),
        new OversightDemoSection(),
        new AccountabilityDemoSection(),
        // fiscal programmes and projects, notices, objections, supervision alerts
        new FundsDemoSection(),
        // the 防返贫 monitor's month: department warnings, self-reports, cases at every step
        new MonitorDemoSection(),
        // the deadlines of all of the above that is under way
        new DeadlinesDemoSection(),
        // the row that says the data is the demo's (every screen shows a banner)
        new DemoMarkSection());
  }

  private DemoData() {}

  /** Loads the demo when the database has no regions yet; answers the accounts made (or none). */
  public static Future<List<DemoContext.Account>> loadIfEmpty(Vertx vertx, Pool pool) {
    return pool.query("SELECT count(*) FROM regions")
        .execute()
        .compose(
            rows ->
                rows.iterator().next().getLong(0) > 0
                    ? Future.succeededFuture(List.<DemoContext.Account>of())
                    : load(vertx, pool));
  }

  public static Future<List<DemoContext.Account>> load(Vertx vertx, Pool pool) {
    DemoContext demo = new DemoContext(vertx);
    long t0 = System.nanoTime();
    return PasswordHasher.hash(vertx, DemoContext.DEMO_PASSWORD)
        .compose(
            hash -> {
              demo.demoPasswordHash(hash);
              return pool.withTransaction(db -> runSections(db, demo, sections(), 0));
            })
        .map(
            v -> {
              LOG.info(
                  "Demo data loaded in {} ms ({} accounts)",
                  (System.nanoTime() - t0) / 1_000_000,
                  demo.accounts().size());
              return demo.accounts();
            });
  }

  private static Future<Void> runSections(
      SqlConnection db, DemoContext demo, List<DemoSection> sections, int i) {
    if (i == sections.size()) {
      return Future.succeededFuture();
    }
    DemoSection s = sections.get(i);
    LOG.debug("demo section {}", s.name());
    long t0 = System.nanoTime();
    return s.load(db, demo)
        .onSuccess(
            v -> LOG.info("demo section {}: {} ms", s.name(), (System.nanoTime() - t0) / 1_000_000))
        .recover(
            err ->
                Future.failedFuture(
                    new IllegalStateException(
                        "demo section " + s.name() + " failed: " + err.getMessage(), err)))
        .compose(v -> runSections(db, demo, sections, i + 1));
  }

  /** The demo accounts still in the database (for the start-up banner after the first start). */
  public static Future<List<DemoContext.Account>> existingAccounts(Pool pool) {
    return pool.preparedQuery(
            "SELECT username, role, display_name FROM users "
                + "WHERE username = ANY($1) AND active ORDER BY id")
        .execute(io.vertx.sqlclient.Tuple.of(AccountsSection.USERNAMES.toArray(new String[0])))
        .map(
            rows -> {
              List<DemoContext.Account> out = new java.util.ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new DemoContext.Account(
                              r.getString("username"),
                              r.getString("role"),
                              r.getString("display_name"))));
              return out;
            });
  }

  /** The accounts as printed at start-up. */
  public static String describe(List<DemoContext.Account> accounts) {
    StringBuilder sb =
        new StringBuilder("Demo accounts (password for all: ")
            .append(DemoContext.DEMO_PASSWORD)
            .append("):\n");
    for (DemoContext.Account a : accounts) {
      sb.append(String.format("  %-22s %-18s %s%n", a.username(), a.role(), a.what()));
    }
    return sb.toString();
  }
}
