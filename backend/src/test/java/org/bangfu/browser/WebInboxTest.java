package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The county reviewer's inbox on a 390 × 844 phone and a 1440 × 900 desktop: a 12317 report's
 * acknowledgement, due soon, shows its status and due date; when it is late and escalated the open
 * inbox moves it to the late section by itself, and the header's badge counts it.
 */
@DisplayName("The county reviewer's inbox on a phone shows a report's deadline, live, in Chromium")
class WebInboxTest extends InBrowser {

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  /**
   * The clock moves from 80 % of the answer's window to its end while the reviewer stays signed in
   * and the inbox stays open: an answer due in one day and a sign-in good for a day (counted from
   * the sign-in, after the clock's start) keep the stream of changes open across that move.
   */
  @Override
  protected Map<String, String> env() {
    return Map.of("BANGFU_REPORT_ANSWER_DAYS", "1", "BANGFU_TOKEN_TTL_SECONDS", "86400");
  }

  @Test
  @DisplayName(
      "a report to acknowledge: due soon, then late and escalated, with status and due date")
  void reportDeadlineOnPhone() {
    JsonObject filed =
        app.post(
                "/api/v1/public/reports",
                null,
                new JsonObject()
                    .put("subjectKind", "village")
                    .put("subjectId", TestFixture.VILLAGE)
                    .put("category", "misuse")
                    .put("content", "产业扶贫资金被挪用于修建村委办公楼"))
            .bodyAsJsonObject();
    String tracking = filed.getString("trackingNumber");
    Row d =
        app.pool()
            .preparedQuery(
                "SELECT starts_at, due_at FROM deadlines d JOIN reports r ON r.id::text = d.subject_id "
                    + "WHERE d.kind = 'report_answer' AND r.tracking_no = $1")
            .execute(Tuple.of(tracking))
            .await()
            .iterator()
            .next();
    Instant starts = d.getOffsetDateTime("starts_at").toInstant();
    Instant due = d.getOffsetDateTime("due_at").toInstant();
    app.clock().set(starts.plus(Duration.between(starts, due).multipliedBy(8).dividedBy(10)));
    app.runDueJobs();

    browser.size(Browser.PHONE);
    browser.signIn(Account.REVIEWER.username, TestFixture.PASSWORD, "/review");
    browser.waitForText("[data-test=unread-count]", "2"); // its acknowledgement and answer
    browser.clickNav("[data-test=nav-inbox]");
    browser.waitForPath("/inbox");
    WebElement soon =
        browser.waitForText("[data-section=soon] [data-kind=report_answer]", tracking);
    assertThat(soon.getText()).contains("即将到期", "举报待答复", "截止：", "时限 1 天", "安溪县");
    assertThat(browser.find("[data-section=late]").getText()).contains("没有逾期事项");
    assertThat(browser.horizontalOverflow())
        .as(browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.screenshot("inbox-phone");

    // late: the job escalates it to the city, and the open inbox shows it late by itself
    app.clock().set(due);
    app.runDueJobs();
    WebElement late =
        browser.waitForText("[data-section=late] [data-kind=report_answer]", tracking);
    assertThat(late.getText()).contains("已逾期 · 已上报上级", "截止：");
    assertThat(browser.find("[data-test=unread-count]").getAttribute("data-late")).isEqualTo("1");

    browser.size(new Dimension(1440, 900));
    browser.go("/inbox");
    browser.waitForText("[data-section=late]", tracking);
    assertThat(browser.horizontalOverflow())
        .as(browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.screenshot("inbox-desktop");
  }
}
