package org.bangfu.households;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An ID number already on the register: a secretary of another county who types it learns only that
 * it cannot be used — not that the person is registered, nor where — and gets the very answer a
 * secretary gets for a number of their own village.
 */
@DisplayName("A duplicate ID number answers a neutral conflict that says nothing about where")
class DuplicateIdNumberTest {
  static final String ID_NUMBER = "350524198003030032";
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject household(String idNumber) {
    return new JsonObject()
        .put("headName", "陈某")
        .put("idNumber", idNumber)
        .put("status", "in_poverty")
        .put("members", 4)
        .put("labourCapacity", 2);
  }

  @Test
  @DisplayName("another county's secretary and the village's own get the same neutral 409")
  void neutralConflict() {
    HttpResponse<Buffer> first =
        app.post("/api/v1/households", Account.SECRETARY, household(ID_NUMBER));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);

    HttpResponse<Buffer> elsewhere =
        app.post("/api/v1/households", Account.OTHER_SECRETARY, household(ID_NUMBER));
    assertThat(elsewhere.statusCode()).as(elsewhere.bodyAsString()).isEqualTo(409);
    JsonObject body = elsewhere.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("household_id_number_in_use");
    assertThat(body.getJsonObject("params", new JsonObject())).as("no params").isEmpty();
    assertThat(body.getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("idNumber");
    assertThat(body.getJsonArray("fields").getJsonObject(0).getString("code")).isEqualTo("in_use");
    assertThat(elsewhere.bodyAsString())
        .doesNotContain(
            TestFixture.VILLAGE, TestFixture.COUNTY, "安溪", "洋坑", "龙门", "already", "陈某", ID_NUMBER);

    HttpResponse<Buffer> sameVillage =
        app.post("/api/v1/households", Account.SECRETARY, household(ID_NUMBER));
    assertThat(sameVillage.statusCode()).isEqualTo(409);
    assertThat(sameVillage.bodyAsString()).isEqualTo(elsewhere.bodyAsString());

    // changing another household's number to it answers the same
    long own =
        app.post("/api/v1/households", Account.OTHER_SECRETARY, household("350525198104040041"))
            .bodyAsJsonObject()
            .getLong("id");
    HttpResponse<Buffer> changed =
        app.patch(
            "/api/v1/households/" + own,
            Account.OTHER_SECRETARY,
            new JsonObject().put("idNumber", ID_NUMBER));
    assertThat(changed.statusCode()).isEqualTo(409);
    assertThat(changed.bodyAsString()).isEqualTo(elsewhere.bodyAsString());
  }
}
