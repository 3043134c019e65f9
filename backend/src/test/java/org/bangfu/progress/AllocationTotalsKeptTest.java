package org.bangfu.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.KeptReads;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The node keeps the auditors' allocation totals, and never serves them after a change of an
 * allocation they count has committed.
 */
@DisplayName("Allocation totals kept by the node")
class AllocationTotalsKeptTest {
  static final String TOTALS = "/api/v1/progress/allocation-totals";
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** The totals of {@code query}, once the node serves them from memory. */
  static JsonObject kept(String query) {
    return ok(
        KeptReads.untilKept("the totals", () -> app.get(TOTALS + query, Account.AUDITOR)), 200);
  }

  static long pledge(long quantity) {
    return ok(
            app.post(
                "/api/v1/pledges",
                Account.DONOR,
                new JsonObject()
                    .put("campaignId", TestFixture.CAMPAIGN)
                    .put("unit", "CNY")
                    .put("quantity", quantity)
                    .put("categories", new JsonArray().add("education"))
                    .put("mode", "pooled")),
            201)
        .getLong("id");
  }

  static long claim(long need, long pledge) {
    return ok(
            app.post(
                "/api/v1/needs/" + need + "/claims",
                Account.DONOR,
                new JsonObject().put("pledgeId", pledge).put("quantity", 100)),
            201)
        .getLong("id");
  }

  @Test
  @DisplayName("a claim made through the API counts on the very next request, each time")
  void claimCountsAtOnce() throws Exception {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 5_000L, 3);
    long pledge = pledge(5_000L);
    for (int i = 0; i < 5; i++) {
      JsonObject before = kept("");
      JsonObject byVillage = kept("?villageId=" + TestFixture.VILLAGE);
      claim(need, pledge);
      JsonObject after = ok(app.get(TOTALS, Account.AUDITOR), 200);
      assertThat(after.getLong("count"))
          .as("right after claim %d", i)
          .isEqualTo(before.getLong("count") + 1);
      assertThat(
              ok(app.get(TOTALS + "?villageId=" + TestFixture.VILLAGE, Account.AUDITOR), 200)
                  .getLong("count"))
          .as("the village's, right after claim %d", i)
          .isEqualTo(byVillage.getLong("count") + 1);
    }
  }

  @Test
  @DisplayName("a quantity changed by SQL shows on the very next request, each time")
  void sqlChangeShowsAtOnce() throws Exception {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 1_000L, 3);
    long id = claim(need, pledge(1_000L));
    for (int i = 1; i <= 5; i++) {
      long before = kept("").getJsonObject("amounts").getLong("CNY", 0L);
      // not through the API: an operator's SQL, on another connection than the server's
      app.pool()
          .preparedQuery("UPDATE allocations SET quantity = quantity + 1 WHERE id = $1")
          .execute(Tuple.of(id))
          .await();
      JsonObject after = ok(app.get(TOTALS, Account.AUDITOR), 200);
      assertThat(after.getJsonObject("amounts").getLong("CNY", 0L))
          .as("right after change %d", i)
          .isEqualTo(before + 1);
    }
  }

  @Test
  @DisplayName("a change the totals do not count leaves them kept; still only for auditors")
  void otherChangesKeepThem() throws Exception {
    kept("");
    app.pool()
        .preparedQuery(
            "UPDATE allocations SET updated_at = updated_at WHERE id = (SELECT min(id) FROM allocations)")
        .execute()
        .await();
    assertThat(app.get(TOTALS, Account.AUDITOR).getHeader("X-Cache")).isEqualTo("hit");
    assertThat(app.get(TOTALS, Account.DONOR).statusCode()).isEqualTo(403);
    assertThat(app.get(TOTALS, null).statusCode()).isEqualTo(401);
  }
}
