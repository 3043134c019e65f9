package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One need's whole journey through every workspace, in a real browser against the real backend and
 * PostgreSQL: the secretary posts it on a phone, the reviewer publishes it, a donor pledges and
 * claims it and reports delivery, the secretary records receipt with a photo, the reviewer verifies
 * it, and the public board and the united front dashboard show it, and the auditor finds the
 * verification in the audit trail. Any console error fails the step it happened in. The README's
 * pictures of each workspace come from the demo data ({@link DemoScreenshotsTest}); this journey
 * keeps those of steps the demo run does not take.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("A need's journey through every workspace, in Chromium")
class WebJourneyTest extends InBrowser {

  private static final String TITLE = "洋坑村小学助学金";
  private static final String VILLAGE = "洋坑村";
  private static final String DONOR = "测试实业有限公司";

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  private void signIn(Account account, String workspace) {
    browser.signIn(account.username, TestFixture.PASSWORD, workspace);
  }

  @Test
  @Order(1)
  @DisplayName("the public board says in Chinese that nothing is verified yet")
  void emptyBoard() {
    browser.go("/board");
    browser.waitForText("[data-test=state-empty]", "还没有核实到位的帮扶");
    assertThat(browser.bodyText()).contains("帮扶公示").contains("12317");
  }

  @Test
  @Order(2)
  @DisplayName("a village secretary posts a need on a phone and submits it for review")
  void secretaryPostsNeed() {
    browser.size(Browser.PHONE);
    signIn(Account.SECRETARY, "/village");
    browser.waitForText("h1", VILLAGE);
    browser.click("[data-test=new-need]");
    browser.waitForPath("/village/needs/new");

    // the form's own check names the empty field next to it
    browser.click("[data-test=need-submit]");
    browser.waitForText(".el-form-item__error", "请填写此项");

    browser.type("input[data-test=need-title]", TITLE);
    browser.choose("[data-test=need-category]", "教育");
    browser.type("input[data-test=need-quantity]", "5000");
    browser.type("textarea[data-test=need-description]", "为 12 名留守儿童购买课本和校服");
    browser.screenshot("secretary-post-need");
    browser.click("[data-test=need-submit]");

    browser.waitForPath("/village");
    WebElement card = browser.waitForText("[data-test=need-item]", TITLE);
    assertThat(card.getText()).contains("待审核").contains("¥5,000").contains("教育");
    assertThat(browser.find("[data-test=stat-open]").getText()).isEqualTo("1");
    browser.signOut();
  }

  @Test
  @Order(3)
  @DisplayName("the reviewer sees the need with what to look at, and publishes it")
  void reviewerPublishes() {
    browser.size(Browser.DESKTOP);
    signIn(Account.REVIEWER, "/review");
    WebElement item = browser.waitForText("[data-test=queue-item]", TITLE);
    assertThat(item.getText()).contains(VILLAGE).contains("¥5,000").contains("请留意");
    item.findElement(By.cssSelector("[data-test=publish]")).click();
    assertThat(browser.confirmStep("帮扶方都能看到")).contains(TITLE).contains("¥5,000");
    browser.waitForText("[data-test=state-empty]", "没有待审核的需求");
    browser.signOut();
  }

  @Test
  @Order(4)
  @DisplayName(
      "a donor pledges to the campaign, finds the need, claims it from the pledge and reports delivery")
  void donorClaimsAndDelivers() {
    // the united front enrols the donor in 百企帮百村 and pairs it with the village, so the need
    // says why it suits the donor
    var enrolled =
        app.post(
            "/api/v1/campaigns/" + TestFixture.CAMPAIGN + "/enrolments",
            Account.UNITED_FRONT,
            new JsonObject().put("donorId", TestFixture.DONOR));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isBetween(200, 201);
    var paired =
        app.post(
            "/api/v1/campaigns/" + TestFixture.CAMPAIGN + "/pairings",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("donorId", TestFixture.DONOR)
                .put("villageId", TestFixture.VILLAGE));
    assertThat(paired.statusCode()).as(paired.bodyAsString()).isBetween(200, 201);
    signIn(Account.DONOR, "/donor");
    // a pledge of ¥100,000 to 百企帮百村
    browser.click("[data-test=tab-pledges]");
    browser.click("[data-test=add-pledge]");
    browser.type("input[data-test=pledge-quantity]", "100000");
    browser.click("[data-test=pledge-submit]");
    browser.waitForText("[data-test=pledge-item]", "¥100,000");

    browser.click("[data-test=tab-browse]");
    browser.type("input[data-test=need-search]", "助学金");
    WebElement card = browser.waitForText("[data-test=browse-item]", TITLE);
    assertThat(card.getText()).contains("还差 ¥5,000").contains("为什么推荐给您").contains("这是您结对帮扶的村");
    card.findElement(By.cssSelector("[data-test=claim]")).click();
    browser.find("[data-test=claim-dialog]");
    browser.chooseContaining("[data-test=claim-pledge]", "#");
    browser.click("[data-test=claim-submit]");
    assertThat(browser.confirmStep("认领后对接立即确认")).contains("¥5,000").contains(VILLAGE);
    browser.waitGone("[data-test=claim-dialog]");

    browser.click("[data-test=tab-delivery]");
    WebElement progress = browser.waitForText("[data-test=delivery-item]", TITLE);
    assertThat(progress.getText()).contains("已确认");
    progress.findElement(By.cssSelector("[data-test=deliver]")).click();
    browser.confirmStep("送达报告后不能撤回", "课本和校服已送到村委会");
    browser.waitForText("[data-test=delivery-item]", "已送达");
    browser.signOut();
  }

