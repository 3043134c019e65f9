package org.bangfu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.demo.DemoContext;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The villages' reliability list pages by delivery counts kept per village in PostgreSQL (V170) and
 * computes the clock's figures for the page alone: it must answer exactly what the list answered
 * when it aggregated every delivery per request. That query is kept here, as it was, as the
 * reference; the demo data (many villages, deliveries of every age) and deliveries written by SQL
 * at several ages give ties in the order, receipts due and not yet due, late and on time.
 */
@DisplayName("The villages' reliability list answers what the whole aggregation answered")
class VillageListTest {
  static final String LIST = "/api/v1/reliability/villages";
  static final int RECEIPT_DAYS = 15;

  /** The list's query before V170: every village, every delivery, then one page. */
  static final String REFERENCE =
      "WITH a AS (SELECT n.village_id, al.id, al.received_at, al.verified_at, al.delivered_at, "
          + "(al.received_at IS NOT NULL OR al.delivered_at + make_interval(days => $2) <= $1) AS is_due, "
          + "(al.received_at IS NOT NULL AND al.received_at <= al.delivered_at + make_interval(days => $2) "
          + "AND al.verified_at IS NOT NULL) AS on_time "
          + "FROM allocations al JOIN pledges p ON p.id = al.pledge_id JOIN needs n ON n.id = al.need_id "
          + "JOIN regions v ON v.id = n.village_id JOIN donors dn ON dn.id = p.donor_id "
          + "WHERE al.delivered_at IS NOT NULL AND al.status NOT IN ('declined', 'expired')) "
          + "SELECT v.id, v.name, count(a.id) AS delivered, count(a.id) FILTER (WHERE a.is_due) AS due, "
          + "count(a.id) FILTER (WHERE a.on_time) AS on_time, "
          + "(SELECT count(*) FROM reports r WHERE (SELECT ra.finding FROM report_answers ra "
          + "WHERE ra.report_id = r.id ORDER BY ra.version DESC LIMIT 1) IN ('founded', 'partly_founded') AND ("
          + "(r.subject_kind = 'village' AND r.subject_id = v.id) "
          + "OR (r.subject_kind = 'need' AND r.subject_id IN (SELECT x.id::text FROM needs x WHERE x.village_id = v.id)) "
          + "OR (r.subject_kind = 'allocation' AND r.subject_id IN (SELECT x.id::text FROM allocations x "
          + "JOIN needs xn ON xn.id = x.need_id WHERE xn.village_id = v.id)))) AS founded, "
          + "(SELECT count(*) FROM inspection_findings f WHERE f.subject_kind = 'village' "
          + "AND f.subject_id = v.id AND f.status <> 'accepted') AS open_findings, "
          + "(SELECT count(*) FROM delivery_checks dc JOIN reports r ON r.id = dc.report_id "
          + "AND r.status NOT IN ('answered', 'closed', 'not_accepted') "
          + "JOIN allocations x ON x.id = dc.allocation_id JOIN needs xn ON xn.id = x.need_id "
          + "WHERE dc.status = 'not_received' AND xn.village_id = v.id) AS held "
          + "FROM regions v LEFT JOIN a ON a.village_id = v.id "
          + "WHERE v.level = 'village' AND ($3::text IS NULL OR region_contains($3, v.id)) "
          + "GROUP BY v.id, v.name ORDER BY count(a.id) DESC, v.id LIMIT $4 OFFSET $5";

  static TestApp app;
  static String unitedFront;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
    unitedFront = app.token("tongzhan", DemoContext.DEMO_PASSWORD);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static JsonObject page(String region, int page, int size) {
    String query = "?page=" + page + "&size=" + size + (region == null ? "" : "&region=" + region);
    return ok(app.call(HttpMethod.GET, LIST + query, unitedFront, null));
  }

