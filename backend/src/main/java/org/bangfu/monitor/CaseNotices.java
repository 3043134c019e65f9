package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.bangfu.notices.NoticeDraft;
import org.bangfu.notices.NoticeKinds;
import org.bangfu.notices.NoticeService;

/**
 * A case's two public notices on the one notice path: the village notice of an identification
 * (监测对象识别公示, at least 5 days) and of a closing (风险消除公示). What they say names the village and the
 * kind, never the person: no name, ID number, phone, bank account or health detail.
 */
public final class CaseNotices {
  private final NoticeService notices;
  private final CaseRepository cases;

  public CaseNotices(NoticeService notices, CaseRepository cases) {
    this.notices = notices;
    this.cases = cases;
  }

  Future<NoticeService.Published> identification(
      SqlConnection tx, CaseRepository.Locked c, int year) {
    return cases
        .place(tx, c.villageId())
        .compose(
            p ->
                notices.publishNotice(
                    tx,
                    new NoticeDraft(
                        NoticeKinds.MONITOR_IDENTIFICATION,
                        "monitor_case",
                        Long.toString(c.id()),
                        c.villageId(),
                        p.village() + "防止返贫监测对象识别公示",
                        null,
                        p.county() + "防止返贫动态监测",
                        year + " 年拟纳入监测对象 1 户：" + MonitorKinds.kindWord(c.kind()),
                        join(p),
                        p.village() + "村民委员会",
                        p.village() + " 1 户")));
  }

  Future<NoticeService.Published> closure(SqlConnection tx, CaseRepository.Locked c, int year) {
    return cases
        .place(tx, c.villageId())
        .compose(
            p ->
                notices.publishNotice(
                    tx,
                    new NoticeDraft(
                        NoticeKinds.MONITOR_CLOSURE,
                        "monitor_case",
                        Long.toString(c.id()),
                        c.villageId(),
                        p.village() + "防止返贫监测对象风险消除公示",
                        null,
                        p.county() + "防止返贫动态监测",
                        year + " 年拟标注风险消除 1 户：收入稳定超过监测收入线，“三保障”和饮水安全有保障，无新的返贫致贫风险",
                        join(p),
                        p.village() + "村民委员会",
                        p.village() + " 1 户")));
  }

  Future<Boolean> withdraw(SqlConnection tx, long noticeId, String reason) {
    return notices.withdraw(tx, noticeId, reason);
  }

  private static String join(CaseRepository.Place p) {
    return (p.county() == null ? "" : p.county())
        + (p.township() == null ? "" : p.township())
        + p.village();
  }
}
