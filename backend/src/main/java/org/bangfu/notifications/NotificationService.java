package org.bangfu.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.deadlines.Deadline;
import org.bangfu.support.Paging;

/**
 * The inbox (消息与待办): every open deadline of the signed-in user — theirs by role and desk, village
 * or donor, or escalated to them — in three sections at the clock's instant: to do, due soon (75 %
 * of the window gone), late. Nothing is written when a workflow moves: its deadlines are; only what
 * each user has read is stored, per deadline and section.
 */
public final class NotificationService {
  private final Pool pool;
  private final Clock clock;
  private final NotificationRepository repo;

  public NotificationService(Pool pool, Clock clock, NotificationRepository repo) {
    this.repo = repo;
    this.pool = pool;
    this.clock = clock;
  }

  Notification.Reader readerOf(CurrentUser u) {
    return new Notification.Reader(
        u.id(),
        u.role(),
        u.is(Role.REVIEWER) ? u.regionId() : null,
        u.is(Role.VILLAGE_SECRETARY) ? u.villageId() : null,
        u.is(Role.DONOR) ? u.donorId() : null,
        clock.instant());
  }

  /** One page of a section (null: every section), with the counts of all of them. */
  Future<Notification.Inbox> inbox(
      CurrentUser user, Deadline.Section section, String kind, Paging paging) {
    Notification.Reader r = readerOf(user);
    return repo.counts(pool, r)
        .compose(
            c ->
                repo.page(pool, r, section, kind, paging)
                    .map(
                        p ->
                            new Notification.Inbox(
                                p.items(), p.total(), p.totalCapped(), p.page(), p.size(), c)));
  }

  Future<Notification.Counts> counts(CurrentUser user) {
    return repo.counts(pool, readerOf(user));
  }

  /** Marks the given keys read, or (keys null) everything the user has now. */
  Future<Integer> markRead(CurrentUser user, List<String> keys) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return keys == null
        ? repo.markAll(pool, readerOf(user), now)
        : repo.mark(pool, user.id(), keys, now);
  }
}
