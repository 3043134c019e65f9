package org.bangfu.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A live stream lives only as long as the sign-in behind it: a donor's private events stop the
 * moment the account is deactivated, its password changed or its token expired, and a bad token
 * gets 401 instead of a visitor's stream.
 */
@DisplayName("Live screens end with the sign-in behind them")
class EventStreamSignOutTest {
  static TestApp app;
  static HttpClient http;
  static int accounts;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    http = app.vertx().createHttpClient();
  }

  @AfterAll
  static void stop() {
    http.close().await();
    app.close();
  }

  record Stream(HttpClientResponse response, List<String> chunks, AtomicBoolean ended) {
    String text() {
      return String.join("", chunks);
    }
  }

  static HttpClientResponse request(String token) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("localhost")
            .setPort(app.port())
            .setURI("/api/v1/events")
            .putHeader("Authorization", "Bearer " + token);
    return http.request(options).compose(r -> r.send()).await();
  }

  static Stream open(String token) {
    HttpClientResponse response = request(token);
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> chunks = new CopyOnWriteArrayList<>();
    AtomicBoolean ended = new AtomicBoolean();
    response.handler(b -> chunks.add(b.toString()));
    response.endHandler(v -> ended.set(true));
    app.vertx().timer(200).await(); // the stream is registered
    return new Stream(response, chunks, ended);
  }

  /** A new donor account of the fixture's donor, signed in: its id and token. */
  static long[] idHolder = new long[1];

  static String donorAccount(String username) {
    long id =
        app.post(
                "/api/v1/users",
                Account.ADMIN,
                new JsonObject()
                    .put("username", username)
                    .put("displayName", "捐赠方经办人")
                    .put("role", "donor")
                    .put("donorId", TestFixture.DONOR)
                    .put("password", "first-password"))
            .bodyAsJsonObject()
            .getLong("id");
    idHolder[0] = id;
    return app.token(username, "first-password");
  }

  static void proposal(String id) {
    Events.publish(
        app.vertx(),
        new Event(
            "allocation.proposed",
            id,
            "proposed",
            TestFixture.VILLAGE,
            TestFixture.DONOR,
            Event.Audience.INVOLVED));
  }

  static void waitFor(Stream s, String text) {
    long until = System.currentTimeMillis() + 5_000;
    while (!s.text().contains(text) && !s.ended().get() && System.currentTimeMillis() < until) {
      app.vertx().timer(20).await();
    }
  }

  /** Publishes a marker everyone may see and waits until it arrived or the stream ended. */
  static void settle(Stream s, String marker) {
    Events.publish(
        app.vertx(),
        new Event(
            "need.published",
            marker,
            "published",
            TestFixture.OTHER_VILLAGE,
            null,
            Event.Audience.PUBLIC));
    waitFor(s, "\"" + marker + "\"");
  }

  static void assertSignedOutAfter(Stream s, String privateId) {
    proposal(privateId);
    settle(s, "marker-" + Long.toString(Long.parseLong(privateId) * 7 + 1));
    long until = System.currentTimeMillis() + 5_000;
    while (!s.ended().get() && System.currentTimeMillis() < until) {
      app.vertx().timer(20).await();
    }
    assertThat(s.text()).as("no private event after the sign-in ended").doesNotContain(privateId);
    assertThat(s.text()).contains("event: signed-out");
    assertThat(s.ended()).as("the stream is closed").isTrue();
  }

  @Test
  @DisplayName("a deactivated account's open stream gets no more of its private events")
  void deactivated() {
    Stream s = open(donorAccount("live-deactivated"));
    proposal("7101");
    waitFor(s, "\"7101\"");
    assertThat(s.text()).as("while signed in").contains("\"7101\"");
    app.patch("/api/v1/users/" + idHolder[0], Account.ADMIN, new JsonObject().put("active", false));
    assertSignedOutAfter(s, "7102");
  }

  @Test
  @DisplayName("a password change ends the streams opened with older tokens")
  void passwordChanged() {
    Stream s = open(donorAccount("live-password"));
    app.patch(
        "/api/v1/users/" + idHolder[0],
        Account.ADMIN,
        new JsonObject().put("password", "second-password"));
    assertSignedOutAfter(s, "7202");
  }

  @Test
  @DisplayName("a stream ends when its token expires, by the application's clock")
  void expired() {
    Stream s = open(donorAccount("live-expired"));
    proposal("7301");
    waitFor(s, "\"7301\"");
    assertThat(s.text()).contains("\"7301\"");
    app.clock().advance(Duration.ofHours(2)); // tokens live an hour
    try {
      assertSignedOutAfter(s, "7302");
    } finally {
      app.clock().advance(Duration.ofHours(-2));
    }
  }

  @Test
  @DisplayName("a bad token gets 401, not a visitor's stream")
  void badToken() {
    assertThat(request("not-a-token").statusCode()).isEqualTo(401);
  }
}
