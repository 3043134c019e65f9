package org.bangfu.allocations;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;

/** A pledge as the ledger counts it: what it offers, to what, what is already held on it. */
public record PledgeAccount(
    long id,
    long donorId,
    String unit,
    long quantity,
    long allocated,
    PledgeStatus status,
    List<String> categories,
    List<String> scope,
    Long maxPerNeed,
    LocalDate expires,
    String mode) {

  public PledgeAccount {
    categories = List.copyOf(categories);
    scope = List.copyOf(scope);
  }

  /**
   * The account with {@code more} held on it (a batch of claims counting the claims before the
   * next); its status stays as read: the limits count what is left.
   */
  public PledgeAccount plus(long more) {
    return new PledgeAccount(
        id,
        donorId,
        unit,
        quantity,
        allocated + more,
        status,
        categories,
        scope,
        maxPerNeed,
        expires,
        mode);
  }

  /** What is left to give. */
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

  public boolean expiredOn(LocalDate today) {
    return expires != null && expires.isBefore(today);
  }
}
