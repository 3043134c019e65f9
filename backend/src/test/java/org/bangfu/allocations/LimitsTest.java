package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.bangfu.support.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one limit check of an allocation, used by a donor's claim (refuse more than the room) and by
 * a match round (cut a proposal to the room): need left, pledge left, per-need maximum, village
 * cap.
 */
@DisplayName("The ledger's limit check")
class LimitsTest {
  static NeedAccount need(long quantity, long allocated, NeedStatus status) {
    return new NeedAccount(
        7,
        "350524-T01-V01",
        "education",
        "CNY",
        quantity,
        allocated,
        status,
        LocalDate.of(2018, 12, 31));
  }

  static PledgeAccount pledge(long quantity, long allocated, PledgeStatus status, Long maxPerNeed) {
    return new PledgeAccount(
        9, 1, "CNY", quantity, allocated, status, List.of(), List.of(), maxPerNeed, null, "pooled");
  }

  static String refusal(long quantity, Limits.Room room) {
    try {
      Limits.check(
          quantity,
          room,
          need(100, 0, NeedStatus.PUBLISHED),
          pledge(100, 0, PledgeStatus.OPEN, 50L));
      return null;
    } catch (DomainException e) {
      assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
      assertThat(e.fields())
          .extracting(DomainException.FieldError::field)
          .containsExactly("quantity");
      return e.code();
    }
  }

  @Test
  @DisplayName("the room is the least of the four limits, and each is named when a claim passes it")
  void eachLimit() {
    Limits.Room room =
        Limits.room(
            need(10_000, 4_000, NeedStatus.PARTLY_ALLOCATED),
            pledge(5_000, 2_000, PledgeStatus.OPEN, 3_500L),
            1_000,
            2_800);
    assertThat(room).isEqualTo(new Limits.Room(6_000, 3_000, 2_500, 2_800));
    assertThat(room.most()).isEqualTo(2_500);

    assertThat(refusal(2_500, room)).isNull();
    assertThat(refusal(6_001, room)).isEqualTo("quantity_exceeds_need");
    assertThat(refusal(3_001, room)).isEqualTo("quantity_exceeds_pledge");
    assertThat(refusal(2_501, room)).isEqualTo("max_per_need_reached");
    assertThat(refusal(2_000, new Limits.Room(6_000, 3_000, Limits.NONE, 1_999)))
        .isEqualTo("village_cap_reached");
  }

  @Test
  @DisplayName("no per-need maximum and no cap: need and pledge alone bound it")
  void noMaximumNoCap() {
    Limits.Room room =
        Limits.room(
            need(300, 0, NeedStatus.PUBLISHED),
            pledge(1_000, 0, PledgeStatus.OPEN, null),
            0,
            Limits.NONE);
    assertThat(room.most()).isEqualTo(300);
    assertThat(refusal(300, room)).isNull();
  }

  @Test
  @DisplayName(
      "a need no longer open or a pledge no longer open leaves no room (a round proposes nothing)")
  void closedLeavesNoRoom() {
    assertThat(
            Limits.room(
                    need(100, 0, NeedStatus.WITHDRAWN),
                    pledge(100, 0, PledgeStatus.OPEN, null),
                    0,
                    Limits.NONE)
                .most())
        .isZero();
    assertThat(
            Limits.room(
                    need(100, 0, NeedStatus.PUBLISHED),
                    pledge(100, 0, PledgeStatus.EXPIRED, null),
                    0,
                    Limits.NONE)
                .most())
        .isZero();
    // a maximum already passed (given more than it, by an older rule) is no room, never negative
    assertThat(
            Limits.room(
                    need(100, 0, NeedStatus.PUBLISHED),
                    pledge(100, 0, PledgeStatus.OPEN, 10L),
                    15,
                    Limits.NONE)
                .most())
        .isZero();
  }

