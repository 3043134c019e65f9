package org.bangfu.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import org.bangfu.support.DomainException;

/**
 * Who may do what. {@link #require} is the role check every endpoint makes first; the object-level
 * helpers keep a user inside their own village, region or donor.
 *
 * <p>Region ids are hierarchical codes: city {@code 3505}, county {@code 350524}, township {@code
 * 350524-T03}, village {@code 350524-T03-V07} (the 台商投资区, without a standard code, is {@code
 * 3505TS}). Walking up the tree from a village is therefore taking prefixes of its id, which is
 * what {@link #regionContains} does.
 */
public final class Access {

  private Access() {}

  /**
   * The signed-in user if their role is one of {@code roles}; 401 without a token, 403 otherwise.
   */
  public static CurrentUser require(RoutingContext ctx, Role... roles) {
    CurrentUser user = CurrentUser.of(ctx);
    if (!user.is(roles)) {
      throw DomainException.forbidden(
          "this needs the role "
              + String.join(" or ", Arrays.stream(roles).map(Role::wire).toList()));
    }
    return user;
  }

  /** Any signed-in user. */
  public static CurrentUser signedIn(RoutingContext ctx) {
    return CurrentUser.of(ctx);
  }

  /** True when {@code regionId} is {@code descendantId} or one of its ancestors. */
  public static boolean regionContains(String regionId, String descendantId) {
    if (regionId == null || descendantId == null) {
      return false;
    }
    if (descendantId.equals(regionId)) {
      return true;
    }
    if (!descendantId.startsWith(regionId)) {
      return false;
    }
    char next = descendantId.charAt(regionId.length());
    // a city (4 digits) contains its counties (6 digits); anything else contains "<id>-…"
    return next == '-' || (regionId.length() == 4 && regionId.chars().allMatch(Character::isDigit));
  }

  /**
   * May this user act on things of this village? Admin always; a secretary only their own village;
   * a reviewer every village in their region. Other roles act on no village as such.
   */
  public static boolean canActForVillage(CurrentUser user, String villageId) {
    return switch (user.role()) {
      case ADMIN -> true;
      case VILLAGE_SECRETARY -> villageId != null && villageId.equals(user.villageId());
      case REVIEWER -> regionContains(user.regionId(), villageId);
      default -> false;
    };
  }

  /**
   * May this user see a village's non-public data (drafts, households masked)? Same as {@link
   * #canActForVillage}: the village's secretary, its reviewers, admin.
   */
  public static boolean canSeeVillage(CurrentUser user, String villageId) {
    return canActForVillage(user, villageId);
  }

  /** May this user act for this donor? Admin, or the donor's own account. */
  public static boolean canActForDonor(CurrentUser user, long donorId) {
    return user.role() == Role.ADMIN
        || (user.role() == Role.DONOR && user.donorId() != null && user.donorId() == donorId);
  }

  /**
   * The region a list is filtered by. A reviewer's list stays inside their region: naming none
   * gives their own, a region inside theirs narrows it, one that contains theirs is clamped to
   * theirs, and any other region (another county, another township) is refused with 403, as for
   * someone else's village. Other roles' filters are taken as given ({@code requested} or null).
   */
  public static String regionFilter(CurrentUser user, String requested) {
    if (user.role() != Role.REVIEWER) {
      return requested;
    }
    if (requested == null || regionContains(requested, user.regionId())) {
      return user.regionId();
    }
    if (regionContains(user.regionId(), requested)) {
      return requested;
    }
    throw DomainException.forbidden("region " + requested + " is outside yours");
  }

  /**
   * Refuses (403) a reviewer's filter naming a region that neither lies in nor contains their own
   * (the list itself is narrowed to their region elsewhere); any other role passes.
   */
  public static void requireRegionInReach(CurrentUser user, String region) {
    if (region != null) {
      regionFilter(user, region);
    }
  }

  public static void requireVillage(CurrentUser user, String villageId) {
    if (!canActForVillage(user, villageId)) {
      throw DomainException.forbidden("village " + villageId + " is not yours");
    }
  }

  public static void requireDonor(CurrentUser user, long donorId) {
    if (!canActForDonor(user, donorId)) {
      throw DomainException.forbidden("donor " + donorId + " is not yours");
    }
  }
}
