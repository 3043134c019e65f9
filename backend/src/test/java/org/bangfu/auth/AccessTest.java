package org.bangfu.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bangfu.support.DomainException;
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

  @Test
  @DisplayName(
      "a reviewer's region filter is narrowed, clamped to their region, or refused for another one")
  void regionFilter() {
    CurrentUser county = user(Role.REVIEWER, null, "350524", null);
    CurrentUser township = user(Role.REVIEWER, null, "350524-T01", null);
    assertThat(Access.regionFilter(county, null)).isEqualTo("350524");
    assertThat(Access.regionFilter(county, "350524")).isEqualTo("350524");
    assertThat(Access.regionFilter(county, "350524-T01")).isEqualTo("350524-T01");
    assertThat(Access.regionFilter(county, "3505")).isEqualTo("350524");
    assertThat(Access.regionFilter(township, "350524")).isEqualTo("350524-T01");
    assertThat(Access.regionFilter(township, "350524-T01-V02")).isEqualTo("350524-T01-V02");
    for (String other : new String[] {"350525", "350525-T01-V01", "3508"}) {
      assertThatThrownBy(() -> Access.regionFilter(county, other))
          .isInstanceOfSatisfying(
              DomainException.class,
              e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
    }
    assertThatThrownBy(() -> Access.regionFilter(township, "350524-T02"))
        .isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> Access.requireRegionInReach(township, "350524-T02-V01"))
        .isInstanceOf(DomainException.class);
    Access.requireRegionInReach(township, "350524");
    Access.requireRegionInReach(township, null);
    // the watching roles filter as they like
    CurrentUser auditor = user(Role.AUDITOR, null, null, null);
    assertThat(Access.regionFilter(auditor, "350525")).isEqualTo("350525");
    assertThat(Access.regionFilter(auditor, null)).isNull();
    Access.requireRegionInReach(auditor, "350525");
  }

  @Test
  @DisplayName(
      "require refuses other roles with 403; requireVillage and requireDonor refuse others")
  void requirements() {
    CurrentUser secretary = user(Role.VILLAGE_SECRETARY, "350524-T01-V01", null, null);
    Access.requireVillage(secretary, "350524-T01-V01");
    assertThatThrownBy(() -> Access.requireVillage(secretary, "350524-T01-V02"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
    CurrentUser donor = user(Role.DONOR, null, null, 7L);
    Access.requireDonor(donor, 7);
    assertThatThrownBy(() -> Access.requireDonor(donor, 8)).isInstanceOf(DomainException.class);
    assertThat(Access.canActForDonor(user(Role.ADMIN, null, null, null), 8)).isTrue();
    assertThat(Access.canActForDonor(user(Role.DONOR, null, null, null), 8)).isFalse();
    assertThat(Access.canSeeVillage(secretary, "350524-T01-V01")).isTrue();
    assertThat(Access.canSeeVillage(secretary, null)).isFalse();
    assertThat(Access.canActForVillage(user(Role.REVIEWER, null, null, null), "350524-T01-V01"))
        .isFalse();
  }
}
