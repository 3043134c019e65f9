package org.bangfu.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Object-level access: each user stays inside their village, region or donor")
class AccessTest {

  static CurrentUser user(Role role, String village, String region, Long donor) {
    return new CurrentUser(1, "u", role, village, region, donor);
  }

  @Test
  @DisplayName("a region contains its own descendants only (walking the code hierarchy)")
  void regionContains() {
    assertThat(Access.regionContains("3505", "350524-T03-V07")).isTrue();
    assertThat(Access.regionContains("350524", "350524-T03-V07")).isTrue();
    assertThat(Access.regionContains("350524-T03", "350524-T03-V07")).isTrue();
    assertThat(Access.regionContains("350524-T03", "350524-T03")).isTrue();
    assertThat(Access.regionContains("350524-T0", "350524-T03-V07")).isFalse();
    assertThat(Access.regionContains("350524-T03", "350524-T30-V01")).isFalse();
    assertThat(Access.regionContains("350525", "350524-T03-V07")).isFalse();
    assertThat(Access.regionContains("3505", "3505TS-T01-V01")).isTrue();
    assertThat(Access.regionContains("3505", "350821-T01-V01")).isFalse();
    assertThat(Access.regionContains(null, "350524")).isFalse();
  }

  @Test
  @DisplayName(
      "a secretary acts for their own village only; a reviewer for every village below their region")
  void villages() {
    CurrentUser secretary = user(Role.VILLAGE_SECRETARY, "350524-T01-V01", null, null);
    assertThat(Access.canActForVillage(secretary, "350524-T01-V01")).isTrue();
    assertThat(Access.canActForVillage(secretary, "350524-T01-V02")).isFalse();
    CurrentUser township = user(Role.REVIEWER, null, "350524-T01", null);
    assertThat(Access.canActForVillage(township, "350524-T01-V02")).isTrue();
    assertThat(Access.canActForVillage(township, "350524-T02-V01")).isFalse();
    CurrentUser county = user(Role.REVIEWER, null, "350524", null);
    assertThat(Access.canActForVillage(county, "350524-T02-V01")).isTrue();
    assertThat(Access.canActForVillage(user(Role.DONOR, null, null, 1L), "350524-T01-V01"))
        .isFalse();
    assertThat(Access.canActForVillage(user(Role.UNITED_FRONT, null, null, null), "350524-T01-V01"))
        .isFalse();
    assertThat(Access.canActForVillage(user(Role.ADMIN, null, null, null), "350524-T01-V01"))
        .isTrue();
  }

  @Test
  @DisplayName("a donor account acts for its own donor only")
  void donors() {
    CurrentUser donor = user(Role.DONOR, null, null, 7L);
    assertThat(Access.canActForDonor(donor, 7)).isTrue();
    assertThat(Access.canActForDonor(donor, 8)).isFalse();
    assertThat(Access.canActForDonor(user(Role.AUDITOR, null, null, null), 7)).isFalse();
  }
}
