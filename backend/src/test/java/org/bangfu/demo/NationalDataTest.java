package org.bangfu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.allocations.LedgerStatements;
import org.bangfu.households.IdNumbers;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The national data set, built small (factor 0.002: 22 counties, 256 villages, 2,000 needs and
 * allocations), keeps every rule of the API: counters are the sums of the active allocations,
 * statuses follow them, the audit chain verifies through the API and goes on after the load, the
 * personal fields open with the deployment's key, the national accounts sign in.
 */
@DisplayName("National data set (small factor)")
class NationalDataTest {
  static final double FACTOR = 0.002;
  static TestApp app;
  static NationalData.Summary summary;
  static long firstNeed;
  static long lastNeed;
  static long firstPledge;
  static long lastAllocation;

  @BeforeAll
  static void load() {
    app = TestApp.start(TestApp.Data.EMPTY);
    summary =
        NationalData.load(app.vertx(), app.pool(), app.database(), FACTOR, Clock.systemUTC())
            .await();
    firstNeed = count("SELECT min(id) FROM needs WHERE village_id NOT LIKE '35%'");
    lastNeed = count("SELECT max(id) FROM needs");
    lastAllocation = count("SELECT max(id) FROM allocations");
    firstPledge =
        count(
            "SELECT min(id) FROM pledges WHERE donor_id IN (SELECT donor_id FROM users WHERE username LIKE 'donor-%')");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long count(String sql, Object... args) {
    return app.pool()
        .preparedQuery(sql)
        .execute(Tuple.from(args))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  static String auditorToken() {
    return app.token("shenji", DemoContext.DEMO_PASSWORD);
  }

  @Test
  @DisplayName("the world has the scaled sizes, and the demo is still there")
  void sizes() {
    assertThat(summary.rows().get("counties"))
        .isEqualTo(
            count("SELECT count(*) FROM regions WHERE level = 'county' AND id NOT LIKE '35%'"))
        .isBetween(22L, 40L);
    assertThat(count("SELECT count(*) FROM regions WHERE level = 'village' AND id NOT LIKE '35%'"))
        .isEqualTo(256);
    assertThat(count("SELECT count(*) FROM households h WHERE h.village_id NOT LIKE '35%'"))
        .isEqualTo(4000);
    assertThat(count("SELECT count(*) FROM needs WHERE id BETWEEN $1 AND $2", firstNeed, lastNeed))
        .isEqualTo(2000);
    assertThat(
            count(
                "SELECT count(*) FROM allocations a JOIN needs n ON n.id = a.need_id "
                    + "WHERE n.village_id NOT LIKE '35%' AND a.id <= $1",
                lastAllocation))
        .isEqualTo(summary.rows().get("allocations"))
        .isBetween(1900L, 2000L);
    assertThat(count("SELECT count(DISTINCT status) FROM allocations")).isEqualTo(7);
    assertThat(count("SELECT count(*) FROM users WHERE username IN ('admin', 'shenji', 'qiye-1')"))
        .isEqualTo(3);
    assertThat(summary.millis()).isPositive();
  }

  @Test
  @DisplayName(
      "every campaign's progress, read from the summaries rebuilt after the load, equals the ledger")
  void progressSummaries() {
    org.bangfu.progress.ProgressOracle.assertSummariesEqualLedger(
        app, app.token("tongzhan", DemoContext.DEMO_PASSWORD), "after the national load");
    assertThat(count("SELECT count(*) FROM campaign_allocations"))
        .as("allocations counted for a campaign")
        .isGreaterThan(1000);
    assertThat(count("SELECT count(*) FROM campaign_needs WHERE need_id >= $1", firstNeed))
        .as("national needs counted for a campaign")
        .isPositive();
  }

  @Test
  @DisplayName("every village's kept delivery count, rebuilt after the load, equals the ledger")
  void villageDeliveries() {
    String ledger =
        "SELECT v.id, (SELECT count(*) FROM needs n JOIN allocations al ON al.need_id = n.id "
            + "WHERE n.village_id = v.id AND al.delivered_at IS NOT NULL "
            + "AND al.status NOT IN ('declined', 'expired')) AS delivered "
            + "FROM regions v WHERE v.level = 'village'";
    assertThat(
            count(
                "SELECT count(*) FROM (("
                    + ledger
                    + ") EXCEPT SELECT village_id, delivered FROM village_deliveries) d"))
        .isZero();
    assertThat(count("SELECT count(*) FROM village_deliveries WHERE delivered > 0"))
        .isGreaterThan(100);
  }

  @Test
  @DisplayName("every counter is the sum of its active allocations; nothing is over-allocated")
  void counters() {
    String active = org.bangfu.allocations.AllocationStatus.ACTIVE_SQL;
    assertThat(
            count(
                "SELECT count(*) FROM needs n WHERE n.allocated <> coalesce((SELECT sum(a.quantity) "
                    + "FROM allocations a WHERE a.need_id = n.id AND a.status IN "
                    + active
                    + "), 0)"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM pledges p WHERE p.allocated <> coalesce((SELECT sum(a.quantity) "
                    + "FROM allocations a WHERE a.pledge_id = p.id AND a.status IN "
                    + active
                    + "), 0)"))
        .isZero();
    assertThat(count("SELECT count(*) FROM needs WHERE allocated > quantity")).isZero();
    assertThat(count("SELECT count(*) FROM pledges WHERE allocated > quantity")).isZero();
    assertThat(count("SELECT count(*) FROM needs WHERE allocated > 0")).isGreaterThan(1000);
    assertThat(
            count(
                "SELECT count(*) FROM allocations a JOIN needs n ON n.id = a.need_id "
                    + "WHERE a.unit <> n.unit"))
        .isZero();
  }

  @Test
  @DisplayName(
      "loaded needs' and pledges' statuses are what the ledger would set, allocations' what their history says")
  void statuses() {
    String needsNow = "SELECT md5(string_agg(id || status, ',' ORDER BY id)) FROM needs";
    String pledgesNow = "SELECT md5(string_agg(id || status, ',' ORDER BY id)) FROM pledges";
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    try {
      app.pool()
          .withTransaction(
              tx ->
                  tx.query(needsNow)
                      .execute()
                      .compose(
                          r -> {
                            before.add(r.iterator().next().getString(0));
                            return tx.query(pledgesNow).execute();
                          })
                      .compose(
                          r -> {
                            before.add(r.iterator().next().getString(0));
                            return tx.query(
                                    "SELECT array_agg(id) FROM needs WHERE id >= " + firstNeed)
                                .execute();
                          })
                      .compose(
                          r ->
                              tx.preparedQuery(LedgerStatements.REFRESH_NEEDS)
                                  .execute(Tuple.of(r.iterator().next().getArrayOfLongs(0))))
                      .compose(
                          r ->
                              tx.query(
                                      "SELECT array_agg(id) FROM pledges WHERE id >= "
                                          + firstPledge)
                                  .execute())
                      .compose(
                          r ->
                              tx.preparedQuery(LedgerStatements.REFRESH_PLEDGES)
                                  .execute(Tuple.of(r.iterator().next().getArrayOfLongs(0))))
                      .compose(r -> tx.query(needsNow).execute())
                      .compose(
                          r -> {
                            after.add(r.iterator().next().getString(0));
                            return tx.query(pledgesNow).execute();
                          })
                      .compose(
                          r -> {
                            after.add(r.iterator().next().getString(0));
                            return io.vertx.core.Future.failedFuture("roll back");
                          }))
          .await();
    } catch (RuntimeException expected) {
      // rolled back on purpose: the refresh was only to compare
    }
    assertThat(after).hasSize(2).isEqualTo(before);
    assertThat(
            count(
                """
                SELECT count(*) FROM allocations a WHERE a.status <> (SELECT h.status FROM allocation_history h
                 WHERE h.allocation_id = a.id ORDER BY h.at DESC, h.id DESC LIMIT 1)"""))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM allocations WHERE status = 'verified' AND verified_at IS NULL"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM needs WHERE status IN ('published','partly_allocated','allocated',"
                    + "'fulfilled','verified') AND published_at IS NULL"))
        .isZero();
  }

  @Test
  @DisplayName("the audit chain verifies through the API, also after a new write continues it")
  void auditChain() {
    long rows = count("SELECT count(*) FROM audit_log");
    assertThat(rows).isGreaterThan(7000);
    JsonObject v =
        app.call(HttpMethod.GET, "/api/v1/audit/verify", auditorToken(), null).bodyAsJsonObject();
    assertThat(v.getBoolean("intact")).as(v.encode()).isTrue();
    assertThat(v.getLong("checked")).isEqualTo(rows);

    // a national secretary posts a need: the trigger chains it after the loaded rows
    Row sec =
        app.pool()
            .query(
                "SELECT username, village_id FROM users WHERE username LIKE 'shuji-%' "
                    + "AND village_id NOT LIKE '35%' ORDER BY id LIMIT 1")
            .execute()
            .await()
            .iterator()
            .next();
    String token = app.token(sec.getString("username"), DemoContext.DEMO_PASSWORD);
    HttpResponse<Buffer> created =
        app.call(
            HttpMethod.POST,
            "/api/v1/needs",
            token,
            new JsonObject()
                .put("villageId", sec.getString("village_id"))
                .put("category", "education")
                .put("unit", "CNY")
                .put("quantity", 5000)
                .put("priority", 3)
                .put("title", "助学"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject again =
        app.call(HttpMethod.GET, "/api/v1/audit/verify", auditorToken(), null).bodyAsJsonObject();
    assertThat(again.getBoolean("intact")).isTrue();
    assertThat(again.getLong("checked")).isEqualTo(rows + 1);
  }

  @Test
  @DisplayName("personal fields are real ciphertexts under the deployment's key")
  void personalData() {
    PersonalDataCipher cipher = PersonalDataCipher.resolve(app.pool()).await();
    Row h =
        app.pool()
            .query(
                "SELECT id_number_enc, id_number_digest, phone_enc FROM households "
                    + "WHERE village_id NOT LIKE '35%' ORDER BY id DESC LIMIT 1")
            .execute()
            .await()
            .iterator()
            .next();
    String id = cipher.decrypt("household.idNumber", h.getBuffer("id_number_enc").getBytes());
    assertThat(IdNumbers.valid(id)).as(id).isTrue();
    assertThat(h.getBuffer("id_number_digest").getBytes())
        .isEqualTo(cipher.digest("household.idNumber", id));
    assertThat(cipher.decrypt("household.phone", h.getBuffer("phone_enc").getBytes()))
        .matches("1[3-9][0-9]{9}");
    assertThat(count("SELECT count(DISTINCT id_number_enc) FROM households"))
        .isEqualTo(count("SELECT count(*) FROM households"));
  }

  @Test
  @DisplayName(
      "a county's reviewer signs in and sees that county's review queue; a donor claims on a national need")
  void accounts() {
    Row busiest =
        app.pool()
            .query(
                """
                SELECT region_county(village_id) AS county, count(*) AS n FROM needs
                 WHERE status = 'submitted' AND village_id NOT LIKE '35%' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1""")
            .execute()
            .await()
            .iterator()
            .next();
    String token = app.token("fpb-" + busiest.getString("county"), DemoContext.DEMO_PASSWORD);
    JsonObject queue =
        app.call(HttpMethod.GET, "/api/v1/needs?status=submitted&size=100", token, null)
            .bodyAsJsonObject();
    assertThat(queue.getLong("total")).isEqualTo(busiest.getLong("n"));

    Row open =
        app.pool()
            .query(
                """
                SELECT p.id AS pledge, p.donor_id, n.id AS need, least(p.quantity - p.allocated, n.quantity - n.allocated) AS q,
                       n.quantity - n.allocated AS need_left, p.quantity - p.allocated AS pledge_left
                  FROM pledges p JOIN needs n ON n.unit = p.unit
                 WHERE p.status = 'open' AND p.donor_id IN (SELECT donor_id FROM users WHERE username LIKE 'donor-%') AND p.scope = '{}' AND p.categories = '{}' AND p.max_per_need IS NULL
                   AND n.status IN ('published', 'partly_allocated') AND n.village_id NOT LIKE '35%'
                   AND p.quantity > p.allocated
                 ORDER BY p.id, n.id LIMIT 1""")
            .execute()
            .await()
            .iterator()
            .next();
    String donor = app.token("donor-" + open.getLong("donor_id"), DemoContext.DEMO_PASSWORD);
    HttpResponse<Buffer> claim =
        app.call(
            HttpMethod.POST,
            "/api/v1/needs/" + open.getLong("need") + "/claims",
            donor,
            new JsonObject().put("pledgeId", open.getLong("pledge")).put("quantity", 1));
    assertThat(claim.statusCode()).as(claim.bodyAsString()).isEqualTo(201);
    assertThat(count("SELECT quantity - allocated FROM needs WHERE id = $1", open.getLong("need")))
        .isEqualTo(open.getLong("need_left") - 1);
    assertThat(
            count("SELECT quantity - allocated FROM pledges WHERE id = $1", open.getLong("pledge")))
        .isEqualTo(open.getLong("pledge_left") - 1);
  }

  @Test
  @DisplayName(
      "a list with more than 1,000 matches says 1,000 and that it is capped; a narrower one is exact")
  void cappedCounts() {
    JsonObject all =
        app.call(HttpMethod.GET, "/api/v1/needs?size=20", (String) null, null).bodyAsJsonObject();
    assertThat(
            count(
                "SELECT count(*) FROM needs WHERE status IN ('published','partly_allocated','allocated',"
                    + "'fulfilled','verified')"))
        .isGreaterThan(1000);
    assertThat(all.getLong("total")).isEqualTo(1000);
    assertThat(all.getBoolean("totalCapped")).isTrue();
    assertThat(all.getJsonArray("items")).hasSize(20);
    JsonObject narrow =
        app.call(HttpMethod.GET, "/api/v1/needs?size=20&category=tourism", (String) null, null)
            .bodyAsJsonObject();
    assertThat(narrow.getLong("total"))
        .isEqualTo(
            count(
                "SELECT count(*) FROM needs WHERE category = 'tourism' "
                    + "AND status IN ('published','partly_allocated','allocated','fulfilled','verified')"))
        .isLessThan(1000);
    assertThat(narrow.containsKey("totalCapped")).isFalse();
  }
}
