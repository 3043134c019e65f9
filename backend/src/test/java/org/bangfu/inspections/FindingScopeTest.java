package org.bangfu.inspections;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.bangfu.config.OversightConfig;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A township's reviewers see and rectify the findings about their own villages, and nothing of
 * another township's or county's; the county's reviewers see them all but leave a village's
 * rectification to the village and its township.
 */
@DisplayName("Findings about a village: its township's reviewers see and rectify them")
class FindingScopeTest {
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

  static long finding(long inspection, String kind, String subject) {
    String deadline =
        app.clock().instant().atZone(OversightConfig.CHINA).toLocalDate().plusDays(20).toString();
    return ok(
            app.post(
                "/api/v1/inspections/" + inspection + "/findings",
                Account.UNITED_FRONT,
                new JsonObject()
                    .put("subjectKind", kind)
                    .put("subjectId", subject)
                    .put("severity", "serious")
                    .put("problem", "帮扶资金未公示")
                    .put("deadline", deadline)),
            201)
        .getLong("id");
  }

  static List<Long> listed(Account as) {
    return ok(app.get("/api/v1/findings", as), 200).getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("id"))
        .toList();
  }

  static int rectify(long finding, Account as) {
    return app.post(
            "/api/v1/findings/" + finding + "/rectifications",
            as,
            new JsonObject().put("note", "已在村务公开栏补充公示"))
        .statusCode();
  }

  @Test
  @DisplayName("the township sees and rectifies its village's finding; other reviewers do not")
  void townshipActsForItsVillages() {
    long inspection =
        ok(
                app.post(
                    "/api/v1/inspections",
                    Account.UNITED_FRONT,
                    new JsonObject()
                        .put("title", "专项督查")
                        .put("periodFrom", "2018-01-01")
                        .put("periodTo", "2018-06-30")
                        .put(
                            "counties",
                            new JsonArray().add(TestFixture.COUNTY).add(TestFixture.OTHER_COUNTY))),
                201)
            .getLong("id");
    long mine = finding(inspection, "village", TestFixture.VILLAGE);
    long otherTownship = finding(inspection, "village", TestFixture.VILLAGE_OTHER_TOWNSHIP);
    long county = finding(inspection, "county", TestFixture.COUNTY);

    assertThat(listed(Account.TOWNSHIP_REVIEWER)).containsExactly(mine);
    assertThat(listed(Account.OTHER_TOWNSHIP_REVIEWER)).containsExactly(otherTownship);
    assertThat(listed(Account.OTHER_COUNTY_REVIEWER)).isEmpty();
    assertThat(listed(Account.REVIEWER)).containsExactlyInAnyOrder(mine, otherTownship, county);

    JsonObject seen = ok(app.get("/api/v1/findings/" + mine, Account.TOWNSHIP_REVIEWER), 200);
    assertThat(seen.getBoolean("responsible")).isTrue();
    assertThat(app.get("/api/v1/findings/" + mine, Account.OTHER_TOWNSHIP_REVIEWER).statusCode())
        .isEqualTo(403);
    assertThat(app.get("/api/v1/findings/" + mine, Account.OTHER_COUNTY_REVIEWER).statusCode())
        .isEqualTo(403);
    assertThat(app.get("/api/v1/findings/" + county, Account.TOWNSHIP_REVIEWER).statusCode())
        .isEqualTo(403);
    assertThat(
            ok(app.get("/api/v1/findings/" + mine, Account.REVIEWER), 200)
                .getBoolean("responsible"))
        .isFalse();

    assertThat(rectify(mine, Account.OTHER_TOWNSHIP_REVIEWER)).isEqualTo(403);
    assertThat(rectify(mine, Account.OTHER_COUNTY_REVIEWER)).isEqualTo(403);
    assertThat(rectify(mine, Account.REVIEWER))
        .as("the county leaves it to the village")
        .isEqualTo(403);
    assertThat(rectify(county, Account.TOWNSHIP_REVIEWER)).isEqualTo(403);
    assertThat(rectify(mine, Account.TOWNSHIP_REVIEWER)).isEqualTo(201);
    assertThat(ok(app.get("/api/v1/findings/" + mine, Account.SECRETARY), 200).getString("status"))
        .isEqualTo("submitted");
  }
}
