package org.bangfu.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.bangfu.testing.TestFixture.Account;

/**
 * A gift taken through its steps on the fixture, through the API as its people would: a need of the
 * fixture's village, claimed by the fixture's donor from a pledge of its own, delivered, received
 * with a photo of the receipt and, when asked, verified by the county reviewer.
 */
public final class Gifts {
  private Gifts() {}

  /** Claimed from a new pledge (to {@code campaign} when given), delivered and received: its id. */
  public static long received(TestApp app, long yuan, Long campaign) {
    long need = app.publishedNeed(Account.SECRETARY, TestFixture.VILLAGE, "education", yuan, 3);
    JsonObject p =
        new JsonObject()
            .put("unit", "CNY")
            .put("quantity", yuan)
            .put("categories", new JsonArray().add("education"))
            .put("mode", "pooled");
    if (campaign != null) {
      p.put("campaignId", campaign);
    }
    long pledge = ok(app.post("/api/v1/pledges", Account.DONOR, p), 201).getLong("id");
    long id =
        ok(
                app.post(
                    "/api/v1/needs/" + need + "/claims",
                    Account.DONOR,
                    new JsonObject().put("pledgeId", pledge).put("quantity", yuan)),
                201)
            .getLong("id");
    ok(
        app.post(
            "/api/v1/allocations/" + id + "/deliver",
            Account.DONOR,
            new JsonObject().put("note", "已转账")),
        200);
    ok(
        app.post(
            "/api/v1/allocations/" + id + "/receive",
            Account.SECRETARY,
            Samples.receiptWithPhoto("已入账")),
        200);
    return id;
  }

  /** As {@link #received}, outside any campaign, then verified: its id. */
  public static long verified(TestApp app, long yuan) {
    long id = received(app, yuan, null);
    ok(app.post("/api/v1/allocations/" + id + "/verify", Account.REVIEWER, null), 200);
    return id;
  }

  private static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }
}
