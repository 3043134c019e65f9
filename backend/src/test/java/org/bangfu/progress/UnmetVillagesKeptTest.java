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
 * The node keeps the unmet villages per county asked, and never serves them after a change of an
 * open need has committed.
 */
@DisplayName("Unmet villages kept by the node")
class UnmetVillagesKeptTest {
  static final String UNMET = "/api/v1/progress/unmet-villages";
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

  /** The unmet villages of {@code query}, once the node serves them from memory. */
  static JsonObject kept(String query) {
    return ok(
        KeptReads.untilKept("the villages", () -> app.get(UNMET + query, Account.UNITED_FRONT)),
        200);
  }

  static JsonObject village(JsonObject unmet) {
    return unmet.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(v -> v.getString("villageId").equals(TestFixture.VILLAGE))
        .findFirst()
        .orElse(new JsonObject().put("openNeeds", 0L).put("remaining", new JsonObject()));
  }

  @Test
  @DisplayName("a need published through the API counts on the very next request, each time")
  void publishedCountsAtOnce() throws Exception {
    String county = "?county=" + TestFixture.COUNTY;
    for (int i = 0; i < 4; i++) {
      long all = kept("").getLong("openNeeds");
      long inCounty = village(kept(county)).getLong("openNeeds");
      app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 1_000L, 3);
      assertThat(ok(app.get(UNMET, Account.UNITED_FRONT), 200).getLong("openNeeds"))
          .as("right after publishing %d", i)
          .isEqualTo(all + 1);
      assertThat(
              village(ok(app.get(UNMET + county, Account.UNITED_FRONT), 200)).getLong("openNeeds"))
          .as("the county's, right after publishing %d", i)
          .isEqualTo(inCounty + 1);
    }
  }

  @Test
  @DisplayName("a need's quantity changed by SQL shows on the very next request, each time")
  void sqlChangeShowsAtOnce() throws Exception {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 1_000L, 3);
    for (int i = 1; i <= 5; i++) {
      long before = village(kept("")).getJsonObject("remaining").getLong("CNY", 0L);
      // not through the API: an operator's SQL, on another connection than the server's
      app.pool()
          .preparedQuery("UPDATE needs SET quantity = quantity + 1 WHERE id = $1")
          .execute(Tuple.of(need))
          .await();
      JsonObject after = village(ok(app.get(UNMET, Account.UNITED_FRONT), 200));
      assertThat(after.getJsonObject("remaining").getLong("CNY", 0L))
          .as("right after change %d", i)
          .isEqualTo(before + 1);
    }
  }

  @Test
  @DisplayName("a need of one county leaves another county's villages kept; never for donors")
  void otherCountyKept() throws Exception {
    String other = "?county=" + TestFixture.OTHER_COUNTY;
    kept(other);
    app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 1_000L, 3);
    assertThat(app.get(UNMET + other, Account.UNITED_FRONT).getHeader("X-Cache")).isEqualTo("hit");
    assertThat(app.get(UNMET, Account.DONOR).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("a page of the villages is a slice of the whole list, with the whole list's totals")
  void pages() throws Exception {
    app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "health", 500L, 2);
    app.publishedNeed(Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, "health", 500L, 2);
    JsonObject whole = ok(app.get(UNMET, Account.UNITED_FRONT), 200);
    assertThat(whole.getJsonArray("items").size()).isGreaterThanOrEqualTo(2);
    JsonArray seen = new JsonArray();
    for (int page = 1; page <= whole.getInteger("total"); page++) {
      JsonObject one = ok(app.get(UNMET + "?page=" + page + "&size=1", Account.UNITED_FRONT), 200);
      assertThat(one.getLong("total")).isEqualTo(whole.getLong("total"));
      assertThat(one.getLong("openNeeds")).isEqualTo(whole.getLong("openNeeds"));
      assertThat(one.getJsonArray("items").size()).isEqualTo(1);
      seen.addAll(one.getJsonArray("items"));
    }
    assertThat(seen).isEqualTo(whole.getJsonArray("items"));
    assertThat(app.get(UNMET + "?size=0", Account.UNITED_FRONT).statusCode()).isEqualTo(400);
  }
}
