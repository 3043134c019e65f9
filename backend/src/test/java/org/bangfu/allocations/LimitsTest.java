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
}
