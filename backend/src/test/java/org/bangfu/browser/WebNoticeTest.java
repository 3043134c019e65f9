package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.bangfu.notices.NoticeDraft;
import org.bangfu.notices.NoticeKinds;
import org.bangfu.notices.NoticeService;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Public notice in Chromium: an objection filed on a 390 × 844 phone without an account reaches the
 * reviewer of the region, who answers it, and the notice shows the answer; the notice prints on an
 * A4 page with its QR code; an auditor closes a supervision alert with a note.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Public notice, objection and answer, printed notice, alerts, in Chromium")
class WebNoticeTest extends InBrowser {
  static final String OBJECTION = "公示的受益户名单里有一户已经盖了新房，请核实。";
  static final String ANSWER = "经乡镇扶贫站入户核实，该户住房仍属危房，名单无误。";
  long notice;

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  @Test
  @Order(1)
  @DisplayName("an objection filed on a phone reaches the reviewer, whose answer the notice shows")
  void objectionAndAnswer() {
    NoticeService notices = app.services().notices();
    notice =
        app.pool()
            .withTransaction(
                tx ->
                    notices.publish(
                        tx,
                        new NoticeDraft(
                            NoticeKinds.PROJECT_APPROVED,
                            "project",
                            "1",
                            TestFixture.VILLAGE,
                            "洋坑村村道硬化项目立项公示",
                            500_000L,
                            "市派帮扶村整村推进资金",
                            "村道硬化 1.2 公里",
                            "安溪县龙门镇洋坑村",
                            "安溪县路桥工程有限公司",
                            "洋坑村村集体及村民")))
            .await();

    browser.size(Browser.PHONE);
    browser.go("/board");
    browser.click("[data-test=board-notices]");
    browser.waitForPath("/notices");
    browser.click("[data-test=notice-" + notice + "]");
    browser.waitForText("[data-test=notice-title]", "洋坑村村道硬化项目立项公示");
    browser.type("textarea[data-test=objection-text]", OBJECTION);
    browser.type("input[data-test=objection-contact]", "13912345678");
    browser.click("[data-test=objection-send]");
    browser.waitForText("[data-test=objection-sent]", "异议已提交");
    browser.waitForText("[data-test=notice-status]", "有异议待答复");
    assertThat(browser.horizontalOverflow())
        .as(browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.screenshot("notice-objection-phone");

    browser.signIn(Account.REVIEWER.username, TestFixture.PASSWORD, "/review");
    browser.clickNav("[data-test=nav-objections]");
    browser.waitForText("[data-test=objection-text]", OBJECTION);
    assertThat(browser.bodyText()).contains("13912345678");
    browser.type("textarea[data-test=answer-text]", ANSWER);
    browser.click("[data-test=answer-send]");
    browser.confirmStep("答复将在公示页面公开");
    browser.waitForText("[data-test=objection-desk]", "没有待处理的异议");
    browser.signOut();

    browser.go("/notices/" + notice);
    browser.waitForText("[data-test=objection-answer]", ANSWER);
    browser.waitForText("[data-test=notice-status]", "公示中");
    assertThat(browser.bodyText()).doesNotContain("13912345678").doesNotContain("盖了新房");
  }

  @Test
  @Order(2)
  @DisplayName("the notice prints on A4 with a QR code to its page")
  void printed() {
    browser.size(Browser.DESKTOP);
    browser.go("/notices/" + notice + "/print");
    browser.waitForText("[data-test=notice-print-page]", "洋坑村村道硬化项目立项公示");
    Object src =
        browser.js("return document.querySelector('[data-test=notice-qr]').getAttribute('src')");
    assertThat(String.valueOf(src)).startsWith("data:image/png;base64,");
    browser.screenshot("notice-printed");
  }

  @Test
  @Order(3)
  @DisplayName(
      "a project without progress for 30 days raises an alert an auditor closes with a note")
  void alertClosed() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    long g =
        app.post(
                "/api/v1/funds/programmes",
                Account.UNITED_FRONT,
                new JsonObject()
                    .put("name", "村集体经济发展资金")
                    .put("source", "city")
                    .put("category", "collective")
                    .put("year", today.getYear())
                    .put("budget", 1_000_000)
                    .put("startsOn", today.minusDays(5).toString())
                    .put("endsOn", today.plusDays(360).toString()))
            .bodyAsJsonObject()
            .getLong("id");
    long p =
        app.post(
                "/api/v1/funds/projects",
                Account.REVIEWER,
                new JsonObject()
                    .put("name", "洋坑村茶叶初制厂")
                    .put("regionId", TestFixture.VILLAGE)
                    .put("category", "collective")
                    .put("implementer", "洋坑村股份经济合作社")
                    .put("procurement", "inquiry")
                    .put("plannedStart", today.toString())
                    .put("plannedEnd", today.plusDays(300).toString())
                    .put(
                        "sources",
                        new JsonArray()
                            .add(new JsonObject().put("programmeId", g).put("amount", 300_000))))
            .bodyAsJsonObject()
            .getLong("id");
    assertThat(
            app.post("/api/v1/funds/projects/" + p + "/approve", Account.REVIEWER, null)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            app.post(
                    "/api/v1/funds/projects/" + p + "/disbursements",
                    Account.REVIEWER,
                    new JsonObject().put("amount", 100_000))
                .statusCode())
        .isEqualTo(201);
    app.clock().advance(Duration.ofDays(31));

    browser.signIn(Account.AUDITOR.username, TestFixture.PASSWORD, "/audit");
    browser.click("[data-test=audit-alerts]");
    browser.waitForPath("/alerts");
    browser.click("[data-test=alerts-run]");
    browser.waitForText("[data-test=alert-list]", "拨付后长期未报进度");
    browser.screenshot("alerts-auditor");
    browser.type("input[data-test=alert-note]", "已督促村里补报进度");
    browser.click("[data-test=alert-close]");
    browser.confirmStep("预警将标记为已处理");
    browser.waitForText("[data-test=alert-desk]", "没有预警");
    assertThat(
            app.get("/api/v1/alerts?status=closed", Account.AUDITOR)
                .bodyAsJsonObject()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("note"))
        .isEqualTo("已督促村里补报进度");
  }
}
