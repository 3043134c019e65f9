package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A stopping node finishes the requests in flight before it leaves")
class DrainTest {

  @Test
  @DisplayName("a slow request started before the stop is answered, not cut")
  void drains() {
    TestApp app = TestApp.start();
    Vertx outside = Vertx.vertx();
    try {
      WebClient client = WebClient.create(outside);
      JsonObject wrong =
          new JsonObject()
              .put("username", TestFixture.Account.AUDITOR.username)
              .put("password", "not-the-password");
      // after a few failures sign-in answers are held back a while: a request that takes time
      for (int i = 0; i < 4; i++) {
        client.post(app.port(), "localhost", "/api/v1/auth/login").sendJsonObject(wrong).await();
      }
      var slow = client.post(app.port(), "localhost", "/api/v1/auth/login").sendJsonObject(wrong);
      outside.timer(200).await(); // the request is in flight, waiting out its delay
      app.stop(); // what SIGTERM does
      HttpResponse<Buffer> answer = slow.await();
      assertThat(answer.statusCode()).as("the request in flight got its answer").isEqualTo(401);
    } finally {
      outside.close().await();
    }
  }
}
