package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import org.bangfu.notices.Notice;
import org.bangfu.notices.NoticeClosedListener;
import org.bangfu.notices.NoticeKinds;

/**
 * When a case's notice closes with no open objection: after the identification notice the township
 * reviews; after the closing notice the risk is eliminated (风险消除) and the household cleared. In the
 * notices' closing transaction; the audit rows follow theirs.
 */
public final class CaseNoticeClosing implements NoticeClosedListener {
  private final MonitorService monitor;
  private final Clock clock;
  private final boolean identification;

  private CaseNoticeClosing(MonitorService monitor, Clock clock, boolean identification) {
    this.monitor = monitor;
    this.clock = clock;
    this.identification = identification;
  }

  /** The listener of identification notices (监测对象识别公示). */
  public static CaseNoticeClosing identification(MonitorService monitor, Clock clock) {
    return new CaseNoticeClosing(monitor, clock, true);
  }

  /** The listener of closing notices (风险消除公示). */
  public static CaseNoticeClosing closure(MonitorService monitor, Clock clock) {
    return new CaseNoticeClosing(monitor, clock, false);
  }

  @Override
  public String kind() {
    return identification ? NoticeKinds.MONITOR_IDENTIFICATION : NoticeKinds.MONITOR_CLOSURE;
  }

  @Override
  public Future<Void> onClosed(SqlConnection tx, Notice notice) {
    long id = Long.parseLong(notice.subjectId());
    return (identification
            ? monitor.identificationClosed(tx, id, clock.instant())
            : monitor.closureClosed(tx, id, clock.instant()))
        .mapEmpty();
  }

  @Override
  public Future<Void> audit(SqlConnection tx, Notice notice) {
    return monitor.auditNoticeClosed(
        tx, Long.parseLong(notice.subjectId()), identification ? "township" : "closed");
  }
}
