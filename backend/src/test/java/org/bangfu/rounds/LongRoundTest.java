package org.bangfu.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A round that outlasts the answer (a national one takes minutes; connections idle out after 30 s):
 * the caller gets 202 with the round running, and its result later.
 */
@DisplayName("A round longer than the answer's wait")
class LongRoundTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE, Map.of("BANGFU_ROUND_ANSWER_SECONDS", "0"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName(
      "answers 202 while it runs; GET /match-rounds/{id} then shows it done with its proposals")
  void answeredBeforeDone() throws Exception {
    app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 40_000, 4);
    ok(
        app.post(
            "/api/v1/pledges",
            Account.OTHER_DONOR,
            new JsonObject()
                .put("unit", "CNY")
                .put("quantity", 25_000)
                .put("categories", new JsonArray().add("education"))),
        201);

    JsonObject started =
        ok(app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()), 202);
    assertThat(started.getString("status")).isEqualTo("running");
    long id = started.getLong("id");

    JsonObject round = null;
    for (long end = System.nanoTime() + 20_000_000_000L; System.nanoTime() < end; ) {
      round = ok(app.get("/api/v1/match-rounds/" + id, Account.UNITED_FRONT), 200);
      if (!round.getString("status").equals("running")) {
        break;
      }
      Thread.sleep(20);
    }
    assertThat(round.getString("status")).isEqualTo("done");
    assertThat(round.getJsonArray("allocations")).hasSize(1);
    assertThat(round.getJsonArray("allocations").getJsonObject(0).getLong("quantity"))
        .isEqualTo(25_000);
  }
}
