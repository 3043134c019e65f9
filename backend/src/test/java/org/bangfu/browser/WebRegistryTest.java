package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
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
import org.openqa.selenium.WebElement;

/**
 * The register in Chromium: the secretary's household register and a household's timeline on a 390
 * × 844 phone (an exit refused in words while a gap is open), and the county reviewer approving
 * from the review queue.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The household register on a phone and the county's review queue, in Chromium")
class WebRegistryTest extends InBrowser {
  static final String HEAD = "郑秀英";
  long household;

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  @Test
  @Order(1)
  @DisplayName(
      "the secretary finds a household on the phone, reads its timeline and is told why it cannot exit yet")
  void secretaryRegister() {
    int year = app.clock().instant().atZone(ZoneId.systemDefault()).getYear();
    // a household enters the register applying for its status, which takes effect once its
    // application is reviewed, approved and its notice has passed
    JsonObject first =
        app.post(
                "/api/v1/households",
                Account.SECRETARY,
                new JsonObject()
                    .put("headName", HEAD)
                    .put("idNumber", "350524198203030029")
                    .put("phone", "13612345678")
                    .put("address", "洋坑村2组6号")
                    .put("status", "in_poverty")
                    .put("members", 3)
                    .put("labourCapacity", 1)
                    .put("gaps", new JsonArray().add("housing")))
            .bodyAsJsonObject();
    household = first.getLong("id");
    JsonObject second =
        app.post(
                "/api/v1/households",
                Account.SECRETARY,
                new JsonObject()
                    .put("headName", "黄志强")
                    .put("idNumber", "350524199001010032")
                    .put("status", "marginal")
                    .put("members", 2)
                    .put("labourCapacity", 1))
            .bodyAsJsonObject();
    long marginal = second.getLong("id");
    for (JsonObject registered : java.util.List.of(first, second)) {
      String path =
          "/api/v1/status-applications/" + registered.getJsonObject("application").getLong("id");
      assertThat(
              app.post(
                      path + "/review",
                      Account.TOWNSHIP_REVIEWER,
                      new JsonObject().put("decision", "pass"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              app.post(
                      path + "/approve", Account.REVIEWER, new JsonObject().put("decision", "pass"))
                  .statusCode())
          .isEqualTo(200);
    }
    app.clock().advance(java.time.Duration.ofDays(10));
    app.runDueJobs();
    long application =
        app.post(
                "/api/v1/status-applications",
                Account.SECRETARY,
                new JsonObject()
                    .put("householdId", marginal)
                    .put("toStatus", "in_poverty")
                    .put("year", year)
                    .put("incomePerHead", 2600)
                    .put("note", "因病致贫"))
            .bodyAsJsonObject()
            .getLong("id");
    assertThat(
            app.post(
                    "/api/v1/status-applications/" + application + "/review",
                    Account.TOWNSHIP_REVIEWER,
                    new JsonObject().put("decision", "pass"))
                .statusCode())
        .isEqualTo(200);

    browser.size(Browser.PHONE);
    browser.signIn(Account.SECRETARY.username, TestFixture.PASSWORD, "/village");
    browser.go("/registry");
    browser.waitForPath("/registry/households");
    browser.waitForText("[data-test=household-card]", HEAD);
    browser.type("input[data-test=register-search]", "郑");
    browser.find("input[data-test=register-search]").sendKeys("\n");
    WebElement card = browser.waitForText("[data-test=household-card]", HEAD);
    assertThat(card.getText()).contains("未脱贫").contains("住房安全");
    assertThat(browser.horizontalOverflow())
        .as("register wider than a 390 px phone: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.click(card);
    browser.waitForPath("/registry/households/" + household);
    browser.waitForText("[data-test=timeline-entry]", "建档");
    assertThat(browser.find("[data-test=household-detail]").getText())
        .contains("350524********0029")
        .doesNotContain("350524198203030029")
        .doesNotContain("13612345678");
    browser.choose("[data-test=apply-to]", "已脱贫");
    browser.expectConsoleError("/api/v1/status-applications");
    browser.click("[data-test=apply-submit]");
    browser.waitForText(".el-form-item__error", "两不愁三保障尚有未达标项");
    assertThat(browser.horizontalOverflow())
        .as("household page wider than a 390 px phone: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.screenshot("registry-household-phone");
    browser.signOut();
  }

  @Test
  @Order(2)
  @DisplayName("the county reviewer approves from the queue; the change goes on its notice")
  void countyQueue() {
    browser.size(Browser.DESKTOP);
    browser.signIn(Account.REVIEWER.username, TestFixture.PASSWORD, "/review");
    browser.go("/registry");
    browser.waitForPath("/registry/queue");
    WebElement item = browser.waitForText("[data-test=application]", "黄志强");
    assertThat(item.getText()).contains("边缘易致贫户").contains("未脱贫").contains("待县级审批");
    browser.screenshot("registry-county-queue");
    browser.click(
        item.findElement(org.openqa.selenium.By.cssSelector("[data-test=application-pass]")));
    browser.confirmStep("公示期满无异议才生效");
    browser.waitForText("[data-test=state-empty]", "没有待处理的申请");
    assertThat(
            app.get("/api/v1/status-applications?state=in_notice", Account.REVIEWER)
                .bodyAsJsonObject()
                .getLong("total"))
        .isEqualTo(1);
    browser.signOut();
  }
}
