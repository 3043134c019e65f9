package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import org.bangfu.notices.Notice;
import org.bangfu.notices.NoticeClosedListener;
import org.bangfu.notices.NoticeKinds;

/**
 * When a status notice closes (its window passed with no open objection) the change it announced
 * takes effect, in the closing transaction; its audit row follows with the notice's own.
 */
public final class StatusNoticeClosing implements NoticeClosedListener {
  private final RegistryService registry;
  private final Clock clock;

  public StatusNoticeClosing(RegistryService registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return NoticeKinds.HOUSEHOLD_STATUS;
  }

  @Override
  public Future<Void> onClosed(SqlConnection tx, Notice notice) {
    return registry.noticeClosed(tx, applicationOf(notice), clock.instant()).mapEmpty();
  }

  @Override
  public Future<Void> audit(SqlConnection tx, Notice notice) {
    return registry.auditEffective(tx, applicationOf(notice), notice.id());
  }

  private static long applicationOf(Notice notice) {
    return Long.parseLong(notice.subjectId());
  }
}
