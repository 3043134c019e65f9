package org.bangfu.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.bangfu.demo.DemoContext;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The notification centre on the demo data: each reader hears of what waits for them, read state
 * per user.
 */
@DisplayName("Notifications")
class NotificationsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long sql(String sql, Object... args) {
    return app.pool()
        .preparedQuery(sql)
        .execute(Tuple.from(args))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  static JsonObject call(HttpMethod m, String path, String token, Object body) {
    var r = app.call(m, path, token, body);
    assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName(
      "a donor hears of every proposal awaiting confirmation; marking read is kept for that user only")
  void donorProposals() {
    String qiye = app.token("qiye-1", DemoContext.DEMO_PASSWORD);
    long donor = sql("SELECT donor_id FROM users WHERE username = 'qiye-1'");
    long proposed =
        sql(
            "SELECT count(*) FROM allocations a JOIN pledges p ON p.id = a.pledge_id "
                + "WHERE p.donor_id = $1 AND a.status = 'proposed'",
            donor);
    assertThat(proposed).isPositive();
    JsonObject inbox = call(HttpMethod.GET, "/api/v1/notifications", qiye, null);
    assertThat(inbox.getLong("unread")).isEqualTo(proposed);
    JsonArray items = inbox.getJsonArray("items");
    JsonObject first = items.getJsonObject(0);
    assertThat(first.getString("kind")).isEqualTo("proposal");
    assertThat(first.getString("title")).isNotBlank();

    call(
        HttpMethod.POST,
        "/api/v1/notifications/read",
        qiye,
        new JsonObject().put("keys", new JsonArray().add(first.getString("key"))));
    assertThat(call(HttpMethod.GET, "/api/v1/notifications/unread", qiye, null).getLong("unread"))
        .isEqualTo(proposed - 1);
    // another user reading the same kind of thing does not change this one
    String other = app.token("qiye-2", DemoContext.DEMO_PASSWORD);
    call(HttpMethod.POST, "/api/v1/notifications/read", other, new JsonObject().put("all", true));
    assertThat(call(HttpMethod.GET, "/api/v1/notifications/unread", other, null).getLong("unread"))
        .isZero();
    assertThat(call(HttpMethod.GET, "/api/v1/notifications/unread", qiye, null).getLong("unread"))
        .isEqualTo(proposed - 1);
  }

  @Test
  @DisplayName(
      "a reviewer hears of needs awaiting review and receipts to verify in their region; a secretary of deliveries")
  void reviewerAndSecretary() {
    String anxi = app.token("fpb-anxi", DemoContext.DEMO_PASSWORD);
    JsonObject inbox = call(HttpMethod.GET, "/api/v1/notifications/unread", anxi, null);
    long review =
        sql("SELECT count(*) FROM needs WHERE status = 'submitted' AND village_id LIKE '350524-%'");
    long verify =
        sql(
            "SELECT count(*) FROM allocations a JOIN needs n ON n.id = a.need_id "
                + "WHERE a.status = 'received' AND n.village_id LIKE '350524-%'");
    assertThat(review + verify).isPositive();
    assertThat(inbox.getLong("total")).isEqualTo(review + verify);

    String shuji = app.token("shuji-anxi", DemoContext.DEMO_PASSWORD);
    String village =
        app.pool()
            .preparedQuery("SELECT village_id FROM users WHERE username = 'shuji-anxi'")
            .execute()
            .await()
            .iterator()
            .next()
            .getString(0);
    long delivered =
        sql(
            "SELECT count(*) FROM allocations a JOIN needs n ON n.id = a.need_id "
                + "WHERE a.status = 'delivered' AND n.village_id = $1",
            village);
    JsonObject mine = call(HttpMethod.GET, "/api/v1/notifications", shuji, null);
    assertThat(mine.getLong("total")).isEqualTo(delivered);
    assertThat(
            mine.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .allMatch(n -> n.getString("kind").equals("delivered")))
        .isTrue();
  }
}
