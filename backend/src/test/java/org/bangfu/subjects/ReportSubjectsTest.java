package org.bangfu.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 12317 form's picker on the demo data: records are found by name, and only those the public
 * may see (public needs, verified allocations, the donors the board names, villages).
 */
@DisplayName("What a 12317 report may name, found by name (public)")
class ReportSubjectsTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<Buffer> search(String kind, String words) {
    return app.get(
        "/api/v1/public/report-subjects?kind="
            + kind
            + "&limit=30&q="
            + URLEncoder.encode(words, StandardCharsets.UTF_8),
        null);
  }

  private static JsonArray items(String kind, String words) {
    HttpResponse<Buffer> r = search(kind, words);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("items");
  }

  private static List<String> ids(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static Row one(String sql) {
    return app.pool().query(sql).execute().await().iterator().next();
  }

  @Test
  @DisplayName("a village by part of its name, with its county and township")
  void village() {
    Row v =
        one(
            "SELECT v.id, v.name, t.name AS township, c.name AS county FROM regions v"
                + " JOIN regions t ON t.id = v.parent_id JOIN regions c ON c.id = t.parent_id"
                + " WHERE v.level = 'village' ORDER BY v.id LIMIT 1");
    JsonArray found = items("village", v.getString("name"));
    assertThat(ids(found)).contains(v.getString("id"));
    JsonObject first = found.getJsonObject(ids(found).indexOf(v.getString("id")));
    assertThat(first.getJsonArray("path").getList())
        .containsExactly(v.getString("county"), v.getString("township"), v.getString("name"));
  }

  @Test
  @DisplayName("a public need by its village's name, with its priority; a draft never")
  void needs() {
    Row pub =
        one(
            "SELECT n.id, v.name AS village, n.priority FROM needs n JOIN regions v ON v.id ="
                + " n.village_id WHERE n.status = 'published' ORDER BY n.id LIMIT 1");
    JsonArray found = items("need", pub.getString("village"));
    assertThat(ids(found)).contains(String.valueOf(pub.getLong("id")));
    JsonObject need = found.getJsonObject(ids(found).indexOf(String.valueOf(pub.getLong("id"))));
    assertThat(need.getInteger("priority")).isEqualTo(pub.getInteger("priority"));
    Row draft =
        one(
            "SELECT id, title FROM needs WHERE status IN ('draft', 'submitted') ORDER BY id LIMIT 1");
    assertThat(ids(items("need", String.valueOf(draft.getLong("id")))))
        .as("a need the public cannot see is not found even by its number")
        .doesNotContain(String.valueOf(draft.getLong("id")));
  }

  @Test
  @DisplayName("a verified allocation by its donor's name; a proposal never")
  void allocations() {
    Row verified =
        one(
            "SELECT a.id, d.name FROM allocations a JOIN pledges p ON p.id = a.pledge_id"
                + " JOIN donors d ON d.id = p.donor_id WHERE a.status = 'verified' ORDER BY a.id DESC LIMIT 1");
    JsonArray found = items("allocation", verified.getString("name"));
    assertThat(ids(found)).contains(String.valueOf(verified.getLong("id")));
    assertThat(found.getJsonObject(0).getString("donorName")).isEqualTo(verified.getString("name"));
    Row proposed = one("SELECT id FROM allocations WHERE status = 'proposed' ORDER BY id LIMIT 1");
    assertThat(ids(items("allocation", String.valueOf(proposed.getLong("id")))))
        .doesNotContain(String.valueOf(proposed.getLong("id")));
  }

  @Test
  @DisplayName("a donor the board names is found; one without verified help is not")
  void donors() {
    Row named =
        one(
            "SELECT d.id, d.name FROM donors d WHERE EXISTS (SELECT 1 FROM pledges p JOIN allocations a"
                + " ON a.pledge_id = p.id WHERE p.donor_id = d.id AND a.status = 'verified') ORDER BY d.id LIMIT 1");
    assertThat(ids(items("donor", named.getString("name"))))
        .contains(String.valueOf(named.getLong("id")));
    Row unnamed =
        one(
            "SELECT d.id, d.name FROM donors d WHERE NOT EXISTS (SELECT 1 FROM pledges p JOIN allocations a"
                + " ON a.pledge_id = p.id WHERE p.donor_id = d.id AND a.status = 'verified') ORDER BY d.id LIMIT 1");
    assertThat(ids(items("donor", unnamed.getString("name"))))
        .doesNotContain(String.valueOf(unnamed.getLong("id")));
  }

  @Test
  @DisplayName("bad input is a 400 naming the field")
  void badInput() {
    record Bad(String query, String field, String code) {}
    for (Bad b :
        List.of(
            new Bad("q=x", "kind", "required"),
            new Bad("kind=household&q=x", "kind", "not_allowed"),
            new Bad("kind=need", "q", "required"),
            new Bad("kind=need&q=" + "x".repeat(41), "q", "too_long"),
            new Bad("kind=need&q=x&limit=31", "limit", "out_of_range"))) {
      HttpResponse<Buffer> r = app.get("/api/v1/public/report-subjects?" + b.query(), null);
      assertThat(r.statusCode()).as(b.query()).isEqualTo(400);
      JsonObject field = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
      assertThat(field.getString("field")).as(b.query()).isEqualTo(b.field());
      assertThat(field.getString("code")).as(b.query()).isEqualTo(b.code());
    }
  }
}
