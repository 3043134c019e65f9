package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The README's pictures: every workspace as the demo accounts see it on a fresh database with the
 * full demo data (what {@code ./scripts/run} loads on its first start), each checked for what a
 * person would notice there before it is saved to docs/screenshots/. Any console error fails the
 * step it happened in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The demo data in every workspace, in Chromium (the README's screenshots)")
class DemoScreenshotsTest extends InBrowser {

  private static final String PASSWORD = "bangfu2018";

  /** The need the reviewer publishes, which the auditor then finds in the trail. */
  private String publishedNeedId;

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.DEMO;
  }

  private JsonObject apiGet(String username, String path) {
    HttpResponse<Buffer> r = app.call(HttpMethod.GET, path, app.token(username, PASSWORD), null);
    assertThat(r.statusCode())
        .as("GET %s as %s: %s", path, username, r.bodyAsString())
        .isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private void signIn(String username, String workspace) {
    browser.signIn(username, PASSWORD, workspace);
  }

  @Test
  @Order(1)
  @DisplayName(
      "the secretary of an 安溪县 village sees its name and the deliveries waiting for receipt, on a phone")
  void secretary() {
    String villageId = apiGet("shuji-anxi", "/api/v1/me").getString("villageId");
    String village = apiGet("shuji-anxi", "/api/v1/villages/" + villageId).getString("name");
    int delivered =
        apiGet("shuji-anxi", "/api/v1/allocations?status=delivered&size=100&villageId=" + villageId)
            .getInteger("total");
    assertThat(delivered)
        .as("the demo leaves deliveries for the secretary to receive")
        .isPositive();

    browser.size(Browser.PHONE);
    signIn("shuji-anxi", "/village");
    browser.waitForText("h1", village);
    browser.waitForText("[data-test=awaiting-item]", "");
    assertThat(browser.find("[data-test=stat-awaiting]").getText())
        .isEqualTo(String.valueOf(delivered));
    assertThat(Integer.parseInt(browser.find("[data-test=stat-open]").getText())).isPositive();
    assertThat(browser.horizontalOverflow())
        .as("sideways scrolling on a phone: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.screenshot("secretary");

    // recording receipt: the dialog as the secretary fills it in (closed again, nothing sent)
    browser
        .all("[data-test=awaiting-item]")
        .get(0)
        .findElement(By.cssSelector("[data-test=receive]"))
        .click();
    browser.find("[data-test=receive-dialog]");
    browser.type("textarea[data-test=receive-note]", "已发放到户，附签收单照片");
    browser.screenshot("secretary-receipt");
    browser.click(
        browser
            .driver()
            .findElement(
                By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space()='取消']")));
    browser.waitGone("[data-test=receive-dialog]");
    browser.signOut();
  }

  @Test
  @Order(2)
  @DisplayName("the 安溪县 reviewer has submitted needs waiting and publishes one")
  void reviewer() {
    browser.size(Browser.DESKTOP);
    signIn("fpb-anxi", "/review");
    WebElement first = browser.waitForText("[data-test=queue-item]", "");
    assertThat(first.getText()).contains("安溪县");
    browser.screenshot("reviewer");
    publishedNeedId = first.getAttribute("data-need-id");
    int before = browser.all("[data-test=queue-item]").size();
    first.findElement(By.cssSelector("[data-test=publish]")).click();
    browser.confirmStep("帮扶方都能看到");
    new org.openqa.selenium.support.ui.WebDriverWait(
            browser.driver(), java.time.Duration.ofSeconds(15))
        .until(d -> browser.all("[data-test=queue-item]").size() == before - 1);
    browser.signOut();
  }

  @Test
  @Order(3)
  @DisplayName("an enterprise sees needs with why they suit it, and proposals to confirm")
  void donor() {
    signIn("qiye-1", "/donor");
    browser.waitForText("[data-test=browse-item]", "为什么推荐给您");
    browser.screenshot("donor");
    browser.click("[data-test=tab-proposals]");
    WebElement proposal = browser.find("[data-test=proposal-item]");
    assertThat(proposal.getText()).contains("确认");
    browser.screenshot("donor-proposals");
    browser.signOut();
  }

  @Test
  @Order(4)
  @DisplayName(
      "the united front dashboard shows non-zero totals and the county chart, in Chinese and English")
  void dashboard() {
    signIn("tongzhan", "/dashboard");
    browser.find("[data-test=chart-county]");
    for (String figure : List.of("pledged", "proposed", "confirmed", "verified")) {
      assertThat(browser.find("[data-test=total-" + figure + "]").getText())
          .as(figure)
          .doesNotStartWith("¥0\n");
    }
    assertThat(
            Integer.parseInt(
                browser
                    .find("[data-test=total-donorsEnrolled] .stat-value")
                    .getText()
                    .replace(",", "")))
        .isPositive();
    browser.screenshot("dashboard");
    browser.click("[data-test=switch-language]");
    browser.waitForText("h1", "United front dashboard");
    browser.find("[data-test=chart-county]");
    browser.screenshot("dashboard-en");
    browser.click("[data-test=switch-language]");
    browser.waitForText("h1", "统战部");
    browser.signOut();
  }

  @Test
  @Order(5)
  @DisplayName("the public board lists verified help by village and donor")
  void board() {
    browser.go("/board");
    WebElement table = browser.find("[data-test=board-table]");
    browser.waitForText("[data-test=board-by-donor]", "¥");
    assertThat(table.getText()).contains("¥");
    browser.screenshot("public-board");
  }

  @Test
  @Order(6)
  @DisplayName(
      "the auditor sees the chain intact, the reviewer's publishing in the trail, and fund flows with amounts")
  void auditor() {
    signIn("shenji", "/audit");
    browser.waitForText("[data-test=chain-status]", "审计记录完整");
    WebElement row =
        browser.waitForText("[data-test=audit-row]", "需求 #" + publishedNeedId + " · 审核发布");
    assertThat(row.getText()).contains("fpb-anxi").contains("待审核").contains("已公开");
    browser.screenshot("auditor");
    browser.click("[data-test=tab-funds]");
    browser.waitForText("[data-test=fund-row]", "¥");
    assertThat(browser.find("[data-test=funds-sum]").getText())
        .contains("符合筛选条件的全部对接")
        .contains("¥");
    browser.screenshot("auditor-funds");
    browser.signOut();
  }

  @Test
  @Order(7)
  @DisplayName(
      "on a 360 px phone the auditor's workspace, the donor's and the public board fit without sideways scrolling")
  void narrowPhone() {
    browser.size(new org.openqa.selenium.Dimension(360, 740));
    signIn("shenji", "/audit");
    browser.waitForText("[data-test=audit-row]", "#");
    assertThat(browser.horizontalOverflow())
        .as("audit trail: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.click("[data-test=tab-funds]");
    browser.waitForText("[data-test=fund-row]", "¥");
    assertThat(browser.horizontalOverflow())
        .as("fund flows: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.signOut();
    signIn("qiye-1", "/donor");
    browser.waitForText("[data-test=browse-item]", "");
    assertThat(browser.horizontalOverflow())
        .as("donor: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.signOut();
    browser.go("/board");
    browser.find("[data-test=board-table]");
    assertThat(browser.horizontalOverflow())
        .as("board: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
  }
}
