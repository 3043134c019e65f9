package org.bangfu.opendata;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds each flow's chain of steps from the ledger's rows and the audit records that wrote them,
 * and the keys of the audit records a page of flows needs. Step ids are stable: {@code
 * bangfu-pledge-45}, {@code bangfu-allocation-123-delivery}, {@code bangfu-notice-9} …
 */
final class Chains {
  static final String PREFIX = "bangfu-";

  private final Map<String, List<Long>> audit;

  Chains(Map<String, List<Long>> audit) {
    this.audit = audit;
  }

  /** The audit keys ("entity", "entity_id") of a page of donor flows. */
  static List<String[]> donorKeys(List<DonorRow> rows) {
    List<String[]> keys = new ArrayList<>();
    for (DonorRow r : rows) {
      keys.add(new String[] {"pledge", String.valueOf(r.pledgeId())});
      keys.add(new String[] {"allocation", String.valueOf(r.allocationId())});
      if (r.noticeId() != null) {
        keys.add(new String[] {"notice", String.valueOf(r.noticeId())});
      }
    }
    return keys;
  }

  static List<String[]> fiscalKeys(List<FiscalRow> rows) {
    List<String[]> keys = new ArrayList<>();
    for (FiscalRow r : rows) {
      keys.add(new String[] {"fund_programme", String.valueOf(r.programmeId())});
      keys.add(new String[] {"fund_project", String.valueOf(r.projectId())});
      if (r.noticeId() != null) {
        keys.add(new String[] {"notice", String.valueOf(r.noticeId())});
      }
    }
    return keys;
  }

  /**
   * The k-th (0-based) record of an action on an entity; the first of any action with a null
   * action.
   */
  Long record(String entity, Object id, String action, int k) {
    if (action == null) {
      return audit.entrySet().stream()
          .filter(e -> e.getKey().startsWith(entity + "|" + id + "|"))
          .map(e -> e.getValue().get(0))
          .min(Long::compare)
          .orElse(null);
    }
    List<Long> ids = audit.get(entity + "|" + id + "|" + action);
    return ids == null || ids.size() <= k ? null : ids.get(k);
  }

  List<ChainStep> donor(DonorRow r) {
    List<ChainStep> steps = new ArrayList<>();
    String a = PREFIX + "allocation-" + r.allocationId();
    Step s = new Step(steps);
    s.add(
        "pledge",
        PREFIX + "pledge-" + r.pledgeId(),
        r.pledgeAt(),
        r.pledgeQuantity(),
        record("pledge", r.pledgeId(), null, 0));
    Long created = record("allocation", r.allocationId(), "confirm", 0);
    s.add(
        "allocation",
        a,
        r.confirmedAt(),
        r.quantity(),
        created != null ? created : record("allocation", r.allocationId(), null, 0));
    s.add(
        "delivery",
        a + "-delivery",
        r.deliveredAt(),
        null,
        record("allocation", r.allocationId(), "deliver", 0));
    s.add(
        "receipt",
        a + "-receipt",
        r.receivedAt(),
        null,
        record("allocation", r.allocationId(), "receive", 0));
    s.add(
        "verification",
        a + "-verification",
        r.verifiedAt(),
        null,
        record("allocation", r.allocationId(), "verify", 0));
    if (r.noticeId() != null) {
      s.add(
          "notice",
          PREFIX + "notice-" + r.noticeId(),
          r.noticeAt(),
          null,
          record("notice", r.noticeId(), "published", 0));
    }
    return steps;
  }

  List<ChainStep> fiscal(FiscalRow r, List<FiscalRow.Disbursement> projectDisbursements) {
    List<ChainStep> steps = new ArrayList<>();
    Step s = new Step(steps);
    String share = PREFIX + "project-" + r.projectId() + "-programme-" + r.programmeId();
    s.add(
        "programme",
        PREFIX + "programme-" + r.programmeId(),
        r.programmeAt(),
        null,
        record("fund_programme", r.programmeId(), "created", 0));
    s.add(
        "project_allocation",
        share,
        r.approvedAt() != null ? r.approvedAt() : r.projectAt(),
        r.amount(),
        record("fund_project", r.projectId(), "planned", 0));
    for (int k = 0; k < projectDisbursements.size(); k++) {
      FiscalRow.Disbursement d = projectDisbursements.get(k);
      if (d.programmeId() == r.programmeId()) {
        // the project's k-th payment is written by its k-th "disbursed" audit record
        s.add(
            "disbursement",
            PREFIX + "disbursement-" + d.id(),
            d.at(),
            d.amount(),
            record("fund_project", r.projectId(), "disbursed", k));
      }
    }
    s.add(
        "acceptance",
        PREFIX + "project-" + r.projectId() + "-acceptance",
        r.acceptedAt(),
        null,
        record("fund_project", r.projectId(), "accepted", 0));
    if (r.noticeId() != null) {
      s.add(
          "notice",
          PREFIX + "notice-" + r.noticeId(),
          r.noticeAt(),
          null,
          record("notice", r.noticeId(), "published", 0));
    }
    return steps;
  }

  /** Appends the steps that happened, each naming the last one before it. */
  private record Step(List<ChainStep> steps) {
    void add(String step, String id, OffsetDateTime at, Long amount, Long auditRecord) {
      if (at == null) {
        return;
      }
      String previous = steps.isEmpty() ? null : steps.get(steps.size() - 1).id();
      steps.add(new ChainStep(step, id, previous, at, amount, auditRecord));
    }
  }
}
