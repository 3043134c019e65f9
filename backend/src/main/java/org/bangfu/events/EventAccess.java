package org.bangfu.events;

import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;

/**
 * Who may receive an event: the one rule every node applies before pushing an event to a browser,
 * so nobody's stream carries what they may not see.
 */
public final class EventAccess {
  private EventAccess() {}

  /** {@code user} is null for a visitor who is not signed in. */
  public static boolean maySee(CurrentUser user, Event e) {
    if (e.audience() == Event.Audience.PUBLIC) {
      return true;
    }
    if (user == null) {
      return false;
    }
    return switch (user.role()) {
      case ADMIN, UNITED_FRONT, AUDITOR -> true;
      case REVIEWER ->
          (e.villageId() != null && Access.regionContains(user.regionId(), e.villageId()))
              || (e.regionId() != null && Access.regionContains(user.regionId(), e.regionId()));
      case VILLAGE_SECRETARY -> e.villageId() != null && e.villageId().equals(user.villageId());
      case DONOR -> e.donorId() != null && e.donorId().equals(user.donorId());
    };
  }
}
