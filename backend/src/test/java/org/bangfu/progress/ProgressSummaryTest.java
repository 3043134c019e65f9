package org.bangfu.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.bangfu.demo.DemoContext;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The progress summaries (progress_allocated, progress_monthly) equal what the ledger says —
 * the allocations aggregated the way campaign progress used to aggregate them on every request —
 * after the demo load, after match rounds, random claims and random lifecycle steps through the
 * API, after a transaction that fails half-way, and after a donor's home county changes.
 */
@DisplayName("Campaign progress summaries equal the ledger")
class ProgressSummaryTest {
    static final String ACTIVE = "('proposed','confirmed','delivered','received','verified')";

    /** The ledger's answer: every allocation of every campaign, by the summary's key. */
    static final String LEDGER_BY_STAGE = """
            SELECT p.campaign_id || '|' || region_county(n.village_id) || '|' || n.category || '|' || a.unit || '|'
                   || coalesce(d.home_county, '') || '|' || sum(a.quantity) || '|'
                   || coalesce(sum(a.quantity) FILTER (WHERE a.status IN ('confirmed','delivered','received','verified')), 0) || '|'
                   || coalesce(sum(a.quantity) FILTER (WHERE a.status IN ('delivered','received','verified')), 0) || '|'
                   || coalesce(sum(a.quantity) FILTER (WHERE a.status = 'verified'), 0)
              FROM allocations a JOIN pledges p ON p.id = a.pledge_id JOIN needs n ON n.id = a.need_id
              JOIN donors d ON d.id = p.donor_id
             WHERE p.campaign_id IS NOT NULL AND a.status IN """ + ACTIVE + """

             GROUP BY p.campaign_id, region_county(n.village_id), n.category, a.unit, coalesce(d.home_county, '')""";
    static final String SUMMARY_BY_STAGE = """
            SELECT campaign_id || '|' || county || '|' || category || '|' || unit || '|' || home_county || '|'
                   || allocated || '|' || confirmed || '|' || delivered || '|' || verified
              FROM progress_allocated WHERE allocated <> 0 OR confirmed <> 0 OR delivered <> 0 OR verified <> 0""";
    static final String LEDGER_BY_MONTH = """
            SELECT campaign_id || '|' || month || '|' || unit || '|' || sum(allocated) || '|' || sum(verified) FROM (
                SELECT p.campaign_id, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, a.unit,
                       a.quantity AS allocated, 0 AS verified
                  FROM allocations a JOIN pledges p ON p.id = a.pledge_id
                 WHERE p.campaign_id IS NOT NULL AND a.status IN """ + ACTIVE + """

                UNION ALL
                SELECT p.campaign_id, to_char(a.verified_at AT TIME ZONE 'UTC', 'YYYY-MM'), a.unit, 0, a.quantity
                  FROM allocations a JOIN pledges p ON p.id = a.pledge_id
                 WHERE p.campaign_id IS NOT NULL AND a.status = 'verified') m
             GROUP BY campaign_id, month, unit""";
    static final String SUMMARY_BY_MONTH = """
            SELECT campaign_id || '|' || month || '|' || unit || '|' || allocated || '|' || verified
              FROM progress_monthly WHERE allocated <> 0 OR verified <> 0""";

