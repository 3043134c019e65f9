package org.bangfu.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live screens: each change reaches exactly the streams allowed to see it")
class EventStreamTest {
  static TestApp app;
  static HttpClient http;

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

  /** An open stream and the text it has received so far. */
  record Stream(HttpClientResponse response, List<String> chunks) {
    String text() {
      return String.join("", chunks);
    }
  }

  static Stream open(Account as) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("localhost")
            .setPort(app.port())
            .setURI("/api/v1/events");
    if (as != null) {
      options.putHeader("Authorization", "Bearer " + app.token(as));
    }
    List<String> chunks = new CopyOnWriteArrayList<>();
    HttpClientResponse response = http.request(options).compose(r -> r.send()).await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
    response.handler(b -> chunks.add(b.toString()));
    return new Stream(response, chunks);
  }

  static void waitFor(Stream s, String text) {
    long until = System.currentTimeMillis() + 5_000;
    while (!s.text().contains(text) && System.currentTimeMillis() < until) {
      app.vertx().timer(20).await();
    }
  }

  @Test
  @DisplayName(
      "a donor's proposal reaches that donor and the village's people, not another donor nor the public")
  void involvedOnly() {
    Stream donor = open(Account.DONOR);
    Stream otherDonor = open(Account.OTHER_DONOR);
    Stream secretary = open(Account.SECRETARY);
    Stream otherSecretary = open(Account.OTHER_SECRETARY);
    Stream visitor = open(null);
    app.vertx().timer(200).await(); // the streams are registered

    Events.publish(
        app.vertx(),
        new Event(
            "allocation.proposed",
            "9001",
            "proposed",
            TestFixture.VILLAGE,
            TestFixture.DONOR,
            Event.Audience.INVOLVED));
    Events.publish(
        app.vertx(),
        new Event(
            "need.published",
            "9002",
            "published",
            TestFixture.OTHER_VILLAGE,
            null,
            Event.Audience.PUBLIC));

    for (Stream s : List.of(donor, otherDonor, secretary, otherSecretary, visitor)) {
      waitFor(s, "\"9002\"");
      assertThat(s.text()).as("a public change reaches everyone").contains("need.published");
    }
    waitFor(donor, "\"9001\"");
    waitFor(secretary, "\"9001\"");
    assertThat(donor.text()).contains("allocation.proposed");
    assertThat(secretary.text()).contains("allocation.proposed");
    assertThat(otherDonor.text()).doesNotContain("9001");
    assertThat(otherSecretary.text()).doesNotContain("9001");
    assertThat(visitor.text()).doesNotContain("9001");
    assertThat(donor.text()).as("no ids of the donor go to browsers").doesNotContain("donorId");
  }
}
