package org.bangfu.allocations;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** A need as the ledger counts it: what it asks for, what is held on it, its state. */
public record NeedAccount(
    long id,
    String villageId,
    String category,
    String unit,
    long quantity,
    long allocated,
    NeedStatus status,
    LocalDate deadline) {

  /**
   * The account with {@code more} held on it (a batch of claims counting the claims before the
   * next); its status stays as read: the limits count what is left.
   */
  public NeedAccount plus(long more) {
    return new NeedAccount(
        id, villageId, category, unit, quantity, allocated + more, status, deadline);
  }

  /** What the need still lacks. */
  public long left() {
    return quantity - allocated;
  }

  /** Its state and counters, for the audit trail. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("status", status.wire())
        .put("quantity", quantity)
        .put("allocated", allocated);
  }

  public boolean pastDeadline(LocalDate today) {
    return deadline != null && deadline.isBefore(today);
  }
}
