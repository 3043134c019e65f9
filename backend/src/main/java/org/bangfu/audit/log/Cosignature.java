package org.bangfu.audit.log;

import io.vertx.core.json.JsonObject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * A witness's signature over a tree head it checked: the witness names itself ({@code name}) and
 * its public key (its id and the key itself), and signs, at {@code timeMillis}, the head's own
 * statement under a line of its own. A witness cosigns a head only when it is consistent with the
 * last head that witness saw.
 */
public record Cosignature(
    String name, String keyId, String publicKey, long timeMillis, byte[] signature) {

  /** The exact text a witness signs for {@code head}. */
  public static String statement(TreeHead head, String witnessKeyId, long timeMillis) {
    return "bangfu audit log cosignature v1\nwitness: "
        + witnessKeyId
        + "\ntime: "
        + timeMillis
        + "\n"
        + head.statement();
  }

  public static Cosignature sign(
      TreeHead head, String name, PublicKey pub, PrivateKey key, Instant at) {
    String id = Signatures.keyId(pub);
    long ms = at.toEpochMilli();
    return new Cosignature(
        name, id, Signatures.encode(pub), ms, Signatures.sign(key, statement(head, id, ms)));
  }

  /** Whether this is a valid cosignature of {@code head} by the key it names. */
  public boolean valid(TreeHead head) {
    try {
      PublicKey pub = Signatures.publicKey(publicKey);
      return Signatures.keyId(pub).equals(keyId)
          && Signatures.verify(pub, statement(head, keyId, timeMillis), signature);
    } catch (IllegalArgumentException ex) {
      return false;
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("witness", name)
        .put("keyId", keyId)
        .put("publicKey", publicKey)
        .put("time", Instant.ofEpochMilli(timeMillis).toString())
        .put("timeMillis", timeMillis)
        .put("signature", Base64.getEncoder().encodeToString(signature));
  }

  public static Cosignature fromJson(JsonObject j) {
    return new Cosignature(
        j.getString("witness"),
        j.getString("keyId"),
        j.getString("publicKey"),
        j.getLong("timeMillis"),
        Base64.getDecoder().decode(j.getString("signature")));
  }
}
