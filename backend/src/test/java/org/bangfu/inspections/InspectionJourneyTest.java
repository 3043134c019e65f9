package org.bangfu.inspections;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.config.OversightConfig;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.bangfu.testing.XlsxCells;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An inspection through the API: findings on a village, a county, a donor and a village of another
 * county; the village's rectification is returned, rectified again and accepted on time; the
 * county's is accepted late; one stays open past its deadline and escalates. The 整改情况 report (JSON
 * and .xlsx) and the dashboard's counts say the same numbers.
 */
@DisplayName(
    "Inspections: findings rectified, returned, rectified again, accepted; the 整改情况 report")
class InspectionJourneyTest {
  static TestApp app;

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

  static void assertField(HttpResponse<Buffer> r, int status, String field, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    JsonObject f = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
    assertThat(f.getString("field")).isEqualTo(field);
    assertThat(f.getString("code")).isEqualTo(code);
  }

  static long count(String table) {
    return app.pool()
        .query("SELECT count(*) FROM " + table)
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  static String today(int plusDays) {
    return app.clock()
        .instant()
        .atZone(OversightConfig.CHINA)
        .toLocalDate()
        .plusDays(plusDays)
        .toString();
  }

  static JsonObject finding(long inspection, String kind, String subject, int days) {
    return ok(
        app.post(
            "/api/v1/inspections/" + inspection + "/findings",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("subjectKind", kind)
                .put("subjectId", subject)
                .put("severity", "serious")
                .put("problem", "扶贫资金项目未按规定公告公示")
                .put("deadline", today(days))),
        201);
  }

  @Test
  @DisplayName("a finding is rectified, returned, rectified again and accepted; the report adds up")
  void journey() throws IOException {
    JsonObject body =
        new JsonObject()
            .put("title", "2018年上半年脱贫攻坚督查")
            .put("periodFrom", "2018-01-01")
            .put("periodTo", "2018-06-30")
            .put("counties", new JsonArray().add(TestFixture.COUNTY).add(TestFixture.OTHER_COUNTY));
    assertThat(app.post("/api/v1/inspections", Account.REVIEWER, body).statusCode())
        .isEqualTo(403); // a county's
    assertThat(app.post("/api/v1/inspections", Account.SECRETARY, body).statusCode())
        .isEqualTo(403);
    assertField(
        app.post(
            "/api/v1/inspections",
            Account.UNITED_FRONT,
            body.copy()
                .put(
                    "counties", new JsonArray().add(TestFixture.COUNTY).add(TestFixture.TOWNSHIP))),
        400,
        "counties[1]",
        "county_not_found");
    assertField(
        app.post(
            "/api/v1/inspections", Account.UNITED_FRONT, body.copy().put("periodTo", "2017-01-01")),
        400,
        "periodTo",
        "before_start");
    long id = ok(app.post("/api/v1/inspections", Account.UNITED_FRONT, body), 201).getLong("id");

    long village = finding(id, "village", TestFixture.VILLAGE, 10).getLong("id");
    long county = finding(id, "county", TestFixture.COUNTY, 5).getLong("id");
    JsonObject donor = finding(id, "donor", "" + TestFixture.DONOR, 30);
    assertThat(donor.getString("subjectName")).isEqualTo("测试实业有限公司");
    long other = finding(id, "village", TestFixture.OTHER_VILLAGE, 3).getLong("id");

    long findings = count("inspection_findings");
    assertField(
        app.post(
            "/api/v1/inspections/" + id + "/findings",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("subjectKind", "village")
                .put("subjectId", "350821-T01-V01")
                .put("severity", "minor")
                .put("problem", "x")
                .put("deadline", today(5))),
        400,
        "subjectId",
        "outside_inspection");
    assertField(
        app.post(
            "/api/v1/inspections/" + id + "/findings",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("subjectKind", "report")
                .put("subjectId", "1")
                .put("severity", "minor")
                .put("problem", "x")
                .put("deadline", today(5))),
        400,
        "subjectId",
        "subject_not_found");
    assertField(
        app.post(
            "/api/v1/inspections/" + id + "/findings",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("subjectKind", "county")
                .put("subjectId", TestFixture.COUNTY)
                .put("severity", "minor")
                .put("problem", "")
                .put("deadline", today(5))),
        400,
        "problem",
        "empty");
    assertThat(
            app.post(
                    "/api/v1/inspections/" + id + "/findings",
                    Account.AUDITOR,
                    new JsonObject()
                        .put("subjectKind", "county")
                        .put("subjectId", TestFixture.COUNTY)
                        .put("severity", "minor")
                        .put("problem", "x")
                        .put("deadline", today(5)))
                .statusCode())
        .isEqualTo(403); // not the inspecting unit
    assertThat(count("inspection_findings")).isEqualTo(findings);

    // the secretary sees the finding on their village, and only that
    JsonObject mine = ok(app.get("/api/v1/findings", Account.SECRETARY), 200);
    assertThat(mine.getLong("total")).isEqualTo(1);
    assertThat(mine.getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(village);
    assertThat(app.get("/api/v1/findings/" + county, Account.SECRETARY).statusCode())
        .isEqualTo(403);

    // not the responsible unit: refused, nothing written
    JsonObject rect =
        new JsonObject()
            .put("note", "已补充公示，张贴公告栏")
            .put(
                "attachments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "公示照片.jpg")
                            .put("contentType", "image/jpeg")
                            .put("dataBase64", org.bangfu.testing.Samples.jpegBase64())));
    assertThat(
            app.post(
                    "/api/v1/findings/" + village + "/rectifications",
                    Account.OTHER_SECRETARY,
                    rect)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            app.post("/api/v1/findings/" + village + "/rectifications", Account.REVIEWER, rect)
                .statusCode())
        .isEqualTo(403);
    assertField(
        app.post(
            "/api/v1/findings/" + village + "/rectifications",
            Account.SECRETARY,
            new JsonObject().put("note", " ")),
        400,
        "note",
        "empty");
    assertThat(count("finding_rectifications")).isZero();

    // rectified → returned → rectified again → accepted
    JsonObject v1 =
        ok(
            app.post("/api/v1/findings/" + village + "/rectifications", Account.SECRETARY, rect),
            201);
    assertThat(v1.getString("status")).isEqualTo("submitted");
    assertThat(
            v1.getJsonArray("rectifications")
                .getJsonObject(0)
                .getJsonArray("files")
                .getJsonObject(0)
                .getString("name"))
        .isEqualTo("公示照片.jpg");
    HttpResponse<Buffer> file =
        app.get("/api/v1/findings/" + village + "/rectifications/1/files/1", Account.UNITED_FRONT);
    assertThat(file.body().getBytes())
        .isEqualTo(java.util.Base64.getDecoder().decode(org.bangfu.testing.Samples.jpegBase64()));
    assertThat(
            app.post("/api/v1/findings/" + village + "/rectifications", Account.SECRETARY, rect)
                .statusCode())
        .isEqualTo(409); // waiting for the decision
    assertField(
        app.post("/api/v1/findings/" + village + "/return", Account.UNITED_FRONT, new JsonObject()),
        400,
        "reason",
        "required");
    assertThat(
            app.post("/api/v1/findings/" + village + "/accept", Account.SECRETARY, null)
                .statusCode())
        .isEqualTo(403);
    JsonObject returned =
        ok(
            app.post(
                "/api/v1/findings/" + village + "/return",
                Account.UNITED_FRONT,
                new JsonObject().put("reason", "公示内容缺少资金金额")),
            200);
    assertThat(returned.getString("status")).isEqualTo("returned");
    assertThat(
            app.post("/api/v1/findings/" + village + "/accept", Account.UNITED_FRONT, null)
                .statusCode())
        .isEqualTo(409);
    ok(
        app.post(
            "/api/v1/findings/" + village + "/rectifications",
            Account.SECRETARY,
            new JsonObject().put("note", "已补充资金金额并重新公示")),
        201);
    JsonObject accepted =
        ok(app.post("/api/v1/findings/" + village + "/accept", Account.UNITED_FRONT, null), 200);
    assertThat(accepted.getString("status")).isEqualTo("accepted");
    assertThat(accepted.getBoolean("onTime")).isTrue();
    assertThat(accepted.getJsonArray("rectifications")).hasSize(2); // versions, the first kept
    assertThat(accepted.getJsonArray("rectifications").getJsonObject(0).getString("note"))
        .contains("张贴公告栏");
    assertThat(
            accepted.getJsonArray("decisions").stream()
                .map(o -> ((JsonObject) o).getString("decision")))
        .containsExactly("returned", "accepted");

    // a week later: the county rectifies late and is accepted; 永春's finding is overdue and
    // escalates
    app.clock().advance(Duration.ofDays(7));
    ok(
        app.post(
            "/api/v1/findings/" + county + "/rectifications",
            Account.REVIEWER,
            new JsonObject().put("note", "已建立公告公示台账")),
        201);
    assertThat(
            ok(app.post("/api/v1/findings/" + county + "/accept", Account.UNITED_FRONT, null), 200)
                .getBoolean("onTime"))
        .isFalse();
    assertThat(
            ok(app.get("/api/v1/findings/" + other, Account.OTHER_SECRETARY), 200)
                .getBoolean("escalated"))
        .as("nothing escalates before the scheduler runs")
        .isFalse();
    app.runDueJobs(); // the scheduler's due jobs at the moved clock, the escalation among them
    JsonObject late = ok(app.get("/api/v1/findings/" + other, Account.OTHER_SECRETARY), 200);
    assertThat(late.getBoolean("overdue")).isTrue();
    assertThat(late.getBoolean("escalated")).isTrue();

    // 整改情况: per county and in total
    JsonObject report =
        ok(app.get("/api/v1/inspections/" + id + "/report", Account.UNITED_FRONT), 200);
    Map<String, JsonObject> lines = new HashMap<>();
    report
        .getJsonArray("counties")
        .forEach(o -> lines.put(((JsonObject) o).getString("countyId"), (JsonObject) o));
    assertLine(lines.get(TestFixture.COUNTY), 2, 1, 1, 0, 0);
    assertLine(lines.get(TestFixture.OTHER_COUNTY), 1, 0, 0, 1, 1);
    assertLine(lines.get("350582"), 1, 0, 0, 1, 0); // the donor's home county
    assertLine(report.getJsonObject("total"), 4, 1, 1, 2, 1);

    // one county's report: the same line; the county's reviewer gets only their county
    JsonObject anxi =
        ok(
            app.get(
                "/api/v1/inspections/" + id + "/report?county=" + TestFixture.COUNTY,
                Account.UNITED_FRONT),
            200);
    assertThat(anxi.getJsonArray("counties")).hasSize(1);
    assertThat(anxi.getJsonArray("counties").getJsonObject(0))
        .isEqualTo(lines.get(TestFixture.COUNTY));
    assertThat(anxi.getJsonArray("findings")).hasSize(2);
    JsonObject asReviewer =
        ok(app.get("/api/v1/inspections/" + id + "/report", Account.REVIEWER), 200);
    assertThat(asReviewer.getJsonArray("counties").getJsonObject(0))
        .isEqualTo(lines.get(TestFixture.COUNTY));
    assertThat(asReviewer.getJsonArray("counties")).hasSize(1);

    // the .xlsx says the same numbers
    HttpResponse<Buffer> xlsx =
        app.call(
            HttpMethod.GET,
            "/api/v1/inspections/" + id + "/report.xlsx",
            Account.UNITED_FRONT,
            null);
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.getHeader("Content-Type")).contains("spreadsheetml");
    Map<String, String> cells = XlsxCells.sheet(xlsx.body().getBytes(), "xl/worksheets/sheet1.xml");
    int anxiRow = XlsxCells.rowOf(cells, "安溪县");
    assertThat(
            List.of(
                cells.get("C" + anxiRow),
                cells.get("D" + anxiRow),
                cells.get("E" + anxiRow),
                cells.get("F" + anxiRow),
                cells.get("G" + anxiRow)))
        .containsExactly("2", "1", "1", "0", "0");
    int totalRow = XlsxCells.rowOf(cells, "合计");
    assertThat(
            List.of(
                cells.get("C" + totalRow),
                cells.get("D" + totalRow),
                cells.get("E" + totalRow),
                cells.get("F" + totalRow),
                cells.get("G" + totalRow)))
        .containsExactly("4", "1", "1", "2", "1");

    // the dashboard's counts by county agree
    JsonObject counts = ok(app.get("/api/v1/oversight/counts", Account.UNITED_FRONT), 200);
    Map<String, JsonObject> byCounty = new HashMap<>();
    counts
        .getJsonArray("counties")
        .forEach(o -> byCounty.put(((JsonObject) o).getString("countyId"), (JsonObject) o));
    assertThat(byCounty.get(TestFixture.OTHER_COUNTY).getLong("findingsOpen")).isEqualTo(1);
    assertThat(byCounty.get(TestFixture.OTHER_COUNTY).getLong("findingsOverdue")).isEqualTo(1);
    assertThat(byCounty.get("350582").getLong("findingsOpen")).isEqualTo(1);
    assertThat(byCounty).doesNotContainKey(TestFixture.COUNTY); // nothing open there any more
    assertThat(app.get("/api/v1/oversight/counts", Account.DONOR).statusCode()).isEqualTo(403);

    JsonObject trail =
        ok(
            app.get(
                "/api/v1/audit?entity=finding&entityId=" + village + "&size=50", Account.AUDITOR),
            200);
    assertThat(trail.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("action")))
        .contains("create", "rectify", "return", "accept");
  }

  static void assertLine(
      JsonObject line, long findings, long onTime, long late, long open, long overdue) {
    assertThat(line).as("line").isNotNull();
    assertThat(
            List.of(
                line.getLong("findings"),
                line.getLong("rectifiedOnTime"),
                line.getLong("rectifiedLate"),
                line.getLong("open"),
                line.getLong("overdue")))
        .as(line.encode())
        .containsExactly(findings, onTime, late, open, overdue);
  }
}
