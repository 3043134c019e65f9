package org.bangfu.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.testing.KeptReads;
import org.bangfu.testing.Samples;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The node keeps the public board's first pages, and never serves one after a change of what the
 * board shows has committed.
 */
@DisplayName("The public board's first pages kept by the node")
class BoardPagesTest {
  static final String BOARD = "/api/v1/public/board?page=1&size=20";
  static final String TOTALS = "/api/v1/public/board/totals";
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
    return r.body() == null ? null : r.bodyAsJsonObject();
  }

  /** The board's first page, once the node serves it from memory (the listener starts async). */
  static HttpResponse<Buffer> keptBoard() {
    return KeptReads.untilKept("the board", () -> app.get(BOARD, null));
  }

  /** The board's totals, once the node serves them from memory. */
  static HttpResponse<Buffer> keptTotals() {
    return KeptReads.untilKept("the totals", () -> app.get(TOTALS, null));
  }

  static void sql(String statement, Object... args) {
    // not through the API: an operator's SQL, on another connection than the server's
    app.pool().preparedQuery(statement).execute(Tuple.from(args)).await();
  }

  static JsonObject campaignLine(JsonObject totals) {
    return totals.getJsonArray("byCampaign").stream()
        .map(JsonObject.class::cast)
        .filter(line -> line.getString("key").equals(String.valueOf(TestFixture.CAMPAIGN)))
        .findFirst()
        .orElse(new JsonObject().put("count", 0L));
  }

  /** Allocations claimed from a new pledge, delivered and received: ready to be verified. */
  static List<Long> received(int count) {
    long need =
        app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 1_000L * count, 3);
    long pledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.DONOR,
                    new JsonObject()
                        .put("campaignId", TestFixture.CAMPAIGN)
                        .put("unit", "CNY")
                        .put("quantity", 1_000L * count)
                        .put("categories", new JsonArray().add("education"))
                        .put("mode", "pooled")),
                201)
            .getLong("id");
    JsonObject receipt =
        new JsonObject()
            .put("note", "已收到")
            .put(
                "attachments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "receipt.jpg")
                            .put("contentType", "image/jpeg")
                            .put("dataBase64", Samples.jpegBase64())));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long id =
          ok(
                  app.post(
                      "/api/v1/needs/" + need + "/claims",
                      Account.DONOR,
                      new JsonObject().put("pledgeId", pledge).put("quantity", 1_000)),
                  201)
              .getLong("id");
      ok(
          app.post(
              "/api/v1/allocations/" + id + "/deliver",
              Account.DONOR,
              new JsonObject().put("note", "已转账")),
          200);
      ok(app.post("/api/v1/allocations/" + id + "/receive", Account.SECRETARY, receipt), 200);
      ids.add(id);
    }
    return ids;
  }

  @Test
  @DisplayName("an allocation verified through the API is on the very next page, each time")
  void verifiedShowsAtOnce() throws Exception {
    List<Long> ids = received(5);
    long total = keptBoard().bodyAsJsonObject().getLong("total");
    for (long id : ids) {
      keptBoard();
      ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
      JsonObject board = ok(app.get(BOARD, null), 200);
      assertThat(board.getLong("total")).as("right after verifying %d", id).isEqualTo(++total);
      assertThat(board.getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(id);
    }
  }

  @Test
  @DisplayName("a donor renamed by SQL shows on the very next page, each time")
  void renameShowsAtOnce() throws Exception {
    long id = received(1).get(0);
    ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
    for (int i = 0; i < 10; i++) {
      keptBoard();
      String name = "晋江爱心企业（第" + i + "次更名）";
      // not through the API: an operator's SQL, on another connection than the server's
      app.pool()
          .preparedQuery("UPDATE donors SET name = $2 WHERE id = $1")
          .execute(Tuple.of(TestFixture.DONOR, name))
          .await();
      JsonObject board = ok(app.get(BOARD, null), 200);
      assertThat(board.getJsonArray("items").getJsonObject(0).getString("donorName"))
          .as("right after rename %d", i)
          .isEqualTo(name);
    }
  }

  @Test
  @DisplayName("only the first pages are kept, and never a page by campaign")
  void onlyFirstPages() throws Exception {
    keptBoard();
    assertThat(app.get("/api/v1/public/board?page=6&size=20", null).getHeader("X-Cache"))
        .isEqualTo("miss");
    assertThat(app.get("/api/v1/public/board?page=6&size=20", null).getHeader("X-Cache"))
        .isEqualTo("miss");
    String byCampaign = "/api/v1/public/board?campaign=" + TestFixture.CAMPAIGN;
    app.get(byCampaign, null);
    assertThat(app.get(byCampaign, null).getHeader("X-Cache")).isEqualTo("miss");
  }

  @Test
  @DisplayName("the totals count an allocation verified through the API on the very next request")
  void totalsCountVerifiedAtOnce() throws Exception {
    List<Long> ids = received(4);
    long count = keptTotals().bodyAsJsonObject().getLong("count");
    for (long id : ids) {
      keptTotals();
      ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
      JsonObject totals = ok(app.get(TOTALS, null), 200);
      assertThat(totals.getLong("count")).as("right after verifying %d", id).isEqualTo(++count);
    }
  }

  @Test
  @DisplayName("a campaign renamed by SQL shows in the totals on the very next request, each time")
  void totalsShowCampaignRenameAtOnce() throws Exception {
    long id = received(1).get(0);
    ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
    for (int i = 0; i < 5; i++) {
      keptTotals();
      String name = "闽宁协作（第" + i + "次更名）";
      sql("UPDATE campaigns SET name = $2 WHERE id = $1", TestFixture.CAMPAIGN, name);
      JsonObject totals = ok(app.get(TOTALS, null), 200);
      assertThat(campaignLine(totals).getString("name"))
          .as("right after rename %d", i)
          .isEqualTo(name);
    }
  }

  @Test
  @DisplayName("a delivery check answered by SQL moves the received rate on the very next request")
  void totalsShowCheckAnswersAtOnce() throws Exception {
    long id = received(1).get(0);
    ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
    sql(
        "INSERT INTO delivery_samples (kind, period, frame_from, frame_until, population, size, seed,"
            + " confidence, margin, drawn_at) VALUES ('month', '2099-01', now(), now() + interval '1"
            + " day', 10, 1, repeat('ab', 16), 0.95, 0.1, now())");
    sql(
        "INSERT INTO delivery_checks (sample_id, allocation_id, township_id, rank) SELECT s.id, $1,"
            + " v.parent_id, 1 FROM delivery_samples s, regions v WHERE s.period = '2099-01' AND"
            + " v.id = $2",
        id,
        TestFixture.VILLAGE);
    String[] answers = {"received", "problems", "received", "problems", "received"};
    for (String answer : answers) {
      keptTotals();
      sql(
          "UPDATE delivery_checks SET status = $2, note = '核实', answered_at = now()"
              + " WHERE allocation_id = $1",
          id,
          answer);
      JsonObject sampling = ok(app.get(TOTALS, null), 200).getJsonObject("sampling");
      assertThat(sampling.getLong("checked")).as("after %s", answer).isEqualTo(1L);
      assertThat(sampling.getLong("received"))
          .as("right after answering %s", answer)
          .isEqualTo(answer.equals("received") ? 1L : 0L);
    }
  }

  @Test
  @DisplayName("a change only the totals read leaves the kept board pages kept")
  void totalsNoticeKeepsPages() throws Exception {
    keptBoard();
    keptTotals();
    sql("UPDATE campaigns SET name = name || '·' WHERE id = $1", TestFixture.CAMPAIGN);
    assertThat(app.get(TOTALS, null).getHeader("X-Cache")).isEqualTo("miss");
    assertThat(app.get(BOARD, null).getHeader("X-Cache")).isEqualTo("hit");
  }

  @Test
  @DisplayName(
      "the allocations counted for a campaign, changed by SQL, show on the very next request")
  void totalsFollowCampaignAllocations() throws Exception {
    long id = received(1).get(0);
    ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
    for (int i = 0; i < 3; i++) {
      long counted = campaignLine(keptTotals().bodyAsJsonObject()).getLong("count");
      sql("DELETE FROM campaign_allocations WHERE allocation_id = $1", id);
      assertThat(campaignLine(ok(app.get(TOTALS, null), 200)).getLong("count"))
          .as("right after taking it out, %d", i)
          .isEqualTo(counted - 1);
      keptTotals();
      sql(
          "INSERT INTO campaign_allocations SELECT * FROM campaign_allocation_rule WHERE allocation_id = $1",
          id);
      assertThat(campaignLine(ok(app.get(TOTALS, null), 200)).getLong("count"))
          .as("right after putting it back, %d", i)
          .isEqualTo(counted);
    }
  }
}
