package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The other paths through the workspaces, in Chromium against the real backend: the API's field
 * error shown next to the field, a need sent back with a reason and corrected, a match round
 * started from the dashboard, and the donor confirming the match it proposed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Sending back, correcting, matching and confirming, in Chromium")
class WebReviewAndRoundTest extends InBrowser {

  private static final String TITLE = "洋坑村村道路灯";
  private static final String REASON = "请写明路灯数量和报价";

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  private void signIn(Account account, String workspace) {
    browser.signIn(account.username, TestFixture.PASSWORD, workspace);
  }

  @Test
  @Order(1)
  @DisplayName("a wrong password is said in words, and a deep link survives a reload")
  void signInAndDeepLink() {
    browser.size(Browser.PHONE);
    browser.go("/village/needs/new");
    browser.waitForPath("/signin");
    browser.type("input[data-test=username]", Account.SECRETARY.username);
    browser.type("input[data-test=password]", "not-the-password");
    browser.expectConsoleError("/api/v1/auth/login");
    browser.click("[data-test=signin-submit]");
    browser.waitForText("[data-test=signin-error]", "用户名或密码不对");
    browser.type("input[data-test=password]", TestFixture.PASSWORD);
    browser.click("[data-test=signin-submit]");
    // back where the link pointed, and still there after a reload (history fallback)
    browser.waitForPath("/village/needs/new");
    browser.driver().navigate().refresh();
    browser.find("input[data-test=need-title]");
    browser.go("/no/such/page");
    browser.waitForText("[data-test=not-found]", "找不到这个页面");
  }

  @Test
  @Order(2)
  @DisplayName("the API's refusal of a quantity is shown next to the quantity")
  void apiFieldError() {
    browser.go("/village/needs/new");
    browser.type("input[data-test=need-title]", TITLE);
    browser.choose("[data-test=need-category]", "基础设施");
    browser.type("input[data-test=need-quantity]", "2000000000000");
    browser.type("textarea[data-test=need-description]", "村道夜里没有灯");
    browser.expectConsoleError("/api/v1/needs");
    browser.click("[data-test=need-save]");
    WebElement error = browser.waitForText(".el-form-item__error", "1000000000000");
    WebElement item =
        error.findElement(By.xpath("./ancestor::div[contains(@class,'el-form-item')][1]"));
    assertThat(item.findElement(By.cssSelector("input")).getAttribute("data-test"))
        .isEqualTo("need-quantity");

    browser.type("input[data-test=need-quantity]", "20000");
    browser.click("[data-test=need-submit]");
    browser.waitForPath("/village");
    browser.waitForText("[data-test=need-item]", "待审核");
    browser.signOut();
  }

  @Test
  @Order(3)
  @DisplayName("the reviewer sends the need back with a reason, which a missing reason cannot do")
  void reviewerSendsBack() {
    browser.size(Browser.DESKTOP);
    signIn(Account.REVIEWER, "/review");
    WebElement item = browser.waitForText("[data-test=queue-item]", TITLE);
    item.findElement(By.cssSelector("[data-test=reject]")).click();
    browser.waitForText("[data-test=confirm-step]", "村书记会看到退回原因");
    browser.click("[data-test=confirm-step-ok]");
    browser.waitForText("[data-test=confirm-step-error]", "请填写此项");
    browser.confirmStep("村书记会看到退回原因", REASON);
    browser.waitForText("[data-test=state-empty]", "没有待审核的需求");
    browser.signOut();
  }

  @Test
  @Order(4)
  @DisplayName("the secretary reads the reason, corrects the need and submits it again")
  void secretaryCorrects() {
    // the smallest phone the workspace is made for
    browser.size(new org.openqa.selenium.Dimension(360, 740));
    signIn(Account.SECRETARY, "/village");
    WebElement card = browser.waitForText("[data-test=need-item]", TITLE);
    assertThat(card.getText()).contains("已退回").contains(REASON);
    assertThat(browser.horizontalOverflow())
        .as("village page wider than a 360 px phone")
        .isLessThanOrEqualTo(0);
    card.findElement(By.cssSelector("[data-test=edit-need]")).click();
    browser.waitForPath("/village/needs/");
    browser.find("input[data-test=need-title]");
    assertThat(browser.horizontalOverflow())
        .as("need form wider than a 360 px phone")
        .isLessThanOrEqualTo(0);
    WebElement quantity = browser.find("input[data-test=need-quantity]");
    assertThat(quantity.getAttribute("value")).isEqualTo("20000");
    browser.type("textarea[data-test=need-description]", "村道 1.2 公里，需路灯 24 盏，报价每盏 750 元");
    browser.type("input[data-test=need-quantity]", "18000");
    browser.click("[data-test=need-submit]");
    browser.waitForPath("/village");
    // the card may be redrawn by a live reload after the submit: wait for its status to show
    WebElement again = browser.waitForText("[data-test=need-item]", "待审核");
    assertThat(again.getText()).contains(TITLE).contains("¥18,000");
    browser.signOut();

    browser.size(Browser.DESKTOP);
    signIn(Account.REVIEWER, "/review");
    browser
        .waitForText("[data-test=queue-item]", "24 盏")
        .findElement(By.cssSelector("[data-test=publish]"))
        .click();
    browser.confirmStep("帮扶方都能看到");
    browser.waitForText("[data-test=state-empty]", "没有待审核的需求");
    browser.signOut();
  }

  @Test
  @Order(5)
  @DisplayName("a donor's pooled pledge is matched by a round the united front starts")
  void roundProposes() {
    signIn(Account.DONOR, "/donor");
    browser.click("[data-test=tab-pledges]");
    browser.click("[data-test=add-pledge]");
    // not enrolled in any campaign, the donor names the one its pledge counts in
    browser.chooseContaining("[data-test=pledge-campaign]", "百企帮百村");
    browser.type("input[data-test=pledge-quantity]", "50000");
    browser.click("[data-test=pledge-submit]");
    browser.waitForText("[data-test=pledge-item]", "¥50,000");
    browser.signOut();

    signIn(Account.UNITED_FRONT, "/dashboard");
    browser.waitForText("[data-test=unmet-villages]", "洋坑村");
    browser.click("[data-test=start-round]");
    browser.confirmStep("一轮开始后不能中止");
    WebElement result = browser.waitForText("[data-test=round-result]", "匹配完成：1 笔建议分配");
    assertThat(result.getText()).contains(TITLE).contains("¥18,000");
    browser.click("[data-test=round-close]");
    browser.waitGone("[data-test=round-result]");
    browser.signOut();
  }

  @Test
  @Order(6)
  @DisplayName("the donor confirms the proposed match and sees it in progress")
  void donorConfirms() {
    signIn(Account.DONOR, "/donor");
    browser.click("[data-test=tab-proposals]");
    WebElement proposal = browser.waitForText("[data-test=proposal-item]", TITLE);
    assertThat(proposal.getText()).contains("¥18,000");
    browser.clickWithin("[data-test=proposal-item]", TITLE, "[data-test=confirm]");
    assertThat(browser.confirmStep("您承诺按这个数量帮扶")).contains("¥18,000");
    browser.waitForText("[data-test=state-empty]", "没有待确认的匹配");
    browser.click("[data-test=tab-delivery]");
    browser.waitForLine("[data-test=delivery-item]", TITLE, "已确认");
    browser.click("[data-test=tab-pledges]");
    browser.waitForLine("[data-test=pledge-item]", "¥50,000", "还差 ¥32,000");
  }
}
