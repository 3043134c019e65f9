package org.bangfu.claims;

import java.time.LocalDate;
import org.bangfu.allocations.NeedAccount;
import org.bangfu.allocations.PledgeAccount;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.auth.Access;
import org.bangfu.support.DomainException;

/**
 * What a claim must pass before the limits are counted: the need open to donors, the donor's own
 * pledge open and fitting the need. One copy, for a batch decided in memory and for a claim taken
 * under its own savepoint alike.
 */
final class ClaimChecks {
  private ClaimChecks() {}

  static void checkNeedOpen(NeedAccount need, long id, LocalDate today) {
    if (need == null || !need.status().isPublic()) {
      // drafts, rejected and withdrawn needs are invisible to donors: no such need for them
      throw DomainException.notFound("need " + id);
    }
    if (!need.status().open()) {
      throw DomainException.conflict(
          "need_not_open",
          "need " + id + " is " + need.status().wire() + ", not open for claims",
          DomainException.params("needId", id, "status", need.status().wire()));
    }
    if (need.pastDeadline(today)) {
      throw DomainException.conflict(
          "need_past_deadline",
          "need " + id + " is past its deadline " + need.deadline(),
          DomainException.params("needId", id, "deadline", need.deadline().toString()));
    }
  }

  static PledgeAccount checkOwnPledge(
      PledgeAccount p, long donorId, long pledgeId, NeedAccount need, LocalDate today) {
    if (p == null) {
      throw DomainException.invalid(
          "pledgeId", "not_found", "pledge " + pledgeId + " does not exist");
    }
    if (p.donorId() != donorId) {
      // 403s keep the general code "forbidden" that clients rely on; the reason says which rule
      throw new DomainException(
          DomainException.Kind.FORBIDDEN,
          "forbidden",
          "pledge " + pledgeId + " is not yours",
          DomainException.params("reason", "pledge_not_yours", "pledgeId", pledgeId),
          java.util.List.of());
    }
    if (p.status() != PledgeStatus.OPEN) {
      throw DomainException.conflict(
          "pledge_not_open",
          "pledge " + pledgeId + " is " + p.status().wire(),
          DomainException.params("pledgeId", pledgeId, "status", p.status().wire()));
    }
    if (p.expiredOn(today)) {
      throw DomainException.conflict(
          "pledge_expired",
          "pledge " + pledgeId + " expired on " + p.expires(),
          DomainException.params("pledgeId", pledgeId, "expires", p.expires().toString()));
    }
    return checkPledgeFits(p, need);
  }

  /** The pledge's unit is the need's, and its categories and scope cover the need. */
  private static PledgeAccount checkPledgeFits(PledgeAccount p, NeedAccount need) {
    if (!p.unit().equals(need.unit())) {
      throw DomainException.invalid(
          "pledgeId",
          "unit_mismatch",
          "pledge is in " + p.unit() + " but the need is in " + need.unit(),
          DomainException.params("pledgeUnit", p.unit(), "needUnit", need.unit()));
    }
    if (!p.categories().isEmpty() && !p.categories().contains(need.category())) {
      throw DomainException.invalid(
          "pledgeId",
          "category_not_covered",
          "pledge does not cover the category " + need.category(),
          DomainException.params("category", need.category()));
    }
    if (!p.scope().isEmpty()
        && p.scope().stream().noneMatch(r -> Access.regionContains(r, need.villageId()))) {
      throw DomainException.invalid(
          "pledgeId",
          "outside_scope",
          "village " + need.villageId() + " is outside the pledge's scope",
          DomainException.params("villageId", need.villageId()));
    }
    return p;
  }
}
