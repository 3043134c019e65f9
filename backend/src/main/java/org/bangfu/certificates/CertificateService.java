package org.bangfu.certificates;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * For donors: a certificate per verified allocation (public: anyone shown one can check it), a
 * yearly statement, and the donor's view of its help with the evidence and the village's progress
 * (the donor itself, the united front, auditors, admins).
 */
public final class CertificateService {
  /** Lines of a yearly statement at most. */
  static final int STATEMENT_LINES = 5000;

  private final Pool pool;
  private final CertificateRepository repo;

  public CertificateService(Pool pool, CertificateRepository repo) {
    this.pool = pool;
    this.repo = repo;
  }

  public Future<Certificate> certificate(long allocationId) {
    return repo.certificate(pool, allocationId)
        .map(
            c ->
                c.orElseThrow(
                    () -> DomainException.notFound("certificate of allocation " + allocationId)));
  }

  public Future<Statement> statement(CurrentUser user, long donorId, int year) {
    mayFollow(user, donorId);
    return repo.donorName(pool, donorId)
        .map(n -> n.orElseThrow(() -> DomainException.notFound("donor " + donorId)))
        .compose(
            name ->
                repo.year(pool, donorId, year, STATEMENT_LINES)
                    .map(lines -> new Statement(donorId, name, year, lines)));
  }

  public Future<Page<HelpLine>> help(CurrentUser user, long donorId, Paging paging) {
    mayFollow(user, donorId);
    return repo.donorName(pool, donorId)
        .map(n -> n.orElseThrow(() -> DomainException.notFound("donor " + donorId)))
        .compose(n -> repo.help(pool, donorId, paging));
  }

  /** The donor itself, and those who watch every donor: the united front, auditors, admins. */
  static void mayFollow(CurrentUser user, long donorId) {
    boolean own = user.is(Role.DONOR) && user.donorId() != null && user.donorId() == donorId;
    if (!own && !user.is(Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN)) {
      throw DomainException.forbidden("donor " + donorId + " is not yours");
    }
  }
}