  @Test
  @DisplayName("the parameters say how much is left, for the web app's words")
  void params() {
    assertThatThrownBy(
            () ->
                Limits.check(
                    7,
                    new Limits.Room(5, 100, Limits.NONE, Limits.NONE),
                    need(100, 95, NeedStatus.PARTLY_ALLOCATED),
                    pledge(100, 0, PledgeStatus.OPEN, null)))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.code()).isEqualTo("quantity_exceeds_need");
              assertThat(e.params()).containsEntry("left", 5L).containsEntry("unit", "CNY");
            });
  }

  @Test
  @DisplayName("each limit met exactly passes; one more than it is refused, naming that limit")
  void exactlyAtEachLimit() {
    // each limit in turn is the smallest, the others well above it
    assertThat(refusal(40, new Limits.Room(40, 100, 100, 100))).isNull();
    assertThat(refusal(41, new Limits.Room(40, 100, 100, 100))).isEqualTo("quantity_exceeds_need");
    assertThat(refusal(40, new Limits.Room(100, 40, 100, 100))).isNull();
    assertThat(refusal(41, new Limits.Room(100, 40, 100, 100)))
        .isEqualTo("quantity_exceeds_pledge");
    assertThat(refusal(40, new Limits.Room(100, 100, 40, 100))).isNull();
    assertThat(refusal(41, new Limits.Room(100, 100, 40, 100))).isEqualTo("max_per_need_reached");
    assertThat(refusal(40, new Limits.Room(100, 100, 100, 40))).isNull();
    assertThat(refusal(41, new Limits.Room(100, 100, 100, 40))).isEqualTo("village_cap_reached");
    // passing several at once, the first in the order need, pledge, maximum, cap is named
    assertThat(refusal(50, new Limits.Room(40, 30, 20, 10))).isEqualTo("quantity_exceeds_need");
    assertThat(refusal(50, new Limits.Room(60, 30, 20, 10))).isEqualTo("quantity_exceeds_pledge");
    assertThat(refusal(50, new Limits.Room(60, 60, 20, 10))).isEqualTo("max_per_need_reached");
  }

  @Test
  @DisplayName("the room's most is the least of its four limits, whichever that is, never below 0")
  void mostIsTheLeast() {
    assertThat(new Limits.Room(1, 9, 9, 9).most()).isEqualTo(1);
    assertThat(new Limits.Room(9, 2, 9, 9).most()).isEqualTo(2);
    assertThat(new Limits.Room(9, 9, 3, 9).most()).isEqualTo(3);
    assertThat(new Limits.Room(9, 9, 9, 4).most()).isEqualTo(4);
    assertThat(new Limits.Room(9, 9, -5, 9).most()).isZero();
    assertThat(new Limits.Room(Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE).most())
        .isEqualTo(Limits.NONE);
  }

  @Test
  @DisplayName("the room of an open need and pledge is what each has left, less what is given")
  void roomFromTheAccounts() {
    Limits.Room room =
        Limits.room(
            need(1_000, 250, NeedStatus.PUBLISHED),
            pledge(800, 300, PledgeStatus.OPEN, 400L),
            150,
            90);
    assertThat(room).isEqualTo(new Limits.Room(750, 500, 250, 90));
    // a need allocated in part still takes help; one fully allocated or not yet published does not
    assertThat(
            Limits.room(
                    need(1_000, 250, NeedStatus.PARTLY_ALLOCATED),
                    pledge(800, 0, PledgeStatus.OPEN, null),
                    0,
                    Limits.NONE)
                .need())
        .isEqualTo(750);
    for (NeedStatus closed :
        new NeedStatus[] {NeedStatus.DRAFT, NeedStatus.SUBMITTED, NeedStatus.ALLOCATED}) {
      assertThat(
              Limits.room(
                      need(1_000, 250, closed),
                      pledge(800, 0, PledgeStatus.OPEN, null),
                      0,
                      Limits.NONE)
                  .need())
          .as(closed.wire())
          .isZero();
    }
    assertThat(
            Limits.room(
                    need(1_000, 0, NeedStatus.PUBLISHED),
                    pledge(800, 100, PledgeStatus.WITHDRAWN, null),
                    0,
                    Limits.NONE)
                .pledge())
        .isZero();
    assertThat(
            Limits.room(
                    need(1_000, 0, NeedStatus.PUBLISHED),
                    pledge(800, 100, PledgeStatus.OPEN, null),
                    0,
                    Limits.NONE)
                .perNeed())
        .isEqualTo(Limits.NONE);
  }

  /** The refusal of {@code quantity} under {@code room}, for its code, params and field. */
  static DomainException refused(long quantity, Limits.Room room, Long maxPerNeed) {
    try {
      Limits.check(
          quantity,
          room,
          need(100, 0, NeedStatus.PUBLISHED),
          pledge(100, 0, PledgeStatus.OPEN, maxPerNeed));
    } catch (DomainException e) {
      return e;
    }
    throw new AssertionError("quantity " + quantity + " passed " + room);
  }

  @Test
  @DisplayName("each refusal says how much is left, of what, and what was already given")
  void whatEachRefusalSays() {
    DomainException pledgeLeft = refused(31, new Limits.Room(100, 30, 100, 100), null);
    assertThat(pledgeLeft.params())
        .containsEntry("left", 30L)
        .containsEntry("unit", "CNY")
        .containsEntry("pledgeId", 9L);
    assertThat(pledgeLeft.fields().get(0).params()).containsEntry("left", 30L);
    assertThat(pledgeLeft.fields().get(0).code()).isEqualTo("more_than_left");

    DomainException needLeft = refused(31, new Limits.Room(30, 100, 100, 100), null);
    assertThat(needLeft.params()).containsEntry("left", 30L).containsEntry("needId", 7L);
    assertThat(needLeft.fields().get(0).params()).containsEntry("left", 30L);

    // a maximum of 50 of which 35 is given: 15 left
    DomainException perNeed = refused(16, new Limits.Room(100, 100, 15, 100), 50L);
    assertThat(perNeed.params())
        .containsEntry("max", 50L)
        .containsEntry("given", 35L)
        .containsEntry("left", 15L)
        .containsEntry("unit", "CNY");
    assertThat(perNeed.fields().get(0).params()).containsEntry("left", 15L);
    // given more than the maximum already (an older rule): nothing left, never a negative
    DomainException over = refused(1, new Limits.Room(100, 100, -5, 100), 50L);
    assertThat(over.params()).containsEntry("given", 55L).containsEntry("left", 0L);
    assertThat(over.fields().get(0).params()).containsEntry("left", 0L);

    DomainException cap = refused(21, new Limits.Room(100, 100, 100, 20), null);
    assertThat(cap.params())
        .containsEntry("left", 20L)
        .containsEntry("unit", "CNY")
        .containsEntry("villageId", "350524-T01-V01");
    assertThat(cap.fields().get(0).params()).containsEntry("left", 20L);
    assertThat(cap.kind()).isEqualTo(DomainException.Kind.CONFLICT);
  }
}
