package org.bangfu.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a campaign sets out to reach: set by the united front, read by everyone, audited. */
@DisplayName("Campaign targets (villages, yuan, donors)")
class CampaignTargetsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<Buffer> put(long campaign, Account as, JsonObject body) {
    return app.call(HttpMethod.PUT, "/api/v1/campaigns/" + campaign + "/targets", as, body);
  }

  private static JsonObject targetsOf(long campaign) {
    return app.get("/api/v1/campaigns/" + campaign, null)
        .bodyAsJsonObject()
        .getJsonObject("targets");
  }

  @Test
  @DisplayName("set, read back by the public, changed and cleared, each change in the audit trail")
  void setAndClear() {
    long id = TestFixture.CAMPAIGN;
    assertThat(targetsOf(id))
        .isEqualTo(new JsonObject().putNull("villages").putNull("yuan").putNull("donors"));
    HttpResponse<Buffer> r =
        put(
            id,
            Account.UNITED_FRONT,
            new JsonObject().put("villages", 100).put("yuan", 5_000_000).put("donors", 80));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonObject("targets").getInteger("villages")).isEqualTo(100);
    assertThat(targetsOf(id).getLong("yuan")).isEqualTo(5_000_000L);
    assertThat(targetsOf(id).getInteger("donors")).isEqualTo(80);

    // a target left out is no target
    assertThat(put(id, Account.ADMIN, new JsonObject().put("villages", 120)).statusCode())
        .isEqualTo(200);
    assertThat(targetsOf(id))
        .isEqualTo(new JsonObject().put("villages", 120).putNull("yuan").putNull("donors"));

    Row audit =
        app.pool()
            .preparedQuery(
                "SELECT before, after FROM audit_log WHERE entity = 'campaign' AND entity_id = $1"
                    + " AND action = 'set_targets' ORDER BY id DESC LIMIT 1")
            .execute(Tuple.of(String.valueOf(id)))
            .await()
            .iterator()
            .next();
    assertThat(audit.getJsonObject("before").getLong("yuan")).isEqualTo(5_000_000L);
    assertThat(audit.getJsonObject("after").getInteger("villages")).isEqualTo(120);
  }

  @Test
  @DisplayName("a new campaign may come with its targets")
  void openWithTargets() {
    HttpResponse<Buffer> r =
        app.post(
            "/api/v1/campaigns",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("code", "targets-1")
                .put("name", "有目标的行动")
                .put("startsOn", "2018-01-01")
                .put("targets", new JsonObject().put("villages", 30).put("donors", 10)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getJsonObject("targets"))
        .isEqualTo(new JsonObject().put("villages", 30).putNull("yuan").put("donors", 10));
  }

  @Test
  @DisplayName("bad targets are a 400 naming the field, and change nothing")
  void badInput() {
    long id = TestFixture.CAMPAIGN;
    JsonObject before = targetsOf(id);
    record Bad(JsonObject body, String field, String code) {}
    for (Bad b :
        List.of(
            new Bad(new JsonObject().put("villages", 0), "villages", "out_of_range"),
            new Bad(new JsonObject().put("villages", -5), "villages", "out_of_range"),
            new Bad(new JsonObject().put("yuan", 1.5), "yuan", "not_whole_number"),
            new Bad(new JsonObject().put("yuan", "much"), "yuan", "not_whole_number"),
            new Bad(new JsonObject().put("donors", 2_000_000), "donors", "out_of_range"),
            new Bad(new JsonObject().put("households", 5), "households", "unknown_field"))) {
      HttpResponse<Buffer> r = put(id, Account.UNITED_FRONT, b.body());
      assertThat(r.statusCode()).as(b.body().encode()).isEqualTo(400);
      JsonObject field = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
      assertThat(field.getString("field")).isEqualTo(b.field());
      assertThat(field.getString("code")).isEqualTo(b.code());
    }
    HttpResponse<Buffer> nested =
        app.post(
            "/api/v1/campaigns",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("code", "targets-bad")
                .put("name", "x")
                .put("startsOn", "2018-01-01")
                .put("targets", new JsonObject().put("yuan", 0)));
    assertThat(nested.statusCode()).isEqualTo(400);
    assertThat(nested.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("targets.yuan");
    assertThat(targetsOf(id)).isEqualTo(before);
  }

  @Test
  @DisplayName("only the united front and admins set targets; an unknown campaign is 404")
  void access() {
    JsonObject body = new JsonObject().put("villages", 10);
    assertThat(put(TestFixture.CAMPAIGN, Account.DONOR, body).statusCode()).isEqualTo(403);
    assertThat(put(TestFixture.CAMPAIGN, Account.REVIEWER, body).statusCode()).isEqualTo(403);
    assertThat(put(TestFixture.CAMPAIGN, Account.AUDITOR, body).statusCode()).isEqualTo(403);
    assertThat(put(TestFixture.CAMPAIGN, null, body).statusCode()).isEqualTo(401);
    assertThat(put(999_999, Account.UNITED_FRONT, body).statusCode()).isEqualTo(404);
  }
}
