package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Steps that publish are confirmed and can be taken back, in Chromium: the reviewer's verification
 * asks first and says it goes on the public board (cancelling changes nothing); a receipt without a
 * file is returned to the village with a reason, which the secretary reads on a phone and answers
 * with a photo; the verification is then revoked and the notice page shows the correction.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Confirmed and reversible steps, in Chromium")
class WebReversibleTest extends InBrowser {
  private static final String VILLAGE = "洋坑村";
  private static final String DONOR = "测试实业有限公司";
  private static final String RETURN_REASON = "只有文字说明，请拍一张签收单照片上传";
  private static final String REVOKE_REASON = "误将另一批课桌椅的签收当作这一笔核实";

  private long allocation;

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  private void signIn(Account account, String workspace) {
    browser.signIn(account.username, TestFixture.PASSWORD, workspace);
  }

  private String status() {
    return app.get("/api/v1/allocations/" + allocation, Account.REVIEWER)
        .bodyAsJsonObject()
        .getString("status");
  }

  @Test
  @Order(1)
  @DisplayName(
      "verifying asks first, saying it goes on the public board and naming village, donor and amount")
  void verificationIsConfirmedFirst() {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", 6000, 3);
    allocation =
        app.post(
                "/api/v1/needs/" + need + "/claims",
                Account.DONOR,
                new JsonObject().put("quantity", 6000))
            .bodyAsJsonObject()
            .getLong("id");
    assertThat(
            app.post(
                    "/api/v1/allocations/" + allocation + "/deliver",
                    Account.DONOR,
                    new JsonObject().put("note", "已转账"))
                .statusCode())
        .isEqualTo(200);
    // a receipt with a note and no file
    assertThat(
            app.post(
                    "/api/v1/allocations/" + allocation + "/receive",
                    Account.SECRETARY,
                    new JsonObject().put("note", "已收到课桌椅"))
                .statusCode())
        .isEqualTo(200);

    browser.size(Browser.DESKTOP);
    signIn(Account.REVIEWER, "/review");
    browser.click("[data-test=tab-receipts]");
    WebElement receipt = browser.waitForText("[data-test=receipt-item]", "¥6,000");
    assertThat(receipt.getText()).contains("没有上传凭证");
    receipt.findElement(By.cssSelector("[data-test=verify]")).click();
    String said = browser.waitForText("[data-test=confirm-step]", "核实后将在公示栏公开").getText();
    assertThat(said).contains(VILLAGE).contains(DONOR).contains("¥6,000").contains("没有上传凭证文件");
    browser.screenshot("verify-confirmation");
    browser.click("[data-test=confirm-step-cancel]");
    browser.waitGone("[data-test=confirm-step]");
    assertThat(status()).as("nothing was sent").isEqualTo("received");
  }

  @Test
  @Order(2)
  @DisplayName("the reviewer returns the receipt with a reason; the dialog says what will happen")
  void reviewerReturnsReceipt() {
    browser.clickWithin("[data-test=receipt-item]", "¥6,000", "[data-test=return-receipt]");
    browser.confirmStep("已上传的凭证都保留", RETURN_REASON);
    browser.waitForText("[data-test=state-empty]", "没有待核实的签收");
    assertThat(status()).isEqualTo("delivered");
    browser.signOut();
  }

  @Test
  @Order(3)
  @DisplayName("the secretary reads why on a phone and submits the receipt again with a photo")
  void secretaryResubmits() throws IOException {
    browser.size(Browser.PHONE);
    signIn(Account.SECRETARY, "/village");
    WebElement waiting = browser.waitForText("[data-test=awaiting-item]", "¥6,000");
    assertThat(waiting.findElement(By.cssSelector("[data-test=returned-reason]")).getText())
        .contains("审核人员退回了这次签收")
        .contains(RETURN_REASON);
    browser.screenshot("receipt-returned-phone");
    assertThat(browser.horizontalOverflow()).isZero();
    WebElement again = waiting.findElement(By.cssSelector("[data-test=receive]"));
    assertThat(again.getText()).contains("重新签收");
    again.click();
    browser.find("[data-test=receive-dialog]");
    browser
        .driver()
        .findElement(By.cssSelector("input[data-test=receive-file]"))
        .sendKeys(photo().toAbsolutePath().toString());
    browser.type("textarea[data-test=receive-note]", "已补拍签收单");
    browser.click("[data-test=receive-submit]");
    browser.waitGone("[data-test=receive-dialog]");
    browser.waitForText("[data-test=arrived-item]", "¥6,000");
    assertThat(status()).isEqualTo("received");
    browser.signOut();
  }

  @Test
  @Order(4)
  @DisplayName("verified, then revoked with a reason; the notice page shows the correction")
  void verifiedThenRevoked() {
    browser.size(Browser.DESKTOP);
    signIn(Account.REVIEWER, "/review");
    browser.click("[data-test=tab-receipts]");
    browser.clickWithin("[data-test=receipt-item]", "¥6,000", "[data-test=verify]");
    browser.confirmStep("核实后将在公示栏公开");
    browser.waitForText("[data-test=state-empty]", "没有待核实的签收");
    assertThat(status()).isEqualTo("verified");

    browser.click("[data-test=tab-verified]");
    browser.clickWithin("[data-test=verified-item]", "¥6,000", "[data-test=revoke]");
    browser.confirmStep("原公示上将发布更正", REVOKE_REASON);
    browser.waitForText("[data-test=state-empty]", "没有公示期内的核实");
    assertThat(status()).isEqualTo("received");
    browser.signOut();

    long notice =
        app.get("/api/v1/public/notices?corrected=true", null)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0)
            .getLong("id");
    browser.go("/notices/" + notice);
    assertThat(browser.waitForText("[data-test=notice-correction]", "更正").getText())
        .contains("到位核实已撤销")
        .contains(REVOKE_REASON);
    browser.go("/board");
    browser.waitForText("[data-test=board-corrections]", REVOKE_REASON);
  }

  private static Path photo() throws IOException {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(30, 90, 160));
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    Path dir = Files.createTempDirectory("bangfu-receipt-");
    Path file = dir.resolve("signed-receipt.png");
    ImageIO.write(img, "png", file.toFile());
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return file;
  }
}