  @Test
  @Order(5)
  @DisplayName("the secretary records receipt on the phone with a photo as evidence")
  void secretaryRecordsReceipt() throws IOException {
    browser.size(Browser.PHONE);
    signIn(Account.SECRETARY, "/village");
    WebElement waiting = browser.waitForText("[data-test=awaiting-item]", TITLE);
    assertThat(waiting.getText()).contains(DONOR);
    waiting.findElement(By.cssSelector("[data-test=receive]")).click();
    browser.find("[data-test=receive-dialog]");
    browser
        .driver()
        .findElement(By.cssSelector("input[data-test=receive-file]"))
        .sendKeys(photo().toAbsolutePath().toString());
    browser.type("textarea[data-test=receive-note]", "已发放给 12 名学生");
    browser.click("[data-test=receive-submit]");
    browser.waitGone("[data-test=receive-dialog]");
    browser.waitForText("[data-test=arrived-item]", TITLE);
    assertThat(browser.find("[data-test=stat-awaiting]").getText()).isEqualTo("0");
    browser.signOut();
  }

  @Test
  @Order(6)
  @DisplayName("the reviewer opens the evidence and verifies the receipt")
  void reviewerVerifies() {
    browser.size(Browser.DESKTOP);
    signIn(Account.REVIEWER, "/review");
    browser.click("[data-test=tab-receipts]");
    WebElement receipt = browser.waitForText("[data-test=receipt-item]", TITLE);
    receipt.findElement(By.cssSelector("[data-test=evidence]")).click();
    browser.find("[data-test=evidence-image]");
    browser.driver().findElement(By.cssSelector(".el-dialog__headerbtn")).click();
    browser.waitGone("[data-test=evidence-image]");
    browser.screenshot("reviewer-receipts");
    receipt.findElement(By.cssSelector("[data-test=verify]")).click();
    assertThat(browser.confirmStep("核实后将在公示栏公开"))
        .contains(VILLAGE)
        .contains(DONOR)
        .contains("¥5,000");
    browser.waitForText("[data-test=state-empty]", "没有待核实的签收");
    browser.signOut();
  }

  @Test
  @Order(7)
  @DisplayName(
      "the public board shows the verified help by village and donor, without personal data")
  void boardShowsIt() {
    browser.go("/board");
    WebElement table = browser.waitForText("[data-test=board-table]", VILLAGE);
    assertThat(table.getText()).contains(DONOR).contains("¥5,000").contains("教育");
    assertThat(browser.find("[data-test=board-by-donor]").getText())
        .contains(DONOR)
        .contains("¥5,000");
  }

  @Test
  @Order(8)
  @DisplayName("the united front dashboard counts it in the campaign and runs a match round")
  void dashboardShowsIt() {
    signIn(Account.UNITED_FRONT, "/dashboard");
    browser.waitForText("[data-test=total-verified]", "¥5,000");
    assertThat(browser.find("[data-test=total-pledged]").getText()).contains("¥100,000");
    browser.find("[data-test=chart-county]");
    browser.click("[data-test=start-round]");
    browser.confirmStep("一轮开始后不能中止");
    browser.waitForText("[data-test=round-result]", "匹配完成");
    browser.screenshot("dashboard-round");
    browser.click("[data-test=round-close]");
    browser.waitGone("[data-test=round-result]");
  }

  @Test
  @Order(9)
  @DisplayName("English is one click away and stays after a reload")
  void englishSticks() {
    browser.click("[data-test=switch-language]");
    browser.waitForText("h1", "United front dashboard");
    browser.driver().navigate().refresh();
    browser.waitForText("h1", "United front dashboard");
    browser.waitForText("[data-test=total-verified]", "¥5,000");
    browser.go("/board");
    browser.waitForText("h1", "Public board");
    browser.click("[data-test=switch-language]");
    browser.waitForText("h1", "帮扶公示");
  }

  @Test
  @Order(10)
  @DisplayName(
      "the auditor sees the chain intact and the reviewer's verification in the audit trail")
  void auditorSeesIt() {
    browser.signOut();
    signIn(Account.AUDITOR, "/audit");
    browser.waitForText("[data-test=chain-status]", "审计记录完整");
    browser.choose("[data-test=audit-entity]", "对接");
    browser.click("[data-test=audit-search]");
    // once the filter applies, every row is an allocation's; the reviewer's verification is among
    // them
    String row =
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
            .ignoring(StaleElementReferenceException.class)
            .withMessage(
                () -> "no allocation verified in the trail; the page says: " + browser.bodyText())
            .until(
                d -> {
                  List<String> rows =
                      d.findElements(By.cssSelector("[data-test=audit-row]")).stream()
                          .map(WebElement::getText)
                          .toList();
                  boolean filtered =
                      !rows.isEmpty() && rows.stream().allMatch(r -> r.startsWith("对接 #"));
                  return filtered
                      ? rows.stream().filter(r -> r.contains(" · 核实")).findFirst().orElse(null)
                      : null;
                });
    assertThat(row).contains(Account.REVIEWER.username).contains("已签收").contains("已核实");
    browser.click("[data-test=tab-funds]");
    WebElement flow = browser.waitForText("[data-test=fund-row]", TITLE);
    assertThat(flow.getText()).contains("¥5,000").contains(DONOR).contains(VILLAGE).contains("已核实");
    browser.signOut();
  }

  /** A small photo of "delivered goods" to attach as evidence. */
  private static Path photo() throws IOException {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(200, 22, 29));
    g.fillRect(0, 0, 64, 48);
    g.setColor(Color.WHITE);
    g.fillRect(16, 12, 32, 24);
    g.dispose();
    Path dir = Files.createTempDirectory("bangfu-evidence-");
    Path file = dir.resolve("receipt-photo.png");
    ImageIO.write(img, "png", file.toFile());
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return file;
  }
}
