package org.bangfu.audit.log;

import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.time.Instant;

/**
 * A key that signs (or signed) the log's tree heads, with when it was in use: heads signed from
 * {@code validFrom}, starting with the head of size {@code firstSize}, until {@code validUntil}
 * (null: the key in use). A retired key's heads stay checkable with its public key.
 */
public record LogKey(
    String keyId, String publicKey, Instant validFrom, Instant validUntil, long firstSize) {

  public PublicKey key() {
    return Signatures.publicKey(publicKey);
  }

  /** Whether a head signed at {@code at} falls in this key's time of use. */
  public boolean validAt(Instant at) {
    return !at.isBefore(validFrom) && (validUntil == null || !at.isAfter(validUntil));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("keyId", keyId)
        .put("algorithm", "Ed25519")
        .put("publicKey", publicKey)
        .put("validFrom", validFrom.toString())
        .put("validUntil", validUntil == null ? null : validUntil.toString())
        .put("firstSize", firstSize);
  }

  public static LogKey fromJson(JsonObject j) {
    String until = j.getString("validUntil");
    return new LogKey(
        j.getString("keyId"),
        j.getString("publicKey"),
        Instant.parse(j.getString("validFrom")),
        until == null ? null : Instant.parse(until),
        j.getLong("firstSize", 0L));
  }
}