    static TestApp app;
    static final Random RANDOM = new Random(2018);

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.Data.DEMO);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static TreeSet<String> strings(String sql) {
        TreeSet<String> out = new TreeSet<>();
        app.pool().query(sql).execute().await().forEach(r -> out.add(r.getString(0)));
        return out;
    }

    static void assertSummaryEqualsLedger(String when) {
        TreeSet<String> ledger = strings(LEDGER_BY_STAGE);
        assertThat(strings(SUMMARY_BY_STAGE)).as("by stage, " + when).isEqualTo(ledger);
        assertThat(strings(SUMMARY_BY_MONTH)).as("by month, " + when).isEqualTo(strings(LEDGER_BY_MONTH));
        assertThat(ledger).as("there is something to compare, " + when).isNotEmpty();
    }

    static String token(String username) {
        return app.token(username, DemoContext.DEMO_PASSWORD);
    }

    static List<Row> rows(String sql) {
        List<Row> out = new ArrayList<>();
        app.pool().query(sql).execute().await().forEach(out::add);
        return out;
    }

    @Test
    @DisplayName("after rounds, random claims and random steps, a failed transaction and a donor's move")
    void journeys() {
        assertSummaryEqualsLedger("after the demo load");
        long campaign = rows("SELECT id FROM campaigns WHERE code = 'bqbbc'").get(0).getLong(0);
        String admin = token("admin");

        HttpResponse<Buffer> round = app.call(HttpMethod.POST, "/api/v1/match-rounds", token("tongzhan"),
                new JsonObject().put("campaignId", campaign));
        assertThat(round.statusCode()).as(round.bodyAsString()).isEqualTo(201);
        assertSummaryEqualsLedger("after a round");

        int done = 0;
        for (int step = 0; step < 4; step++) {
            // random claims by donors on needs their pledges may serve
            List<Row> candidates = rows("""
                    SELECT u.username, p.id AS pledge, n.id AS need, least(p.quantity - p.allocated, n.quantity - n.allocated) AS room
                      FROM pledges p JOIN users u ON u.donor_id = p.donor_id AND u.role = 'donor'
                      JOIN needs n ON n.unit = p.unit AND n.status IN ('published','partly_allocated')
                     WHERE p.status = 'open' AND p.campaign_id IS NOT NULL AND p.scope = '{}' AND p.categories = '{}'
                       AND p.max_per_need IS NULL AND p.quantity > p.allocated
                     ORDER BY md5(p.id || '-' || n.id) LIMIT 6""");
            for (Row c : candidates) {
                long q = 1 + RANDOM.nextInt((int) Math.min(5, c.getLong("room")));
                HttpResponse<Buffer> r = app.call(HttpMethod.POST, "/api/v1/needs/" + c.getLong("need") + "/claims",
                        token(c.getString("username")), new JsonObject().put("pledgeId", c.getLong("pledge")).put("quantity", q));
                done += r.statusCode() == 201 ? 1 : 0;
            }
            // random lifecycle steps, as an admin
            for (Row a : rows("SELECT id, status FROM allocations WHERE status IN ('proposed','confirmed','delivered','received') "
                    + "ORDER BY md5(id || '-" + step + "') LIMIT 12")) {
                String action = switch (a.getString("status")) {
                    case "proposed" -> RANDOM.nextInt(3) == 0 ? "decline" : "confirm";
                    case "confirmed" -> "deliver";
                    case "delivered" -> "receive";
                    default -> "verify";
                };
                HttpResponse<Buffer> r = app.call(HttpMethod.POST, "/api/v1/allocations/" + a.getLong("id") + "/" + action,
                        admin, action.equals("confirm") || action.equals("decline") ? new JsonObject()
                                : new JsonObject().put("note", "核实"));
                done += r.statusCode() == 200 ? 1 : 0;
            }
            assertSummaryEqualsLedger("after journey step " + step);
        }
        assertThat(done).as("claims and steps that went through").isGreaterThan(20);

        // a transaction that moves allocations and then fails leaves the summary as it was
        try {
            app.pool().withTransaction(tx -> tx.query("UPDATE allocations SET status = 'verified', verified_at = now() "
                            + "WHERE status = 'received'").execute()
                    .compose(r -> tx.query("SELECT 1/0").execute())).await();
        } catch (RuntimeException expected) {
            // division by zero: rolled back
        }
        assertSummaryEqualsLedger("after a failed transaction");

        // a donor with campaign allocations moves to another home county
        Row donor = rows("""
                SELECT d.id, d.home_county FROM donors d JOIN pledges p ON p.donor_id = d.id AND p.campaign_id IS NOT NULL
                  JOIN allocations a ON a.pledge_id = p.id WHERE d.home_county IS NOT NULL ORDER BY d.id LIMIT 1""").get(0);
        String other = rows("SELECT id FROM regions WHERE level = 'county' AND id <> '" + donor.getString("home_county")
                + "' ORDER BY id LIMIT 1").get(0).getString(0);
        app.pool().preparedQuery("UPDATE donors SET home_county = $2 WHERE id = $1")
                .execute(Tuple.of(donor.getLong("id"), other)).await();
        assertSummaryEqualsLedger("after a donor's home county changed");
    }

    @Test
    @DisplayName("campaign progress answers from the summaries what the ledger holds")
    void progressAnswersFromTheSummary() {
        long campaign = rows("SELECT id FROM campaigns WHERE code = 'bqbbc'").get(0).getLong(0);
        JsonObject p = app.call(HttpMethod.GET, "/api/v1/campaigns/" + campaign + "/progress", token("tongzhan"), null)
                .bodyAsJsonObject();
        long allocatedCny = rows("SELECT coalesce(sum(a.quantity), 0) FROM allocations a JOIN pledges pl ON pl.id = a.pledge_id "
                + "WHERE pl.campaign_id = " + campaign + " AND a.unit = 'CNY' AND a.status IN " + ACTIVE).get(0).getLong(0);
        assertThat(p.getJsonObject("totals").getJsonObject("allocated").getLong("CNY", 0L)).isEqualTo(allocatedCny);
        assertThat(allocatedCny).isPositive();
    }
}
