package org.bangfu.registry;

import java.util.List;
import java.util.Map;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;

/**
 * Who acts at which step of the register: the village's secretary applies, a township reviewer
 * (乡镇扶贫办, region {@code <county>-Tnn}) reviews, a county reviewer (县扶贫办, a county code) approves.
 * Admins may act at every step.
 */
public final class Reviewers {
  private Reviewers() {}

  public static boolean township(CurrentUser u) {
    return "township".equals(u.reviewerLevel());
  }

  public static boolean county(CurrentUser u) {
    return "county".equals(u.reviewerLevel());
  }

  /** A refusal that names the field whose village is not the user's. */
  public static DomainException notYours(String field, String villageId) {
    return new DomainException(
        DomainException.Kind.FORBIDDEN,
        "forbidden",
        "village " + villageId + " is not yours",
        Map.of(),
        List.of(
            new DomainException.FieldError(
                field, "not_your_village", "is in a village that is not yours")));
  }

  /**
   * The village's own secretary (or an admin); another village's secretary is refused naming {@code
   * field}.
   */
  public static void requireSecretaryOf(CurrentUser u, String villageId, String field) {
    if (!(u.is(Role.ADMIN) || (u.is(Role.VILLAGE_SECRETARY) && villageId.equals(u.villageId())))) {
      throw notYours(field, villageId);
    }
  }

  /** A township reviewer over the village (or an admin). */
  public static void requireTownshipOf(CurrentUser u, String villageId) {
    if (!(u.is(Role.ADMIN) || (township(u) && Access.regionContains(u.regionId(), villageId)))) {
      throw DomainException.forbidden(
          "this step needs the township reviewer of village " + villageId);
    }
  }

  /** A county reviewer over the village (or an admin). */
  public static void requireCountyOf(CurrentUser u, String villageId) {
    if (!(u.is(Role.ADMIN) || (county(u) && Access.regionContains(u.regionId(), villageId)))) {
      throw DomainException.forbidden(
          "this step needs the county reviewer of village " + villageId);
    }
  }
}
