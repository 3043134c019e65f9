package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
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
 * The register's household upkeep in Chromium on a 390 × 844 phone: the secretary registers a
 * household (an applicant whose application goes to the township; its ID number and phone shown
 * masked once saved), records a 两不愁三保障 gap, closes another with a photo as evidence, is told why
 * the household cannot exit yet, and completes a measure of its plan; the county reviewer reads the
 * application's page (notice window, objections, every step with who took it) and withdraws its
 * notice after a founded objection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("A household's upkeep on a phone: registration, gaps with evidence, plan, application")
class WebHouseholdUpkeepTest extends InBrowser {
  static final String HEAD = "林月娥";
  static final String ID_NUMBER = withCheckDigit("35052419750612004");
  static final String PHONE = "13912345670";
  long household;
  long application;

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  @Test
  @Order(1)
  @DisplayName(
      "the secretary registers a household from the register: an application, masked after save")
  void secretaryRegisters() {
    browser.size(Browser.PHONE);
    browser.signIn(Account.SECRETARY.username, TestFixture.PASSWORD, "/village");
    browser.go("/registry/households");
    browser.click("[data-test=to-household-new]");
    browser.waitForPath("/registry/households/new");
    assertThat(browser.find("[data-test=household-new-steps]").getText())
        .contains("乡镇审核")
        .contains("公示 7 天");
    browser.type("input[data-test=new-head]", HEAD);
    // a number whose check digit is wrong is refused in words, and nothing is registered
    String wrong = ID_NUMBER.substring(0, 17) + (ID_NUMBER.endsWith("1") ? "2" : "1");
    browser.type("input[data-test=new-id]", wrong);
    browser.expectConsoleError("/api/v1/households");
    browser.click("[data-test=new-submit]");
    browser.confirmStep("公示 7 天");
    browser.waitForText(".el-form-item__error", "校验位须正确");
    assertThat(
            app.get("/api/v1/households?status=applicant", Account.SECRETARY)
                .bodyAsJsonObject()
                .getLong("total"))
        .isZero();
    browser.type("input[data-test=new-id]", ID_NUMBER);
    browser.type("input[data-test=new-phone]", PHONE);
    browser.type("input[data-test=new-address]", "洋坑村3组8号");
    browser.clickWithin("[data-test=new-gaps] .el-checkbox", "住房安全", ".el-checkbox__label");
    browser.type("textarea[data-test=new-note]", "因病致贫");
    assertThat(browser.horizontalOverflow())
        .as("registration wider than a 390 px phone: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.click("[data-test=new-submit]");
    browser.confirmStep("公示 7 天");
    WebElement saved = browser.waitForText("[data-test=household-saved]", "已送乡镇审核");
    assertThat(saved.getText()).contains(HEAD).contains("待乡镇审核");
    String masked = browser.find("[data-test=saved-id]").getText();
    assertThat(masked).contains("*").isNotEqualTo(ID_NUMBER);
    assertThat(browser.bodyText()).doesNotContain(ID_NUMBER).doesNotContain(PHONE);

    // the household is an applicant, its status applied for and waiting for the township
    JsonObject page =
        app.get("/api/v1/households?status=applicant", Account.SECRETARY).bodyAsJsonObject();
    JsonObject h =
        page.getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(x -> HEAD.equals(x.getString("headName")))
            .findFirst()
            .orElseThrow();
    household = h.getLong("id");
    assertThat(h.getJsonArray("gaps")).containsExactly("housing");
    JsonObject a =
        app.get("/api/v1/status-applications?householdId=" + household, Account.SECRETARY)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    application = a.getLong("id");
    assertThat(a.getString("state")).isEqualTo("submitted");
    assertThat(a.getBoolean("registration")).isTrue();
    assertThat(a.getString("toStatus")).isEqualTo("in_poverty");

    browser.click("[data-test=saved-open]");
    browser.waitForPath("/registry/households/" + household);
    browser.waitForText("[data-test=gap]", "住房安全");
    browser.screenshot("registry-registered-phone");
    browser.signOut();
  }

  @Test
  @Order(2)
  @DisplayName(
      "on the household's page: a gap recorded, another closed with a photo, the exit refused in words, a measure done")
  void gapsAndPlan() throws IOException {
    JsonObject measure =
        app.post(
                "/api/v1/households/" + household + "/plan/measures",
                Account.SECRETARY,
                new JsonObject().put("kind", "housing").put("target", "危房改造"))
            .bodyAsJsonObject();
    browser.size(Browser.PHONE);
    browser.signIn(Account.SECRETARY.username, TestFixture.PASSWORD, "/village");
    browser.go("/registry/households/" + household);
    browser.waitForText("[data-test=gap]", "住房安全");

    // a gap found on a visit
    browser.choose("[data-test=gap-which]", "饮水安全");
    browser.type("input[data-test=gap-found]", "自来水未通到户");
    browser.click("[data-test=gap-record-submit]");
    WebElement water = browser.waitForText("[data-test=gap]", "自来水未通到户");
    assertThat(water.getText()).contains("饮水安全").contains("未达标");

    // the house renovated: closed with what was done and a photo
    browser.clickWithin("[data-test=gap]", "住房安全", "[data-test=gap-close]");
    browser.type("textarea[data-test=gap-close-note]", "危房改造完成，已验收");
    browser
        .driver()
        .findElement(By.cssSelector("input[data-test=gap-evidence-file]"))
        .sendKeys(photo().toAbsolutePath().toString());
    browser.waitForText("[data-test=file-names]", "house.png");
    browser.click("[data-test=gap-close-submit]");
    browser.confirmStep("不能撤回");
    WebElement housing = browser.waitForText("[data-test=gap]", "危房改造完成");
    assertThat(housing.getText()).contains("已销号").contains("查看佐证材料");
    JsonArray gaps =
        app.get("/api/v1/households/" + household + "/gaps", Account.SECRETARY)
            .bodyAsJsonObject()
            .getJsonArray("items");
    JsonObject closed =
        gaps.stream()
            .map(JsonObject.class::cast)
            .filter(g -> "housing".equals(g.getString("gap")))
            .findFirst()
            .orElseThrow();
    assertThat(closed.getString("closedAt")).isNotNull();
    assertThat(closed.getString("evidenceType")).isEqualTo("image/png");
    var evidence =
        app.get("/api/v1/household-gaps/" + closed.getLong("id") + "/evidence", Account.SECRETARY);
    assertThat(evidence.statusCode()).isEqualTo(200);
    assertThat(evidence.getHeader("Content-Type")).startsWith("image/png");
    assertThat(
            app.get("/api/v1/households/" + household, Account.SECRETARY)
                .bodyAsJsonObject()
                .getJsonArray("gaps"))
        .containsExactly("water");

    // an exit is refused in words while the water gap is open
    browser.choose("[data-test=apply-to]", "已脱贫");
    assertThat(browser.waitForText("[data-test=exit-blocked]", "两不愁三保障尚有未达标项").getText())
        .contains("饮水安全");

    // the plan's measure completed
    browser.clickWithin("[data-test=measure]", "危房改造", "[data-test=measure-edit]");
    browser.choose("[data-test=measure-status]", "已完成");
    browser.click("[data-test=measure-save]");
    browser.confirmStep("将记为已完成");
    browser.waitForText("[data-test=measure][data-status=done]", "危房改造");
    JsonObject plan =
        app.get("/api/v1/households/" + household + "/plan", Account.SECRETARY).bodyAsJsonObject();
    assertThat(
            plan.getJsonArray("measures").stream()
                .map(JsonObject.class::cast)
                .filter(m -> m.getLong("id").equals(measure.getLong("id")))
                .findFirst()
                .orElseThrow()
                .getString("status"))
        .isEqualTo("done");
    assertThat(browser.horizontalOverflow())
        .as("household page wider than a 390 px phone: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.screenshot("registry-household-gaps-phone");
    browser.signOut();
  }

  @Test
  @Order(3)
  @DisplayName(
      "the county reads the application's page with who took each step and withdraws its notice")
  void applicationPageAndWithdraw() {
    String path = "/api/v1/status-applications/" + application;
    assertThat(
            app.post(
                    path + "/review",
                    Account.TOWNSHIP_REVIEWER,
                    new JsonObject().put("decision", "pass"))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            app.post(path + "/approve", Account.REVIEWER, new JsonObject().put("decision", "pass"))
                .statusCode())
        .isEqualTo(200);

    browser.size(Browser.PHONE);
    browser.signIn(Account.REVIEWER.username, TestFixture.PASSWORD, "/review");
    browser.go("/registry/households/" + household);
    browser.click("[data-test=open-application]");
    browser.waitForPath("/registry/applications/" + application);
    WebElement page = browser.waitForText("[data-test=application-page]", "公示中");
    assertThat(page.getText()).contains("纳入申请").contains(HEAD).contains("申请户");
    assertThat(browser.find("[data-test=application-notice]").getText()).contains("暂无异议");
    String steps = browser.waitForText("[data-test=application-steps]", "乡镇审核通过").getText();
    assertThat(steps)
        .contains("村级申请")
        .contains("测试 TOWNSHIP_REVIEWER")
        .contains("县级审批通过")
        .contains("测试 REVIEWER");
    assertThat(browser.horizontalOverflow())
        .as("application page wider than a 390 px phone: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);

    browser.click("[data-test=application-withdraw]");
    browser.confirmStep("公示撤下", "异议查实：家中有人在外务工，收入超过标准");
    browser.waitForText("[data-test=application-state]", "已退回");
    assertThat(browser.find("[data-test=application-reject-reason]").getText()).contains("收入超过标准");
    browser.waitForText("[data-test=application-steps]", "撤回公示");
    JsonObject after = app.get(path, Account.REVIEWER).bodyAsJsonObject();
    assertThat(after.getString("state")).isEqualTo("rejected");
    assertThat(
            app.get("/api/v1/households/" + household, Account.REVIEWER)
                .bodyAsJsonObject()
                .getString("status"))
        .isEqualTo("applicant");
    browser.screenshot("registry-application-withdrawn-phone");
    browser.signOut();
  }

  @Test
  @Order(4)
  @DisplayName(
      "in English the registration form and the application's page speak no Chinese but the data")
  void english() {
    browser.size(Browser.DESKTOP);
    browser.signIn(Account.SECRETARY.username, TestFixture.PASSWORD, "/village");
    browser.go("/registry/applications/" + application);
    waitOrSay("[data-test=application-page]", "纳入申请");
    browser.click("[data-test=switch-language]");
    String page =
        waitOrSay("[data-test=application-page]", "Application to enter the register").getText();
    assertThat(page)
        .contains("Sent back")
        .contains("by 测试 TOWNSHIP_REVIEWER")
        .contains("Notice withdrawn")
        .doesNotContain("reg.");
    assertThat(page.replace(HEAD, "").replaceAll("测试|洋坑村|因病致贫|异议查实：家中有人在外务工，收入超过标准", ""))
        .as("Chinese outside the data on the English page")
        .doesNotContainPattern("\\p{IsHan}");
    browser.go("/registry/households/new");
    String form = waitOrSay("[data-test=household-new]", "What happens next").getText();
    assertThat(form)
        .contains("Register a household (application)")
        .contains("7 days of public notice")
        .doesNotContainPattern("\\p{IsHan}")
        .doesNotContain("reg.");
    // opened by its address in English too
    browser.go("/registry/applications/" + application);
    waitOrSay("[data-test=application-steps]", "Notice withdrawn");
    browser.click("[data-test=switch-language]");
    browser.waitForText("[data-test=application-page]", "纳入申请");
    browser.signOut();
  }

  /** Waits for the text; when it does not come, says which API requests the page made and how. */
  private WebElement waitOrSay(String css, String text) {
    try {
      return browser.waitForText(css, text);
    } catch (org.openqa.selenium.TimeoutException e) {
      Object requests =
          browser.js(
              "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/'))"
                  + ".map(e => e.name + ' ' + e.responseStatus + ' ' + Math.round(e.duration)).join('\\n')");
      throw new AssertionError("the page's API requests:\n" + requests, e);
    }
  }

  /** A resident ID number: the first 17 digits and their check character (GB 11643). */
  static String withCheckDigit(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }

  private static Path photo() throws IOException {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(82, 155, 46));
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    Path dir = Files.createTempDirectory("bangfu-gap-");
    Path file = dir.resolve("house.png");
    ImageIO.write(img, "png", file.toFile());
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return file;
  }
}
