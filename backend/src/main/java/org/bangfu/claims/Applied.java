package org.bangfu.claims;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bangfu.allocations.Allocation;
import org.bangfu.allocations.AllocationStatus;
import org.bangfu.allocations.NeedAccount;
import org.bangfu.allocations.PledgeAccount;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;

/** A claim applied inside its batch's transaction: its allocation's id and its audit rows. */
record Applied(long allocationId, List<AuditLog.Entry> audit) {

  /**
   * A claim's audit rows: the new pledge when it is new money, then the allocation with the need
   * and the pledge as the claim found them.
   */
  static Applied of(
      CurrentUser donor,
      NeedAccount need,
      PledgeAccount pledge,
      ClaimService.Claim claim,
      long allocationId) {
    List<AuditLog.Entry> audit = new ArrayList<>();
    if (claim.pledgeId() == null) {
      audit.add(
          new AuditLog.Entry(
              donor,
              "pledge",
              pledge.id(),
              "create",
              null,
              new JsonObject()
                  .put("unit", need.unit())
                  .put("quantity", claim.quantity())
                  .put("mode", "earmarked")
                  .put("needId", need.id())));
    }
    audit.add(
        new AuditLog.Entry(
            donor,
            "allocation",
            allocationId,
            "claim",
            null,
            new JsonObject()
                .put("needId", need.id())
                .put("pledgeId", pledge.id())
                .put("quantity", claim.quantity())
                .put("status", AllocationStatus.CONFIRMED.wire())
                .put("need", need.toJson())
                .put("pledge", pledge.toJson())));
    return new Applied(allocationId, audit);
  }

  /** The audit rows of the applied claims among {@code results}, in their order. */
  static List<AuditLog.Entry> auditOf(List<Object> results) {
    List<AuditLog.Entry> all = new ArrayList<>();
    for (Object r : results) {
      if (r instanceof Applied a) {
        all.addAll(a.audit());
      }
    }
    return all;
  }

  /** The allocations of the applied claims among {@code results}. */
  static Long[] ids(List<Object> results) {
    return results.stream()
        .filter(r -> r instanceof Applied)
        .map(r -> ((Applied) r).allocationId())
        .toArray(Long[]::new);
  }

  /** Each claim's answer: its allocation as {@code read} holds it, or its own refusal. */
  static List<GroupCommit.Outcome<Allocation>> outcomes(
      List<Object> results, Map<Long, Allocation> read) {
    return results.stream()
        .map(
            r ->
                r instanceof Applied a
                    ? GroupCommit.Outcome.done(read.get(a.allocationId()))
                    : GroupCommit.Outcome.<Allocation>refused((Throwable) r))
        .toList();
  }
}
