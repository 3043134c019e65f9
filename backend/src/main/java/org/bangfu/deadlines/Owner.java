package org.bangfu.deadlines;

import org.bangfu.auth.Role;

/**
 * Whose deadline it is, as the workflow has it: a reviewer's desk (the region of a township, county
 * or city poverty office), a village's secretary, a donor's accounts, a role (the united front, the
 * auditors), or one user. Escalation goes to another owner ({@link #oneLevelUp}).
 */
public record Owner(Role role, String regionId, String villageId, Long donorId, Long userId) {

  /** The city whose desk takes a 12317 report that names no county (the city Bangfu serves). */
  public static final String HOME_CITY = "3505";

  public Owner {
    if (role == null) {
      throw new IllegalArgumentException("a deadline's owner needs a role");
    }
    if (role == Role.REVIEWER && regionId == null) {
      throw new IllegalArgumentException("a reviewer's deadline needs the desk's region");
    }
    if (role == Role.VILLAGE_SECRETARY && villageId == null) {
      throw new IllegalArgumentException("a secretary's deadline needs the village");
    }
    if (role == Role.DONOR && donorId == null) {
      throw new IllegalArgumentException("a donor's deadline needs the donor");
    }
  }

  /** The poverty office of a region (a township, county or city code). */
  public static Owner reviewer(String regionId) {
    return new Owner(Role.REVIEWER, regionId, null, null, null);
  }

  /** The county office over a village (or the county itself). */
  public static Owner countyOf(String villageId) {
    return reviewer(county(villageId));
  }

  public static Owner secretary(String villageId) {
    return new Owner(Role.VILLAGE_SECRETARY, null, villageId, null, null);
  }

  public static Owner donor(long donorId) {
    return new Owner(Role.DONOR, null, null, donorId, null);
  }

  /** Everyone of a role without a region of its own (the united front, the auditors, admins). */
  public static Owner role(Role role) {
    return new Owner(role, null, null, null, null);
  }

  /** One account. */
  public static Owner user(Role role, long userId) {
    return new Owner(role, null, null, null, userId);
  }

  /**
   * The desk one level up, where a late deadline goes unless its kind says otherwise: a township's
   * to its county, a county's to its city, a city's to the auditors (纪委/审计); a secretary's to the
   * county office over the village (a township office is not everywhere); a donor's to the united
   * front, which runs the campaigns; the auditors' to the city desk of the place (else the admins);
   * the united front's and admins' to the admins. {@code place} is where the subject lies.
   */
  public Owner oneLevelUp(String place) {
    return switch (role) {
      case REVIEWER -> aboveDesk(regionId);
      case VILLAGE_SECRETARY -> countyOf(villageId);
      case DONOR -> role(Role.UNITED_FRONT);
      case AUDITOR -> place == null ? role(Role.ADMIN) : reviewer(city(place));
      case UNITED_FRONT, ADMIN -> role(Role.ADMIN);
    };
  }

  private static Owner aboveDesk(String region) {
    if (isCity(region)) {
      return role(Role.AUDITOR);
    }
    return reviewer(region.contains("-") ? county(region) : city(region));
  }

  static boolean isCity(String region) {
    return region.matches("[0-9]{4}");
  }

  /** The county of a village or township code (its first segment). */
  public static String county(String region) {
    int dash = region.indexOf('-');
    return dash < 0 ? region : region.substring(0, dash);
  }

  /** The city of a code (its first four characters: 350524 and 3505TS are in 3505). */
  public static String city(String region) {
    return region.length() <= 4 ? region : region.substring(0, 4);
  }
}
