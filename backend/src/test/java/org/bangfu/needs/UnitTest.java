package org.bangfu.needs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Goods named freely, in Chinese too: one unit rule, and the schema's domain agrees with it. */
@DisplayName("Units: CNY, jobs, training places and goods named in Chinese")
class UnitTest {
  static final List<String> GOOD =
      List.of(
          "CNY",
          "job",
          "training-place",
          "item:棉被",
          "item:school-uniform",
          "item:2018 冬衣",
          "item:大米-5kg",
          "item:a",
          "item:" + "被".repeat(40));
  static final List<String> BAD =
      List.of(
          "USD",
          "cny",
          "item:",
          "item: 棉被",
          "item:棉被 ",
          "item:-x",
          "item:棉被!",
          "item:Quilt",
          "item:" + "被".repeat(41),
          "item:棉\u0000被",
          "item:tab\there");

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static boolean storable(String unit) {
    return app.pool()
        .preparedQuery("SELECT $1::text::unit_name IS NOT NULL AS ok")
        .execute(Tuple.of(unit))
        .map(rows -> rows.iterator().next().getBoolean("ok"))
        .otherwise(false)
        .await();
  }

  @Test
  @DisplayName("the rule and the unit_name domain accept and refuse the same units")
  void ruleAndDomainAgree() {
    for (String unit : GOOD) {
      assertThat(Unit.valid(unit)).as(unit).isTrue();
      assertThat(storable(unit)).as(unit).isTrue();
    }
    for (String unit : BAD) {
      assertThat(Unit.valid(unit)).as(unit).isFalse();
      if (!unit.contains("\u0000")) { // PostgreSQL text cannot hold NUL at all
        assertThat(storable(unit)).as(unit).isFalse();
      }
    }
  }

  @Test
  @DisplayName(
      "a secretary posts a need of 200 quilts (item:棉被); an unknown unit is refused naming the"
          + " field")
  void needInQuilts() {
    JsonObject need =
        new JsonObject()
            .put("villageId", TestFixture.VILLAGE)
            .put("category", "housing")
            .put("unit", "item:棉被")
            .put("quantity", 200)
            .put("priority", 4)
            .put("title", "过冬棉被");
    var created = app.post("/api/v1/needs", Account.SECRETARY, need);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("unit")).isEqualTo("item:棉被");

    var refused = app.post("/api/v1/needs", Account.SECRETARY, need.copy().put("unit", "item:棉被!"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(
            refused.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("unit");
    assertThat(refused.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("code"))
        .isEqualTo("not_unit");
  }
}
