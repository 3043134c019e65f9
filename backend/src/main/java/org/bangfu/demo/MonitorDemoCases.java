package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.auth.CurrentUser;
import org.bangfu.monitor.CaseHelp;
import org.bangfu.monitor.CaseNoticeClosing;
import org.bangfu.monitor.LeadService;
import org.bangfu.monitor.MonitorService;
import org.bangfu.notices.NoticeClosedListener;

/**
 * The steps officials took on the demo's cases, each through the monitor's service at its instant:
 * the county's triage of the older files, the home checks, a rejection, a village notice, the green
 * channel, and the households' own reports. Part of {@link MonitorDemoSection}.
 */
final class MonitorDemoCases {
  static final String DECIDED_AT = "SELECT decided_at FROM monitor_cases WHERE id = $1";
  static final String NOTICE_ENDS = "SELECT window_ends_at FROM notices WHERE id = $1";

  /** Notices of other kinds that a closing at an instant would close too (none, in the demo). */
  static final String OTHERS_DUE =
      """
      SELECT count(*) FROM notices WHERE status = 'open' AND window_ends_at <= $1
         AND kind NOT IN ('monitor_identification', 'monitor_closure')""";

  private static final String[] DISMISS = {"duplicate", "not_at_risk", "data_error", "moved"};

  /** A case as the loader picks it: its id, village and household (null: not in the register). */
  /**
   * A case just opened; {@code secure}: its household (if registered) has no open 两不愁三保障 gap, so
   * its risk can be closed (风险消除) once helped.
   */
  record Picked(long id, String villageId, Long householdId, boolean secure) {}

  private final SqlConnection db;
  private final MonitorDemoSection.Loading l;

  MonitorDemoCases(SqlConnection db, MonitorDemoSection.Loading l) {
    this.db = db;
    this.l = l;
  }

  private MonitorService cases() {
    return l.services().cases();
  }

  private void at(Instant t) {
    l.services().clock().set(t);
  }

