package org.bangfu.regions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Regions and villages (public)")
class RegionsTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("a village shows its township, county, status, collective income and open needs")
  void village() {
    HttpResponse<Buffer> r = app.get("/api/v1/villages/" + TestFixture.VILLAGE, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject v = r.bodyAsJsonObject();
    assertThat(v.getString("name")).isEqualTo("洋坑村");
    assertThat(v.getString("countyId")).isEqualTo(TestFixture.COUNTY);
    assertThat(v.getJsonObject("county").getString("name")).isEqualTo("安溪县");
    assertThat(v.getJsonObject("township").getString("id")).isEqualTo(TestFixture.TOWNSHIP);
    assertThat(v.getBoolean("poorVillage")).isTrue();
    assertThat(v.getLong("collectiveIncome")).isEqualTo(12_000);
    assertThat(v.getString("collectiveStatus")).isEqualTo("weak");
    assertThat(v.getLong("openNeeds")).isZero();
  }

  @Test
  @DisplayName("a county or an unknown id is not a village: 404 JSON")
  void notAVillage() {
    for (String id : new String[] {TestFixture.COUNTY, "350524-T09-V99", "x".repeat(60)}) {
      HttpResponse<Buffer> r = app.get("/api/v1/villages/" + id, null);
      assertThat(r.statusCode()).as(id).isEqualTo(404);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    }
  }

  @Test
  @DisplayName("the tree nests counties, townships and villages under Quanzhou, pairings beside it")
  void tree() {
    JsonObject root = app.get("/api/v1/regions", null).bodyAsJsonObject();
    assertThat(root.getString("name")).isEqualTo("泉州市");
    JsonObject anxi = root.getJsonArray("children").getJsonObject(0);
    assertThat(anxi.getString("id")).isEqualTo(TestFixture.COUNTY);
    assertThat(anxi.getJsonArray("children").getJsonObject(0).getJsonArray("children")).hasSize(2);
    JsonObject pairing = root.getJsonArray("pairings").getJsonObject(0);
    assertThat(pairing.getString("from")).isEqualTo("350582");
    assertThat(pairing.getString("toName")).isEqualTo("长汀县");
    JsonObject paired = root.getJsonArray("pairedCounties").getJsonObject(0);
    assertThat(paired.getString("id")).isEqualTo(TestFixture.PAIRED_COUNTY);
    assertThat(
            paired
                .getJsonArray("children")
                .getJsonObject(0)
                .getJsonArray("children")
                .getJsonObject(0)
                .getString("name"))
        .as("the paired county's villages come with it")
        .isEqualTo("南塘村");
  }
}
