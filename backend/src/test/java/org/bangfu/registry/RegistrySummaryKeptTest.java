package org.bangfu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
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
 * The node keeps the registry's summaries per region asked, and never serves one after a change of
 * what it counts has committed.
 */
@DisplayName("Registry summaries kept by the node")
class RegistrySummaryKeptTest {
  static final String SUMMARY = "/api/v1/registry/summary";
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

  /** The summary of {@code query}, once the node serves it from memory. */
  static JsonObject kept(String query) {
    return ok(
        KeptReads.untilKept("the summary", () -> app.get(SUMMARY + query, Account.UNITED_FRONT)),
        200);
  }

  /**
   * A resident identity number of someone born on {@code day} of May 1975, with its check digit.
   */
  static String idNumber(int day) {
    String body = String.format("3505241975%02d%02d%03d", 5, day, 11);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return body + "10X98765432".charAt(sum % 11);
  }

  static long count(JsonObject summary, String status) {
    return summary.getJsonObject("totals").getLong(status, 0L);
  }

  @Test
  @DisplayName("a household registered through the API counts on the very next request, each time")
  void registeredCountsAtOnce() throws Exception {
    String county = "?regionId=" + TestFixture.COUNTY;
    for (int i = 1; i <= 3; i++) {
      long all = count(kept(""), "applicant");
      long inCounty = count(kept(county), "applicant");
      ok(
          app.post(
              "/api/v1/households",
              Account.SECRETARY,
              new JsonObject()
                  .put("headName", "陈某" + i)
                  .put("idNumber", idNumber(i))
                  .put("status", "marginal")
                  .put("incomePerHead", 4100)
                  .put("members", 3)
                  .put("labourCapacity", 1)),
          201);
      JsonObject after = ok(app.get(SUMMARY, Account.UNITED_FRONT), 200);
      assertThat(count(after, "applicant")).as("right after registering %d", i).isEqualTo(all + 1);
      assertThat(after.encode()).doesNotContain("陈某").doesNotContain(idNumber(i));
      assertThat(count(ok(app.get(SUMMARY + county, Account.UNITED_FRONT), 200), "applicant"))
          .as("the county's, right after registering %d", i)
          .isEqualTo(inCounty + 1);
    }
  }

  @Test
  @DisplayName("a household's support changed by SQL shows on the very next request, each time")
  void sqlChangeShowsAtOnce() throws Exception {
    long household =
        app.pool()
            .query("SELECT min(id) AS id FROM households")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong("id");
    for (int i = 0; i < 5; i++) {
      long before = dibao(kept(""));
      // not through the API: an operator's SQL, on another connection than the server's
      boolean now =
          app.pool()
              .preparedQuery(
                  "UPDATE households SET dibao = NOT dibao WHERE id = $1 RETURNING dibao")
              .execute(Tuple.of(household))
              .await()
              .iterator()
              .next()
              .getBoolean("dibao");
      assertThat(dibao(ok(app.get(SUMMARY, Account.UNITED_FRONT), 200)))
          .as("right after change %d", i)
          .isEqualTo(now ? before + 1 : before - 1);
    }
  }

  static long dibao(JsonObject summary) {
    return summary.getJsonArray("byCounty").stream()
        .mapToLong(c -> ((JsonObject) c).getLong("dibao"))
        .sum();
  }

  @Test
  @DisplayName("a change the summaries do not count leaves them kept; never for donors")
  void otherChangesKeepThem() throws Exception {
    kept("");
    app.pool()
        .query(
            "UPDATE households SET members = members WHERE id = (SELECT min(id) FROM households)")
        .execute()
        .await();
    assertThat(app.get(SUMMARY, Account.UNITED_FRONT).getHeader("X-Cache")).isEqualTo("hit");
    assertThat(app.get(SUMMARY, Account.DONOR).statusCode()).isEqualTo(403);
  }
}