  static Future<List<Picked>> opened(SqlConnection db, long batch, Instant at) {
    return db.preparedQuery(MonitorDemoSection.BATCH_CASES)
        .execute(Tuple.of(batch, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)))
        .map(
            rows -> {
              List<Picked> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new Picked(
                        r.getLong("id"),
                        r.getString("village_id"),
                        r.getLong("household_id"),
                        r.getBoolean("secure")));
              }
              return out;
            });
  }

  /**
   * An older file's new cases, triaged the next day: most dismissed (a duplicate, no risk, a data
   * error, moved away), every fourth checked at home and found not at risk; of 安溪's first file one
   * accepted and never checked (late), and the secretary's village's cases followed further ({@link
   * #followed}).
   */
  static Future<Void> triageOld(
      SqlConnection db,
      MonitorDemoSection.Loading l,
      MonitorDemoSection.Batch b,
      long batch,
      Instant at) {
    MonitorDemoCases steps = new MonitorDemoCases(db, l);
    boolean first = b.daysAgo() == MonitorDemoSection.BATCHES.get(0).daysAgo();
    String village = l.users().get("shuji-anxi").villageId();
    CurrentUser county = l.reviewer(b.county());
    return opened(db, batch, at)
        .compose(
            picked -> {
              List<Picked> ours =
                  first
                      ? closableThird(
                          picked.stream().filter(c -> village.equals(c.villageId())).toList())
                      : List.of();
              List<Picked> rest = picked.stream().filter(c -> !ours.contains(c)).toList();
              Future<Void> f = steps.followed(ours, at);
              for (int k = 0; k < rest.size(); k++) {
                Picked c = rest.get(k);
                int n = k;
                Instant day = at.plusSeconds(86_400L + 600L * k);
                f = f.compose(v -> steps.old(county, c, n, first, day));
              }
              return f;
            });
  }

  private Future<Void> old(CurrentUser county, Picked c, int k, boolean first, Instant day) {
    if (first && k == 0) {
      return accept(county, c, day); // never checked: its decision comes late
    }
    if (k % 4 == 2) {
      return accept(county, c, day)
          .compose(v -> check(county, c, false, day.plusSeconds(2 * 86_400L)));
    }
    at(day);
    return cases()
        .triage(
            county,
            c.id(),
            new MonitorService.Triage(false, null, null, DISMISS[k % DISMISS.length], "核实后不纳入"))
        .mapEmpty();
  }

  /**
   * The secretary's village's cases of the first file: decided and monitored; decided and helped;
   * helped and closed (风险消除) after its own notice; rejected by the county after the check.
   */
  private Future<Void> followed(List<Picked> ours, Instant opened) {
    Future<Void> f = Future.succeededFuture();
    for (int k = 0; k < ours.size(); k++) {
      Picked c = ours.get(k);
      Instant day = opened.plusSeconds(86_400L + 600L * k);
      f =
          f.compose(
              v ->
                  switch (ours.indexOf(c)) {
                    case 0 -> decided(c, day).mapEmpty();
                    case 1 -> decided(c, day).compose(ok -> ok ? helped(c) : none());
                    case 2 ->
                        decided(c, day)
                            .compose(ok -> ok ? helped(c) : none())
                            .compose(v2 -> c.secure() ? closed(c) : none());
                    default ->
                        accept(l.reviewer(MonitorDemoSection.ANXI), c, day)
                            .compose(v2 -> check(secretary(), c, true, day.plusSeconds(86_400L)))
                            .compose(
                                v2 ->
                                    reject(
                                        l.reviewer(MonitorDemoSection.ANXI),
                                        c,
                                        day.plusSeconds(4 * 86_400L)));
                  });
    }
    return f;
  }

  /**
   * The cases in their order, but with one whose household has no open gap third ({@link #followed}
   * closes the third case's risk, which the monitor allows only when 三保障 is secure).
   */
  static List<Picked> closableThird(List<Picked> cases) {
    List<Picked> out = new ArrayList<>(cases);
    if (out.size() < 3 || out.get(2).secure()) {
      return out;
    }
    for (int i = 3; i < out.size(); i++) {
      if (out.get(i).secure()) {
        java.util.Collections.swap(out, 2, i);
        return out;
      }
    }
    for (int i = 0; i < 2; i++) {
      if (out.get(i).secure()) {
        java.util.Collections.swap(out, 2, i);
        return out;
      }
    }
    return out;
  }

  private static Future<Void> none() {
    return Future.succeededFuture();
  }

  private CurrentUser secretary() {
    return l.users().get("shuji-anxi");
  }

  /**
   * Triage, home check, the village's notice, its closing, the township's review and the county's
   * decision to monitor; false when the notice could not close inside the month.
   */
  private Future<Boolean> decided(Picked c, Instant day) {
    CurrentUser county = l.reviewer(MonitorDemoSection.ANXI);
    return accept(county, c, day)
        .compose(v -> check(secretary(), c, true, day.plusSeconds(70_000L)))
        .compose(
            v -> {
              at(day.plusSeconds(90_000L));
              return cases().publishNotice(secretary(), c.id());
            })
        .compose(d -> closeNotice(d.monitorCase().noticeId()))
        .compose(t -> t == null ? Future.succeededFuture(false) : township(c, t));
  }

  private Future<Boolean> township(Picked c, Instant closed) {
    at(closed.plusSeconds(86_400L));
    return cases()
        .township(l.users().get("fpb-anxi-town"), c.id(), true, null)
        .compose(
            v -> {
              at(closed.plusSeconds(2 * 86_400L));
              return cases()
                  .decide(
                      l.reviewer(MonitorDemoSection.ANXI),
                      c.id(),
                      new MonitorService.Decision(
                          true,
                          "unstable",
                          "经县级审定，纳入防止返贫监测对象",
                          new CaseHelp.Asked(null, null, null)));
            })
        .map(true);
  }

  /** The village's secretary confirms the drafted help two days after the decision. */
  private Future<Void> helped(Picked c) {
    return db.preparedQuery(DECIDED_AT)
        .execute(Tuple.of(c.id()))
        .compose(
            rows -> {
              at(rows.iterator().next().getOffsetDateTime(0).toInstant().plusSeconds(2 * 86_400L));
              return cases().confirmHelp(secretary(), c.id()).mapEmpty();
            });
  }

  /** Twelve days ago the income was over the line: the closing notice, then 风险消除. */
  private Future<Void> closed(Picked c) {
    at(l.daysAgo(12));
    return cases()
        .closure(secretary(), c.id(), 12_600, "务工收入稳定，医疗费用已报销，“三保障”和饮水安全有保障，无新的返贫致贫风险")
        .compose(d -> closeNotice(d.monitorCase().closureNoticeId()))
        .mapEmpty();
  }

  /**
   * Closes a case's notice an hour after its window, through the notices' closing and the monitor's
   * listeners, as the notice job would; answers when, or null (left to the job) when the window
   * ends after the load or another kind's notice would close with it.
   */
  private Future<Instant> closeNotice(Long noticeId) {
    return db.preparedQuery(NOTICE_ENDS)
        .execute(Tuple.of(noticeId))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0).toInstant().plusSeconds(3600))
        .compose(
            t ->
                db.preparedQuery(OTHERS_DUE)
                    .execute(Tuple.of(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)))
                    .compose(
                        rows -> {
                          if (t.isAfter(l.now()) || rows.iterator().next().getLong(0) > 0) {
                            return Future.succeededFuture(null);
                          }
                          at(t);
                          var clock = l.services().clock();
                          var listeners =
                              List.<NoticeClosedListener>of(
                                  CaseNoticeClosing.identification(cases(), clock),
                                  CaseNoticeClosing.closure(cases(), clock));
                          return l.services().notices().closeDue(t, listeners).map(n -> t);
                        }));
  }

  private Future<Void> accept(CurrentUser county, Picked c, Instant t) {
    at(t);
    return cases()
        .triage(county, c.id(), new MonitorService.Triage(true, c.villageId(), null, null, "请入户核实"))
        .mapEmpty();
  }

  private Future<Void> check(CurrentUser who, Picked c, boolean atRisk, Instant t) {
    at(t);
    var h =
        new MonitorService.HomeCheck(
            atRisk,
            LocalDate.ofInstant(t, ZoneOffset.ofHours(8)),
            atRisk ? 5_200 : 14_800,
            atRisk ? "家中主要劳动力患病住院，医疗支出大，人均纯收入低于监测线" : "家庭收入稳定，医保报销后自付可承受，不存在返贫风险",
            atRisk ? "sudden" : null,
            atRisk ? List.of("illness", "spending_jump") : List.of(),
            null);
    return cases().check(who, c.id(), h).mapEmpty();
  }

  private Future<Void> reject(CurrentUser county, Picked c, Instant t) {
    at(t);
    return cases().reject(county, c.id(), "经县级复核，家庭有赡养人且收入稳定，不纳入监测").mapEmpty();
  }

  /**
   * The last two weeks: in the secretary's village one case in its notice and one checked; one on
   * the green channel; three at the home check; the households' own reports.
   */
  Future<Void> run() {
    CurrentUser anxi = l.reviewer(MonitorDemoSection.ANXI);
    CurrentUser secretary = l.users().get("shuji-anxi");
    String village = secretary.villageId();
    Instant tenDays = l.daysAgo(10 + 0.3);
    Instant fourDays = l.daysAgo(4 + 0.3);
    return opened(db, l.batchIds().get(6), tenDays)
        .compose(
            recent -> {
              List<Picked> own =
                  recent.stream().filter(c -> village.equals(c.villageId())).toList();
              List<Picked> rest =
                  recent.stream()
                      .filter(c -> !village.equals(c.villageId()) && c.householdId() != null)
                      .toList();
              return noticed(anxi, secretary, own)
                  .compose(v -> green(anxi, rest))
                  .compose(v -> opened(db, l.batchIds().get(8), fourDays))
                  .compose(p -> checking(anxi, p))
                  .compose(v -> selfReports(village));
            })
        .onComplete(x -> at(l.now()));
  }

  private Future<Void> noticed(CurrentUser county, CurrentUser secretary, List<Picked> own) {
    if (own.isEmpty()) {
      return Future.succeededFuture();
    }
    Picked notice = own.get(0);
    Future<Void> f =
        accept(county, notice, l.daysAgo(9.5))
            .compose(v -> check(secretary, notice, true, l.daysAgo(7)))
            .compose(
                v -> {
                  at(l.daysAgo(3));
                  return cases().publishNotice(secretary, notice.id()).mapEmpty();
                });
    if (own.size() > 1) {
      Picked checked = own.get(1);
      f =
          f.compose(v -> accept(county, checked, l.daysAgo(9.4)))
              .compose(v -> check(secretary, checked, true, l.daysAgo(6)));
    }
    return f;
  }

  private Future<Void> green(CurrentUser county, List<Picked> rest) {
    if (rest.isEmpty()) {
      return Future.succeededFuture();
    }
    at(l.daysAgo(9));
    return cases()
        .green(
            county, rest.get(0).id(), "房屋因台风倒塌，一家五口临时借住，先行救助", new CaseHelp.Asked(null, null, null))
        .mapEmpty();
  }

  private Future<Void> checking(CurrentUser county, List<Picked> picked) {
    Future<Void> f = Future.succeededFuture();
    for (int k = 0; k < Math.min(3, picked.size()); k++) {
      Picked c = picked.get(k);
      Instant t = l.daysAgo(3 - 0.1 * k);
      f = f.compose(v -> accept(county, c, t));
    }
    return f;
  }

  /** Four households' own reports, the first from the secretary's village. */
  private Future<Void> selfReports(String village) {
    var anxi = l.people().get(MonitorDemoSection.ANXI);
    var yongchun = l.people().get(MonitorDemoSection.YONGCHUN);
    List<LeadService.SelfReport> reports =
        List.of(
            report(anxi.registered().get(6), village, "孩子今年考上高中，学费和住宿费负担重", "education"),
            report(anxi.others().get(300), null, "丈夫在外务工受伤，家里没有收入来源", "accident"),
            report(yongchun.others().get(310), null, "老人长期卧床，药费开支大", "illness"),
            report(yongchun.registered().get(7), null, "果园受冻减产，今年收入大幅下降", "income_drop"));
    double[] days = {12, 8, 5, 2};
    Future<Void> f = Future.succeededFuture();
    for (int i = 0; i < reports.size(); i++) {
      LeadService.SelfReport r = reports.get(i);
      Instant t = l.daysAgo(days[i]);
      String from = "198.51.100." + (10 + i);
      f =
          f.compose(
              v -> {
                at(t);
                return l.services().leads().selfReportIn(db, l.cipher(), r, from, t).mapEmpty();
              });
    }
    return f;
  }

  private LeadService.SelfReport report(
      WarningDemoFiles.Person p, String village, String hardship, String risk) {
    String v = village != null ? village : p.villageId();
    String phone = String.format("139%08d", Math.abs(p.idNumber().hashCode()) % 100_000_000);
    return new LeadService.SelfReport(p.name(), phone, p.idNumber(), hardship, v, risk);
  }
}
