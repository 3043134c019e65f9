package org.bangfu.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A round refreshes the summaries of hundreds of thousands of allocations and needs at once
 * ({@code progress_refresh_many}): the campaign rules must then be evaluated as one set each, not
 * once per row (a lateral subquery per allocation and per need cost a national round seconds).
 * Planned as the round's refresh plans them (for the ids given), no step that makes a row's set of
 * campaigns distinct runs more than once.
 */
@DisplayName("The campaign rules evaluated as sets")
class RulesAsSetsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("the allocations' rule for many allocations makes their campaigns distinct once")
  void allocationRuleOnce() {
    Long[] ids = ids("SELECT id FROM allocations ORDER BY id");
    assertThat(ids.length).as("allocations in the demo data").isGreaterThan(50);
    assertOnce("SELECT * FROM campaign_allocation_rule WHERE allocation_id = ANY ($1)", ids);
  }

  @Test
  @DisplayName("the needs' rule for many needs makes their campaigns distinct once")
  void needRuleOnce() {
    Long[] ids = ids("SELECT id FROM needs ORDER BY id");
    assertThat(ids.length).as("needs in the demo data").isGreaterThan(50);
    assertOnce("SELECT * FROM campaign_need_rule WHERE need_id = ANY ($1)", ids);
  }

  private static Long[] ids(String sql) {
    List<Long> out = new ArrayList<>();
    app.pool().query(sql).execute().await().forEach(r -> out.add(r.getLong(0)));
    return out.toArray(Long[]::new);
  }

  /** Runs {@code query} for {@code ids} as progress_refresh_many plans it, and reads its plan. */
  private static void assertOnce(String query, Long[] ids) {
    JsonArray explained =
        app.pool()
            .withTransaction(
                c ->
                    c.query("SET LOCAL plan_cache_mode = force_custom_plan")
                        .execute()
                        .compose(
                            v ->
                                c.preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + query)
                                    .execute(Tuple.of(ids)))
                        .map(rows -> rows.iterator().next().getJsonArray(0)))
            .await();
    JsonObject plan = explained.getJsonObject(0).getJsonObject("Plan");
    List<String> repeated = new ArrayList<>();
    collectRepeated(plan, repeated);
    assertThat(repeated).as("distinct steps run more than once, in %s", plan.encode()).isEmpty();
  }

  /** The nodes that make rows distinct (or sort them for it) and ran more than once. */
  private static void collectRepeated(JsonObject node, List<String> out) {
    String type = node.getString("Node Type");
    long loops = node.getLong("Actual Loops", 0L);
    boolean distinct =
        type.equals("Unique")
            || type.equals("Sort")
            || type.equals("Aggregate") && "Hashed".equals(node.getString("Strategy"));
    if (distinct && loops > 1) {
      out.add(type + " × " + loops);
    }
    JsonArray children = node.getJsonArray("Plans");
    if (children != null) {
      for (int k = 0; k < children.size(); k++) {
        collectRepeated(children.getJsonObject(k), out);
      }
    }
    if (node.containsKey("Subplan Name") && loops > 1) {
      out.add("subplan " + node.getString("Subplan Name") + " × " + loops);
    }
  }
}
