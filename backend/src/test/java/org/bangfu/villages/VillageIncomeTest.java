package org.bangfu.villages;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Villages over time: the collective income per year, hollow / weak, the two goals, 摘帽. */
@DisplayName("Villages over time: collective income entered, verified, the goals and the exit")
class VillageIncomeTest {
  static TestApp app;
  static final String V = "/api/v1/villages/" + TestFixture.VILLAGE;

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
    return r.bodyAsJsonObject();
  }

  static void refused(HttpResponse<Buffer> r, int status, String field, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    if (field != null) {
      JsonObject f = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
      assertThat(f.getString("field")).isEqualTo(field);
      assertThat(f.getString("code")).isEqualTo(code);
    }
  }

  static long regionIncome() {
    return app.pool()
        .preparedQuery("SELECT collective_income FROM regions WHERE id = $1")
        .execute(Tuple.of(TestFixture.VILLAGE))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  @Test
  @DisplayName(
      "incomes per year: a future year, another village and a verified year are refused; verified incomes move the goals")
  void incomes() {
    int year = app.clock().instant().atZone(ZoneId.systemDefault()).getYear();
    JsonObject amount = new JsonObject().put("amount", 8000);
    refused(
        app.call(
            io.vertx.core.http.HttpMethod.PUT,
            V + "/incomes/" + (year + 1),
            Account.SECRETARY,
            amount),
        400,
        "year",
        "future_year");
    refused(
        app.call(
            io.vertx.core.http.HttpMethod.PUT,
            V + "/incomes/" + (year - 1),
            Account.OTHER_SECRETARY,
            amount),
        403,
        "villageId",
        "not_your_village");
    ok(
        app.call(
            io.vertx.core.http.HttpMethod.PUT,
            V + "/incomes/" + (year - 2),
            Account.SECRETARY,
            amount),
        200);
    JsonObject last =
        ok(
            app.call(
                io.vertx.core.http.HttpMethod.PUT,
                V + "/incomes/" + (year - 1),
                Account.SECRETARY,
                new JsonObject().put("amount", 21000)),
            200);
    assertThat(last.getString("collectiveStatus")).isEqualTo("weak");
    assertThat(last.getBoolean("verified")).isFalse();
    long before = regionIncome();
    // the county does not verify; the township does
    refused(
        app.post(V + "/incomes/" + (year - 1) + "/verify", Account.REVIEWER, null),
        403,
        null,
        null);
    ok(app.post(V + "/incomes/" + (year - 2) + "/verify", Account.TOWNSHIP_REVIEWER, null), 200);
    ok(app.post(V + "/incomes/" + (year - 1) + "/verify", Account.TOWNSHIP_REVIEWER, null), 200);
    assertThat(regionIncome())
        .as("regions keep the latest verified year")
        .isEqualTo(21000)
        .isNotEqualTo(before);
    refused(
        app.call(
            io.vertx.core.http.HttpMethod.PUT,
            V + "/incomes/" + (year - 1),
            Account.SECRETARY,
            amount),
        409,
        "year",
        "income_verified");
    JsonArray items = ok(app.get(V + "/incomes", Account.UNITED_FRONT), 200).getJsonArray("items");
    assertThat(items).hasSize(2);
    assertThat(items.getJsonObject(0).getString("collectiveStatus")).isEqualTo("hollow");

    // the goals: this village is still under the weak line
    JsonObject goals =
        ok(app.get("/api/v1/collective-goals?year=" + (year - 1), Account.UNITED_FRONT), 200);
    JsonObject anxi =
        goals.getJsonArray("counties").stream()
            .map(o -> (JsonObject) o)
            .filter(c -> c.getString("countyId").equals(TestFixture.COUNTY))
            .findFirst()
            .orElseThrow();
    assertThat(anxi.getJsonArray("weak").stream().map(o -> ((JsonObject) o).getString("villageId")))
        .contains(TestFixture.VILLAGE);
    assertThat(anxi.getBoolean("noWeakYet")).isFalse();
    assertThat(goals.getJsonArray("byYear").getJsonObject(0).getLong("hollow")).isEqualTo(1);
    assertThat(goals.encode()).doesNotContain("headName");
    refused(app.get("/api/v1/collective-goals", Account.DONOR), 403, null, null);

    // 摘帽: the criteria are checked; a village with no poor household left and a verified income
    // exits once
    JsonObject exit =
        new JsonObject()
            .put("year", year - 1)
            .put("roads", true)
            .put("drinkingWater", true)
            .put("power", true)
            .put("clinic", true);
    refused(
        app.post(V + "/exit", Account.REVIEWER, exit.copy().put("clinic", false)),
        409,
        "clinic",
        "criterion_unmet");
    refused(
        app.post(V + "/exit", Account.REVIEWER, exit.copy().put("year", year)),
        409,
        "year",
        "criterion_unmet");
    // the criteria as the county sees them before it decides: the figures and what is unmet
    JsonObject unmet = ok(app.get(V + "/exit/criteria?year=" + year, Account.REVIEWER), 200);
    assertThat(unmet.getBoolean("incomeMet")).as("no income entered this year").isFalse();
    assertThat(unmet.getValue("income")).isNull();
    JsonObject criteria =
        ok(app.get(V + "/exit/criteria?year=" + (year - 1), Account.SECRETARY), 200);
    assertThat(criteria.getBoolean("poorVillage")).isTrue();
    assertThat(criteria.getLong("income")).isEqualTo(21000);
    assertThat(criteria.getBoolean("incomeVerified")).isTrue();
    assertThat(criteria.getBoolean("incomeMet")).isTrue();
    assertThat(criteria.getBoolean("povertyMet")).isTrue();
    assertThat(criteria.getValue("exit")).isNull();
    refused(
        app.get(V + "/exit/criteria?year=" + (year - 1), Account.OTHER_SECRETARY), 403, null, null);
    refused(app.get(V + "/exit/criteria", Account.REVIEWER), 400, "year", "required");
    refused(app.post(V + "/exit", Account.TOWNSHIP_REVIEWER, exit), 403, null, null);
    JsonObject exited = ok(app.post(V + "/exit", Account.REVIEWER, exit), 201);
    assertThat(exited.getInteger("year")).isEqualTo(year - 1);
    refused(app.post(V + "/exit", Account.REVIEWER, exit), 409, null, null);
    ok(app.get(V + "/exit", Account.UNITED_FRONT), 200);
    JsonObject after = ok(app.get(V + "/exit/criteria?year=" + (year - 1), Account.AUDITOR), 200);
    assertThat(after.getJsonObject("exit").getString("state")).isEqualTo("in_notice");
  }
}
