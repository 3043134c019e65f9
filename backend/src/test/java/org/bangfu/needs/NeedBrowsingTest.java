package org.bangfu.needs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Browsing needs: every filter narrows as it says, pages are disjoint and the order is stable. */
@DisplayName("Browsing needs")
class NeedBrowsingTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    // 3 villages × 4 needs, priorities and deadlines varied, all published; one draft
    String[][] villages = {
      {TestFixture.VILLAGE, "SECRETARY"},
      {TestFixture.VILLAGE_SAME_TOWNSHIP, "ADMIN"},
      {TestFixture.OTHER_VILLAGE, "OTHER_SECRETARY"}
    };
    String[] categories = {"education", "health", "infrastructure", "employment"};
    int k = 0;
    for (String[] v : villages) {
      for (String category : categories) {
        JsonObject body =
            new JsonObject()
                .put("villageId", v[0])
                .put("category", category)
                .put("unit", category.equals("employment") ? "job" : "CNY")
                .put("quantity", 10 + k)
                .put("priority", 1 + k % 5)
                .put("title", category.equals("health") ? "卫生室设备" : "需求" + k)
                .put("description", k == 5 ? "含茶叶加工" : "");
        if (k % 3 == 0) {
          body.put("deadline", "2099-0" + (1 + k % 9) + "-01");
        }
        Account as = Account.valueOf(v[1]);
        long id = app.post("/api/v1/needs", as, body).bodyAsJsonObject().getLong("id");
        app.post("/api/v1/needs/" + id + "/submit", as, null);
        app.post("/api/v1/needs/" + id + "/publish", Account.ADMIN, null);
        k++;
      }
    }
    app.post(
        "/api/v1/needs",
        Account.SECRETARY,
        new JsonObject()
            .put("villageId", TestFixture.VILLAGE)
            .put("category", "housing")
            .put("unit", "CNY")
            .put("quantity", 5)
            .put("priority", 5)
            .put("title", "草稿"));
    // waiting for review: one in the reviewer's county (another township), one in the other county
    for (String[] v :
        new String[][] {
          {TestFixture.VILLAGE_OTHER_TOWNSHIP, "ADMIN"},
          {TestFixture.OTHER_VILLAGE, "OTHER_SECRETARY"}
        }) {
      Account as = Account.valueOf(v[1]);
      long id =
          app.post(
                  "/api/v1/needs",
                  as,
                  new JsonObject()
                      .put("villageId", v[0])
                      .put("category", "education")
                      .put("unit", "CNY")
                      .put("quantity", 7)
                      .put("priority", 3)
                      .put("title", "待审核"))
              .bodyAsJsonObject()
              .getLong("id");
      app.post("/api/v1/needs/" + id + "/submit", as, null);
    }
    app.post("/api/v1/campaigns/1/enrolments", Account.DONOR, new JsonObject());
    long asked =
        app.post(
                "/api/v1/campaigns/1/pairings",
                Account.DONOR,
                new JsonObject().put("villageId", TestFixture.OTHER_VILLAGE))
            .bodyAsJsonObject()
            .getLong("id");
    app.post("/api/v1/campaign-pairings/" + asked + "/approve", Account.UNITED_FRONT, null);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonArray items(String query) {
    return app.get("/api/v1/needs" + query, null).bodyAsJsonObject().getJsonArray("items");
  }

  static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  static List<Object> field(JsonArray items, String name) {
    List<Object> out = new ArrayList<>();
    items.forEach(o -> out.add(((JsonObject) o).getValue(name)));
    return out;
  }

  @Test
  @DisplayName("the public sees the 12 published needs, never the draft")
  void publicSeesPublished() {
    JsonObject page = app.get("/api/v1/needs?size=100", null).bodyAsJsonObject();
    assertThat(page.getLong("total")).isEqualTo(12);
    assertThat(field(page.getJsonArray("items"), "title")).doesNotContain("草稿");
    JsonObject mine = app.get("/api/v1/needs?size=100", Account.SECRETARY).bodyAsJsonObject();
    assertThat(mine.getLong("total")).isEqualTo(13);
  }

  @Test
  @DisplayName(
      "filters: county, township, village, category, unit, priority, status, text, campaign")
  void filters() {
    assertThat(items("?county=" + TestFixture.COUNTY + "&size=100")).hasSize(8);
    assertThat(items("?county=" + TestFixture.OTHER_COUNTY + "&size=100")).hasSize(4);
    assertThat(items("?township=" + TestFixture.TOWNSHIP + "&size=100")).hasSize(8);
    assertThat(field(items("?village=" + TestFixture.OTHER_VILLAGE), "villageId"))
        .containsOnly(TestFixture.OTHER_VILLAGE)
        .hasSize(4);
    assertThat(field(items("?category=health,education"), "category"))
        .containsOnly("health", "education")
        .hasSize(6);
    assertThat(field(items("?unit=job"), "unit")).containsOnly("job").hasSize(3);
    assertThat(field(items("?priority=5"), "priority")).containsOnly(5);
    assertThat(items("?status=partly_allocated")).isEmpty();
    assertThat(field(items("?q=" + encode("卫生室")), "category")).containsOnly("health").hasSize(3);
    assertThat(items("?q=" + encode("茶叶"))).hasSize(1);
    assertThat(items("?q=%25")).isEmpty(); // a literal %, not a wildcard
    assertThat(field(items("?campaign=1"), "villageId"))
        .containsOnly(TestFixture.OTHER_VILLAGE)
        .hasSize(4);
  }

  @Test
  @DisplayName(
      "pages are disjoint, cover everything and follow priority desc, deadline asc (nulls last), id")
  void stablePages() {
    List<Object> all = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      JsonObject p = app.get("/api/v1/needs?size=5&page=" + page, null).bodyAsJsonObject();
      assertThat(p.getLong("total")).isEqualTo(12);
      all.addAll(p.getJsonArray("items").getList());
    }
    assertThat(all).hasSize(12);
    assertThat(all.stream().map(o -> ((java.util.Map<?, ?>) o).get("id")).distinct()).hasSize(12);
    JsonArray one = items("?size=100");
    for (int i = 1; i < one.size(); i++) {
      JsonObject a = one.getJsonObject(i - 1);
      JsonObject b = one.getJsonObject(i);
      int byPriority = Integer.compare(b.getInteger("priority"), a.getInteger("priority"));
      assertThat(byPriority).isLessThanOrEqualTo(0);
      if (byPriority == 0) {
        String da = a.getString("deadline");
        String db = b.getString("deadline");
        boolean ordered = db == null ? true : da != null && da.compareTo(db) <= 0;
        assertThat(ordered).as("deadline order %s then %s", da, db).isTrue();
        if (java.util.Objects.equals(da, db)) {
          assertThat(a.getLong("id")).isLessThan(b.getLong("id"));
        }
      }
    }
    // the same query twice gives the same order
    assertThat(field(items("?size=100"), "id")).isEqualTo(field(one, "id"));
  }

  static List<Object> villages(String query, Account as) {
    return field(
        app.get("/api/v1/needs" + query, as).bodyAsJsonObject().getJsonArray("items"), "villageId");
  }

  @Test
  @DisplayName("a review queue shows each reviewer the unpublished needs of their own region only")
  void reviewQueue() {
    assertThat(villages("?status=submitted&size=100", Account.REVIEWER))
        .containsExactly(TestFixture.VILLAGE_OTHER_TOWNSHIP);
    assertThat(villages("?status=submitted&size=100", Account.TOWNSHIP_REVIEWER)).isEmpty();
    assertThat(villages("?status=draft&size=100", Account.TOWNSHIP_REVIEWER))
        .containsExactly(TestFixture.VILLAGE);
    assertThat(villages("?status=submitted&size=100", Account.ADMIN))
        .containsExactlyInAnyOrder(TestFixture.VILLAGE_OTHER_TOWNSHIP, TestFixture.OTHER_VILLAGE);
    assertThat(villages("?status=draft,submitted&size=100", Account.SECRETARY))
        .containsExactly(TestFixture.VILLAGE);
    assertThat(villages("?status=submitted&size=100", Account.DONOR)).isEmpty();
    assertThat(villages("?status=submitted&size=100", null)).isEmpty();
    // public and unpublished statuses together: the public ones everywhere, the rest in the region
    assertThat(villages("?status=submitted,published&size=100", Account.REVIEWER))
        .hasSize(13)
        .contains(TestFixture.VILLAGE_OTHER_TOWNSHIP)
        .filteredOn(TestFixture.OTHER_VILLAGE::equals)
        .hasSize(4); // its published needs, not the one waiting in another county
    JsonObject queue =
        app.get("/api/v1/needs?status=submitted", Account.REVIEWER).bodyAsJsonObject();
    assertThat(queue.getLong("total")).isEqualTo(1);
  }
}
