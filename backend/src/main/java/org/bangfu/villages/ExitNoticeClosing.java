package org.bangfu.villages;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import org.bangfu.notices.Notice;
import org.bangfu.notices.NoticeClosedListener;
import org.bangfu.notices.NoticeKinds;

/** When a village's exit notice closes with no open objection, the exit (摘帽) takes effect. */
public final class ExitNoticeClosing implements NoticeClosedListener {
  private final VillageService villages;
  private final Clock clock;

  public ExitNoticeClosing(VillageService villages, Clock clock) {
    this.villages = villages;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return NoticeKinds.VILLAGE_EXIT;
  }

  @Override
  public Future<Void> onClosed(SqlConnection tx, Notice notice) {
    return villages.exitNoticeClosed(tx, exitOf(notice), clock.instant()).mapEmpty();
  }

  @Override
  public Future<Void> audit(SqlConnection tx, Notice notice) {
    return villages.auditExitEffective(tx, exitOf(notice));
  }

  private static long exitOf(Notice notice) {
    return Long.parseLong(notice.subjectId());
  }
}
