package org.bangfu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.app.Jobs;
import org.bangfu.jobs.Job;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clicks at once: one application per household, one cadre per household, a due change applied
 * once.
 */
@DisplayName("The register under concurrent clicks")
class RegistryConcurrencyTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static List<Integer> atOnce(int n, String path, String token, JsonObject body) {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(app.client().post(path).bearerTokenAuthentication(token).sendJsonObject(body));
    }
    Future.join(calls).await();
    return calls.stream().map(f -> f.result().statusCode()).toList();
  }

  @Test
  @DisplayName(
      "of ten identical applications, cadre assignments and job runs, exactly one goes through")
  void oneOfTen() {
    int year = app.clock().instant().atZone(ZoneId.systemDefault()).getYear();
    String sec = app.token(Account.SECRETARY);
    long h =
        app.post(
                "/api/v1/households",
                Account.SECRETARY,
                new JsonObject()
                    .put("headName", "苏某")
                    .put("idNumber", "350524198203030029")
                    .put("status", "marginal")
                    .put("members", 2)
                    .put("labourCapacity", 1))
            .bodyAsJsonObject()
            .getLong("id");
    // its registration goes the usual way first
    passAndClose(openApplication(h));
    List<Integer> applied =
        atOnce(
            10,
            "/api/v1/status-applications",
            sec,
            new JsonObject()
                .put("householdId", h)
                .put("toStatus", "in_poverty")
                .put("year", year)
                .put("incomePerHead", 2500));
    assertThat(applied).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);

    List<Long> cadres = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cadres.add(
          app.post(
                  "/api/v1/cadres",
                  Account.SECRETARY,
                  new JsonObject().put("name", "干部" + i).put("unit", "洋坑村").put("level", "village"))
              .bodyAsJsonObject()
              .getLong("id"));
    }
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (long c : cadres) {
      calls.add(
          app.client()
              .post("/api/v1/households/" + h + "/cadre")
              .bearerTokenAuthentication(sec)
              .sendJsonObject(new JsonObject().put("cadreId", c)));
    }
    Future.join(calls).await();
    assertThat(calls.stream().map(f -> f.result().statusCode()).toList())
        .containsOnly(201, 409)
        .filteredOn(s -> s == 201)
        .hasSize(1);

    long application = openApplication(h);
    pass(application);
    app.clock().advance(Duration.ofDays(8));
    // the notices' closing job, which makes the status effective, run four times at once
    Job job =
        Jobs.all(app.appContext(), app.services()).stream()
            .filter(j -> j.name().equals("notice-close"))
            .findFirst()
            .orElseThrow();
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(job.run(app.clock().instant()));
    }
    Future.join(runs).await();
    assertThat(runs.stream().mapToInt(Future::result).sum()).isEqualTo(1);
    long effective =
        app.pool()
            .query("SELECT count(*) FROM household_status_history WHERE step = 'effective'")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong(0);
    assertThat(effective).as("the registration and the identification, once each").isEqualTo(2);
  }

  static long openApplication(long household) {
    return app.get(
            "/api/v1/status-applications?state=submitted,reviewed,in_notice&householdId="
                + household,
            Account.SECRETARY)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .getJsonObject(0)
        .getLong("id");
  }

  static void pass(long application) {
    assertThat(
            app.post(
                    "/api/v1/status-applications/" + application + "/review",
                    Account.TOWNSHIP_REVIEWER,
                    new JsonObject().put("decision", "pass"))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            app.post(
                    "/api/v1/status-applications/" + application + "/approve",
                    Account.REVIEWER,
                    new JsonObject().put("decision", "pass"))
                .statusCode())
        .isEqualTo(200);
  }

  static void passAndClose(long application) {
    pass(application);
    app.clock().advance(Duration.ofDays(8));
    app.runDueJobs();
  }
}
