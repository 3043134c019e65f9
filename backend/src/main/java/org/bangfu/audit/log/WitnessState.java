package org.bangfu.audit.log;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a witness remembers of one log, outside the log's database: the last head it accepted (and
 * cosigned), the log keys it has seen sign heads (pinned: a key list changed later in the database
 * does not change them), and the last head it refused, kept as evidence.
 *
 * @param head the last head accepted; null before the first
 * @param refused the last head refused, with why ({@code reason}, {@code message}, {@code at},
 *     {@code head}); null when none
 */
public record WitnessState(
    String origin,
    TreeHead head,
    Map<String, String> logKeys,
    Instant checkedAt,
    JsonObject refused) {

  public WitnessState {
    logKeys = Map.copyOf(logKeys);
  }

  public static WitnessState empty(String origin) {
    return new WitnessState(origin, null, Map.of(), null, null);
  }

  public WitnessState accepted(TreeHead h, Map<String, String> keys, Instant at) {
    Map<String, String> all = new LinkedHashMap<>(logKeys);
    all.putAll(keys);
    return new WitnessState(origin, h.withCosignatures(java.util.List.of()), all, at, refused);
  }

  public WitnessState refusedNow(TreeHead h, String reason, String message, Instant at) {
    JsonObject r =
        new JsonObject()
            .put("at", at.toString())
            .put("reason", reason)
            .put("message", message)
            .put("head", h.withCosignatures(java.util.List.of()).toJson());
    return new WitnessState(origin, head, logKeys, at, r);
  }

  public JsonObject toJson() {
    JsonObject keys = new JsonObject();
    logKeys.forEach(keys::put);
    return new JsonObject()
        .put("origin", origin)
        .put("head", head == null ? null : head.toJson())
        .put("logKeys", keys)
        .put("checkedAt", checkedAt == null ? null : checkedAt.toString())
        .put("refused", refused);
  }

  /** From {@link #toJson()}; {@link IllegalArgumentException} when it is not a witness's state. */
  public static WitnessState fromJson(JsonObject j) {
    try {
      Map<String, String> keys = new LinkedHashMap<>();
      JsonObject k = j.getJsonObject("logKeys", new JsonObject());
      k.fieldNames().forEach(id -> keys.put(id, k.getString(id)));
      JsonObject h = j.getJsonObject("head");
      String at = j.getString("checkedAt");
      String origin = j.getString("origin");
      if (origin == null) {
        throw new IllegalArgumentException("no origin");
      }
      return new WitnessState(
          origin,
          h == null ? null : TreeHead.fromJson(h),
          keys,
          at == null ? null : Instant.parse(at),
          j.getJsonObject("refused"));
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException("not a witness's state: " + ex.getMessage());
    }
  }
}
