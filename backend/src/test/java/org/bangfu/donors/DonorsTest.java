package org.bangfu.donors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Donors, their home county and hometown")
class DonorsTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject hometown(String county, String township, String village) {
    return new JsonObject().put("county", county).put("township", township).put("village", village);
  }

  private static long donorCount() {
    return app.get("/api/v1/donors?size=1", Account.ADMIN).bodyAsJsonObject().getLong("total");
  }

  @Test
  @DisplayName(
      "the united front adds an overseas donor with a hometown village; it is listed, shown and audited")
  void create() {
    HttpResponse<Buffer> r =
        app.post(
            "/api/v1/donors",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("name", "陈氏宗亲会")
                .put("type", "overseas")
                .put("country", "菲律宾")
                .put("homeCounty", TestFixture.OTHER_COUNTY)
                .put(
                    "hometown",
                    hometown(TestFixture.COUNTY, TestFixture.TOWNSHIP, TestFixture.VILLAGE)));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject d = r.bodyAsJsonObject();
    long id = d.getLong("id");
    assertThat(d.getString("type")).isEqualTo("overseas");
    assertThat(d.getString("homeCountyName")).isEqualTo("永春县");
    assertThat(d.getJsonObject("hometown").getString("village")).isEqualTo(TestFixture.VILLAGE);
    assertThat(d.getBoolean("verified")).isFalse();
    assertThat(d.getJsonArray("campaigns")).isEmpty();
    assertThat(d.getJsonArray("pairedVillages")).isEmpty();

    JsonObject listed =
        app.get(
                "/api/v1/donors?type=overseas&q=" + URLEncoder.encode("宗亲", StandardCharsets.UTF_8),
                Account.DONOR)
            .bodyAsJsonObject();
    assertThat(listed.getLong("total")).isEqualTo(1);
    assertThat(listed.getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(id);
    assertThat(listed.getJsonArray("items").getJsonObject(0).containsKey("campaigns")).isFalse();

    JsonObject trail =
        app.get("/api/v1/audit?entity=donor&entityId=" + id, Account.AUDITOR).bodyAsJsonObject();
    assertThat(trail.getLong("total")).isEqualTo(1);
    JsonObject entry = trail.getJsonArray("items").getJsonObject(0);
    assertThat(entry.getString("action")).isEqualTo("create");
    assertThat(entry.getString("actor")).isEqualTo(Account.UNITED_FRONT.username);
    assertThat(entry.getJsonObject("after").getString("name")).isEqualTo("陈氏宗亲会");
    assertThat(entry.getJsonObject("after").getJsonObject("hometown").getString("county"))
        .isEqualTo(TestFixture.COUNTY);
  }

  @Test
  @DisplayName(
      "a hometown must nest: a township of its county, a village of its township; nothing is written otherwise")
  void hometownMustNest() {
    long before = donorCount();
    HttpResponse<Buffer> township =
        app.post(
            "/api/v1/donors",
            Account.ADMIN,
            new JsonObject()
                .put("name", "x")
                .put("type", "individual")
                .put("hometown", hometown(TestFixture.OTHER_COUNTY, TestFixture.TOWNSHIP, null)));
    assertThat(township.statusCode()).isEqualTo(400);
    assertThat(
            township.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("hometown.township");

    HttpResponse<Buffer> village =
        app.post(
            "/api/v1/donors",
            Account.ADMIN,
            new JsonObject()
                .put("name", "x")
                .put("type", "individual")
                .put(
                    "hometown",
                    hometown(
                        TestFixture.COUNTY,
                        TestFixture.TOWNSHIP,
                        TestFixture.VILLAGE_OTHER_TOWNSHIP)));
    assertThat(village.statusCode()).isEqualTo(400);
    assertThat(
            village.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("hometown.village");

    HttpResponse<Buffer> notCounty =
        app.post(
            "/api/v1/donors",
            Account.ADMIN,
            new JsonObject()
                .put("name", "x")
                .put("type", "individual")
                .put("homeCounty", TestFixture.TOWNSHIP));
    assertThat(notCounty.statusCode()).isEqualTo(400);
    assertThat(
            notCounty.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("homeCounty");

    assertThat(donorCount()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "a donor changes its own hometown: the new one replaces the old whole, other fields stay")
  void donorEditsItsHometown() {
    String path = "/api/v1/donors/" + TestFixture.DONOR;
    JsonObject was = app.get(path, Account.DONOR).bodyAsJsonObject();
    assertThat(
            app.patch(
                    path,
                    Account.DONOR,
                    new JsonObject()
                        .put(
                            "hometown",
                            hometown(
                                TestFixture.COUNTY, TestFixture.TOWNSHIP, TestFixture.VILLAGE)))
                .statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> r =
        app.patch(
            path,
            Account.DONOR,
            new JsonObject()
                .put("hometown", new JsonObject().put("county", TestFixture.OTHER_COUNTY)));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject d = r.bodyAsJsonObject();
    assertThat(d.getJsonObject("hometown").getString("county")).isEqualTo(TestFixture.OTHER_COUNTY);
    assertThat(d.getJsonObject("hometown").getString("township")).isNull();
    assertThat(d.getJsonObject("hometown").getString("village")).isNull();
    assertThat(d.getString("name")).isEqualTo(was.getString("name"));
    assertThat(d.getString("homeCounty")).isEqualTo(was.getString("homeCounty"));
    assertThat(d.getBoolean("verified")).isEqualTo(was.getBoolean("verified"));

    HttpResponse<Buffer> nothing = app.patch(path, Account.DONOR, new JsonObject());
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(
            nothing.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("body");

    assertThat(
            app.patch("/api/v1/donors/999999", Account.ADMIN, new JsonObject().put("name", "x"))
                .statusCode())
        .isEqualTo(404);
  }
}
