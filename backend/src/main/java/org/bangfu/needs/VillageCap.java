package org.bangfu.needs;

import io.vertx.core.json.JsonObject;

/** The most of a unit that may go to one village's needs, and what its needs hold of it. */
public record VillageCap(String unit, long max, long allocated) {

  public long remaining() {
    return max - allocated;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("unit", unit)
        .put("max", max)
        .put("allocated", allocated)
        .put("remaining", remaining());
  }

  /** For the audit trail. */
  JsonObject snapshot() {
    return new JsonObject().put("max", max).put("allocated", allocated);
  }
}
