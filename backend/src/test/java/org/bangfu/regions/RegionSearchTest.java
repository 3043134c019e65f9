package org.bangfu.regions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Regions found by name for the pickers (public)")
class RegionSearchTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<Buffer> search(String query) {
    return app.get("/api/v1/regions/search?" + query, null);
  }

  private static String q(String words) {
    return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
  }

  private static JsonArray items(String query) {
    HttpResponse<Buffer> r = search(query);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("items");
  }

  private static List<String> ids(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  @DisplayName("part of a village's name finds it, with its county and township above it")
  void villageByName() {
    JsonArray found = items(q("洋坑"));
    assertThat(ids(found)).containsExactly(TestFixture.VILLAGE);
    JsonObject v = found.getJsonObject(0);
    assertThat(v.getString("name")).isEqualTo("洋坑村");
    assertThat(v.getString("level")).isEqualTo("village");
    assertThat(v.getJsonArray("path").getList()).containsExactly("安溪县", "龙门镇", "洋坑村");
  }

  @Test
  @DisplayName("a county is asked for by level; a township's path starts at its county")
  void levels() {
    assertThat(ids(items(q("安溪") + "&level=county"))).containsExactly(TestFixture.COUNTY);
    assertThat(ids(items(q("龙门") + "&level=village"))).isEmpty();
    JsonObject township = items(q("龙门镇") + "&level=township").getJsonObject(0);
    assertThat(township.getJsonArray("path").getList()).containsExactly("安溪县", "龙门镇");
    assertThat(ids(items(q("村") + "&level=county,township"))).isEmpty();
  }

  @Test
  @DisplayName("within a county only its villages; counties before townships before villages")
  void withinAndOrder() {
    assertThat(ids(items(q("村") + "&level=village&within=350525")))
        .containsExactly(TestFixture.OTHER_VILLAGE);
    assertThat(ids(items(q("村") + "&level=village&within=" + TestFixture.COUNTY)))
        .containsExactlyInAnyOrder(
            TestFixture.VILLAGE,
            TestFixture.VILLAGE_SAME_TOWNSHIP,
            TestFixture.VILLAGE_OTHER_TOWNSHIP);
    assertThat(ids(items("q=350524-T01")))
        .as("a code still finds its region, and what lies in it after it")
        .startsWith("350524-T01")
        .contains(TestFixture.VILLAGE);
    assertThat(ids(items(q("村") + "&limit=2"))).hasSize(2);
  }

  @Test
  @DisplayName("the paired county outside Quanzhou is found too (山海协作)")
  void pairedCounty() {
    JsonObject v = items(q("南塘")).getJsonObject(0);
    assertThat(v.getJsonArray("path").getList()).containsExactly("长汀县", "河田镇", "南塘村");
  }

  @Test
  @DisplayName("% and _ are read as themselves, not as patterns")
  void wildcardsAreLiteral() {
    assertThat(items(q("%"))).isEmpty();
    assertThat(items(q("_"))).isEmpty();
  }

  @Test
  @DisplayName("bad input is a 400 naming the field")
  void badInput() {
    record Bad(String query, String field, String code) {}
    for (Bad b :
        List.of(
            new Bad("", "q", "required"),
            new Bad("q=%20%20", "q", "required"),
            new Bad(q("村".repeat(41)), "q", "too_long"),
            new Bad(q("村") + "&level=city", "level", "not_allowed"),
            new Bad(q("村") + "&limit=0", "limit", "out_of_range"),
            new Bad(q("村") + "&limit=51", "limit", "out_of_range"),
            new Bad(q("村") + "&limit=x", "limit", "not_whole_number"))) {
      HttpResponse<Buffer> r = search(b.query());
      assertThat(r.statusCode()).as(b.query()).isEqualTo(400);
      JsonObject field = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
      assertThat(field.getString("field")).as(b.query()).isEqualTo(b.field());
      assertThat(field.getString("code")).as(b.query()).isEqualTo(b.code());
    }
  }
}
