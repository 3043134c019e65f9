package org.bangfu.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.testing.TestApp;

/**
 * Compares every campaign's progress, read from the summaries, with the ledger aggregated afresh.
 */
public final class ProgressOracle {
  private ProgressOracle() {}

  static List<Row> rows(TestApp app, String sql) {
    List<Row> out = new ArrayList<>();
    app.pool().query(sql).execute().await().forEach(out::add);
    return out;
  }

  static long count(TestApp app, String sql) {
    return rows(app, sql).get(0).getLong(0);
  }

  /**
   * Every campaign: the route's answer and the service's figures equal the ledger's ({@link
   * LedgerProgress}); the membership rows are what the rules say now. {@code unitedFront}: a
   * united-front token.
   */
  public static void assertSummariesEqualLedger(TestApp app, String unitedFront, String when) {
    ProgressService fromSummaries = new ProgressService(app.pool(), new ProgressRepository());
    ProgressService fromLedger =
        new ProgressService(app.pool(), new ProgressRepository(LedgerProgress.QUERIES));
    List<Row> campaigns = rows(app, "SELECT id FROM campaigns ORDER BY id");
    assertThat(campaigns).as("campaigns").hasSizeGreaterThanOrEqualTo(4);
    long allocated = 0;
    for (Row c : campaigns) {
      long id = c.getLong("id");
      Progress ledger = fromLedger.progress(id, true).await();
      assertThat(fromSummaries.progress(id, true).await())
          .as("campaign %d, %s", id, when)
          .isEqualTo(ledger);
      HttpResponse<Buffer> r =
          app.call(HttpMethod.GET, "/api/v1/campaigns/" + id + "/progress", unitedFront, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject())
          .as("the route, campaign %d, %s", id, when)
          .isEqualTo(ProgressRoutes.toJson(ledger, true));
      allocated += ledger.totals().stage("confirmed").values().stream().mapToLong(x -> x).sum();
    }
    assertThat(allocated).as("there is something to compare, " + when).isPositive();
    // the membership rows are what the rules say now
    for (String[] t :
        new String[][] {
          {"campaign_allocations", "campaign_allocation_rule"},
          {"campaign_needs", "campaign_need_rule"},
          {"campaign_pledges", "campaign_pledge_rule"}
        }) {
      assertThat(
              count(
                  app,
                  "SELECT count(*) FROM ((TABLE "
                      + t[0]
                      + " EXCEPT ALL TABLE "
                      + t[1]
                      + ") UNION ALL (TABLE "
                      + t[1]
                      + " EXCEPT ALL TABLE "
                      + t[0]
                      + ")) x"))
          .as("%s against %s, %s", t[0], t[1], when)
          .isZero();
    }
  }
}
