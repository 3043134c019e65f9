package org.bangfu.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.bangfu.privacy.Masking;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.testing.TestApp;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The open-data feed on the demo data: every page and the daily dump validate against the 360Giving
 * schema kept in the repository; the feed's yuan add up to the ledger's; each step names the one
 * before and links its audit record's proof; the traceability figure is the feed's own; and a crawl
 * of the feed, the board, its totals, its export and the village counts finds no household's ID
 * number, phone, address or name (decrypted from the demo's households to know what to look for).
 */
@DisplayName(
    "Open data: the feed follows the 360Giving schema, adds up to the ledger and names no household")
class OpenDataFeedTest {
  static TestApp app;
  static Schema schema;
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> secrets = new HashSet<>();
  static final List<JsonObject> donorGrants = new ArrayList<>();
  static final List<JsonObject> fiscalGrants = new ArrayList<>();
  static final List<String> crawled = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start(TestApp.Data.DEMO);
    try (InputStream in =
        OpenDataFeedTest.class
            .getClassLoader()
            .getResourceAsStream(OpenDataService.SCHEMA_RESOURCE)) {
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
              .getSchema(
                  new String(in.readAllBytes(), StandardCharsets.UTF_8),
                  com.networknt.schema.InputFormat.JSON);
    }
    householdSecrets();
    donorGrants.addAll(crawl("donor"));
    fiscalGrants.addAll(crawl("fiscal"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /**
   * Every ID number, phone, address and head name of the demo's households, in clear and masked.
   */
  static void householdSecrets() {
    PersonalDataCipher cipher = PersonalDataCipher.resolve(null, app.pool()).await();
    Set<String> donorNames = new HashSet<>();
    app.pool()
        .query("SELECT name FROM donors")
        .execute()
        .await()
        .forEach(r -> donorNames.add(r.getString(0)));
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
      secrets.add(id.substring(6, 14));
      secrets.add(phone);
      secrets.add(Masking.phone(phone));
      secrets.add(address);
      // an invented head name may be part of an invented donor's name: the donor's, not a leak
      if (donorNames.stream().noneMatch(n -> n.contains(h.getString("head_name")))) {
        secrets.add(h.getString("head_name"));
      }
    }
    assertThat(secrets).hasSizeGreaterThan(300);
  }

  /** The body of a public GET, checked for household data. */
  static String publicBody(String path) {
    HttpResponse<Buffer> r = app.call(HttpMethod.GET, path, (String) null, null);
    assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isEqualTo(200);
    noHouseholdData(path, r.bodyAsString());
    return r.bodyAsString();
  }

  static void noHouseholdData(String where, String text) {
    for (String key : List.of("\"idNumber\"", "\"phone\"", "\"address\"", "\"headName\"")) {
      assertThat(text).as(where + " carries " + key).doesNotContain(key);
    }
    for (String s : secrets) {
      assertThat(text).as(where + " leaks household data").doesNotContain(s);
    }
    crawled.add(where);
  }

  static void valid(String where, String json) throws Exception {
    List<com.networknt.schema.Error> errors = schema.validate(JSON.readTree(json));
    assertThat(errors).as(where + " against the 360Giving schema").isEmpty();
  }

  /** Every page of a flow, each validated against the schema and crawled for household data. */
  static List<JsonObject> crawl(String flow) throws Exception {
    List<JsonObject> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      String path = "/api/v1/public/open-data/grants?flow=" + flow + "&size=100&page=" + page;
      String body = publicBody(path);
      valid(path, body);
      JsonArray grants = new JsonObject(body).getJsonArray("grants");
      grants.forEach(g -> all.add((JsonObject) g));
      if (grants.size() < 100) {
        return all;
      }
    }
  }

  static long sql(String query) {
    Long v = app.pool().query(query).execute().await().iterator().next().getLong(0);
    return v == null ? 0 : v;
  }

  @Test
  @DisplayName(
      "every page of both flows validates against the schema, and the schema catches a broken grant")
  void validatesAgainstTheSchema() throws Exception {
    assertThat(donorGrants).hasSizeGreaterThan(50);
    assertThat(fiscalGrants).isNotEmpty();
    // the schema is the one the feed serves
    assertThat(publicBody("/api/v1/public/open-data/schema")).contains("360Giving");
    // a grant without its funder, or with a step of no known kind, does not pass
    JsonObject broken = donorGrants.get(0).copy();
    broken.remove("fundingOrganization");
    assertThat(
            schema.validate(
                JSON.readTree(
                    new JsonObject().put("grants", new JsonArray().add(broken)).encode())))
        .isNotEmpty();
    JsonObject oddStep = donorGrants.get(0).copy();
    oddStep.getJsonObject("bangfu").getJsonArray("steps").getJsonObject(0).put("step", "teleport");
    assertThat(
            schema.validate(
                JSON.readTree(
                    new JsonObject().put("grants", new JsonArray().add(oddStep)).encode())))
        .isNotEmpty();
    // one grant on its own
    long id =
        Long.parseLong(donorGrants.get(0).getString("id").replace("360G-bangfu-allocation-", ""));
    String one = publicBody("/api/v1/public/open-data/allocations/" + id);
    valid("one grant", "{\"grants\":[" + one + "]}");
  }

  @Test
  @DisplayName(
      "the feed's yuan equal the ledger's, for donors and fiscal programmes, and the board's total too")
  void totalsEqualTheLedger() {
    long verified =
        sql("SELECT sum(quantity) FROM allocations WHERE status = 'verified' AND unit = 'CNY'");
    long moved =
        sql(
            "SELECT sum(quantity) FROM allocations WHERE unit = 'CNY' AND status IN ('confirmed','delivered','received','verified')");
    assertThat(verified).isPositive();
    assertThat(sum(donorGrants, "amountAwarded", "verified")).isEqualTo(verified);
    assertThat(sum(donorGrants, "amountAwarded", null)).isEqualTo(moved);
    assertThat(donorGrants)
        .hasSize(
            (int)
                sql(
                    "SELECT count(*) FROM allocations WHERE unit = 'CNY' AND status IN ('confirmed','delivered','received','verified')"));
    assertThat(sum(fiscalGrants, "amountAwarded", null))
        .isEqualTo(sql("SELECT sum(amount) FROM fund_project_sources"));
    assertThat(sum(fiscalGrants, "amountDisbursed", null))
        .isEqualTo(sql("SELECT sum(disbursed) FROM fund_programmes"));
    JsonObject totals = new JsonObject(publicBody("/api/v1/public/board/totals"));
    assertThat(totals.getJsonObject("amounts").getLong("CNY")).isEqualTo(verified);
    long byCounty = 0;
    for (Object o : totals.getJsonArray("byCounty")) {
      byCounty += ((JsonObject) o).getJsonObject("amounts").getLong("CNY", 0L);
    }
    assertThat(byCounty).as("the counties add up to the total").isEqualTo(verified);
    long byYear = 0;
    for (Object o : totals.getJsonArray("byYear")) {
      byYear += ((JsonObject) o).getJsonObject("amounts").getLong("CNY", 0L);
    }
    assertThat(byYear).as("the years add up to the total").isEqualTo(verified);
    assertThat(totals.getJsonArray("byCampaign")).isNotEmpty();
    // a year's filter keeps that year's help only
    JsonObject first = totals.getJsonArray("byYear").getJsonObject(0);
    JsonObject year =
        new JsonObject(publicBody("/api/v1/public/board/totals?year=" + first.getString("key")));
    assertThat(year.getJsonObject("amounts")).isEqualTo(first.getJsonObject("amounts"));
  }

  static long sum(List<JsonObject> grants, String field, String status) {
    return grants.stream()
        .filter(g -> status == null || status.equals(g.getJsonObject("bangfu").getString("status")))
        .mapToLong(g -> g.getLong(field))
        .sum();
  }

  @Test
  @DisplayName(
      "each step names the one before and links its audit record's inclusion proof; traceability is the feed's")
  void chainsAndTraceability() {
    int withAudit = 0;
    for (JsonObject g : donorGrants) {
      JsonArray steps = g.getJsonObject("bangfu").getJsonArray("steps");
      assertThat(steps.getJsonObject(0).getString("step")).isEqualTo("pledge");
      assertThat(steps.getJsonObject(0).getValue("previous")).isNull();
      for (int i = 1; i < steps.size(); i++) {
        assertThat(steps.getJsonObject(i).getString("previous"))
            .isEqualTo(steps.getJsonObject(i - 1).getString("id"));
      }
      assertThat(g.getJsonArray("relatedActivity").getString(0))
          .isEqualTo(steps.getJsonObject(0).getString("id"));
      for (Object o : steps) {
        JsonObject s = (JsonObject) o;
        if (s.getLong("auditRecord") != null) {
          withAudit++;
          assertThat(s.getString("proof")).endsWith("?id=" + s.getLong("auditRecord"));
        }
      }
    }
    assertThat(withAudit).as("the demo's pledges were written with audit records").isPositive();
    // the figure is what the feed's own flags say
    long unbroken =
        donorGrants.stream()
            .filter(g -> g.getJsonObject("bangfu").getBoolean("unbroken"))
            .mapToLong(g -> g.getLong("amountAwarded"))
            .sum();
    long fiscalUnbroken =
        fiscalGrants.stream()
            .filter(g -> g.getJsonObject("bangfu").getBoolean("unbroken"))
            .mapToLong(g -> g.getLong("amountDisbursed"))
            .sum();
    JsonObject t = new JsonObject(publicBody("/api/v1/public/open-data/traceability"));
    JsonObject donor = t.getJsonArray("flows").getJsonObject(0);
    assertThat(donor.getString("flow")).isEqualTo("donor");
    assertThat(donor.getLong("unbrokenAmount")).isEqualTo(unbroken);
    assertThat(t.getJsonArray("flows").getJsonObject(1).getLong("unbrokenAmount"))
        .isEqualTo(fiscalUnbroken);
    assertThat(t.getDouble("share")).isBetween(0.0, 1.0);
    assertThat(
            new JsonObject(publicBody("/api/v1/public/board/totals")).getJsonObject("traceability"))
        .isEqualTo(t);
    // an unbroken chain has every step, ending on the notice
    donorGrants.stream()
        .filter(g -> g.getJsonObject("bangfu").getBoolean("unbroken"))
        .forEach(
            g -> {
              JsonArray steps = g.getJsonObject("bangfu").getJsonArray("steps");
              assertThat(steps.stream().map(s -> ((JsonObject) s).getString("step")))
                  .containsExactly(
                      "pledge", "allocation", "delivery", "receipt", "verification", "notice");
            });
  }

  @Test
  @DisplayName(
      "the daily dump is made by the job, validates, holds every grant and names no household")
  void dailyDump() throws Exception {
    // both runs of the job below fall on one day where dumps are dated, whatever the hour the test
    // runs at (run in the hour before midnight there, the second run made the next day's dump)
    ZoneId zone = TestApp.config(Map.of()).oversight().zone();
    ZonedDateTime now = app.clock().instant().atZone(zone);
    if (!now.plusHours(3).toLocalDate().equals(now.toLocalDate())) {
      app.clock().set(now.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant());
    }
    app.clock().advance(Duration.ofHours(1).plusMinutes(1));
    app.runDueJobs();
    JsonArray dumps =
        new JsonObject(publicBody("/api/v1/public/open-data/dumps")).getJsonArray("items");
    assertThat(dumps).hasSize(1);
    JsonObject d = dumps.getJsonObject(0);
    assertThat(d.getInteger("grants")).isEqualTo(donorGrants.size() + fiscalGrants.size());
    HttpResponse<Buffer> r =
        app.call(
            HttpMethod.GET, d.getString("href").replace("/api/v1", "/api/v1"), (String) null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    byte[] gz = r.body().getBytes();
    assertThat(OpenDataService.sha256(gz)).isEqualTo(d.getString("sha256"));
    String json;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    valid("the dump", json);
    noHouseholdData("the dump", json);
    JsonNode grants = JSON.readTree(json).get("grants");
    assertThat(grants.size()).isEqualTo(donorGrants.size() + fiscalGrants.size());
    // made once a day
    app.clock().advance(Duration.ofHours(1).plusMinutes(1));
    app.runDueJobs();
    assertThat(new JsonObject(publicBody("/api/v1/public/open-data/dumps")).getJsonArray("items"))
        .hasSize(1);
  }

  @Test
  @DisplayName(
      "a crawl of the feed, the board, its totals, its export and the village counts finds no household")
  void noHouseholdAnywhere() throws Exception {
    for (int page = 1; ; page++) {
      JsonArray items =
          new JsonObject(publicBody("/api/v1/public/board?size=100&page=" + page))
              .getJsonArray("items");
      if (items.size() < 100) {
        break;
      }
    }
    publicBody("/api/v1/public/board/totals");
    for (int page = 1; ; page++) {
      JsonArray items =
          new JsonObject(publicBody("/api/v1/public/open-data/villages?size=100&page=" + page))
              .getJsonArray("items");
      items.forEach(v -> assertThat(((JsonObject) v).getLong("households")).isNotNegative());
      if (items.size() < 100) {
        break;
      }
    }
    HttpResponse<Buffer> xlsx =
        app.call(HttpMethod.GET, "/api/v1/exports/board.xlsx", (String) null, null);
    assertThat(xlsx.statusCode()).isEqualTo(200);
    StringBuilder cells = new StringBuilder();
    int rows = 0;
    try (ReadableWorkbook wb =
        new ReadableWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
      for (org.dhatim.fastexcel.reader.Row row : wb.getFirstSheet().read()) {
        rows++;
        for (int i = 0; i < row.getCellCount(); i++) {
          cells.append(row.getCellText(i)).append('\t');
        }
        cells.append('\n');
      }
    }
    assertThat(rows - 1)
        .isEqualTo((int) sql("SELECT count(*) FROM allocations WHERE status = 'verified'"));
    noHouseholdData("the board's export", cells.toString());
    // the feed's pages were crawled when the class started
    assertThat(crawled.size()).isGreaterThan(10);
  }
}
