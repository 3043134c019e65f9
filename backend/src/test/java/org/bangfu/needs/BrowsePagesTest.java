package org.bangfu.needs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The node keeps the donors' first browse pages by category and county, and never serves one after
 * a change of a need of that category has committed.
 */
@DisplayName("The donors' first browse pages kept by the node")
class BrowsePagesTest {
  static final String EDUCATION = "/api/v1/needs?size=20&category=education";
  static final String IN_COUNTY = EDUCATION + "&county=" + TestFixture.COUNTY;
  static TestApp app;
  static long pledge;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    pledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.DONOR,
                    new JsonObject()
                        .put("campaignId", TestFixture.CAMPAIGN)
                        .put("unit", "CNY")
                        .put("quantity", 1_000_000)
                        .put("categories", new JsonArray().add("education").add("health"))
                        .put("mode", "pooled")),
                201)
            .getLong("id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** The page as the donor gets it, once the node serves it from memory. */
  static JsonObject kept(String path) throws InterruptedException {
    HttpResponse<Buffer> page = app.get(path, Account.DONOR);
    for (long end = System.nanoTime() + 5_000_000_000L;
        !"hit".equals(page.getHeader("X-Cache")) && System.nanoTime() < end; ) {
      Thread.sleep(50);
      page = app.get(path, Account.DONOR);
    }
    assertThat(page.getHeader("X-Cache")).as("%s comes from memory", path).isEqualTo("hit");
    return page.bodyAsJsonObject();
  }

  static JsonObject first(JsonObject page, long need) {
    return page.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(n -> n.getLong("id") == need)
        .findFirst()
        .orElseThrow(() -> new AssertionError("need " + need + " not on " + page.encode()));
  }

  static void claim(long need, long quantity) {
    ok(
        app.post(
            "/api/v1/needs/" + need + "/claims",
            Account.DONOR,
            new JsonObject().put("pledgeId", pledge).put("quantity", quantity)),
        201);
  }

  @Test
  @DisplayName("a claim through the API shows on the very next page, each time")
  void claimShowsAtOnce() throws Exception {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 10_000, 5);
    for (int i = 1; i <= 5; i++) {
      kept(EDUCATION);
      kept(IN_COUNTY);
      claim(need, 1_000);
      for (String path : new String[] {EDUCATION, IN_COUNTY}) {
        JsonObject page = ok(app.get(path, Account.DONOR), 200);
        assertThat(first(page, need).getLong("remaining"))
            .as("%s right after claim %d", path, i)
            .isEqualTo(10_000 - 1_000L * i);
        // the donor's own reasons are still added to a kept page
        assertThat(first(page, need).getJsonArray("reasons")).isNotNull();
      }
    }
  }

  @Test
  @DisplayName("a need retitled by SQL, or published through the API, shows on the very next page")
  void changesShowAtOnce() throws Exception {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 5_000, 5);
    for (int i = 0; i < 10; i++) {
      kept(EDUCATION);
      String title = "助学金（第" + i + "次修改）";
      // not through the API: an operator's SQL, on another connection than the server's
      app.pool()
          .preparedQuery("UPDATE needs SET title = $2 WHERE id = $1")
          .execute(Tuple.of(need, title))
          .await();
      assertThat(first(ok(app.get(EDUCATION, Account.DONOR), 200), need).getString("title"))
          .as("right after change %d", i)
          .isEqualTo(title);
    }
    long total = kept(EDUCATION).getLong("total");
    long published =
        app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 3_000, 5);
    JsonObject page = ok(app.get(EDUCATION, Account.DONOR), 200);
    assertThat(page.getLong("total")).isEqualTo(total + 1);
    first(page, published);
  }

  @Test
  @DisplayName("a kept page is the answer read afresh, for a donor and for the public")
  void keptIsTheSame() throws Exception {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "housing", 8_000, 4);
    for (Account as : new Account[] {Account.DONOR, null}) {
      String path = "/api/v1/needs?size=5&category=housing&county=" + TestFixture.COUNTY;
      HttpResponse<Buffer> fresh = app.get(path, as);
      assertThat(fresh.getHeader("X-Cache")).isEqualTo("miss");
      HttpResponse<Buffer> kept = app.get(path, as);
      for (long end = System.nanoTime() + 5_000_000_000L;
          !"hit".equals(kept.getHeader("X-Cache")) && System.nanoTime() < end; ) {
        Thread.sleep(50);
        kept = app.get(path, as);
      }
      assertThat(kept.getHeader("X-Cache")).isEqualTo("hit");
      assertThat(kept.bodyAsJsonObject()).isEqualTo(fresh.bodyAsJsonObject());
      assertThat(first(kept.bodyAsJsonObject(), need).containsKey("reasons"))
          .as("reasons for the donor only")
          .isEqualTo(as != null);
      // a new need in the category drops the page for the next viewer
      app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "housing", 1_000, 1);
    }
  }

  @Test
  @DisplayName("a claim drops its county's and city's pages and those of no county, not another's")
  void onlyItsPlaces() throws Exception {
    long other =
        app.publishedNeed(
            Account.OTHER_SECRETARY, TestFixture.OTHER_VILLAGE, "education", 5_000, 2);
    String otherCounty = EDUCATION + "&county=" + TestFixture.OTHER_COUNTY;
    String city = EDUCATION + "&county=" + TestFixture.CITY;
    for (int i = 1; i <= 3; i++) {
      for (String path : new String[] {IN_COUNTY, otherCounty, city, EDUCATION}) {
        kept(path);
      }
      claim(other, 1_000);
      // the claim's county first: once it is answered the notice has surely been heard
      for (String path : new String[] {otherCounty, city, EDUCATION}) {
        HttpResponse<Buffer> page = app.get(path, Account.DONOR);
        assertThat(page.getHeader("X-Cache")).as("%s after claim %d", path, i).isEqualTo("miss");
        assertThat(first(page.bodyAsJsonObject(), other).getLong("remaining"))
            .isEqualTo(5_000 - 1_000L * i);
      }
      assertThat(app.get(IN_COUNTY, Account.DONOR).getHeader("X-Cache"))
          .as("another county's page")
          .isEqualTo("hit");
    }
  }

  @Test
  @DisplayName("a claim in another category leaves the page kept; others' views are never kept")
  void onlyItsCategory() throws Exception {
    long health = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "health", 5_000, 3);
    String healthPage = "/api/v1/needs?size=20&category=health";
    kept(healthPage);
    kept(EDUCATION);
    claim(health, 1_000);
    // the health page is asked first, so the claim's notice has surely been heard
    assertThat(app.get(healthPage, Account.DONOR).getHeader("X-Cache")).isEqualTo("miss");
    assertThat(app.get(EDUCATION, Account.DONOR).getHeader("X-Cache")).isEqualTo("hit");
    // a village secretary also sees the village's drafts: never a kept page
    app.get(EDUCATION, Account.SECRETARY);
    assertThat(app.get(EDUCATION, Account.SECRETARY).getHeader("X-Cache")).isNotEqualTo("hit");
    // nor a page past the first ones, nor a text search
    app.get(EDUCATION + "&page=4", Account.DONOR);
    assertThat(app.get(EDUCATION + "&page=4", Account.DONOR).getHeader("X-Cache"))
        .isNotEqualTo("hit");
    app.get(EDUCATION + "&q=学", Account.DONOR);
    assertThat(app.get(EDUCATION + "&q=学", Account.DONOR).getHeader("X-Cache")).isNotEqualTo("hit");
  }
}
