package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Anyone checks the audit log in their own browser, on a phone, without signing in: the latest
 * signed head, an earlier head opened by its size, a record's inclusion folded up its Merkle path,
 * and two heads' consistency — and a log that answers a proof its heads do not agree with is shown
 * as tampered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The audit log checked in an anonymous phone's browser: heads, inclusion, consistency")
class WebAuditLogVerifyTest extends InBrowser {
  JsonObject earlier;
  JsonObject later;

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.FIXTURE;
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /**
   * Three records (a village's incomes), a head, four more, the head that covers them too: proofs
   * with hashes to follow, and a consistency proof that is not empty.
   */
  void twoHeads() {
    enterIncomes(2012, 2014);
    ok(app.post("/api/v1/audit-log/heads", Account.ADMIN, null), 201);
    earlier = ok(app.get("/api/v1/public/audit-log/heads/latest", null), 200);
    enterIncomes(2015, 2018);
    ok(app.post("/api/v1/audit-log/heads", Account.ADMIN, null), 201);
    later = ok(app.get("/api/v1/public/audit-log/heads/latest", null), 200);
    assertThat(earlier.getLong("size")).isGreaterThanOrEqualTo(3);
    assertThat(later.getLong("size")).isGreaterThan(earlier.getLong("size"));
  }

  void enterIncomes(int from, int to) {
    for (int year = from; year <= to; year++) {
      ok(
          app.call(
              io.vertx.core.http.HttpMethod.PUT,
              "/api/v1/villages/" + TestFixture.VILLAGE + "/incomes/" + year,
              Account.SECRETARY,
              new JsonObject().put("amount", 12000 + year)),
          200);
    }
  }

  static String n(long size) {
    return String.format(java.util.Locale.ROOT, "%,d", size);
  }

  @Test
  @Order(1)
  @DisplayName(
      "the latest head, an earlier one by its size, a record's inclusion with its path and two heads' consistency")
  void verifiesInTheBrowser() {
    twoHeads();
    browser.size(Browser.PHONE);
    browser.go("/audit-log/verify");
    browser.waitForText("[data-test=latest-size]", n(later.getLong("size")));
    assertThat(browser.find("[data-test=latest-head]").getText()).contains(later.getString("root"));
    // the head's Ed25519 signature is checked in the browser with the published key it names
    browser.waitForText("[data-test=latest-signature]", "签名有效");

    browser.chooseContaining("[data-test=open-head-pick]", n(earlier.getLong("size")) + " 条记录");
    browser.click("[data-test=open-head]");
    browser.waitForText("[data-test=opened-head]", earlier.getString("root"));
    browser.waitForText("[data-test=opened-signature]", "签名有效");

    long record = later.getLong("lastId");
    JsonObject proof =
        ok(app.get("/api/v1/public/audit-log/proof/inclusion?id=" + record, null), 200);
    browser.type("input[data-test=inclusion-record]", Long.toString(record));
    browser.click("[data-test=inclusion-check]");
    String result = browser.waitForText("[data-test=inclusion-result]", "记录 #" + record).getText();
    assertThat(browser.find("[data-test=inclusion-result]").getAttribute("data-result"))
        .isEqualTo("included");
    assertThat(result).contains("已收录").contains("叶子");
    assertThat(browser.all("[data-test=path-step]"))
        .as("one step in words per hash of the audit path")
        .hasSize(proof.getJsonArray("path").size());

    browser.click("[data-test=consistency-check]");
    browser.waitForText("[data-test=consistency-result]", "历史未被改写");
    assertThat(browser.find("[data-test=consistency-result]").getAttribute("data-result"))
        .isEqualTo("consistent");
    assertThat(browser.horizontalOverflow())
        .as("the verify screen wider than a 390 px phone: %s", browser.overflowingElements())
        .isLessThanOrEqualTo(0);
    browser.screenshot("audit-log-verify-phone");
  }

  @Test
  @Order(2)
  @DisplayName("a consistency proof the signed heads do not agree with is shown as tampering")
  void showsTampering() {
    // the log answers a proof with one hash changed, as a log whose history was rewritten would
    browser.onEveryPage(
        "const original = window.fetch;"
            + "window.fetch = async (...args) => {"
            + "  const r = await original(...args);"
            + "  if (!String(args[0]).includes('/proof/consistency')) return r;"
            + "  const body = await r.json();"
            + "  body.proof = body.proof.map((h, i) => i ? h : (h[0] === '0' ? '1' : '0') + h.slice(1));"
            + "  return new Response(JSON.stringify(body),"
            + "    { status: 200, headers: { 'Content-Type': 'application/json' } });"
            + "};");
    browser.go("/audit-log/verify");
    browser.waitForText("[data-test=latest-size]", n(later.getLong("size")));
    browser.click("[data-test=consistency-check]");
    browser.waitForText("[data-test=consistency-result]", "日志被篡改或分叉");
    assertThat(browser.find("[data-test=consistency-result]").getAttribute("data-result"))
        .isEqualTo("tampered");
  }
}
