package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Reads the audit trail; rows are written by {@link AuditLog}, checked by {@link
 * org.bangfu.audit.log.LogService#verify}.
 */
public final class AuditService {

  private final Pool pool;
  private final AuditRepository audit;

  public AuditService(Pool pool, AuditRepository audit) {
    this.audit = audit;
    this.pool = pool;
  }

  public Future<Page<AuditEntry>> list(AuditRepository.Filter filter, Paging paging) {
    return audit.list(pool, filter, paging);
  }
}
