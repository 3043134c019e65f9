package org.bangfu.audit.log;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One row of the audit trail as the log sees it: its content, as the database's {@code
 * audit_log_row_hash} (V10) joins it, and the hashes stored with it.
 *
 * <p>Two encodings, one rule each:
 *
 * <ul>
 *   <li>the <b>row hash</b> (the chain): SHA-256 in hex of {@code prev|id|at|actor_id|actor|role|
 *       entity|entity_id|action|before|after} in UTF-8 ({@code at} as {@code
 *       YYYY-MM-DDTHH:MI:SS.USZ} in UTC, a missing actor id as nothing, missing JSON as {@code
 *       null}, the JSON as PostgreSQL prints a jsonb) — recomputed here, never by calling the
 *       database's function;
 *   <li>the <b>leaf</b> of the Merkle tree (RFC 9162 style, every length explicit so no two rows
 *       encode alike): {@code uint8 version = 1; uint64 id; opaque at<0..2^16-1>; opaque
 *       entity<0..2^16-1>; opaque entity_id<0..2^16-1>; opaque action<0..2^16-1>; opaque
 *       row_hash[32]}. The row hash covers everything else in the row (who, before, after) and the
 *       row before it; the leaf names only what a public record may show (which record, what
 *       happened, when), so a proof can be published without the row's content.
 * </ul>
 */
public record AuditRow(
    long id,
    String at,
    Long actorId,
    String actor,
    String role,
    String entity,
    String entityId,
    String action,
    String before,
    String after,
    String prevHash,
    String hash) {

  public static final String GENESIS = "genesis";
  static final int LEAF_VERSION = 1;

  /** The row hash recomputed from the content and {@code prev} (the row before's hash). */
  public String chainHash(String prev) {
    byte[] d = bytes().chainDigest(Merkle.sha256(), prev.getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(d);
  }

  /** The row's fields as the encodings read them ({@link RowBytes} holds their rules). */
  RowBytes bytes() {
    return new RowBytes()
        .fields(
            Long.toString(id),
            at,
            actorId == null ? "" : actorId.toString(),
            actor,
            role,
            entity,
            entityId,
            action,
            before == null ? "null" : before,
            after == null ? "null" : after,
            prevHash == null ? "" : prevHash,
            hash == null ? "" : hash);
  }

  /** The leaf's bytes, with the row's stored hash. */
  public byte[] leaf() {
    RowBytes b = bytes();
    return java.util.Arrays.copyOf(b.leaf(HexFormat.of().parseHex(hash)), b.leafLength());
  }

  public byte[] leafHash() {
    return Merkle.leafHash(leaf());
  }

  /** What a published proof shows of the row: the leaf's fields and bytes, never the content. */
  public JsonObject leafJson() {
    return new JsonObject()
        .put("auditId", id)
        .put("at", at)
        .put("entity", entity)
        .put("entityId", entityId)
        .put("action", action)
        .put("rowHash", hash)
        .put("leaf", Base64.getEncoder().encodeToString(leaf()))
        .put("leafHash", HexFormat.of().formatHex(leafHash()));
  }
}
