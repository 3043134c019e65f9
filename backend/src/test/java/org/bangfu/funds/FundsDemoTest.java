package org.bangfu.funds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo's fiscal programmes carry the seed's figures, and every screen has real activity. */
@DisplayName("Demo data: programmes, projects, notices and alerts")
class FundsDemoTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long count(String sql) {
    return app.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  @Test
  @DisplayName("the seed's programmes with its figures, projects in every state")
  void programmes() {
    assertThat(count("SELECT budget FROM fund_programmes WHERE name = '贫困户住房改善提升资金'"))
        .isEqualTo(30_000_000L);
    assertThat(count("SELECT budget FROM fund_programmes WHERE name = '贫困村村集体经济发展资金'"))
        .isEqualTo(25_000_000L);
    assertThat(count("SELECT budget FROM fund_programmes WHERE name = '重点乡镇重点村基础设施和公共服务资金'"))
        .isEqualTo(20_000_000L);
    assertThat(
            count(
                """
        SELECT count(*) FROM fund_projects p JOIN fund_project_sources s ON s.project_id = p.id
          JOIN fund_programmes g ON g.id = s.programme_id
         WHERE g.name = '市派帮扶村整村推进资金' AND p.budget = 500000"""))
        .isEqualTo(28);
    assertThat(count("SELECT count(DISTINCT status) FROM fund_projects")).isEqualTo(4);
    assertThat(
            count(
                "SELECT count(DISTINCT region_county(region_id)) FROM fund_projects p JOIN fund_project_sources s "
                    + "ON s.project_id = p.id JOIN fund_programmes g ON g.id = s.programme_id WHERE g.category = 'housing'"))
        .isEqualTo(7);
    // the ledger's counters agree with the sources
    assertThat(
            count(
                """
        SELECT count(*) FROM fund_programmes g WHERE g.allocated <> (SELECT coalesce(sum(amount), 0)
          FROM fund_project_sources s WHERE s.programme_id = g.id)"""))
        .isZero();
  }

  @Test
  @DisplayName(
      "notices open, held and closed, objections waiting, alerts open and handled, no ¥0 mountain-sea flow")
  void activity() {
    for (String status : List.of("open", "held", "closed")) {
      assertThat(count("SELECT count(*) FROM notices WHERE status = '" + status + "'"))
          .as(status)
          .isPositive();
    }
    assertThat(count("SELECT count(*) FROM notices WHERE kind = 'allocation_verified'"))
        .isPositive();
    assertThat(count("SELECT count(*) FROM notice_objections WHERE status = 'open'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM alerts WHERE status = 'open'")).isPositive();
    assertThat(count("SELECT count(*) FROM alerts WHERE status <> 'open'")).isPositive();
    List<JsonObject> flows =
        app
            .get("/api/v1/funds/mountain-sea-flows", null)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .toList();
    assertThat(flows).hasSize(7);
    assertThat(flows)
        .allSatisfy(
            f -> {
              assertThat(f.getLong("budget")).isPositive();
              assertThat(f.getLong("disbursed")).isPositive();
            });
  }
}
