package org.bangfu.villages;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.demo.DemoContext;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hollow and weak villages by one rule on the demo data: the year is the latest with incomes
 * entered, the counts match a count written here from the rule's words (the income of the year,
 * else the latest before; under 10,000 and under 30,000 yuan), and the villages behind the counts
 * are listed.
 */
@DisplayName("Hollow and weak villages: one rule, its year and the villages behind the count")
class CollectiveGoalsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The rule in its own words, written apart from the server's function. */
  static final String BY_THE_RULE =
      """
      SELECT count(*) FILTER (WHERE i.amount < 10000) AS hollow,
             count(*) FILTER (WHERE i.amount >= 10000 AND i.amount < 30000) AS weak,
             count(*) AS villages
        FROM regions v
        LEFT JOIN LATERAL (SELECT amount FROM village_incomes x WHERE x.village_id = v.id AND x.year <= $1
                            ORDER BY x.year DESC LIMIT 1) i ON true
       WHERE v.level = 'village'
         AND (v.poor_village OR EXISTS (SELECT 1 FROM village_incomes y WHERE y.village_id = v.id))""";

  private static Row sql(String q, Tuple args) {
    return app.pool().preparedQuery(q).execute(args).await().iterator().next();
  }

  private static JsonObject goals(String query) {
    return app.call(
            HttpMethod.GET,
            "/api/v1/collective-goals" + query,
            app.token("tongzhan", DemoContext.DEMO_PASSWORD),
            null)
        .bodyAsJsonObject();
  }

  private static List<String> listed(JsonObject goals, String standing) {
    List<String> out = new ArrayList<>();
    for (Object c : goals.getJsonArray("counties")) {
      for (Object v : ((JsonObject) c).getJsonArray(standing)) {
        out.add(((JsonObject) v).getString("villageId"));
      }
    }
    return out;
  }

  @Test
  @DisplayName("without a year: the latest year with incomes, counted by the rule, villages listed")
  void latestYear() {
    int latest = sql("SELECT max(year)::int FROM village_incomes", Tuple.tuple()).getInteger(0);
    JsonObject g = goals("");
    assertThat(g.getInteger("year")).isEqualTo(latest);
    assertThat(g.getLong("hollowLine")).isEqualTo(10_000L);
    assertThat(g.getLong("weakLine")).isEqualTo(30_000L);
    Row expected = sql(BY_THE_RULE, Tuple.of(latest));
    JsonObject totals = g.getJsonObject("totals");
    assertThat(totals.getLong("hollow")).isEqualTo(expected.getLong("hollow"));
    assertThat(totals.getLong("weak")).isEqualTo(expected.getLong("weak"));
    assertThat(totals.getLong("villages")).isEqualTo(expected.getLong("villages"));
    assertThat(listed(g, "hollow")).hasSize(totals.getInteger("hollow")).doesNotHaveDuplicates();
    assertThat(listed(g, "weak")).hasSize(totals.getInteger("weak"));
  }

  @Test
  @DisplayName("every year of the chart is the same rule as that year's list")
  void chartIsTheSameRule() {
    JsonArray byYear = goals("").getJsonArray("byYear");
    assertThat(byYear).isNotEmpty();
    for (Object o : byYear) {
      JsonObject y = (JsonObject) o;
      int year = y.getInteger("year");
      JsonObject that = goals("?year=" + year);
      assertThat(y.getLong("hollow"))
          .as("%d", year)
          .isEqualTo(that.getJsonObject("totals").getLong("hollow"));
      assertThat(y.getLong("weak"))
          .as("%d", year)
          .isEqualTo(that.getJsonObject("totals").getLong("weak"));
      Row expected = sql(BY_THE_RULE, Tuple.of(year));
      assertThat(y.getLong("hollow")).isEqualTo(expected.getLong("hollow"));
    }
  }

  @Test
  @DisplayName("a year after the last income counts each village by its latest income, and says so")
  void laterYearUsesLatestIncome() {
    int latest = sql("SELECT max(year)::int FROM village_incomes", Tuple.tuple()).getInteger(0);
    JsonObject later = goals("?year=" + (latest + 1));
    assertThat(later.getInteger("year")).isEqualTo(latest + 1);
    assertThat(later.getJsonObject("totals").getLong("hollow"))
        .isEqualTo(goals("").getJsonObject("totals").getLong("hollow"));
    JsonObject first =
        later.getJsonArray("counties").stream()
            .map(c -> (JsonObject) c)
            .flatMap(c -> c.getJsonArray("weak").stream())
            .map(v -> (JsonObject) v)
            .findFirst()
            .orElseThrow();
    assertThat(first.getInteger("year"))
        .as("the year its figure is from")
        .isLessThanOrEqualTo(latest);
  }
}
