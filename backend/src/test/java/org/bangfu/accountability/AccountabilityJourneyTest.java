package org.bangfu.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.time.Duration;
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
 * 问责 through the API: 纪委 opens a case from a founded 12317 report, from a finding found again after
 * an earlier finding on the same village was accepted, and from a finding rectified late; an
 * unfounded report and a finding rectified on time are no ground; the decision is recorded once;
 * the cases are in the county's 整改情况 report (JSON and .xlsx); a reviewer reads their county's cases
 * only, and another county's reviewer none of them.
 */
@DisplayName("问责: cases opened from a founded report and a repeated finding, decided, reported")
class AccountabilityJourneyTest {
  static TestApp app;
  static String otherReviewer;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    // a reviewer of 永春县, made by the admin as any county's office would be
    ok(
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "fpb-yongchun-t")
                .put("displayName", "永春县扶贫办")
                .put("role", "reviewer")
                .put("regionId", TestFixture.OTHER_COUNTY)
                .put("password", TestFixture.PASSWORD)),
        201);
    otherReviewer = app.token("fpb-yongchun-t", TestFixture.PASSWORD);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo(code);
  }

  static void assertField(HttpResponse<Buffer> r, String field, String code) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    JsonObject f = r.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0);
    assertThat(f.getString("field")).isEqualTo(field);
    assertThat(f.getString("code")).isEqualTo(code);
  }

  static String day(int plus) {
    return app.clock()
        .instant()
        .atZone(OversightConfig.CHINA)
        .toLocalDate()
        .plusDays(plus)
        .toString();
  }

  /** A 12317 report about a village, handled by its county's reviewer and answered so. */
  static long answeredReport(String village, String finding) {
    ok(
        app.post(
            "/api/v1/public/reports",
            null,
            new JsonObject()
                .put("subjectKind", "village")
                .put("subjectId", village)
                .put("category", "work_style")
                .put("content", "驻村干部长期不在岗，帮扶走过场")),
        201);
    long id =
        ok(app.get("/api/v1/reports?status=received", Account.AUDITOR), 200)
            .getJsonArray("items")
            .getJsonObject(0)
            .getLong("id");
    ok(app.post("/api/v1/reports/" + id + "/accept", Account.AUDITOR, null), 200);
    ok(app.post("/api/v1/reports/" + id + "/investigate", Account.AUDITOR, null), 200);
    ok(
        app.post(
            "/api/v1/reports/" + id + "/answer",
            Account.AUDITOR,
            new JsonObject().put("finding", finding).put("answer", "经核查")),
        200);
    return id;
  }

  static long finding(long inspection, String village, int days) {
    return ok(
            app.post(
                "/api/v1/inspections/" + inspection + "/findings",
                Account.UNITED_FRONT,
                new JsonObject()
                    .put("subjectKind", "village")
                    .put("subjectId", village)
                    .put("severity", "serious")
                    .put("problem", "帮扶资金使用情况未公示")
                    .put("deadline", day(days))),
            201)
        .getLong("id");
  }

  static void rectifyAndAccept(long finding, Account secretary) {
    ok(
        app.post(
            "/api/v1/findings/" + finding + "/rectifications",
            secretary,
            new JsonObject().put("note", "已在村务公开栏补充公示")),
        201);
    ok(app.post("/api/v1/findings/" + finding + "/accept", Account.UNITED_FRONT, null), 200);
  }

  static HttpResponse<Buffer> open(String source, long id, String summary, Account as) {
    return app.post(
        "/api/v1/accountability/cases",
        as,
        new JsonObject().put(source, id).put("summary", summary));
  }

  static JsonObject person(String unit, String role, String measure) {
    return new JsonObject().put("unit", unit).put("role", role).put("measure", measure);
  }

  static HttpResponse<Buffer> decide(long id, JsonArray people, Account as) {
    return app.post(
        "/api/v1/accountability/cases/" + id + "/decision",
        as,
        new JsonObject().put("basis", "经调查核实，依据有关规定作出处理").put("people", people));
  }

  static List<Long> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  @Test
  @DisplayName("opened from a founded report and a repeated finding, decided once, in 整改情况")
  void journey() throws IOException {
    long inspection =
        ok(
                app.post(
                    "/api/v1/inspections",
                    Account.UNITED_FRONT,
                    new JsonObject()
                        .put("title", "2018年脱贫攻坚作风专项督查")
                        .put("periodFrom", day(-30))
                        .put("periodTo", day(30))
                        .put(
                            "counties",
                            new JsonArray().add(TestFixture.COUNTY).add(TestFixture.OTHER_COUNTY))),
                201)
            .getLong("id");

    // grounds: a founded report, an unfounded one
    long founded = answeredReport(TestFixture.VILLAGE, "founded");
    long unfounded = answeredReport(TestFixture.VILLAGE_SAME_TOWNSHIP, "unfounded");

    // a finding rectified on time; the same village found again after it was accepted: repeated
    long first = finding(inspection, TestFixture.VILLAGE, 10);
    rectifyAndAccept(first, Account.SECRETARY);
    long again = finding(inspection, TestFixture.VILLAGE, 10);
    assertThat(ok(app.get("/api/v1/findings/" + again, Account.AUDITOR), 200).getLong("repeatOf"))
        .isEqualTo(first);
    assertThat(ok(app.get("/api/v1/findings/" + first, Account.AUDITOR), 200).getLong("repeatOf"))
        .isNull();

    // a finding of 永春县 rectified after its deadline: late
    long late = finding(inspection, TestFixture.OTHER_VILLAGE, 1);
    app.clock().advance(Duration.ofDays(3));
    rectifyAndAccept(late, Account.OTHER_SECRETARY);

    // the leads 纪委 sees: the founded report, the repeated and the late finding — not the others
    JsonObject grounds = ok(app.get("/api/v1/accountability/grounds", Account.AUDITOR), 200);
    assertThat(
            grounds.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("source") + ((JsonObject) o).getLong("id")))
        .containsExactlyInAnyOrder("report" + founded, "finding" + again, "finding" + late);

    // only 纪委/auditors and admins open a case
    String summary = "举报反映驻村干部不在岗问题属实，启动问责调查";
    assertThat(open("reportId", founded, summary, Account.REVIEWER).statusCode()).isEqualTo(403);
    assertThat(open("reportId", founded, summary, Account.UNITED_FRONT).statusCode())
        .isEqualTo(403);
    assertField(
        open("reportId", founded, "身份证 350524198001011234 的干部", Account.AUDITOR),
        "summary",
        "personal_number");
    assertError(
        open("reportId", unfounded, summary, Account.AUDITOR), 409, "accountability_no_ground");
    assertError(
        open("findingId", first, summary, Account.AUDITOR), 409, "accountability_no_ground");
    assertThat(open("reportId", 999999, summary, Account.AUDITOR).statusCode()).isEqualTo(404);

    JsonObject fromReport = ok(open("reportId", founded, summary, Account.AUDITOR), 201);
    assertThat(fromReport.getString("ground")).isEqualTo("founded_report");
    assertThat(fromReport.getString("countyId")).isEqualTo(TestFixture.COUNTY);
    assertThat(fromReport.getString("status")).isEqualTo("open");
    assertThat(fromReport.getString("reportTrackingNumber")).startsWith("12317-");
    HttpResponse<Buffer> twice = open("reportId", founded, summary, Account.AUDITOR);
    assertError(twice, 409, "accountability_case_exists");
    assertThat(twice.bodyAsJsonObject().getJsonObject("params").getLong("caseId"))
        .isEqualTo(fromReport.getLong("id"));

    JsonObject fromRepeat = ok(open("findingId", again, "整改销号后问题再次出现", Account.AUDITOR), 201);
    assertThat(fromRepeat.getString("ground")).isEqualTo("repeated_finding");
    assertThat(fromRepeat.getLong("earlierFindingId")).isEqualTo(first);
    assertThat(fromRepeat.getLong("inspectionId")).isEqualTo(inspection);
    JsonObject fromLate = ok(open("findingId", late, "逾期整改", Account.ADMIN), 201);
    assertThat(fromLate.getString("ground")).isEqualTo("late_rectification");
    assertThat(fromLate.getString("countyId")).isEqualTo(TestFixture.OTHER_COUNTY);
    assertThat(ok(app.get("/api/v1/accountability/grounds", Account.AUDITOR), 200).getLong("total"))
        .isZero();

    // the decision: bad input changes nothing; recorded once
    long caseId = fromReport.getLong("id");
    JsonArray people =
        new JsonArray()
            .add(person("安溪县龙门镇人民政府", "副镇长", "admonishment_talk"))
            .add(person("洋坑村驻村工作队", "第一书记", "circulated_criticism"));
    assertField(
        decide(caseId, new JsonArray().add(person("某镇", "13800138000", "none")), Account.AUDITOR),
        "people[0].role",
        "personal_number");
    assertField(
        decide(caseId, new JsonArray().add(person("某镇", "镇长", "fired")), Account.AUDITOR),
        "people[0].measure",
        "not_allowed");
    assertField(decide(caseId, new JsonArray(), Account.AUDITOR), "people", "too_few_items");
    assertThat(decide(caseId, people, Account.REVIEWER).statusCode()).isEqualTo(403);
    assertThat(decide(caseId, people, Account.UNITED_FRONT).statusCode()).isEqualTo(403);
    assertThat(
            ok(app.get("/api/v1/accountability/cases/" + caseId, Account.AUDITOR), 200)
                .getString("status"))
        .isEqualTo("open");
    JsonObject decided = ok(decide(caseId, people, Account.AUDITOR), 200);
    assertThat(decided.getString("status")).isEqualTo("decided");
    assertThat(decided.getString("decidedBy")).isEqualTo(Account.AUDITOR.username);
    assertThat(decided.getJsonArray("people")).hasSize(2);
    assertThat(decided.getJsonArray("people").getJsonObject(0).getString("measure"))
        .isEqualTo("admonishment_talk");
    assertError(
        decide(caseId, new JsonArray().add(person("某镇", "镇长", "none")), Account.AUDITOR),
        409,
        "accountability_case_decided");
    assertThat(
            ok(app.get("/api/v1/accountability/cases/" + caseId, Account.AUDITOR), 200)
                .getJsonArray("people"))
        .hasSize(2);

    reportedIn(inspection, caseId, fromRepeat.getLong("id"), fromLate.getLong("id"));
    whoSees(inspection, caseId, fromRepeat.getLong("id"), fromLate.getLong("id"));

    JsonObject trail =
        ok(
            app.get("/api/v1/audit?entity=accountability_case&entityId=" + caseId, Account.AUDITOR),
            200);
    assertThat(trail.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("action")))
        .containsExactlyInAnyOrder("open", "decide");
  }

  /** The county's 整改情况 report lists its cases with their decisions, as JSON and as .xlsx. */
  static void reportedIn(long inspection, long fromReport, long fromRepeat, long fromLate)
      throws IOException {
    String path = "/api/v1/inspections/" + inspection + "/report?county=" + TestFixture.COUNTY;
    JsonObject report = ok(app.get(path, Account.UNITED_FRONT), 200);
    assertThat(ids(new JsonObject().put("items", report.getJsonArray("cases"))))
        .containsExactly(fromReport, fromRepeat);
    JsonObject line = report.getJsonArray("counties").getJsonObject(0);
    assertThat(line.getString("countyId")).isEqualTo(TestFixture.COUNTY);
    assertThat(
            List.of(
                line.getLong("accountabilityCases"),
                line.getLong("accountabilityDecided"),
                line.getLong("peopleHeldAccountable")))
        .containsExactly(2L, 1L, 2L);
    // the county's own reviewer reads the same report of their county
    JsonObject asReviewer =
        ok(app.get("/api/v1/inspections/" + inspection + "/report", Account.REVIEWER), 200);
    assertThat(asReviewer.getJsonArray("cases")).isEqualTo(report.getJsonArray("cases"));
    JsonObject all =
        ok(app.get("/api/v1/inspections/" + inspection + "/report", Account.AUDITOR), 200);
    assertThat(all.getJsonObject("total").getLong("accountabilityCases")).isEqualTo(3);

    HttpResponse<Buffer> xlsx =
        app.call(
            HttpMethod.GET,
            "/api/v1/inspections/" + inspection + "/report.xlsx?county=" + TestFixture.COUNTY,
            Account.UNITED_FRONT,
            null);
    assertThat(xlsx.statusCode()).isEqualTo(200);
    Map<String, String> sum = XlsxCells.sheet(xlsx.body().getBytes(), "xl/worksheets/sheet1.xml");
    int anxi = XlsxCells.rowOf(sum, "安溪县");
    assertThat(List.of(sum.get("H" + anxi), sum.get("I" + anxi), sum.get("J" + anxi)))
        .containsExactly("2", "1", "2");
    Map<String, String> cases = XlsxCells.sheet(xlsx.body().getBytes(), "xl/worksheets/sheet3.xml");
    int row = XlsxCells.rowOf(cases, "" + fromReport);
    assertThat(cases.get("C" + row)).isEqualTo("举报查实");
    assertThat(cases.get("F" + row)).isEqualTo("已作出决定");
    assertThat(cases.get("H" + row)).isEqualTo("安溪县龙门镇人民政府 副镇长：诫勉谈话；洋坑村驻村工作队 第一书记：通报批评");
    assertThat(cases.get("C" + XlsxCells.rowOf(cases, "" + fromRepeat))).isEqualTo("整改销号后问题再次发现");
    assertThat(cases.values()).doesNotContain("" + fromLate);
  }

  /** Auditors, admins and the united front read every case; a reviewer their counties' only. */
  static void whoSees(long inspection, long fromReport, long fromRepeat, long fromLate) {
    String list = "/api/v1/accountability/cases";
    for (Account a : List.of(Account.AUDITOR, Account.ADMIN, Account.UNITED_FRONT)) {
      assertThat(ids(ok(app.get(list, a), 200)))
          .as(a.username)
          .containsExactlyInAnyOrder(fromReport, fromRepeat, fromLate);
    }
    assertThat(ids(ok(app.get(list, Account.REVIEWER), 200)))
        .containsExactlyInAnyOrder(fromReport, fromRepeat);
    assertThat(ok(app.get(list + "/" + fromReport, Account.REVIEWER), 200).getString("status"))
        .isEqualTo("decided");
    assertThat(app.get(list + "/" + fromLate, Account.REVIEWER).statusCode()).isEqualTo(403);

    // another county's reviewer: neither in the list nor one by one nor in the report
    assertThat(ids(ok(app.call(HttpMethod.GET, list, otherReviewer, null), 200)))
        .containsExactly(fromLate);
    assertThat(app.call(HttpMethod.GET, list + "/" + fromReport, otherReviewer, null).statusCode())
        .isEqualTo(403);
    assertThat(app.call(HttpMethod.GET, list + "/" + fromRepeat, otherReviewer, null).statusCode())
        .isEqualTo(403);
    JsonObject theirReport =
        ok(
            app.call(
                HttpMethod.GET,
                "/api/v1/inspections/" + inspection + "/report",
                otherReviewer,
                null),
            200);
    assertThat(ids(new JsonObject().put("items", theirReport.getJsonArray("cases"))))
        .containsExactly(fromLate);
    assertThat(ids(ok(app.get(list, Account.TOWNSHIP_REVIEWER), 200))).isEmpty();
    for (Account a : List.of(Account.SECRETARY, Account.DONOR)) {
      assertThat(app.get(list + "/" + fromReport, a).statusCode()).isEqualTo(403);
    }
  }
}
