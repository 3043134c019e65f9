package org.bangfu.audit.log;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed tree head: the log {@code origin} had {@code size} records whose Merkle root is {@code
 * root} at {@code timeMillis}, signed with the audit key {@code keyId}. {@code lastId} (the audit
 * id of the last record it covers) is informative and not signed: the tree's positions, not the
 * ids, are what the head vouches for. {@code cosignatures} are the witnesses that checked it.
 */
public record TreeHead(
    String origin,
    long size,
    byte[] root,
    long timeMillis,
    String keyId,
    byte[] signature,
    long lastId,
    List<Cosignature> cosignatures) {

  public TreeHead {
    cosignatures = cosignatures == null ? List.of() : List.copyOf(cosignatures);
  }

  /** The exact text signed (UTF-8), one field a line. */
  public String statement() {
    return statement(origin, size, root, timeMillis, keyId);
  }

  static String statement(String origin, long size, byte[] root, long timeMillis, String keyId) {
    return "bangfu audit log tree head v1\n"
        + "origin: "
        + origin
        + "\nsize: "
        + size
        + "\nroot: "
        + HexFormat.of().formatHex(root)
        + "\ntime: "
        + timeMillis
        + "\nkey: "
        + keyId
        + "\n";
  }

  public static TreeHead sign(
      String origin,
      long size,
      byte[] root,
      Instant at,
      long lastId,
      String keyId,
      PrivateKey key) {
    long ms = at.toEpochMilli();
    byte[] sig = Signatures.sign(key, statement(origin, size, root, ms, keyId));
    return new TreeHead(origin, size, root, ms, keyId, sig, lastId, List.of());
  }

  public boolean signedBy(PublicKey key) {
    return Signatures.verify(key, statement(), signature);
  }

  public String rootHex() {
    return HexFormat.of().formatHex(root);
  }

  public Instant time() {
    return Instant.ofEpochMilli(timeMillis);
  }

  public TreeHead withCosignatures(List<Cosignature> list) {
    return new TreeHead(origin, size, root, timeMillis, keyId, signature, lastId, list);
  }

  /** A short name for reports: {@code head 120 (2024-05-01T10:00:00Z)}. */
  public String label() {
    return "the signed head of size " + size + " (" + time() + ", key " + keyId + ")";
  }

  public JsonObject toJson() {
    JsonArray cos = new JsonArray();
    cosignatures.forEach(c -> cos.add(c.toJson()));
    return new JsonObject()
        .put("origin", origin)
        .put("size", size)
        .put("root", rootHex())
        .put("time", time().toString())
        .put("timeMillis", timeMillis)
        .put("keyId", keyId)
        .put("signature", Base64.getEncoder().encodeToString(signature))
        .put("lastId", lastId)
        .put("statement", statement())
        .put("cosignatures", cos);
  }

  /** From {@link #toJson()}; {@link IllegalArgumentException} when a field is missing or bad. */
  public static TreeHead fromJson(JsonObject j) {
    try {
      JsonArray cos = j.getJsonArray("cosignatures", new JsonArray());
      List<Cosignature> list = cos.stream().map(o -> Cosignature.fromJson((JsonObject) o)).toList();
      return new TreeHead(
          required(j.getString("origin")),
          j.getLong("size"),
          HexFormat.of().parseHex(required(j.getString("root"))),
          j.getLong("timeMillis"),
          required(j.getString("keyId")),
          Base64.getDecoder().decode(required(j.getString("signature"))),
          j.getLong("lastId", 0L),
          list);
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException("not a signed tree head: " + ex.getMessage());
    }
  }

  private static String required(String s) {
    if (s == null) {
      throw new IllegalArgumentException("a field is missing");
    }
    return s;
  }
}
