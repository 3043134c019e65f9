package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 问责 in Chromium: an auditor opens a case from a founded 12317 report on the report desk (the
 * confirm dialog says a report has one case only), lands on the 问责 desk with the case open, and
 * records the decision once — unit, post and measure, no names; the case then reads as decided.
 */
@DisplayName("问责: a case opened from a founded report and decided, in Chromium")
class WebAccountabilityTest extends InBrowser {
  private static final String SUMMARY = "驻村干部长期不在岗，帮扶走过场，举报查实";
  private static final String BASIS = "经查，驻村工作队长 2018 年 3 月至 5 月多次脱岗，情况属实。";

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  /** A report about the fixture's village, answered founded by the auditor, through the API. */
  private JsonObject foundedReport() {
    assertThat(
            app.post(
                    "/api/v1/public/reports",
                    null,
                    new JsonObject()
                        .put("subjectKind", "village")
                        .put("subjectId", TestFixture.VILLAGE)
                        .put("category", "work_style")
                        .put("content", "驻村干部长期不在岗，帮扶走过场"))
                .statusCode())
        .isEqualTo(201);
    long id =
        app.get("/api/v1/reports?status=received", Account.AUDITOR)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0)
            .getLong("id");
    for (String step : new String[] {"accept", "investigate"}) {
      assertThat(app.post("/api/v1/reports/" + id + "/" + step, Account.AUDITOR, null).statusCode())
          .isEqualTo(200);
    }
    JsonObject answer = new JsonObject().put("finding", "founded").put("answer", "经核查，情况属实");
    assertThat(app.post("/api/v1/reports/" + id + "/answer", Account.AUDITOR, answer).statusCode())
        .isEqualTo(200);
    return app.get("/api/v1/reports/" + id, Account.AUDITOR).bodyAsJsonObject();
  }

  @Test
  @DisplayName("the auditor opens the case on the report desk and records the decision once")
  void openedFromAFoundedReportAndDecided() {
    JsonObject report = foundedReport();
    String number = report.getString("trackingNumber");

    browser.size(Browser.DESKTOP);
    browser.signIn(Account.AUDITOR.username, TestFixture.PASSWORD, "/audit");
    browser.go("/reports/desk");
    browser.click(browser.waitForText("[data-test=desk-table] .el-table__row", number));
    browser.click("[data-test=desk-open-case]");
    String said = browser.confirmStep("同一条举报或问题只能立案一次", SUMMARY);
    assertThat(said).contains("举报查实").contains(number);

    browser.waitForPath("/accountability");
    browser.waitForText("[data-test=accountability-case]", SUMMARY);
    browser.waitForText("[data-test=case-detail-status]", "调查中");
    JsonObject open =
        app.get("/api/v1/accountability/cases", Account.AUDITOR)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(open.getLong("reportId")).isEqualTo(report.getLong("id"));
    assertThat(open.getString("status")).isEqualTo("open");

    // a phone number in the post is refused on the screen, before anything is sent
    browser.type("textarea[data-test=decision-basis]", BASIS);
    browser.type("input[data-test=person-unit]", "安溪县龙门镇人民政府");
    browser.type("input[data-test=person-role]", "驻村工作队长 13800138000");
    browser.choose("[data-test=person-measure]", "诫勉谈话");
    browser.click("[data-test=decision-record]");
    browser.waitForText("[data-test=decision-problem]", "不能写身份证号或电话号码");
    browser.type("input[data-test=person-role]", "驻村工作队长");
    browser.click("[data-test=decision-record]");
    said = browser.confirmStep("决定一经记录不能更改");
    assertThat(said).contains("安溪县龙门镇人民政府 驻村工作队长").contains("诫勉谈话");

    browser.waitForText("[data-test=case-detail-status]", "已作出决定");
    assertThat(browser.waitForText("[data-test=case-people]", "诫勉谈话").getText())
        .contains("安溪县龙门镇人民政府")
        .contains("驻村工作队长");
    JsonObject decided =
        app.get("/api/v1/accountability/cases/" + open.getLong("id"), Account.AUDITOR)
            .bodyAsJsonObject();
    assertThat(decided.getString("status")).isEqualTo("decided");
    assertThat(decided.getString("basis")).isEqualTo(BASIS);
    assertThat(decided.getJsonArray("people").getJsonObject(0).getString("measure"))
        .isEqualTo("admonishment_talk");
  }
}
