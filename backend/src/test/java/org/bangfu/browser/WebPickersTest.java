package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import org.bangfu.demo.DemoContext;
import org.bangfu.testing.Samples;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * On the demo data: every screen says the data is invented; a 12317 report is filed on a phone
 * about a village picked by its name (never its code), with a photo, and its tracking number and
 * secret are copied and saved as a picture; an inspection's county and its finding's county are
 * picked by name.
 */
@DisplayName(
    "Places and records picked by name, the report's keepsake, the demo banner, in Chromium")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPickersTest extends InBrowser {

  private static final String BANNER = "演示数据：所有村庄、人员、企业和金额均为虚构";

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.DEMO;
  }

  private Row one(String sql, Object... args) {
    return app.pool().preparedQuery(sql).execute(Tuple.from(args)).await().iterator().next();
  }

  @Test
  @Order(1)
  @DisplayName("the demo banner is on the public pages and in the workspaces")
  void demoBanner() {
    browser.size(Browser.PHONE);
    for (String page : new String[] {"/board", "/report", "/signin"}) {
      browser.go(page);
      assertThat(browser.waitForText("[data-test=demo-banner]", BANNER).isDisplayed())
          .as(page)
          .isTrue();
    }
    browser.size(Browser.DESKTOP);
    browser.signIn("tongzhan", DemoContext.DEMO_PASSWORD, "/dashboard");
    browser.waitForText("[data-test=demo-banner]", BANNER);
    browser.signOut();
  }

  @Test
  @Order(2)
  @DisplayName(
      "a 12317 report on a phone: the village picked by name, a photo, the keepsake copied and saved")
  void reportOnPhone() throws Exception {
    Row village =
        one(
            "SELECT v.id, v.name, t.name AS township, c.name AS county FROM regions v"
                + " JOIN regions t ON t.id = v.parent_id JOIN regions c ON c.id = t.parent_id"
                + " WHERE v.name = '福亭村' ORDER BY v.id LIMIT 1");
    String path =
        village.getString("county")
            + " · "
            + village.getString("township")
            + " · "
            + village.getString("name");
    Path photo = Files.createTempFile("report-photo", ".png");
    Files.write(photo, Base64.getDecoder().decode(Samples.PNG_BASE64));
    Path downloads = Files.createTempDirectory("report-keepsake");

    browser.size(Browser.PHONE);
    browser.allowClipboard();
    browser.downloadInto(downloads);
    browser.go("/report");
    assertThat(browser.find("[data-test=report-call]").getAttribute("href")).isEqualTo("tel:12317");
    browser.choose("[data-test=report-category]", "弄虚作假");
    browser.choose("[data-test=report-subject-kind]", "村");
    browser.pick("[data-test=report-subject]", "福亭", path);
    browser
        .driver()
        .findElement(org.openqa.selenium.By.cssSelector("input[data-test=report-photo]"))
        .sendKeys(photo.toAbsolutePath().toString());
    browser.waitForText("[data-test=file-names]", photo.getFileName().toString());
    browser.type("textarea[data-test=report-content]", "村里的危房改造补助被冒领");
    browser.click("[data-test=report-submit]");
    String tracking =
        browser.waitForText("[data-test=tracking-number]", "12317-").getText().strip();
    String secret = browser.find("[data-test=tracking-secret]").getText().strip();
    assertThat(browser.horizontalOverflow())
        .as(browser.overflowingElements())
        .isLessThanOrEqualTo(0);

    // the report is about the village picked, and its photo came with it
    Row filed =
        one(
            "SELECT r.subject_kind, r.subject_id, (SELECT count(*) FROM report_photos p"
                + " WHERE p.report_id = r.id) AS photos FROM reports r WHERE r.tracking_no = $1",
            tracking);
    assertThat(filed.getString("subject_kind")).isEqualTo("village");
    assertThat(filed.getString("subject_id")).isEqualTo(village.getString("id"));
    assertThat(filed.getLong("photos")).isEqualTo(1);

    // copied: both land on the clipboard in one go
    browser.click("[data-test=copy-both]");
    browser.waitForText("[data-test=keep-copied]", "已复制");
    assertThat(browser.clipboard()).contains(tracking).contains(secret);
    browser.click("[data-test=copy-secret]");
    browser.waitForText("[data-test=keep-copied]", "查询密码已复制");
    assertThat(browser.clipboard()).isEqualTo(secret);

    // saved: one picture with both, named by the tracking number
    browser.click("[data-test=save-image]");
    browser.waitForText("[data-test=keep-saved]", tracking);
    Path saved = downloads.resolve(tracking + ".png");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(saved) && System.nanoTime() < deadline) {
      Browser.pause(Duration.ofMillis(100));
    }
    assertThat(saved).exists();
    byte[] png = Files.readAllBytes(saved);
    assertThat(png.length).isGreaterThan(1000);
    assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    assertThat(browser.find("[data-test=keep-qr]").getAttribute("src"))
        .startsWith("data:image/png");
    browser.screenshot("report-keepsake-phone");
  }

  @Test
  @Order(3)
  @DisplayName("an inspection's counties and its finding's county are picked by name")
  void inspectionCountyByName() {
    LocalDate today = LocalDate.ofInstant(app.clock().instant(), ZoneId.of("Asia/Shanghai"));
    browser.size(Browser.DESKTOP);
    browser.signIn("tongzhan", DemoContext.DEMO_PASSWORD, "/dashboard");
    browser.go("/inspections");
    browser.type("input[data-test=inspection-title]", "扶贫资金专项督查");
    date("inspection-from", today.minusMonths(6));
    date("inspection-to", today);
    browser.pick("[data-test=inspection-counties]", "安溪", "安溪县");
    browser.click("[data-test=inspection-submit]");
    browser.waitForText("[data-test=inspection-detail]", "扶贫资金专项督查");

    browser.choose("[data-test=finding-subject-kind]", "县（市、区）");
    browser.choose("[data-test=finding-subject]", "安溪县");
    date("finding-deadline", today.plusDays(30));
    browser.type("textarea[data-test=finding-problem]", "资金拨付进度滞后");
    browser.click("[data-test=finding-submit]");
    WebElement card = browser.waitForText("[data-test=finding-card]", "资金拨付进度滞后");
    assertThat(card.getText()).contains("安溪县").doesNotContain("350524");

    Row finding =
        one(
            "SELECT f.subject_kind, f.subject_id, i.counties FROM inspection_findings f"
                + " JOIN inspections i ON i.id = f.inspection_id WHERE f.problem = $1",
            "资金拨付进度滞后");
    assertThat(finding.getString("subject_kind")).isEqualTo("county");
    assertThat(finding.getString("subject_id")).isEqualTo("350524");
    assertThat(finding.getArrayOfStrings("counties")).containsExactly("350524");
    browser.signOut();
  }

  /**
   * Types a day into an Element Plus date picker (its input carries the picker's id), as a person
   * may instead of clicking through the calendar.
   */
  private void date(String id, LocalDate day) {
    WebElement input = browser.find("input#" + id);
    input.click();
    input.sendKeys(day.toString(), Keys.ENTER);
    browser.click("h1");
  }
}
