package org.bangfu.notifications;

import java.time.Instant;
import java.util.List;
import org.bangfu.auth.Role;
import org.bangfu.deadlines.Deadline;

/**
 * One item of a user's inbox (消息与待办): an open deadline that is theirs — or was escalated to them —
 * where it stands now (to do, due soon, late), where its subject lies, and whether the user has
 * read it in that section. The key changes when the deadline enters another section, so a deadline
 * that turns amber or red is unread again. A donor's proposals of a round wait as one item, which
 * carries the round and how many of them still wait ({@code proposals}; null for any other item).
 */
public record Notification(
    Deadline deadline,
    Deadline.Section section,
    String placeName,
    boolean toReader,
    boolean read,
    Proposals proposals) {

  /** A round's proposals to a donor: the round, and how many still wait for the donor's answer. */
  public record Proposals(long roundId, long waiting) {}

  /** The read mark's key: the deadline and the section it is in. */
  public String key() {
    return key(deadline.id(), section);
  }

  public static String key(long deadlineId, Deadline.Section section) {
    return "deadline:" + deadlineId + ":" + section.wire();
  }

  /**
   * Whose inbox: the user, their role and what binds them (the desk's region of a reviewer, the
   * village of a secretary, the donor of a donor's account), at which instant.
   */
  public record Reader(
      long userId, Role role, String regionId, String villageId, Long donorId, Instant now) {}

  /** How many items are in each section and how many are unread; capped when counting stopped. */
  public record Counts(long todo, long soon, long late, long unread, boolean capped) {
    public long total() {
      return todo + soon + late;
    }
  }

  /** A page of one section (or of all), with the counts of every section. */
  public record Inbox(
      List<Notification> items,
      long total,
      boolean totalCapped,
      int page,
      int size,
      Counts counts) {
    public Inbox {
      items = List.copyOf(items);
    }
  }
}
