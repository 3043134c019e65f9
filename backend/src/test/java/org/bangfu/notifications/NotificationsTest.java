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
 * The inbox on the demo data: each reader has the deadlines that are theirs (as the demo's
 * workflows under way opened them), read state per user.
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

  static long kindTotal(String token, String kind) {
    return call(HttpMethod.GET, "/api/v1/notifications?kind=" + kind, token, null).getLong("total");
  }

  @Test
  @DisplayName(
      "a donor's inbox has one item per round with proposals awaiting confirmation, saying how many;"
          + " marking read is kept for that user only")
  void donorProposals() {
    String qiye = app.token("qiye-1", DemoContext.DEMO_PASSWORD);
    long donor = sql("SELECT donor_id FROM users WHERE username = 'qiye-1'");
    long proposed =
        sql(
            "SELECT count(*) FROM allocations a JOIN pledges p ON p.id = a.pledge_id "
                + "WHERE p.donor_id = $1 AND a.status = 'proposed'",
            donor);
    long rounds =
        sql(
            "SELECT count(DISTINCT a.round_id) FROM allocations a JOIN pledges p ON p.id = a.pledge_id "
                + "WHERE p.donor_id = $1 AND a.status = 'proposed'",
            donor);
    assertThat(rounds).isPositive();
    assertThat(proposed).isGreaterThanOrEqualTo(rounds);
    assertThat(kindTotal(qiye, "proposal_confirm")).isEqualTo(rounds);
    long waiting = 0;
    for (Object o :
        call(HttpMethod.GET, "/api/v1/notifications?kind=proposal_confirm&size=100", qiye, null)
            .getJsonArray("items")) {
      waiting += ((JsonObject) o).getJsonObject("proposals").getLong("waiting");
    }
    assertThat(waiting).isEqualTo(proposed);
    JsonObject inbox = call(HttpMethod.GET, "/api/v1/notifications", qiye, null);
    long unread = inbox.getLong("unread");
    assertThat(unread).isEqualTo(inbox.getJsonObject("counts").getLong("total"));
    JsonObject first = inbox.getJsonArray("items").getJsonObject(0);
    assertThat(first.getString("title")).isNotBlank();
    assertThat(first.getString("dueAt")).isNotBlank();

    call(
        HttpMethod.POST,
        "/api/v1/notifications/read",
        qiye,
        new JsonObject().put("keys", new JsonArray().add(first.getString("key"))));
    assertThat(call(HttpMethod.GET, "/api/v1/notifications/unread", qiye, null).getLong("unread"))
        .isEqualTo(unread - 1);
    // another user reading the same kind of thing does not change this one
    String other = app.token("qiye-2", DemoContext.DEMO_PASSWORD);
    call(HttpMethod.POST, "/api/v1/notifications/read", other, new JsonObject().put("all", true));
    assertThat(call(HttpMethod.GET, "/api/v1/notifications/unread", other, null).getLong("unread"))
        .isZero();
    assertThat(call(HttpMethod.GET, "/api/v1/notifications/unread", qiye, null).getLong("unread"))
        .isEqualTo(unread - 1);
  }

  @Test
  @DisplayName(
      "a county's desk has the needs to review and receipts to verify of its county; a secretary the deliveries to its village")
  void reviewerAndSecretary() {
    String anxi = app.token("fpb-anxi", DemoContext.DEMO_PASSWORD);
    long review =
        sql("SELECT count(*) FROM needs WHERE status = 'submitted' AND village_id LIKE '350524-%'");
    long verify =
        sql(
            "SELECT count(*) FROM allocations a JOIN needs n ON n.id = a.need_id "
                + "WHERE a.status = 'received' AND n.village_id LIKE '350524-%'");
    assertThat(review + verify).isPositive();
    assertThat(kindTotal(anxi, "need_review")).isEqualTo(review);
    assertThat(kindTotal(anxi, "receipt_verify")).isEqualTo(verify);

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
    assertThat(kindTotal(shuji, "delivery_receive")).isEqualTo(delivered);
    JsonObject mine = call(HttpMethod.GET, "/api/v1/notifications?size=100", shuji, null);
    assertThat(
            mine.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .noneMatch(n -> n.getString("kind").equals("need_review")))
        .as("a county's work is not in a village's inbox")
        .isTrue();
  }

  @Test
  @DisplayName("the demo's workflows under way have their deadlines, as an upgraded database does")
  void backfilled() {
    assertThat(sql("SELECT count(*) FROM deadlines WHERE kind = 'report_ack' AND state = 'open'"))
        .isEqualTo(sql("SELECT count(*) FROM reports WHERE status = 'received'"));
    assertThat(
            sql(
                "SELECT count(*) FROM deadlines WHERE kind = 'objection_answer' AND state = 'open'"))
        .isEqualTo(sql("SELECT count(*) FROM notice_objections WHERE status = 'open'"))
        .isPositive();
    assertThat(sql("SELECT count(*) FROM deadlines WHERE kind = 'alert_handle' AND state = 'open'"))
        .isEqualTo(sql("SELECT count(*) FROM alerts WHERE status = 'open'"));
    assertThat(
            sql("SELECT count(*) FROM deadlines WHERE kind = 'finding_rectify' AND state = 'open'"))
        .isEqualTo(sql("SELECT count(*) FROM inspection_findings WHERE status <> 'accepted'"));
    assertThat(
            sql("SELECT count(*) FROM deadlines WHERE kind = 'pairing_approve' AND state = 'open'"))
        .isEqualTo(sql("SELECT count(*) FROM campaign_pairing_requests WHERE status = 'pending'"));
  }
}
