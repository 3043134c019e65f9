package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import javax.imageio.ImageIO;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The register's upkeep of a village in Chromium on a 390 × 844 phone, on the demo data: 安溪县's
 * reviewer starts this year's 回头看, the village's secretary records a visit that finds a household
 * short (with its photo) and sees it put up for return to poverty; the reviewer appoints a 第一书记
 * with a sending unit added on the way, the village's page shows them, and the appointment ends
 * behind the confirm dialog.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("回头看 rounds and 第一书记 with their sending units, on a phone, in Chromium")
class WebVillageUpkeepTest extends InBrowser {
  static final String PASSWORD = "bangfu2018";
  static final String REVIEWER = "fpb-anxi";
  static final String SECRETARY = "shuji-anxi";
  static final String UNIT = "安溪县住房和城乡建设局";
  static final String CADRE = "林志明";
  long round;

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.DEMO;
  }

  private HttpResponse<Buffer> api(String username, String path) {
    return app.call(HttpMethod.GET, path, app.token(username, PASSWORD), null);
  }

  private JsonObject apiGet(String username, String path) {
    HttpResponse<Buffer> r = api(username, path);
    assertThat(r.statusCode()).as("GET %s: %s", path, r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private void fitsThePhone(String what) {
    assertThat(browser.horizontalOverflow())
        .as("%s wider than a 390 px phone: %s", what, browser.overflowingElements())
        .isLessThanOrEqualTo(0);
  }

  private void typeNumber(String testName, String value) {
    browser.type("[data-test=" + testName + "] input, input[data-test=" + testName + "]", value);
  }

  @Test
  @Order(1)
  @DisplayName("the county's reviewer starts this year's 回头看 from the review queue")
  void reviewerStartsARound() {
    int year = app.clock().instant().atZone(ZoneId.systemDefault()).getYear();
    browser.size(Browser.PHONE);
    browser.signIn(REVIEWER, PASSWORD, "/review");
    browser.go("/registry");
    browser.waitForPath("/registry/queue");
    browser.click("[data-test=to-review-rounds]");
    browser.waitForPath("/registry/review-rounds");
    browser.waitForText("[data-test=review-round]", "安溪县 2019 年回头看");
    typeNumber("round-line", "4000");
    browser.click("[data-test=round-open]");
    String said = browser.confirmStep("本县此刻所有已脱贫户列入本轮名单");
    assertThat(said).contains(String.valueOf(year)).contains("¥4,000");

    JsonObject newest =
        apiGet(REVIEWER, "/api/v1/review-rounds?size=1").getJsonArray("items").getJsonObject(0);
    assertThat(newest.getInteger("year")).isEqualTo(year);
    assertThat(newest.getLong("incomeLine")).isEqualTo(4000);
    assertThat(newest.getLong("households")).isPositive();
    round = newest.getLong("id");
    browser.waitForPath("/registry/review-rounds/" + round);
    WebElement counts =
        browser.waitForText(
            "[data-test=round-counts]", "应走访 " + newest.getLong("households") + " 户");
    assertThat(counts.getText()).contains("已走访 0 户");
    browser.waitForText("[data-test=round-village]", "已走访 0/");
    fitsThePhone("a round's page");
    browser.screenshot("review-round-county-phone");
    browser.signOut();
  }

  @Test
  @Order(2)
  @DisplayName(
      "the village's secretary records a visit that finds the household short, with a photo")
  void secretaryRecordsAVisit() throws IOException {
    // a household of the secretary's village that exited through the register (with its year)
    // and has no application under way: one whose visit may put it up for return to poverty
    Row todo =
        app.pool()
            .preparedQuery(
                """
                SELECT h.id, h.head_name FROM review_round_households rh
                  JOIN households h ON h.id = rh.household_id
                  JOIN users u ON u.village_id = rh.village_id AND u.username = $2
                 WHERE rh.round_id = $1 AND h.exited_year IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM status_applications a WHERE a.household_id = h.id
                                      AND a.state IN ('submitted', 'reviewed', 'in_notice'))
                 ORDER BY h.id LIMIT 1""")
            .execute(Tuple.of(round, SECRETARY))
            .await()
            .iterator()
            .next();
    long household = todo.getLong(0);
    String head = todo.getString(1);

    browser.size(Browser.PHONE);
    browser.signIn(SECRETARY, PASSWORD, "/village");
    browser.go("/registry/queue");
    browser.click("[data-test=to-review-rounds]");
    browser.waitForPath("/registry/review-rounds");
    WebElement item =
        browser.waitForText(
            "[data-test=review-round]",
            "安溪县 " + app.clock().instant().atZone(ZoneId.systemDefault()).getYear());
    browser.click(item.findElement(By.cssSelector("a")));
    browser.waitForPath("/registry/review-rounds/" + round);
    browser.clickWithin("[data-test=round-household]", head, "[data-test=visit-start]");
    browser.find("[data-test=round-visit-form]");
    typeNumber("visit-income", "3000");
    browser.click("[data-test=visit-met-medical]");
    browser.type("textarea[data-test=visit-note]", "主要劳力因病失去收入");
    browser
        .driver()
        .findElement(By.cssSelector("input[data-test=visit-photo]"))
        .sendKeys(photo().toAbsolutePath().toString());
    browser.waitForText("[data-test=file-names]", "visit-photo.png");
    browser.waitForText("[data-test=visit-fails]", "返贫申请");
    fitsThePhone("the visit form");
    browser.click("[data-test=visit-record]");
    String said = browser.confirmStep("将同时提出返贫申请");
    assertThat(said).contains(head).contains("基本医疗有保障");

    WebElement visited = browser.waitForText("[data-test=round-household]", head);
    browser.waitForText("[data-test=visit-result]", "不达标");
    visited = browser.waitForText("[data-test=round-household]", "主要劳力因病失去收入");
    assertThat(visited.getText()).contains("已提出返贫申请").contains("基本医疗有保障");
    browser.clickWithin("[data-test=round-household]", head, "[data-test=visit-photo-show]");
    WebElement img = browser.find("img[data-test=visit-photo-img]");
    assertThat(
            (Long)
                browser.js("const i = arguments[0]; return i.complete ? i.naturalWidth : 0;", img))
        .isEqualTo(64L);
    fitsThePhone("a round's households");
    browser.screenshot("review-round-visit-phone");

    JsonObject seen =
        apiGet(SECRETARY, "/api/v1/review-rounds/" + round + "/households?size=30")
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(h -> h.getLong("householdId") == household)
            .findFirst()
            .orElseThrow();
    assertThat(seen.getBoolean("passed")).isFalse();
    assertThat(seen.getLong("incomePerHead")).isEqualTo(3000);
    assertThat(seen.getJsonArray("unmet")).isEqualTo(new JsonArray().add("medical"));
    assertThat(seen.getBoolean("hasPhoto")).isTrue();
    JsonObject application =
        apiGet(SECRETARY, "/api/v1/status-applications/" + seen.getLong("applicationId"));
    assertThat(application.getString("toStatus")).isEqualTo("returned");
    browser.signOut();
  }

  @Test
  @Order(3)
  @DisplayName(
      "the reviewer appoints a 第一书记 with a sending unit added on the way; the village shows them until the term ends")
  void firstSecretaryAppointedAndEnded() {
    Row free =
        app.pool()
            .query(
                """
                SELECT r.id, r.name FROM regions r
                 WHERE r.level = 'village' AND region_contains('350524', r.id)
                   AND NOT EXISTS (SELECT 1 FROM cadres c
                                    WHERE c.first_secretary_of = r.id AND c.ended_on IS NULL)
                   AND (SELECT count(*) FROM regions o WHERE o.name = r.name) = 1
                 ORDER BY r.id LIMIT 1""")
            .execute()
            .await()
            .iterator()
            .next();
    String villageId = free.getString(0);
    String village = free.getString(1);

    browser.size(Browser.PHONE);
    browser.signIn(REVIEWER, PASSWORD, "/review");
    browser.go("/registry/queue");
    browser.click("[data-test=to-review-rounds]");
    browser.waitForPath("/registry/review-rounds");
    browser.go("/registry/cadres");
    browser.waitForText("[data-test=cadres]", "帮扶干部");
    browser.click("[data-test=cadre-new]");
    browser.waitForPath("/registry/cadres/new");
    browser.type("input[data-test=cadre-name]", CADRE);
    browser.type("input[data-test=cadre-phone]", "13900002222");
    browser.click("[data-test=cadre-first-secretary]");
    browser.pick("[data-test=cadre-village]", village, village);
    browser.click("[data-test=unit-add-open]");
    browser.type("input[data-test=unit-name]", UNIT);
    browser.click("[data-test=unit-add]");
    browser.waitGone("[data-test=unit-add-form]");
    fitsThePhone("the appointment form");
    browser.click("[data-test=cadre-submit]");
    WebElement facts = browser.waitForText("[data-test=cadre-facts]", UNIT);

    JsonObject cadre =
        apiGet(REVIEWER, "/api/v1/cadres?firstSecretaries=true&size=100")
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(c -> CADRE.equals(c.getString("name")))
            .findFirst()
            .orElseThrow();
    long id = cadre.getLong("id");
    assertThat(cadre.getString("firstSecretaryOf")).isEqualTo(villageId);
    assertThat(cadre.getString("unitName")).isEqualTo(UNIT);
    browser.waitForPath("/registry/cadres/" + id);
    assertThat(facts.getText())
        .contains(village)
        .contains("县派")
        .contains("139****2222")
        .doesNotContain("13900002222");
    fitsThePhone("a cadre's page");

    // the village's page, through the cadre's link to it, as a person goes there
    browser.click("[data-test=cadre-facts] a");
    browser.waitForPath("/villages/" + villageId);
    WebElement line = shows("[data-test=first-secretary]", CADRE);
    assertThat(line.getText()).contains("派出单位：" + UNIT);
    fitsThePhone("a village's page");

    browser.driver().navigate().back();
    browser.waitForPath("/registry/cadres/" + id);
    browser.click("[data-test=cadre-end]");
    String said = browser.confirmStep("可以为这个村选派新的第一书记");
    assertThat(said).contains(CADRE).contains(UNIT).contains(village);
    shows("[data-test=cadre-ended]", "离任");
    assertThat(
            app.call(
                    HttpMethod.GET,
                    "/api/v1/villages/" + villageId + "/first-secretary",
                    (String) null,
                    null)
                .statusCode())
        .isEqualTo(204);
    browser.click("[data-test=cadre-facts] a");
    browser.waitForPath("/villages/" + villageId);
    shows("[data-test=first-secretary]", "尚未选派第一书记");

    browser.driver().navigate().back();
    browser.waitForPath("/registry/cadres/" + id);
    browser.click("[data-test=cadre-page] .links a");
    browser.waitForPath("/registry/cadres");
    browser.choose("[data-test=visits-year]", "2019 年");
    shows("[data-test=visits-row]", "");
    fitsThePhone("the cadres and their visits");
    browser.click("[data-test=to-help-units]");
    browser.waitForPath("/registry/help-units");
    assertThat(shows("[data-test=help-unit]", UNIT).getText()).contains("在任干部 0 名");
    browser.signOut();
  }

  /** Waits for the text; when it does not come, says what the console and the network said. */
  private WebElement shows(String css, String text) {
    try {
      return browser.waitForText(css, text);
    } catch (RuntimeException e) {
      System.out.println("console: " + browser.drainConsoleErrors());
      System.out.println(
          "slow or pending: "
              + browser.js(
                  "return performance.getEntriesByType('resource').filter(e => e.responseEnd === 0"
                      + " || e.duration > 3000).map(e => e.name + ' ' + e.duration).join(', ')"));
      throw e;
    }
  }

  static Path photo() throws IOException {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(200, 22, 29));
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    Path dir = Files.createTempDirectory("bangfu-visit-");
    Path file = dir.resolve("visit-photo.png");
    ImageIO.write(img, "png", file.toFile());
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return file;
  }
}
