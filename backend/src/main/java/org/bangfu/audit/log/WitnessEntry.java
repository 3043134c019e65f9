package org.bangfu.audit.log;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A witness whose cosignatures the log accepts: a node of the deployment ({@code node}) or one an
 * admin registered ({@code external}), named and known by its Ed25519 public key.
 */
public record WitnessEntry(
    String keyId, String publicKey, String name, String kind, Instant registeredAt) {

  public static final String NODE = "node";
  public static final String EXTERNAL = "external";

  public JsonObject toJson() {
    return new JsonObject()
        .put("keyId", keyId)
        .put("publicKey", publicKey)
        .put("name", name)
        .put("kind", kind)
        .put("registeredAt", registeredAt.toString());
  }
}
