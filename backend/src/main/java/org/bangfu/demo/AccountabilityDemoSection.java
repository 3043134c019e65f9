package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * 问责 demo: 纪委 (jiwei) has opened a case on the founded report about a village's solar income and
 * decided it (a township's deputy head admonished, the village committee's director criticised in a
 * circular); the partly founded report is still a lead without a case. All invented.
 */
public final class AccountabilityDemoSection implements DemoSection {

  static final String FOUNDED_REPORT =
      "SELECT r.id, r.county_id FROM reports r JOIN report_answers a ON a.report_id = r.id "
          + "WHERE a.finding = 'founded' ORDER BY r.id LIMIT 1";
  static final String JIWEI = "SELECT id FROM users WHERE username = 'jiwei'";
  static final String INSERT_CASE =
      "INSERT INTO accountability_cases (ground, report_id, county_id, summary, status, opened_by, "
          + "opened_at, basis, decided_by, decided_at) VALUES ('founded_report', $1, $2, $3, 'decided', "
          + "$4, $5, $6, $4, $7) RETURNING id";
  static final String INSERT_PERSON =
      "INSERT INTO accountability_measures (case_id, n, person_unit, person_role, measure) "
          + "VALUES ($1, $2, $3, $4, $5)";

  @Override
  public String name() {
    return "accountability";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return db.query(JIWEI)
        .execute()
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(
            jiwei ->
                db.query(FOUNDED_REPORT)
                    .execute()
                    .compose(
                        rows -> {
                          if (!rows.iterator().hasNext()) {
                            return Future.succeededFuture();
                          }
                          var r = rows.iterator().next();
                          return decidedCase(db, r.getLong(0), r.getString(1), jiwei, now);
                        }));
  }

  private static Future<Void> decidedCase(
      SqlConnection db, long report, String county, long jiwei, Instant now) {
    return db.preparedQuery(INSERT_CASE)
        .execute(
            Tuple.from(
                new Object[] {
                  report,
                  county,
                  "举报反映村集体光伏电站收益去向不明，经查属实，对相关责任人启动问责调查。",
                  jiwei,
                  at(now.minus(20, ChronoUnit.DAYS)),
                  "光伏电站收益未按规定纳入村集体账户管理，镇分管领导监管不力，村委会主任未按规定公开收支。",
                  at(now.minus(6, ChronoUnit.DAYS))
                }))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(
            id ->
                db.preparedQuery(INSERT_PERSON)
                    .executeBatch(
                        java.util.List.of(
                            Tuple.of(id, 1, "镇人民政府", "分管扶贫工作副镇长", "admonishment_talk"),
                            Tuple.of(id, 2, "村民委员会", "村委会主任", "circulated_criticism"))))
        .mapEmpty();
  }

  private static OffsetDateTime at(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
