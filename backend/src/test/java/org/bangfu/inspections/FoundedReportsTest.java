package org.bangfu.inspections;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a finding about a report may name, for the inspecting unit's picker: the founded reports of
 * the inspected counties by tracking number, without their content; and the inspection's counties
 * by name.
 */
@DisplayName("Inspections: counties by name, founded reports to pick")
class FoundedReportsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** A report about the fixture's village, answered with {@code finding}; its tracking number. */
  private static String answered(String finding) {
    String tracking =
        ok(
                app.post(
                    "/api/v1/public/reports",
                    null,
                    new JsonObject()
                        .put("category", "misuse")
                        .put("content", "秘密的举报内容 " + finding)
                        .put("subjectKind", "village")
                        .put("subjectId", TestFixture.VILLAGE)),
                201)
            .getString("trackingNumber");
    long id =
        app.pool()
            .query("SELECT max(id) FROM reports")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong(0);
    for (String step : List.of("accept", "investigate")) {
      ok(app.post("/api/v1/reports/" + id + "/" + step, Account.REVIEWER, null), 200);
    }
    ok(
        app.post(
            "/api/v1/reports/" + id + "/answer",
            Account.REVIEWER,
            new JsonObject().put("finding", finding).put("answer", "经调查")),
        200);
    return tracking;
  }

  @Test
  @DisplayName("founded reports of the inspected counties, by tracking number, no content")
  void foundedReports() {
    String founded = answered("founded");
    String unfounded = answered("unfounded");
    JsonObject inspection =
        ok(
            app.post(
                "/api/v1/inspections",
                Account.UNITED_FRONT,
                new JsonObject()
                    .put("title", "督查")
                    .put("periodFrom", "2018-01-01")
                    .put("periodTo", "2018-06-30")
                    .put("counties", new JsonArray().add(TestFixture.COUNTY))),
            201);
    assertThat(inspection.getJsonArray("countyNames").getList()).containsExactly("安溪县");
    long id = inspection.getLong("id");

    HttpResponse<Buffer> r =
        app.get("/api/v1/inspections/" + id + "/founded-reports", Account.UNITED_FRONT);
    JsonArray items = ok(r, 200).getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("trackingNumber")))
        .containsExactly(founded)
        .doesNotContain(unfounded);
    assertThat(items.getJsonObject(0).getString("countyName")).isEqualTo("安溪县");
    assertThat(r.bodyAsString()).doesNotContain("秘密的举报内容");

    String part = founded.substring(founded.length() - 4).toLowerCase();
    assertThat(
            ok(
                    app.get(
                        "/api/v1/inspections/" + id + "/founded-reports?q=" + part,
                        Account.UNITED_FRONT),
                    200)
                .getJsonArray("items"))
        .hasSize(1);
    assertThat(
            ok(
                    app.get(
                        "/api/v1/inspections/" + id + "/founded-reports?q=NOPE",
                        Account.UNITED_FRONT),
                    200)
                .getJsonArray("items"))
        .isEmpty();
    assertThat(
            app.get("/api/v1/inspections/" + id + "/founded-reports", Account.AUDITOR).statusCode())
        .as("another unit does not name findings in this inspection")
        .isEqualTo(403);
    assertThat(
            app.get("/api/v1/inspections/" + id + "/founded-reports?limit=0", Account.UNITED_FRONT)
                .statusCode())
        .isEqualTo(400);
  }
}
