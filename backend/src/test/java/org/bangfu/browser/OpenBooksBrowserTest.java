package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Open books in a browser that never signs in: the 10·17 pledge wall shows a pledge made elsewhere
 * without a reload, the public board's totals follow a verification live, and a certificate checks
 * its record's inclusion proof in the browser.
 */
@DisplayName(
    "Open books for an anonymous browser: the live pledge wall, the live board, a certificate")
class OpenBooksBrowserTest extends InBrowser {

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("a pledge made by a donor appears on the anonymous visitor's wall without a reload")
  void liveWall() {
    LocalDate today = app.clock().instant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    ok(
        app.post(
            "/api/v1/pledge-days",
            Account.UNITED_FRONT,
            new JsonObject()
                .put("campaignId", TestFixture.CAMPAIGN)
                .put("day", today.toString())
                .put("targetCny", 1_000_000)),
        201);
    browser.go("/pledge-days/" + TestFixture.CAMPAIGN);
    browser.waitForText("[data-test=wall-phase]", "进行中");
    browser.waitForText("[data-test=wall-pledges]", "认捐 0 笔");
    Browser.pause(Duration.ofMillis(1500)); // the page's event stream is open

    ok(
        app.post(
            "/api/v1/pledges",
            Account.DONOR,
            new JsonObject()
                .put("campaignId", TestFixture.CAMPAIGN)
                .put("unit", "CNY")
                .put("quantity", 88_000)
                .put("categories", new JsonArray().add("education"))
                .put("mode", "pooled")),
        201);
    long pledged = System.currentTimeMillis();
    browser.waitForText("[data-test=wall-pledges]", "认捐 1 笔");
    assertThat(System.currentTimeMillis() - pledged)
        .as("ms until the wall showed it")
        .isLessThan(5_000);
    assertThat(browser.find("[data-test=wall-pledged]").getText()).contains("88,000");
    browser.waitForText("[data-test=wall-line]", "测试实业有限公司");
    // the rule of the commendation list is stated before the day is over
    assertThat(browser.find("[data-test=commendation-rule]").getText()).contains("90.0%");
    browser.screenshot("pledge-wall");
  }

  @Test
  @DisplayName(
      "the public board's totals follow a verification live, and its certificate checks the proof")
  void liveBoardAndCertificate() {
    browser.go("/board");
    browser.waitForText("[data-test=board-total]", "¥");
    String before = browser.find("[data-test=board-total]").getText();
    Browser.pause(Duration.ofMillis(1500));
    long allocation = org.bangfu.testing.Gifts.verified(app, 7_000);
    browser.waitForText("[data-test=board-total]", "7,000");
    assertThat(browser.find("[data-test=board-total]").getText()).isNotEqualTo(before);

    // a head covers the verification, so the certificate's proof can be checked in the browser
    ok(app.post("/api/v1/audit-log/heads", Account.ADMIN, null), 201);
    browser.go("/certificates/" + allocation);
    browser.waitForText("[data-test=certificate-body]", "测试实业有限公司");
    assertThat(browser.find("[data-test=certificate-number]").getText())
        .contains(String.format("%08d", allocation));
    assertThat(browser.find("[data-test=certificate-qr]").getAttribute("src"))
        .startsWith("data:image/png");
    browser.waitForText("[data-test=proof-head]", "条记录");
    browser.waitForText("[data-test=proof-result]", "已收录");
    assertThat(browser.all("[data-test=proof-result]"))
        .allSatisfy(e -> assertThat(e.getAttribute("data-result")).isEqualTo("included"));
    browser.screenshot("certificate");
  }
}
