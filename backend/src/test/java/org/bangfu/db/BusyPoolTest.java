package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.SqlConnection;
import java.util.Map;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every connection of the pool busy for longer than a request waits for one (a burst of heavy
 * reads): the request is told to come back (503 with Retry-After), not that the server broke.
 */
class BusyPoolTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE, Map.of("BANGFU_DB_POOL_SIZE", "1"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static HttpResponse<Buffer> notices() {
    return app.client().get("/api/v1/public/notices?page=1&size=5").send().await();
  }

  @Test
  @DisplayName("no connection free within the wait: 503 unavailable with Retry-After, then served")
  void busy() {
    assertThat(notices().statusCode()).isEqualTo(200);
    SqlConnection held = app.pool().getConnection().await();
    HttpResponse<Buffer> r;
    try {
      r = notices();
    } finally {
      held.close().await();
    }
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After")).isNotBlank();
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unavailable");
    assertThat(notices().statusCode()).as("served once a connection is free").isEqualTo(200);
  }
}
