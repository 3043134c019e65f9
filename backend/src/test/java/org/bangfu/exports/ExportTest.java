package org.bangfu.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.notices.NoticeDraft;
import org.bangfu.notices.NoticeKinds;
import org.bangfu.notices.NoticeService;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each .xlsx download opens as a workbook with Chinese column names and the rows its list shows.
 */
@DisplayName("Exports (.xlsx) with the filters of the lists")
class ExportTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    NoticeService notices = app.services().notices();
    for (String[] n :
        new String[][] {
          {TestFixture.VILLAGE, "洋坑村道路项目立项公示"},
          {TestFixture.VILLAGE_OTHER_TOWNSHIP, "湖西村水利项目立项公示"},
          {TestFixture.OTHER_VILLAGE, "花石村项目立项公示"}
        }) {
      app.pool()
          .withTransaction(
              tx ->
                  notices.publish(
                      tx,
                      new NoticeDraft(
                          NoticeKinds.PROJECT_APPROVED,
                          "project",
                          n[1],
                          n[0],
                          n[1],
                          200_000L,
                          "市级财政",
                          "道路",
                          n[1].substring(0, 3),
                          "村委会",
                          "全体村民")))
          .await();
    }
    long g =
        ok(
                app.post(
                    "/api/v1/funds/programmes",
                    Account.UNITED_FRONT,
                    new JsonObject()
                        .put("name", "市派帮扶村资金")
                        .put("source", "city")
                        .put("category", "infrastructure")
                        .put("year", 2018)
                        .put("budget", 1_000_000)
                        .put("startsOn", "2018-01-01")
                        .put("endsOn", "2018-12-31")),
                201)
            .getLong("id");
    ok(
        app.post(
            "/api/v1/funds/projects",
            Account.REVIEWER,
            new JsonObject()
                .put("name", "洋坑村道路")
                .put("regionId", TestFixture.VILLAGE)
                .put("category", "infrastructure")
                .put("implementer", "路桥公司")
                .put("procurement", "inquiry")
                .put("plannedStart", "2018-04-01")
                .put("plannedEnd", "2018-10-01")
                .put(
                    "sources",
                    new JsonArray()
                        .add(new JsonObject().put("programmeId", g).put("amount", 500_000)))),
        201);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static List<List<String>> workbook(HttpResponse<Buffer> r) throws Exception {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo(ExportRoutes.XLSX);
    List<List<String>> out = new ArrayList<>();
    try (ReadableWorkbook wb =
        new ReadableWorkbook(new ByteArrayInputStream(r.body().getBytes()))) {
      for (Row row : wb.getFirstSheet().read()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getCellCount(); i++) {
          cells.add(row.getCellText(i));
        }
        out.add(cells);
      }
    }
    return out;
  }

  @Test
  @DisplayName("notices: the rows of the filtered list, in the same order")
  void notices() throws Exception {
    String filter = "?county=" + TestFixture.COUNTY;
    JsonArray shown =
        ok(app.get("/api/v1/public/notices" + filter, null), 200).getJsonArray("items");
    List<List<String>> rows = workbook(app.get("/api/v1/exports/notices.xlsx" + filter, null));
    assertThat(rows.get(0)).contains("编号", "标题", "金额（元）", "公示截止");
    assertThat(rows).hasSize(shown.size() + 1);
    for (int i = 0; i < shown.size(); i++) {
      assertThat(rows.get(i + 1).get(2)).isEqualTo(shown.getJsonObject(i).getString("title"));
      assertThat(rows.get(i + 1).get(12)).isEqualTo("公示中");
    }
    assertThat(rows.stream().map(r -> r.get(2))).doesNotContain("花石村项目立项公示");
  }

  @Test
  @DisplayName(
      "programmes, projects, alerts, allocations, campaign progress: workbooks for those who may see the lists")
  void others() throws Exception {
    List<List<String>> projects =
        workbook(app.get("/api/v1/exports/projects.xlsx", Account.REVIEWER));
    assertThat(projects.get(0)).contains("项目名称", "预算（元）", "采购方式");
    assertThat(projects)
        .hasSize(
            ok(app.get("/api/v1/funds/projects", Account.REVIEWER), 200).getInteger("total") + 1);
    assertThat(projects.get(1)).contains("洋坑村道路", "询价", "已立项待审批");
    assertThat(workbook(app.get("/api/v1/exports/projects.xlsx", Account.OTHER_SECRETARY)))
        .hasSize(1);
    List<List<String>> programmes =
        workbook(app.get("/api/v1/exports/programmes.xlsx?year=2018", Account.UNITED_FRONT));
    assertThat(programmes.get(1)).contains("市派帮扶村资金", "市级财政");
    assertThat(workbook(app.get("/api/v1/exports/alerts.xlsx", Account.AUDITOR)).get(0))
        .contains("预警规则", "状态");
    assertThat(workbook(app.get("/api/v1/exports/allocations.xlsx", Account.AUDITOR)).get(0))
        .contains("帮扶方", "状态");
    assertThat(
            workbook(
                    app.get(
                        "/api/v1/exports/campaigns/" + TestFixture.CAMPAIGN + "/progress.xlsx",
                        Account.UNITED_FRONT))
                .get(0))
        .contains("县（市、区）", "已核实");
    assertThat(app.get("/api/v1/exports/projects.xlsx", Account.DONOR).statusCode()).isEqualTo(403);
    assertThat(app.get("/api/v1/exports/alerts.xlsx", null).statusCode()).isEqualTo(401);
    assertThat(app.get("/api/v1/exports/notices.xlsx?status=nope", null).statusCode())
        .isEqualTo(400);
  }
}
