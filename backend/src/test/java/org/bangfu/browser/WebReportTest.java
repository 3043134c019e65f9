package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A 12317 report filed anonymously on a 390 × 844 phone, from the public board, about a village:
 * the reporter gets a tracking number and secret and follows the report with them; the report is on
 * the desk of the village's county reviewer.
 */
@DisplayName("A report filed on a phone reaches the right county's desk, in Chromium")
class WebReportTest extends InBrowser {

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  @Test
  @DisplayName("filed from the board on a phone, tracked with the secret, on the county's desk")
  void reportOnPhone() {
    browser.size(Browser.PHONE);
    browser.go("/board");
    browser.click("[data-test=board-report-link]");
    browser.waitForPath("/report");
    browser.choose("[data-test=report-category]", "弄虚作假");
    browser.choose("[data-test=report-subject-kind]", "村");
    // the village is picked by its name, never typed as a code
    browser.pick("[data-test=report-subject]", "洋坑", "安溪县 · 龙门镇 · 洋坑村");
    browser.type("textarea[data-test=report-content]", "危房改造补助发给了不符合条件的农户");
    browser.click("[data-test=report-submit]");
    String tracking =
        browser.waitForText("[data-test=tracking-number]", "12317-").getText().strip();
    String secret = browser.find("[data-test=tracking-secret]").getText().strip();
    assertThat(secret.length()).isGreaterThanOrEqualTo(43);
    assertThat(browser.horizontalOverflow())
        .as(browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.screenshot("report-filed-phone");

    // the reporter follows it with the number and secret
    browser.go("/report/track?n=" + tracking);
    browser.type("input[data-test=track-secret]", secret);
    browser.click("[data-test=track-submit]");
    browser.waitForText("[data-test=track-status]", "已登记");
    assertThat(browser.find("[data-test=track-result]").getText())
        .contains("安溪县")
        .doesNotContain("危房改造补助");

    // it is on the desk of 安溪县's reviewer, with its content
    browser.signIn(Account.REVIEWER.username, TestFixture.PASSWORD, "/review");
    browser.go("/reports/desk");
    browser.waitForText("[data-test=desk-table]", tracking);
    // on a phone a row shows its number, county, category, status and due date; its content opens
    assertThat(browser.find("[data-test=desk-table]").getText()).contains("安溪县", "已登记", "受理期限");
    browser.clickWithin("[data-test=desk-table] tbody tr", tracking, "td");
    assertThat(browser.waitForText("[data-test=desk-detail]", "危房改造补助").getText()).contains("安溪县");
    browser.screenshot("report-desk-phone");
  }
}
