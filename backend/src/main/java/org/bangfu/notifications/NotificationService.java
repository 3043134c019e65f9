package org.bangfu.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;

/**
 * The notification centre: nothing is written when something happens elsewhere; a user's
 * notifications are derived when read, and only their read marks are stored.
 */
public final class NotificationService {
  static final int LIMIT = 50;

  private final Pool pool;
  private final Clock clock;
  private final NotificationRepository repo;

  public NotificationService(Pool pool, Clock clock, NotificationRepository repo) {
    this.repo = repo;
    this.pool = pool;
    this.clock = clock;
  }

  static Notification.Reader readerOf(CurrentUser u) {
    return new Notification.Reader(
        u.id(),
        u.is(Role.DONOR) ? u.donorId() : null,
        u.is(Role.VILLAGE_SECRETARY) ? u.villageId() : null,
        u.is(Role.REVIEWER) ? u.regionId() : u.is(Role.ADMIN) ? "3505" : null,
        u.is(Role.UNITED_FRONT, Role.ADMIN));
  }

  Future<Notification.Inbox> inbox(CurrentUser user) {
    Notification.Reader r = readerOf(user);
    return repo.count(pool, r)
        .compose(
            c ->
                repo.list(pool, r, LIMIT)
                    .map(items -> new Notification.Inbox(items, c.total(), c.unread())));
  }

  Future<NotificationRepository.Counts> counts(CurrentUser user) {
    return repo.count(pool, readerOf(user));
  }

  /** Marks the given keys read, or (keys null) everything the user has now. */
  Future<Integer> markRead(CurrentUser user, List<String> keys) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return keys == null
        ? repo.markAll(pool, readerOf(user), now)
        : repo.mark(pool, user.id(), keys, now);
  }
}
