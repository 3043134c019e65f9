package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.bangfu.config.OversightConfig;
import org.bangfu.reports.Deadlines;
import org.bangfu.reports.TrackingSecrets;

/**
 * Oversight demo: a few 12317 reports about villages of 安溪 and 永春 in every state (one overdue and
 * escalated, one answered founded), and an inspection by 统战部 whose findings the villages'
 * secretaries, the county's office and a donor must rectify (one already submitted). Nobody can
 * track the demo reports: their secrets are random and thrown away. All invented.
 */
public final class OversightDemoSection implements DemoSection {

  static final String USER = "SELECT id FROM users WHERE username = $1";
  static final String SECRETARY_VILLAGE = "SELECT village_id FROM users WHERE username = $1";
  static final String FIRST_DONOR = "SELECT min(id) FROM donors";
  static final String INSERT_REPORT =
      "INSERT INTO reports (tracking_no, secret_digest, subject_kind, subject_id, "
          + "county_id, level, category, content, anonymous, status, not_accepted_reason, received_at, ack_due, answer_due, "
          + "accepted_at, answered_at, closed_at, escalated_at, updated_at) VALUES ($1, $2, 'village', $3, $4, $5, $6, $7, "
          + "true, $8, $9, $10, $11, $12, $13, $14, $15, $16, $10) RETURNING id";
  static final String INSERT_ANSWER =
      "INSERT INTO report_answers (report_id, version, finding, answer, measures, "
          + "by_user, at) VALUES ($1, 1, $2, $3, $4, $5, $6)";
  static final String INSERT_INSPECTION =
      "INSERT INTO inspections (title, unit, inspector_role, period_from, "
          + "period_to, counties, created_by, created_at) VALUES ($1, 'united_front', 'united_front', $2, $3, $4, $5, $6) "
          + "RETURNING id";
  static final String INSERT_FINDING =
      "INSERT INTO inspection_findings (inspection_id, subject_kind, subject_id, "
          + "county_id, severity, problem, deadline, status, created_by, created_at, updated_at) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id";
  static final String INSERT_RECTIFICATION =
      "INSERT INTO finding_rectifications (finding_id, version, note, "
          + "submitted_by, submitted_at) VALUES ($1, 1, $2, $3, $4)";

  private static final String[][] REPORTS = {
    // status, category, content, days ago, finding
    {"received", "misuse", "村里产业扶贫资金购买的茶苗数量与公示不符，请核查。", "1", ""},
    {"received", "work_style", "驻村干部很少到村，帮扶手册填写走过场。", "10", ""},
    {"investigating", "false_data", "有农户房屋并非危房却领取了危房改造补助。", "6", ""},
    {"answered", "unfair", "低保和帮扶名额优先给了村干部亲属。", "20", "partly_founded"},
    {"closed", "embezzlement", "村集体光伏电站收益去向不明。", "40", "founded"},
    {"not_accepted", "other", "反映邻里宅基地纠纷。", "12", ""}
  };

  @Override
  public String name() {
    return "oversight";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    Random r = demo.random();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Deadlines deadlines = new Deadlines(OversightConfig.fromEnv(java.util.Map.of()));
    TrackingSecrets secrets = new TrackingSecrets();
    return id(db, USER, "fpb-anxi")
        .compose(
            anxiOffice ->
                id(db, USER, "tongzhan")
                    .compose(
                        tongzhan ->
                            text(db, SECRETARY_VILLAGE, "shuji-anxi")
                                .compose(
                                    anxiVillage ->
                                        text(db, SECRETARY_VILLAGE, "shuji-yongchun")
                                            .compose(
                                                yongchunVillage ->
                                                    db.query(FIRST_DONOR)
                                                        .execute()
                                                        .compose(
                                                            donorRows -> {
                                                              long donor =
                                                                  donorRows
                                                                      .iterator()
                                                                      .next()
                                                                      .getLong(0);
                                                              Future<Void> f =
                                                                  Future.succeededFuture();
                                                              for (int i = 0;
                                                                  i < REPORTS.length;
                                                                  i++) {
                                                                String[] rep = REPORTS[i];
                                                                String village =
                                                                    i % 3 == 2
                                                                        ? yongchunVillage
                                                                        : anxiVillage;
                                                                Instant received =
                                                                    now.minus(
                                                                            Long.parseLong(rep[3]),
                                                                            ChronoUnit.DAYS)
                                                                        .minus(
                                                                            r.nextInt(600),
                                                                            ChronoUnit.MINUTES);
                                                                f =
                                                                    f.compose(
                                                                        v ->
                                                                            report(
                                                                                db,
                                                                                secrets,
                                                                                deadlines,
                                                                                rep,
                                                                                village,
                                                                                received,
                                                                                anxiOffice,
                                                                                now));
                                                              }
                                                              return f.compose(
                                                                      v ->
                                                                          id(
                                                                              db,
                                                                              USER,
                                                                              "shuji-anxi"))
                                                                  .compose(
                                                                      secretary ->
                                                                          inspection(
                                                                              db,
                                                                              tongzhan,
                                                                              secretary,
                                                                              anxiVillage,
                                                                              yongchunVillage,
                                                                              donor,
                                                                              now));
                                                            })))));
  }

