package org.bangfu.cadres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A village's 第一书记 as every page showing the village reads it: none serving is an empty answer
 * (204), not an error; appointed with the unit that sends them, the public sees the name and the
 * unit and never the phone; once the term ends the village has none again; an unknown village is
 * not found.
 */
@DisplayName("A village's 第一书记: none (204), appointed with the sending unit, the term ended")
class FirstSecretaryTest {
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

  static HttpResponse<Buffer> firstSecretary(String village) {
    return app.get("/api/v1/villages/" + village + "/first-secretary", null);
  }

  @Test
  @DisplayName(
      "none serving answers 204, one appointed shows with its unit, its term ended 204 again")
  void appointedAndEnded() {
    assertThat(firstSecretary(TestFixture.VILLAGE_SAME_TOWNSHIP).statusCode()).isEqualTo(204);
    assertThat(firstSecretary("350524-T01-V99").statusCode()).isEqualTo(404);

    JsonObject unit =
        ok(
            app.post(
                "/api/v1/help-units",
                Account.REVIEWER,
                new JsonObject().put("name", "安溪县住房和城乡建设局").put("level", "county")),
            201);
    JsonObject cadre =
        ok(
            app.post(
                "/api/v1/cadres",
                Account.REVIEWER,
                new JsonObject()
                    .put("name", "林志明")
                    .put("level", "county")
                    .put("phone", "13900002222")
                    .put("unitId", unit.getLong("id"))
                    .put("firstSecretaryOf", TestFixture.VILLAGE_SAME_TOWNSHIP)
                    .put("dispatchedBy", "county")),
            201);
    assertThat(cadre.getString("unit")).isEqualTo("安溪县住房和城乡建设局");

    HttpResponse<Buffer> serving = firstSecretary(TestFixture.VILLAGE_SAME_TOWNSHIP);
    JsonObject seen = ok(serving, 200);
    assertThat(seen.getString("name")).isEqualTo("林志明");
    assertThat(seen.getString("unitName")).isEqualTo("安溪县住房和城乡建设局");
    assertThat(serving.bodyAsString()).doesNotContain("2222");

    ok(
        app.post(
            "/api/v1/cadres/" + cadre.getLong("id") + "/end", Account.REVIEWER, new JsonObject()),
        200);
    assertThat(firstSecretary(TestFixture.VILLAGE_SAME_TOWNSHIP).statusCode()).isEqualTo(204);
  }
}
