package org.bangfu.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who hears which change on a live screen, role by role, without a server. */
@DisplayName("Live events: each stream carries only what its user may see")
class EventAccessTest {
  static final String VILLAGE = "350524-T01-V01";

  static CurrentUser user(Role role, String village, String region, Long donor) {
    return new CurrentUser(1, "u", role, village, region, donor);
  }

  static Event involved(String village, Long donor) {
    return new Event(
        "allocation.confirmed", "5", "confirmed", village, donor, Event.Audience.INVOLVED);
  }

  @Test
  @DisplayName("a public event reaches everyone, a visitor included; an involved one no visitor")
  void publicAndVisitors() {
    Event board =
        new Event("allocation.verified", "5", "verified", VILLAGE, 1L, Event.Audience.PUBLIC);
    assertThat(EventAccess.maySee(null, board)).isTrue();
    assertThat(EventAccess.maySee(user(Role.DONOR, null, null, 2L), board)).isTrue();
    assertThat(EventAccess.maySee(null, involved(VILLAGE, 1L))).isFalse();
  }

  @Test
  @DisplayName("an involved event: its village's secretary and reviewers, its donor, the watchers")
  void involvedOnly() {
    Event e = involved(VILLAGE, 1L);
    assertThat(EventAccess.maySee(user(Role.VILLAGE_SECRETARY, VILLAGE, null, null), e)).isTrue();
    assertThat(EventAccess.maySee(user(Role.VILLAGE_SECRETARY, "350524-T01-V02", null, null), e))
        .isFalse();
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "350524-T01", null), e)).isTrue();
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "350524", null), e)).isTrue();
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "350524-T02", null), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "350525", null), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.DONOR, null, null, 1L), e)).isTrue();
    assertThat(EventAccess.maySee(user(Role.DONOR, null, null, 2L), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.DONOR, null, null, null), e)).isFalse();
    for (Role watcher : new Role[] {Role.ADMIN, Role.UNITED_FRONT, Role.AUDITOR}) {
      assertThat(EventAccess.maySee(user(watcher, null, null, null), e)).isTrue();
    }
  }

  @Test
  @DisplayName(
      "an event without a village or a donor reaches none of the village's or donor's people")
  void withoutPlaces() {
    Event e = involved(null, null);
    assertThat(EventAccess.maySee(user(Role.VILLAGE_SECRETARY, VILLAGE, null, null), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "3505", null), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.DONOR, null, null, 1L), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.AUDITOR, null, null, null), e)).isTrue();
  }

  @Test
  @DisplayName(
      "an event of a region (a county's case, a township's finding): its reviewers and the watchers")
  void ofARegion() {
    Event e =
        new Event("monitor.case", "9", "triage", null, null, "350524", Event.Audience.INVOLVED);
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "350524", null), e)).isTrue();
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "3505", null), e)).isTrue();
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "350525", null), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.REVIEWER, null, "350524-T01", null), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.VILLAGE_SECRETARY, VILLAGE, null, null), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.DONOR, null, null, 1L), e)).isFalse();
    assertThat(EventAccess.maySee(user(Role.UNITED_FRONT, null, null, null), e)).isTrue();
  }
}