  /** What the reference query answers for the page, in the list's words. */
  static List<JsonObject> reference(String region, int page, int size) {
    var rows =
        app.pool()
            .preparedQuery(REFERENCE)
            .execute(
                Tuple.of(
                    app.clock().instant().atOffset(ZoneOffset.UTC),
                    RECEIPT_DAYS,
                    region,
                    size,
                    (page - 1) * size))
            .await();
    List<JsonObject> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new JsonObject()
              .put("villageId", r.getString("id"))
              .put("name", r.getString("name"))
              .put("delivered", r.getLong("delivered"))
              .put("due", r.getLong("due"))
              .put("onTime", r.getLong("on_time"))
              .put("foundedReports", r.getLong("founded"))
              .put("openFindings", r.getLong("open_findings"))
              .put("heldCases", r.getLong("held")));
    }
    return out;
  }

  static List<JsonObject> answered(JsonObject page) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : page.getJsonArray("items")) {
      JsonObject v = (JsonObject) o;
      JsonObject figures = new JsonObject();
      for (String key :
          List.of(
              "villageId",
              "name",
              "delivered",
              "due",
              "onTime",
              "foundedReports",
              "openFindings",
              "heldCases")) {
        figures.put(key, v.getValue(key));
      }
      out.add(figures);
    }
    return out;
  }

  /**
   * Every page of the list (of a region, or all) equals the reference's; returns the whole list.
   */
  static List<JsonObject> sameAsReference(String region, int size, String when) {
    List<JsonObject> all = new ArrayList<>();
    long total = page(region, 1, size).getLong("total");
    for (int p = 1; (long) (p - 1) * size < total; p++) {
      List<JsonObject> expected = reference(region, p, size);
      assertThat(answered(page(region, p, size)))
          .as("%s, region %s, page %d of size %d", when, region, p, size)
          .isEqualTo(expected);
      all.addAll(expected);
    }
    assertThat((long) all.size()).as("%s, region %s: the total", when, region).isEqualTo(total);
    return all;
  }

  /** Some village with deliveries, and its county's and township's codes. */
  static List<String> regionsOf(String village) {
    String[] parts = village.split("-");
    return parts.length >= 3
        ? List.of(parts[0], parts[0] + "-" + parts[1], village)
        : List.of(village.substring(0, 6), village);
  }

  /** Allocations delivered so many days before now, some received in or after the window. */
  static void deliveriesBySql() {
    // not through the API: an operator's SQL, on another connection than the server's
    app.pool()
        .query(
            "WITH pick AS (SELECT al.id, row_number() OVER (ORDER BY al.id) AS k FROM allocations al "
                + "WHERE al.status = 'confirmed' ORDER BY al.id LIMIT 40) "
                + "UPDATE allocations al SET status = CASE WHEN pick.k % 3 = 0 THEN 'verified' "
                + "WHEN pick.k % 3 = 1 THEN 'received' ELSE 'delivered' END, "
                + "delivered_at = now() - make_interval(days => (pick.k * 7 % 60)::int), "
                + "received_at = CASE WHEN pick.k % 3 = 2 THEN NULL "
                + "ELSE now() - make_interval(days => (pick.k * 7 % 60)::int) "
                + "+ make_interval(days => (pick.k % 25)::int) END, "
                + "verified_at = CASE WHEN pick.k % 3 = 0 THEN now() ELSE NULL END "
                + "FROM pick WHERE pick.id = al.id")
        .execute()
        .await();
  }

  @Test
  @DisplayName(
      "the same rows, order and figures as the whole aggregation, with and without a region, as the"
          + " clock moves past the window")
  void sameAsTheAggregation() {
    deliveriesBySql();
    List<JsonObject> all = sameAsReference(null, 100, "now");
    assertThat(all.get(0).getLong("delivered")).isGreaterThan(1);
    assertThat(tied(all)).as("villages tied in the order").isTrue();
    assertThat(all.stream().anyMatch(v -> v.getLong("due") < v.getLong("delivered")))
        .as("a village with receipts not yet due")
        .isTrue();
    List<String> regions = regionsOf(all.get(0).getString("villageId"));
    for (int days : new int[] {0, 10, 16, 40, 400}) {
      if (days > 0) {
        app.clock().advance(Duration.ofDays(days));
      }
      String when = "clock " + days + " days on";
      sameAsReference(null, 100, when);
      for (int p = 1; p <= 3; p++) {
        assertThat(answered(page(null, p, 20)))
            .as("%s, page %d of 20", when, p)
            .isEqualTo(reference(null, p, 20));
      }
      for (String region : regions) {
        sameAsReference(region, 7, when);
      }
    }
    assertThat(sameAsReference(null, 100, "at the end").get(0).getLong("due"))
        .isEqualTo(all.get(0).getLong("delivered"));
  }

  static boolean tied(List<JsonObject> list) {
    for (int i = 1; i < list.size(); i++) {
      if (list.get(i).getLong("delivered").equals(list.get(i - 1).getLong("delivered"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  @DisplayName("a delivery through the API and changes by SQL show on the very next request")
  void changesShowAtOnce() {
    // a confirmed allocation of a donor that signs in, and its village
    Row pick =
        app.pool()
            .query(
                "SELECT al.id, u.username, n.village_id, n.id AS need_id FROM allocations al "
                    + "JOIN pledges p ON p.id = al.pledge_id JOIN needs n ON n.id = al.need_id "
                    + "JOIN users u ON u.donor_id = p.donor_id AND u.role = 'donor' "
                    + "WHERE al.status = 'confirmed' ORDER BY al.id DESC LIMIT 1")
            .execute()
            .await()
            .iterator()
            .next();
    String village = pick.getString("village_id");
    long before = delivered(village);
    String donor = app.token(pick.getString("username"), DemoContext.DEMO_PASSWORD);
    var delivered =
        app.call(
            HttpMethod.POST,
            "/api/v1/allocations/" + pick.getLong("id") + "/deliver",
            donor,
            new JsonObject().put("note", "已转账"));
    assertThat(delivered.statusCode()).as(delivered.bodyAsString()).isEqualTo(200);
    assertThat(delivered(village)).as("delivered through the API").isEqualTo(before + 1);
    sameAsReference(null, 100, "after a delivery through the API");

    // an operator's SQL moves the need to another village, then declines the delivery
    String other = page(null, 1, 1).getJsonArray("items").getJsonObject(0).getString("villageId");
    long otherBefore = delivered(other);
    sql("UPDATE needs SET village_id = $2 WHERE id = $1", pick.getLong("need_id"), other);
    assertThat(delivered(village)).as("moved away").isEqualTo(before);
    assertThat(delivered(other)).as("moved here").isEqualTo(otherBefore + 1);
    sameAsReference(regionsOf(other).get(0), 100, "after a need moved by SQL");
    sql(
        "UPDATE allocations SET status = 'declined' WHERE id = $1 AND $2::text IS NOT NULL",
        pick.getLong("id"),
        "");
    assertThat(delivered(other)).as("declined by SQL").isEqualTo(otherBefore);
    sameAsReference(null, 100, "after a delivery declined by SQL");
  }

  static long delivered(String village) {
    JsonArray items = page(village, 1, 1).getJsonArray("items");
    assertThat(items).as("village %s in the list", village).hasSize(1);
    return items.getJsonObject(0).getLong("delivered");
  }

  static void sql(String statement, Object id, Object value) {
    app.pool().preparedQuery(statement).execute(Tuple.of(id, value)).await();
  }
}
