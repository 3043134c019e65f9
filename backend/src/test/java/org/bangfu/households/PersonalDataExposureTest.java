package org.bangfu.households;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bangfu.demo.DemoContext;
import org.bangfu.privacy.Masking;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * On the demo marketplace (hundreds of households, needs and allocations): donors, the united
 * front, auditors and the public never see household personal data, neither clear nor masked; the
 * village's own secretary sees it masked; and it is encrypted at rest.
 */
@DisplayName("Household personal data never reaches donors or the public")
class PersonalDataExposureTest {
  static TestApp app;
  static final Set<String> secrets = new HashSet<>();
  static final List<String> visited = new ArrayList<>();

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
    PersonalDataCipher cipher = PersonalDataCipher.resolve(null, app.pool()).await();
    Set<String> donorNames = new HashSet<>();
    app.pool()
        .query("SELECT name FROM donors")
        .execute()
        .await()
        .forEach(r -> donorNames.add(r.getString("name")));
    for (Row h :
        app.pool()
            .query("SELECT head_name, id_number_enc, phone_enc, address_enc FROM households")
            .execute()
            .await()) {
      String id = cipher.decrypt("household.idNumber", h.getBuffer("id_number_enc").getBytes());
      String phone = cipher.decrypt("household.phone", h.getBuffer("phone_enc").getBytes());
      String address = cipher.decrypt("household.address", h.getBuffer("address_enc").getBytes());
      secrets.add(id);
      secrets.add(Masking.idNumber(id));
      secrets.add(id.substring(6, 14)); // the birth date inside the ID number
      secrets.add(phone);
      secrets.add(Masking.phone(phone));
      secrets.add(address);
      // an invented head name may also be (part of) an invented donor's name: that is the donor's,
      // not a leak
      if (donorNames.stream().noneMatch(n -> n.contains(h.getString("head_name")))) {
        secrets.add(h.getString("head_name"));
      }
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String token(String username) {
    return app.token(username, DemoContext.DEMO_PASSWORD);
  }

  static JsonObject get(String path, String token) {
    HttpResponse<Buffer> r = app.call(HttpMethod.GET, path, token, null);
    assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isEqualTo(200);
    String body = r.bodyAsString();
    for (String key : List.of("\"idNumber\"", "\"phone\"", "\"address\"", "\"headName\"")) {
      assertThat(body).as(path + " carries " + key).doesNotContain(key);
    }
    for (String s : secrets) {
      assertThat(body).as(path + " leaks household data").doesNotContain(s);
    }
    visited.add(path);
    return r.bodyAsJsonObject();
  }

  /** Every response a donor, the united front, an auditor or the public can get, walked. */
  @Test
  @DisplayName(
      "no donor-visible or public response carries a household's ID number, phone, address or name")
  void walkEverything() {
    assertThat(secrets).hasSizeGreaterThan(300);
    for (String who : new String[] {null, "qiye-1", "qiaoqin-1", "tongzhan", "shenji"}) {
      String t = who == null ? null : token(who);
      for (int page = 1; page <= 5; page++) {
        JsonArray needs = get("/api/v1/needs?size=100&page=" + page, t).getJsonArray("items");
        for (int i = 0; i < needs.size(); i += 25) {
          get("/api/v1/needs/" + needs.getJsonObject(i).getLong("id"), t);
        }
      }
      get("/api/v1/needs?category=housing,health,education&size=100", t);
      get("/api/v1/public/board?size=100", t);
      JsonArray campaigns = get("/api/v1/campaigns", t).getJsonArray("items");
      for (int i = 0; i < campaigns.size(); i++) {
        get("/api/v1/campaigns/" + campaigns.getJsonObject(i).getLong("id") + "/progress", t);
      }
      if (t == null) {
        continue;
      }
      JsonArray donors = get("/api/v1/donors?size=100", t).getJsonArray("items");
      get("/api/v1/donors/" + donors.getJsonObject(0).getLong("id"), t);
      JsonArray allocations = get("/api/v1/allocations?size=100", t).getJsonArray("items");
      for (int i = 0; i < allocations.size(); i += 10) {
        get("/api/v1/allocations/" + allocations.getJsonObject(i).getLong("id"), t);
      }
      if (!who.startsWith("qi")) {
        get("/api/v1/pledges?size=100", t);
        JsonArray rounds = get("/api/v1/match-rounds", t).getJsonArray("items");
        if (!rounds.isEmpty()) {
          get("/api/v1/match-rounds/" + rounds.getJsonObject(0).getLong("id"), t);
        }
      } else {
        get("/api/v1/pledges?size=100", t);
      }
      if (who.equals("shenji")) {
        get("/api/v1/audit?size=100", t);
      }
    }
    assertThat(visited).hasSizeGreaterThan(80);
  }

  static Set<String> statuses(String path, String user) {
    JsonArray items =
        app.call(HttpMethod.GET, path, token(user), null).bodyAsJsonObject().getJsonArray("items");
    Set<String> out = new HashSet<>();
    items.forEach(o -> out.add(((JsonObject) o).getString("status")));
    return out;
  }

  static String village(String secretary) {
    return app.call(HttpMethod.GET, "/api/v1/me", token(secretary), null)
        .bodyAsJsonObject()
        .getString("villageId");
  }

  @Test
  @DisplayName("the village's secretary sees its households masked; a donor asking is refused")
  void secretarySeesMasked() {
    String sec = token("shuji-anxi");
    HttpResponse<Buffer> r = app.call(HttpMethod.GET, "/api/v1/households", sec, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject h = r.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(h.getString("idNumber")).matches("\\d{6}\\*{8}[0-9X]{4}");
    assertThat(h.getString("phone")).matches("1\\d{2}\\*{4}\\d{4}");
    assertThat(h.getString("address")).endsWith("***").doesNotContain("号");
    assertThat(app.call(HttpMethod.GET, "/api/v1/households", token("qiye-1"), null).statusCode())
        .isEqualTo(403);
    assertThat(app.call(HttpMethod.GET, "/api/v1/households", (String) null, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  @DisplayName("at rest, the database holds no ID number, phone or address in clear")
  void encryptedAtRest() {
    Row r =
        app.pool()
            .query(
                "SELECT string_agg(encode(id_number_enc, 'escape') || encode(phone_enc, 'escape'), '') AS raw "
                    + "FROM households")
            .execute()
            .await()
            .iterator()
            .next();
    String raw = r.getString("raw");
    long clear =
        secrets.stream()
            .filter(s -> s.matches("\\d{11,18}|\\d{17}X"))
            .filter(raw::contains)
            .count();
    assertThat(clear).isZero();
  }

  @Test
  @DisplayName("the demo shows needs and allocations in every state, and progress answers fast")
  void livingMarketplace() {
    Set<String> needStates = new HashSet<>();
    app.pool()
        .query("SELECT DISTINCT status FROM needs")
        .execute()
        .await()
        .forEach(r -> needStates.add(r.getString(0)));
    assertThat(needStates)
        .contains(
            "draft",
            "submitted",
            "published",
            "rejected",
            "partly_allocated",
            "allocated",
            "fulfilled",
            "verified",
            "expired",
            "withdrawn");
    Set<String> allocationStates = new HashSet<>();
    app.pool()
        .query("SELECT DISTINCT status FROM allocations")
        .execute()
        .await()
        .forEach(r -> allocationStates.add(r.getString(0)));
    assertThat(allocationStates)
        .contains(
            "proposed", "confirmed", "declined", "delivered", "received", "verified", "expired");
    Set<String> pledgeStates = new HashSet<>();
    app.pool()
        .query("SELECT DISTINCT status FROM pledges")
        .execute()
        .await()
        .forEach(r -> pledgeStates.add(r.getString(0)));
    assertThat(pledgeStates).contains("open", "withdrawn", "expired");
    // the counters agree with the allocations they hold
    Row bad =
        app.pool()
            .query(
                """
                SELECT count(*) FROM needs n WHERE n.allocated <> coalesce((SELECT sum(quantity) FROM allocations a
                 WHERE a.need_id = n.id AND a.status IN ('proposed','confirmed','delivered','received','verified')), 0)""")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(bad.getLong(0)).isZero();
    // every workspace has something to do: a donor proposals to confirm, a secretary deliveries to
    // receive and drafts to submit, a reviewer submissions to publish and receipts to verify
    assertThat(statuses("/api/v1/allocations?size=100", "qiye-1"))
        .contains("proposed", "confirmed");
    assertThat(statuses("/api/v1/needs?size=100&village=" + village("shuji-anxi"), "shuji-anxi"))
        .contains("draft", "submitted", "rejected", "published", "verified");
    assertThat(statuses("/api/v1/allocations?size=100", "shuji-anxi"))
        .contains("delivered", "received", "verified");
    assertThat(statuses("/api/v1/needs?size=100&status=submitted", "fpb-anxi"))
        .contains("submitted");
    assertThat(statuses("/api/v1/allocations?size=100&status=received", "fpb-anxi"))
        .contains("received");
    String uf = token("tongzhan");
    long t0 = System.nanoTime();
    JsonObject progress = get("/api/v1/campaigns/1/progress", uf);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).as("progress answered in %d ms", ms).isLessThan(1000);
    assertThat(progress.getJsonObject("totals").getLong("donorsEnrolled")).isPositive();
    assertThat(progress.getJsonArray("byCounty")).isNotEmpty();
  }
}
