package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The monitor's figures for a region (counts and durations only, never a person): leads by channel,
 * cases by state, the time from the first lead to the county's decision and to the first help (p50,
 * p95), how many decisions were late.
 */
public final class FigureRepository {
  static final String REGION =
      "($1::text IS NULL OR region_contains($1, c.county_id) OR region_contains($1, c.village_id))";
  static final String LEADS =
      "SELECT l.channel, count(*) AS n FROM monitor_leads l JOIN monitor_cases c ON c.id = l.case_id WHERE "
          + REGION
          + " AND l.received_at >= $2 GROUP BY l.channel";
  static final String STATES =
      "SELECT c.state, count(*) AS n FROM monitor_cases c WHERE "
          + REGION
          + " AND c.opened_at >= $2 GROUP BY c.state";
  static final String TIMES =
      """
      SELECT count(c.decided_at) AS decided,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.decided_at - c.opened_at) / 86400)
                 AS decision_p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM c.decided_at - c.opened_at) / 86400)
                 AS decision_p95,
             count(*) FILTER (WHERE c.decided_at IS NOT NULL AND c.decided_at <= c.decision_due) AS in_time,
             count(c.first_help_at) AS helped,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_help_at - c.opened_at) / 86400)
                 AS help_p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_help_at - c.opened_at) / 86400)
                 AS help_p95,
             count(*) FILTER (WHERE c.late_at IS NOT NULL) AS late,
             count(*) FILTER (WHERE c.green) AS green
        FROM monitor_cases c WHERE """
          + REGION
          + " AND c.opened_at >= $2";

  /** The figures. Durations in days; null where nothing was measured. */
  public record Figures(
      Map<String, Long> leadsByChannel,
      Map<String, Long> casesByState,
      long decided,
      Double decisionP50,
      Double decisionP95,
      long decidedInTime,
      long helped,
      Double helpP50,
      Double helpP95,
      long late,
      long green) {}

  public Future<Figures> figures(SqlClient sql, String region, Instant since) {
    OffsetDateTime from = OffsetDateTime.ofInstant(since, ZoneOffset.UTC);
    Tuple args = Tuple.of(region, from);
    return counts(sql, LEADS, args, "channel")
        .compose(
            leads ->
                counts(sql, STATES, args, "state")
                    .compose(
                        states ->
                            sql.preparedQuery(TIMES)
                                .execute(args)
                                .map(rows -> figures(leads, states, rows.iterator().next()))));
  }

  private static Future<Map<String, Long>> counts(
      SqlClient sql, String statement, Tuple args, String key) {
    return sql.preparedQuery(statement)
        .execute(args)
        .map(
            rows -> {
              Map<String, Long> out = new LinkedHashMap<>();
              rows.forEach(r -> out.put(r.getString(key), r.getLong("n")));
              return out;
            });
  }

  private static Figures figures(Map<String, Long> leads, Map<String, Long> states, Row r) {
    return new Figures(
        leads,
        states,
        r.getLong("decided"),
        r.getDouble("decision_p50"),
        r.getDouble("decision_p95"),
        r.getLong("in_time"),
        r.getLong("helped"),
        r.getDouble("help_p50"),
        r.getDouble("help_p95"),
        r.getLong("late"),
        r.getLong("green"));
  }
}
