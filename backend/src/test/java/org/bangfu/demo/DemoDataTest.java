package org.bangfu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bangfu.db.PoolFactory;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo data")
class DemoDataTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private List<Row> rows(String sql) {
    List<Row> out = new ArrayList<>();
    app.pool().query(sql).execute().await().forEach(out::add);
    return out;
  }

  private long count(String sql) {
    return rows(sql).get(0).getLong(0);
  }

  @Test
  @DisplayName("has Quanzhou's twelve real county-level units with their codes")
  void counties() {
    Map<String, String> units =
        rows("SELECT id, name FROM regions WHERE parent_id = '3505' ORDER BY id").stream()
            .collect(Collectors.toMap(r -> r.getString("id"), r -> r.getString("name")));
    assertThat(units)
        .hasSize(12)
        .containsEntry("350502", "鲤城区")
        .containsEntry("350503", "丰泽区")
        .containsEntry("350504", "洛江区")
        .containsEntry("350505", "泉港区")
        .containsEntry("350521", "惠安县")
        .containsEntry("350524", "安溪县")
        .containsEntry("350525", "永春县")
        .containsEntry("350526", "德化县")
        .containsEntry("350581", "石狮市")
        .containsEntry("350582", "晋江市")
        .containsEntry("350583", "南安市")
        .containsEntry("3505TS", "泉州台商投资区");
  }

  @Test
  @DisplayName("has the seven mountain-sea pairings with the paired counties' real codes")
  void pairings() {
    Map<String, String> p =
        rows(
                "SELECT from_id, to_id || ' ' || t.name AS to FROM region_pairings "
                    + "JOIN regions t ON t.id = to_id WHERE kind = 'mountain_sea'")
            .stream()
            .collect(Collectors.toMap(r -> r.getString("from_id"), r -> r.getString("to")));
    assertThat(p)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "350502",
                "350421 明溪县",
                "350503",
                "350721 顺昌县",
                "350505",
                "350424 宁化县",
                "350581",
                "350725 政和县",
                "350582",
                "350821 长汀县",
                "350583",
                "350922 古田县",
                "350521",
                "350723 光泽县"));
  }

  @Test
  @DisplayName(
      "has 181 registered poor villages in Quanzhou, 28 city-dispatched help villages, hollow and weak ones")
  void villages() {
    assertThat(count("SELECT count(*) FROM regions WHERE poor_village AND id LIKE '3505%'"))
        .isEqualTo(181);
    assertThat(count("SELECT count(*) FROM regions WHERE dispatched_by = 'city'")).isEqualTo(28);
    assertThat(count("SELECT count(*) FROM regions WHERE dispatched_by = 'province'")).isPositive();
    assertThat(count("SELECT count(*) FROM regions WHERE dispatched_by = 'county'")).isPositive();
    assertThat(count("SELECT count(*) FROM regions WHERE key_township")).isEqualTo(30);
    assertThat(count("SELECT count(*) FROM regions WHERE collective_status = 'hollow'"))
        .isPositive();
    assertThat(count("SELECT count(*) FROM regions WHERE collective_status = 'weak'")).isPositive();
    assertThat(
            count(
                "SELECT count(*) FROM regions WHERE level = 'village' AND collective_income IS NULL"))
        .isZero();
  }

  @Test
  @DisplayName(
      "has the three campaigns and the mountain-sea campaign, donors of every type enrolled and paired")
  void campaignsAndDonors() {
    assertThat(rows("SELECT code FROM campaigns ORDER BY code").stream().map(r -> r.getString(0)))
        .containsExactly("bhfbc", "bqbbc", "bqzbc", "shxz");
    assertThat(rows("SELECT DISTINCT type FROM donors").stream().map(r -> r.getString(0)))
        .containsExactlyInAnyOrder("enterprise", "chamber", "overseas", "individual");
    assertThat(
            count(
                "SELECT count(*) FROM donors WHERE type = 'overseas' AND hometown_village IS NULL"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM campaign_enrolments e JOIN campaigns c ON c.id = e.campaign_id "
                    + "JOIN donors d ON d.id = e.donor_id WHERE c.code = 'bqzbc' AND d.type = 'overseas'"))
        .isPositive();
    assertThat(
            count(
                "SELECT count(*) FROM campaign_pairings p JOIN campaigns c ON c.id = p.campaign_id "
                    + "WHERE c.code = 'shxz'"))
        .isPositive();
  }

  @Test
  @DisplayName(
      "has an account for every role, and each printed account signs in with the demo password")
  void accounts() {
    assertThat(rows("SELECT DISTINCT role FROM users").stream().map(r -> r.getString(0)))
        .containsExactlyInAnyOrder(
            "village_secretary", "reviewer", "donor", "united_front", "auditor", "admin");
    Map<String, DemoContext.Account> oneOfEachRole = new HashMap<>();
    app.demoAccounts().forEach(a -> oneOfEachRole.putIfAbsent(a.role(), a));
    assertThat(oneOfEachRole).hasSize(6);
    for (DemoContext.Account a : oneOfEachRole.values()) {
      HttpResponse<Buffer> r =
          app.call(
              HttpMethod.POST,
              "/api/v1/auth/login",
              (String) null,
              new JsonObject()
                  .put("username", a.username())
                  .put("password", DemoContext.DEMO_PASSWORD));
      assertThat(r.statusCode()).as(a.username()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getJsonObject("user").getString("role")).isEqualTo(a.role());
    }
    assertThat(DemoData.describe(app.demoAccounts())).contains("admin", DemoContext.DEMO_PASSWORD);
    assertThat(app.demoAccounts().stream().map(DemoContext.Account::username))
        .containsExactlyElementsOf(AccountsSection.USERNAMES);
    assertThat(DemoData.existingAccounts(app.pool()).await())
        .hasSize(AccountsSection.USERNAMES.size());
  }

  @Test
  @DisplayName("GET /regions returns the Quanzhou tree down to villages, with the pairings")
  void regionTree() {
    HttpResponse<Buffer> r = app.call(HttpMethod.GET, "/api/v1/regions", (String) null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject root = r.bodyAsJsonObject();
    assertThat(root.getString("id")).isEqualTo("3505");
    assertThat(root.getString("level")).isEqualTo("city");
    JsonArray counties = root.getJsonArray("children");
    assertThat(counties).hasSize(12);
    long poor = 0;
    for (Object c : counties) {
      for (Object t : ((JsonObject) c).getJsonArray("children")) {
        for (Object v : ((JsonObject) t).getJsonArray("children")) {
          JsonObject village = (JsonObject) v;
          assertThat(village.getString("level")).isEqualTo("village");
          assertThat(village.getString("collectiveStatus")).isIn("hollow", "weak", "ok");
          if (village.getBoolean("poorVillage")) {
            poor++;
          }
        }
      }
    }
    assertThat(poor).isEqualTo(181);
    assertThat(root.getJsonArray("pairings")).hasSize(7);
    assertThat(
            root.getJsonArray("pairings").stream()
                .map(p -> ((JsonObject) p).getString("to") + ((JsonObject) p).getString("toName")))
        .contains("350821长汀县");
    assertThat(root.getJsonArray("pairedCounties")).hasSize(7);
  }

  @Test
  @DisplayName("is the same every time it is loaded (fixed seed)")
  void deterministic() {
    var db = TestDatabase.create();
    Pool other = PoolFactory.create(app.vertx(), db, 2);
    try {
      DemoData.load(app.vertx(), other).await();
      String sql =
          "SELECT string_agg(id || name || poor_village || coalesce(dispatched_by, '') "
              + "|| coalesce(collective_income, 0), ',' ORDER BY id) FROM regions";
      String donors =
          "SELECT string_agg(name || type || coalesce(hometown_village, ''), ',' ORDER BY id) FROM donors";
      assertThat(other.query(sql).execute().await().iterator().next().getString(0))
          .isEqualTo(rows(sql).get(0).getString(0));
      assertThat(other.query(donors).execute().await().iterator().next().getString(0))
          .isEqualTo(rows(donors).get(0).getString(0));
    } finally {
      other.close().await();
    }
  }
}
