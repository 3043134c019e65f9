package org.bangfu.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The node keeps a campaign's progress answer, and never serves it after a change committed. */
@DisplayName("Campaign progress answers kept by the node")
class ProgressAnswersTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static HttpResponse<Buffer> progress() {
    return app.get("/api/v1/campaigns/" + TestFixture.CAMPAIGN + "/progress", Account.UNITED_FRONT);
  }

  @Test
  @DisplayName("served again from memory, yet a change by any path shows on the very next request")
  void keptUntilChanged() throws Exception {
    HttpResponse<Buffer> first = progress();
    assertThat(first.statusCode()).isEqualTo(200);
    // the listening connection may take a moment to be ready after the start
    HttpResponse<Buffer> again = progress();
    for (long end = System.nanoTime() + 5_000_000_000L;
        !"hit".equals(again.getHeader("X-Cache")) && System.nanoTime() < end; ) {
      Thread.sleep(50);
      again = progress();
    }
    assertThat(again.getHeader("X-Cache"))
        .as("the second answer comes from memory")
        .isEqualTo("hit");
    assertThat(again.bodyAsString()).isEqualTo(first.bodyAsString());

    for (int i = 0; i < 20; i++) {
      String name = "百企帮百村（第" + i + "次更名）";
      // not through the API: an operator's SQL, on another connection than the server's
      app.pool()
          .preparedQuery("UPDATE campaigns SET name = $2 WHERE id = $1")
          .execute(Tuple.of(TestFixture.CAMPAIGN, name))
          .await();
      HttpResponse<Buffer> after = progress();
      assertThat(after.bodyAsJsonObject().getJsonObject("campaign").getString("name"))
          .as("right after change %d", i)
          .isEqualTo(name);
    }
    // and an enrolment through the API moves the figures at once
    long before = progress().bodyAsJsonObject().getJsonObject("totals").getLong("donorsEnrolled");
    assertThat(
            app.post(
                    "/api/v1/campaigns/" + TestFixture.CAMPAIGN + "/enrolments",
                    Account.DONOR,
                    new io.vertx.core.json.JsonObject())
                .statusCode())
        .isEqualTo(201);
    assertThat(progress().bodyAsJsonObject().getJsonObject("totals").getLong("donorsEnrolled"))
        .isEqualTo(before + 1);
  }
}