  private static Future<Void> report(
      SqlConnection db,
      TrackingSecrets secrets,
      Deadlines d,
      String[] rep,
      String village,
      Instant received,
      long office,
      Instant now) {
    String status = rep[0];
    Instant answerDue = d.answerDue(received);
    Instant ackDue = d.ackDue(received);
    boolean acknowledged = !status.equals("received");
    boolean answered = status.equals("answered") || status.equals("closed");
    boolean overdue =
        (status.equals("received") && ackDue.isBefore(now))
            || (!answered
                && acknowledged
                && !status.equals("not_accepted")
                && answerDue.isBefore(now));
    Instant step = received.plus(1, ChronoUnit.DAYS);
    String county = village.split("-")[0];
    return db.preparedQuery(INSERT_REPORT)
        .execute(
            Tuple.from(
                new Object[] {
                  secrets.trackingNumber(LocalDate.ofInstant(received, OversightConfig.CHINA)),
                  Buffer.buffer(TrackingSecrets.digest(secrets.secret())),
                  village,
                  county,
                  overdue ? "city" : "county",
                  rep[1],
                  rep[2],
                  status,
                  status.equals("not_accepted") ? "属于民事纠纷，不属于扶贫领域监督举报受理范围，已告知向乡镇司法所反映。" : null,
                  at(received),
                  at(ackDue),
                  at(answerDue),
                  acknowledged && !status.equals("not_accepted") ? at(step) : null,
                  answered ? at(step.plus(5, ChronoUnit.DAYS)) : null,
                  status.equals("closed") || status.equals("not_accepted")
                      ? at(step.plus(8, ChronoUnit.DAYS))
                      : null,
                  overdue ? at(ackDue) : null
                }))
        .compose(
            rows ->
                !answered
                    ? Future.<Void>succeededFuture()
                    : db.preparedQuery(INSERT_ANSWER)
                        .execute(
                            Tuple.of(
                                rows.iterator().next().getLong(0),
                                rep[4],
                                rep[4].equals("founded")
                                    ? "经县纪委监委核查，反映问题属实：光伏电站收益未纳入村集体账户。"
                                    : "经核查，部分名额认定程序不规范，其余情况不属实。",
                                rep[4].equals("founded")
                                    ? "责令将收益全额转入村集体账户，对村主任给予党内警告处分。"
                                    : "重新组织民主评议并张榜公示，对村两委进行约谈。",
                                office,
                                at(step.plus(5, ChronoUnit.DAYS))))
                        .mapEmpty());
  }

  private static Future<Void> inspection(
      SqlConnection db,
      long tongzhan,
      long anxiSecretary,
      String anxiVillage,
      String yongchunVillage,
      long donor,
      Instant now) {
    LocalDate today = LocalDate.ofInstant(now, OversightConfig.CHINA);
    return db.preparedQuery(INSERT_INSPECTION)
        .execute(
            Tuple.of(
                "2018年脱贫攻坚第一季度督查",
                LocalDate.of(2018, 1, 1),
                LocalDate.of(2018, 3, 31),
                new String[] {"350524", "350525"},
                tongzhan,
                at(now.minus(20, ChronoUnit.DAYS))))
        .compose(
            rows -> {
              long id = rows.iterator().next().getLong(0);
              Object[][] findings = {
                {
                  "village",
                  anxiVillage,
                  "350524",
                  "serious",
                  "扶贫资金项目未在村务公开栏公告公示。",
                  today.plusDays(10),
                  "submitted"
                },
                {
                  "village",
                  yongchunVillage,
                  "350525",
                  "minor",
                  "贫困户帮扶手册信息未及时更新。",
                  today.minusDays(3),
                  "open"
                },
                {
                  "county",
                  "350524",
                  "350524",
                  "grave",
                  "县级扶贫资金拨付滞后，部分项目资金闲置超过半年。",
                  today.plusDays(20),
                  "open"
                },
                {
                  "donor",
                  String.valueOf(donor),
                  null,
                  "minor",
                  "认领的帮扶资金确认后超过30天未到位。",
                  today.plusDays(15),
                  "open"
                }
              };
              Future<Void> f = Future.succeededFuture();
              for (Object[] x : findings) {
                f =
                    f.compose(
                        v ->
                            db.preparedQuery(INSERT_FINDING)
                                .execute(
                                    Tuple.from(
                                        new Object[] {
                                          id,
                                          x[0],
                                          x[1],
                                          x[2],
                                          x[3],
                                          x[4],
                                          x[5],
                                          x[6],
                                          tongzhan,
                                          at(now.minus(20, ChronoUnit.DAYS))
                                        }))
                                .compose(
                                    r ->
                                        !"submitted".equals(x[6])
                                            ? Future.<Void>succeededFuture()
                                            : db.preparedQuery(INSERT_RECTIFICATION)
                                                .execute(
                                                    Tuple.of(
                                                        r.iterator().next().getLong(0),
                                                        "已在村务公开栏和村民微信群公示2018年扶贫资金项目，并建立公示台账。",
                                                        anxiSecretary,
                                                        at(now.minus(2, ChronoUnit.DAYS))))
                                                .mapEmpty()));
              }
              return f;
            });
  }

  private static Future<Long> id(SqlConnection db, String sql, String key) {
    return db.preparedQuery(sql)
        .execute(Tuple.of(key))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return row.getLong(0);
            });
  }

  private static Future<String> text(SqlConnection db, String sql, String key) {
    return db.preparedQuery(sql)
        .execute(Tuple.of(key))
        .map(rows -> rows.iterator().next().getString(0));
  }

  private static OffsetDateTime at(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
