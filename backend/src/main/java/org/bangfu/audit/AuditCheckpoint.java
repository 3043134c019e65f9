package org.bangfu.audit;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A signed statement of the audit chain's head: how many rows the trail had, the id and hash of its
 * last row, and when. Signed with the deployment's Ed25519 key, which is not in the database
 * ({@link org.bangfu.keys.Keys}): someone who rewrites the trail inside PostgreSQL (even
 * recomputing every later hash with the database's own function) cannot make the rows agree with a
 * checkpoint taken before, nor sign a new one.
 *
 * @param count rows in the trail up to and including {@code lastId}
 * @param lastId the id of the last row (0 for an empty trail)
 * @param hash that row's hash ({@code genesis} for an empty trail)
 * @param at when, as ISO-8601 text (signed as written)
 * @param signature base64 Ed25519 signature of {@link #statement()}
 */
public record AuditCheckpoint(long count, long lastId, String hash, String at, String signature) {

  /** The exact bytes signed. */
  public String statement() {
    return "bangfu audit checkpoint v1\ncount="
        + count
        + "\nlastId="
        + lastId
        + "\nhash="
        + hash
        + "\nat="
        + at;
  }

  public static AuditCheckpoint sign(
      long count, long lastId, String hash, String at, PrivateKey key) {
    AuditCheckpoint unsigned = new AuditCheckpoint(count, lastId, hash, at, "");
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(unsigned.statement().getBytes(StandardCharsets.UTF_8));
      return new AuditCheckpoint(
          count, lastId, hash, at, Base64.getEncoder().encodeToString(s.sign()));
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("cannot sign an audit checkpoint", ex);
    }
  }

  public boolean signedBy(PublicKey key) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(statement().getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      return false;
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("count", count)
        .put("lastId", lastId)
        .put("hash", hash)
        .put("at", at)
        .put("signature", signature);
  }

  public static AuditCheckpoint fromJson(JsonObject j) {
    return new AuditCheckpoint(
        j.getLong("count"),
        j.getLong("lastId"),
        j.getString("hash"),
        j.getString("at"),
        j.getString("signature"));
  }
}
