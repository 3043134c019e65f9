package org.bangfu.opendata;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Traceability (可追溯率), after IATI's dashboard: of the verified yuan (donors' verified allocations,
 * fiscal shares of accepted projects as paid), the share whose chain is unbroken — every step in
 * the ledger, each naming the one before ({@link OpenDataRepository#DONOR_UNBROKEN}, {@link
 * OpenDataRepository#FISCAL_UNBROKEN}).
 */
public record Traceability(List<Flow> flows) {

  /** One flow's verified yuan and how much of it is traceable. */
  public record Flow(
      String flow, long flows, long amount, long unbrokenFlows, long unbrokenAmount) {
    public Double share() {
      return amount == 0 ? null : (double) unbrokenAmount / amount;
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("flow", flow)
          .put("flows", flows)
          .put("amount", amount)
          .put("unbrokenFlows", unbrokenFlows)
          .put("unbrokenAmount", unbrokenAmount)
          .put("share", share());
    }
  }

  public long amount() {
    return flows.stream().mapToLong(Flow::amount).sum();
  }

  public long unbrokenAmount() {
    return flows.stream().mapToLong(Flow::unbrokenAmount).sum();
  }

  public Double share() {
    return amount() == 0 ? null : (double) unbrokenAmount() / amount();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    flows.forEach(f -> list.add(f.toJson()));
    return new JsonObject()
        .put("amount", amount())
        .put("unbrokenAmount", unbrokenAmount())
        .put("share", share())
        .put("flows", list);
  }
}
