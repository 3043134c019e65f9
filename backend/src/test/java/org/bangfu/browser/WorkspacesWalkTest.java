package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;

/**
 * Every workspace walked as its users would, on the demo data, in Chinese and in English, on a 390
 * × 844 phone and a 1440 × 900 screen, by the walk's checks ({@link ScreenCheck}: no untranslated
 * catalogue key, no English word outside the data on a Chinese screen, no sideways scrolling on the
 * phone), and the dashboard's figure the same as a count in SQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Every workspace in both languages, on a phone and a desktop")
class WorkspacesWalkTest extends InBrowser {
  private static final String PASSWORD = "bangfu2018";
  static final Dimension PHONE = new Dimension(390, 844);
  static final Dimension WIDE = new Dimension(1440, 900);

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.DEMO;
  }

  /**
   * A workspace: who signs in, where it lands, the element that says it has loaded, the tabs to
   * open.
   */
  record Walk(String username, String path, String ready, List<String> tabs) {}

  static final List<Walk> WALKS =
      List.of(
          new Walk("shuji-anxi", "/village", "[data-test=need-item]", List.of()),
          new Walk(
              "fpb-anxi", "/review", "[data-test=queue-item]", List.of("[data-test=tab-receipts]")),
          new Walk(
              "qiye-1",
              "/donor",
              "[data-test=browse-item]",
              List.of(
                  "[data-test=tab-proposals]",
                  "[data-test=tab-delivery]",
                  "[data-test=tab-pledges]",
                  "[data-test=tab-impact]")),
          new Walk("qiaoqin-1", "/donor", "[data-test=hometown-item]", List.of()),
          new Walk("tongzhan", "/dashboard", "[data-test=total-confirmed]", List.of()),
          new Walk("tongzhan", "/campaigns", "[data-test=campaign-card]", List.of()),
          new Walk("qiye-1", "/campaigns", "[data-test=campaign-card]", List.of()),
          new Walk("qiye-1", "/inbox", "[data-test=notification]", List.of()),
          new Walk("shenji", "/audit", "[data-test=audit-row]", List.of("[data-test=tab-funds]")));

  /**
   * Chooses the language as the switch would (on a phone the switch sits behind the menu): the
   * choice kept by the browser, read when the app starts.
   */
  private void setLanguage(boolean chinese) {
    browser.go("/board");
    browser.js("localStorage.setItem('bangfu.locale', arguments[0])", chinese ? "zh-CN" : "en");
    browser.go("/board");
  }

  /**
   * Each workspace and its tabs, read by the same checks as the walk of every route ({@link
   * ScreenCheck}); this smaller walk runs in every build.
   */
  private void walkAll(boolean chinese, Dimension size) {
    reopenBrowser();
    ScreenCheck.countRequests(browser);
    browser.size(size);
    setLanguage(chinese);
    boolean phone = size.width < 500;
    String label = (chinese ? "zh" : "en") + " " + size.width + "px ";
    ScreenCheck screens = new ScreenCheck(browser, chinese, phone);
    screens.read(label + "/board", "/board", "[data-test=board-table]", List.of(), null);
    for (Walk w : WALKS) {
      browser.signIn(w.username(), PASSWORD, homeOf(w.username()));
      screens.read(label + w.username() + " " + w.path(), w.path(), w.ready(), w.tabs(), null);
      browser.signOut();
    }
    assertThat(screens.problems()).as("what the walk found").isEmpty();
  }

  private static String homeOf(String username) {
    if (username.startsWith("shuji")) {
      return "/village";
    }
    if (username.startsWith("fpb")) {
      return "/review";
    }
    if (username.startsWith("qi")) {
      return "/donor";
    }
    return username.equals("shenji") ? "/audit" : "/dashboard";
  }

  @Test
  @Order(1)
  @DisplayName("in Chinese on a 390 px phone")
  void chinesePhone() {
    walkAll(true, PHONE);
  }

  @Test
  @Order(2)
  @DisplayName("in English on a 390 px phone")
  void englishPhone() {
    walkAll(false, PHONE);
  }

  @Test
  @Order(3)
  @DisplayName("in Chinese at 1440 × 900")
  void chineseWide() {
    walkAll(true, WIDE);
  }

  @Test
  @Order(4)
  @DisplayName("in English at 1440 × 900")
  void englishWide() {
    walkAll(false, WIDE);
  }

  @Test
  @Order(5)
  @DisplayName(
      "the dashboard's confirmed figure and unmet villages agree with SQL, proposals apart")
  void figuresAgreeWithSql() {
    reopenBrowser();
    browser.size(WIDE);
    setLanguage(true);
    browser.signIn("tongzhan", PASSWORD, "/dashboard");
    long campaign = sql("SELECT min(id) FROM campaigns");
    long confirmed =
        sql(
            """
        SELECT coalesce(sum(a.quantity), 0) FROM allocations a
          JOIN pledges p ON p.id = a.pledge_id JOIN donors d ON d.id = p.donor_id JOIN needs n ON n.id = a.need_id
         WHERE a.unit = 'CNY' AND a.status IN ('confirmed','delivered','received','verified')
           AND (p.campaign_id = $1
                OR (d.id IN (SELECT donor_id FROM campaign_enrolments WHERE campaign_id = $1)
                    AND ((n.village_id IN (SELECT village_id FROM campaign_pairings WHERE campaign_id = $1 AND donor_id = d.id))
                         OR (split_part(n.village_id, '-', 1), d.home_county) IN
                            (SELECT rp.to_id, rp.from_id FROM region_pairings rp JOIN campaigns c
                                 ON c.region_pairing_kind = rp.kind WHERE c.id = $1))))""",
            campaign);
    String shown = browser.waitForText("[data-test=total-confirmed] .stat-value", "¥").getText();
    assertThat(Long.parseLong(shown.replaceAll("[^0-9]", ""))).isEqualTo(confirmed);
    long open = sql("SELECT count(*) FROM needs WHERE status IN ('published','partly_allocated')");
    assertThat(browser.waitForText("[data-test=unmet-total]", String.valueOf(open)).getText())
        .contains(String.valueOf(open));
    browser.screenshot("dashboard");
    browser.signOut();
  }

  private long sql(String sql, Object... args) {
    return app.pool()
        .preparedQuery(sql)
        .execute(Tuple.from(args))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }
}
