package org.bangfu.allocations;

import java.util.Map;
import org.bangfu.support.DomainException;

/**
 * The four limits of an allocation of one pledge to one need, checked in one place for a donor's
 * claim ({@link #check}: more than the room is refused) and for a match round ({@link Room#most}: a
 * proposal is cut to the room): what the need still lacks, what is left of the pledge, the pledge's
 * maximum per need (less what it already gives that need), and the room under the village's cap for
 * the unit.
 */
public final class Limits {

  /** No limit of that kind (no per-need maximum, no village cap). */
  public static final long NONE = Long.MAX_VALUE;

  private Limits() {}

  /** What is left under each limit; {@link #NONE} where there is no such limit. */
  public record Room(long need, long pledge, long perNeed, long cap) {

    /** The most that may still go from the pledge to the need (0 when any limit is reached). */
    public long most() {
      return Math.max(0, Math.min(Math.min(need, pledge), Math.min(perNeed, cap)));
    }
  }

  /**
   * The room for {@code pledge} → {@code need} under the locks: a need that no longer takes help or
   * a pledge no longer open has none; {@code given} is what the pledge already gives the need
   * (active allocations), {@code capRoom} the room under the village cap ({@link #NONE} if none).
   */
  public static Room room(NeedAccount need, PledgeAccount pledge, long given, long capRoom) {
    long needLeft = need.status().open() ? need.left() : 0;
    long pledgeLeft = pledge.status() == PledgeStatus.OPEN ? pledge.left() : 0;
    long perNeed = pledge.maxPerNeed() == null ? NONE : pledge.maxPerNeed() - given;
    return new Room(needLeft, pledgeLeft, perNeed, capRoom);
  }

  /** Refuses {@code quantity} when it passes any limit, naming the first one it passes. */
  public static void check(long quantity, Room room, NeedAccount need, PledgeAccount pledge) {
    if (quantity > room.need()) {
      throw needExceeded(quantity, room, need);
    }
    if (quantity > room.pledge()) {
      throw pledgeExceeded(quantity, room, pledge);
    }
    if (quantity > room.perNeed()) {
      throw perNeedExceeded(room, pledge);
    }
    if (quantity > room.cap()) {
      throw capExceeded(quantity, room, need);
    }
  }

  private static DomainException needExceeded(long quantity, Room room, NeedAccount need) {
    return exceeded(
        "quantity_exceeds_need",
        "quantity " + quantity + " is more than the " + room.need() + " the need still lacks",
        room.need(),
        DomainException.params("left", room.need(), "unit", need.unit(), "needId", need.id()));
  }

  private static DomainException pledgeExceeded(long quantity, Room room, PledgeAccount pledge) {
    return exceeded(
        "quantity_exceeds_pledge",
        "quantity "
            + quantity
            + " is more than the "
            + room.pledge()
            + " left of pledge "
            + pledge.id(),
        room.pledge(),
        DomainException.params(
            "left", room.pledge(), "unit", pledge.unit(), "pledgeId", pledge.id()));
  }

  private static DomainException perNeedExceeded(Room room, PledgeAccount pledge) {
    // what the pledge has already given this need: its maximum less the room left under it
    long given = pledge.maxPerNeed() - room.perNeed();
    long left = Math.max(0, room.perNeed());
    return exceeded(
        "max_per_need_reached",
        "pledge "
            + pledge.id()
            + " gives at most "
            + pledge.maxPerNeed()
            + " to one need; "
            + given
            + " already given",
        left,
        DomainException.params(
            "max", pledge.maxPerNeed(), "given", given, "left", left, "unit", pledge.unit()));
  }

  private static DomainException capExceeded(long quantity, Room room, NeedAccount need) {
    return exceeded(
        "village_cap_reached",
        "village "
            + need.villageId()
            + " can take only "
            + room.cap()
            + " more "
            + need.unit()
            + " under its cap",
        room.cap(),
        DomainException.params(
            "left", room.cap(), "unit", need.unit(), "villageId", need.villageId()));
  }

  private static DomainException exceeded(
      String code, String message, long left, Map<String, Object> params) {
    return DomainException.conflict(
        code,
        message,
        params,
        new DomainException.FieldError(
            "quantity", "more_than_left", "is more than is left", Map.of("left", left)));
  }
}
