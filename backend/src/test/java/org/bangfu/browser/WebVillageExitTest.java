package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A village's collective income and 摘帽 in Chromium on a 390 × 844 phone: the secretary enters last
 * year's income from the village's home, the township verifies it on the village picked by name,
 * and the county reads each criterion with its figure, applies the exit through its public notice
 * and withdraws it again on an objection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("A village's collective income and its exit (摘帽) on a phone, in Chromium")
class WebVillageExitTest extends InBrowser {
  static final String V = "/api/v1/villages/" + TestFixture.VILLAGE;

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  int lastYear() {
    return app.clock().instant().atZone(ZoneId.systemDefault()).getYear() - 1;
  }

  JsonObject lastYearsIncome() {
    return app
        .get(V + "/incomes", Account.UNITED_FRONT)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(o -> (JsonObject) o)
        .filter(i -> i.getInteger("year") == lastYear())
        .findFirst()
        .orElse(null);
  }

  void fitsThePhone(String what) {
    assertThat(browser.horizontalOverflow())
        .as("%s wider than a 390 px phone: %s", what, browser.overflowingElements())
        .isLessThanOrEqualTo(0);
  }

  @Test
  @Order(1)
  @DisplayName("the secretary enters last year's collective income from the village's home")
  void secretaryEnters() {
    browser.size(Browser.PHONE);
    browser.signIn(Account.SECRETARY.username, TestFixture.PASSWORD, "/village");
    browser.click("[data-test=village-income-link]");
    browser.waitForPath("/registry/villages/" + TestFixture.VILLAGE);
    browser.waitForText("[data-test=village-name]", "洋坑村");
    browser.waitForText("[data-test=income-none]", "尚未填报");
    browser.type("input[data-test=income-amount]", "25000");
    browser.click("[data-test=income-enter]");
    browser.waitForText("[data-test=income-said]", "已填报 " + lastYear() + " 年");
    // the year's line with its figure, its standing and that it awaits the township
    browser.waitForLine("[data-test=income-year]", lastYear() + " 年", "¥25,000", "薄弱村", "待乡镇核实");
    assertThat(lastYearsIncome().getLong("amount")).isEqualTo(25_000);
    assertThat(lastYearsIncome().getBoolean("verified")).isFalse();
    // the secretary neither verifies nor decides an exit
    assertThat(browser.all("[data-test=income-verify]")).isEmpty();
    assertThat(browser.all("[data-test=exit-apply]")).isEmpty();
    fitsThePhone("the village's income page");
    browser.screenshot("village-income-phone");
    browser.signOut();
  }

  @Test
  @Order(2)
  @DisplayName("the township picks the village by name and verifies the year after the dialog")
  void townshipVerifies() {
    browser.size(Browser.PHONE);
    browser.signIn(Account.TOWNSHIP_REVIEWER.username, TestFixture.PASSWORD, "/review");
    browser.go("/registry/villages");
    browser.pick("[data-test=village-pick]", "洋坑", "洋坑村");
    browser.waitForPath("/registry/villages/" + TestFixture.VILLAGE);
    browser.clickWithin("[data-test=income-year]", lastYear() + " 年", "[data-test=income-verify]");
    String said = browser.confirmStep("村里不能再改");
    assertThat(said).contains("洋坑村").contains("¥25,000");
    browser.waitForText("[data-test=income-said]", "已核实 " + lastYear() + " 年");
    browser.waitForText("[data-test=income-year]", "已核实");
    assertThat(lastYearsIncome().getBoolean("verified")).isTrue();
    // the exit is the county's to apply: the township is not offered a step it would be refused
    browser.waitForText("[data-test=criterion][data-criterion=income]", "已核实");
    assertThat(browser.all("[data-test=exit-apply]")).isEmpty();
    fitsThePhone("the village's income page");
    browser.signOut();
  }

  @Test
  @Order(3)
  @DisplayName(
      "the county reads each criterion with its figure, applies the exit through its notice and withdraws it")
  void countyExits() {
    browser.size(Browser.PHONE);
    browser.signIn(Account.REVIEWER.username, TestFixture.PASSWORD, "/review");
    browser.go("/registry/dashboard");
    browser.click("[data-test=villages-link]");
    browser.waitForPath("/registry/villages");
    browser.pick("[data-test=village-pick]", "洋坑", "洋坑村");
    browser.waitForPath("/registry/villages/" + TestFixture.VILLAGE);
    // the figures come first, the verdict with the criteria's answer: wait for the verdict
    String poverty =
        browser.waitForText("[data-test=criterion][data-criterion=poverty]", "达标").getText();
    assertThat(poverty).contains("贫困发生率").contains("低于 2%").doesNotContain("未达标");
    browser.waitForLine(
        "[data-test=criterion][data-criterion=income]", "¥25,000", "达标", "已核实", lastYear() + " 年");
    browser.waitForText("[data-test=exit-ready]", "可以申请");
    fitsThePhone("the village's exit page");
    browser.screenshot("village-exit-criteria-phone");

    browser.click("[data-test=exit-apply]");
    String said = browser.confirmStep("发布贫困村退出公示");
    assertThat(said).contains("洋坑村").contains(String.valueOf(lastYear()));
    browser.waitForText("[data-test=exit-state]", "公示中");
    browser.find("[data-test=exit-notice]");
    JsonObject exit = app.get(V + "/exit", Account.UNITED_FRONT).bodyAsJsonObject();
    assertThat(exit.getString("state")).isEqualTo("in_notice");
    assertThat(exit.getLong("noticeId")).isNotNull();

    browser.click("[data-test=exit-withdraw]");
    browser.confirmStep("本村仍为贫困村", "异议属实：村道尚未硬化");
    browser.waitForText("[data-test=exit-said]", "已撤回");
    assertThat(browser.all("[data-test=exit-state]")).isEmpty();
    assertThat(app.get(V + "/exit", Account.UNITED_FRONT).statusCode())
        .as("the withdrawn exit is history: the village has no exit")
        .isEqualTo(404);
    fitsThePhone("the village's exit page");
  }
}
