package org.bangfu.audit.log;

import io.vertx.core.json.JsonObject;

/**
 * One thing a check of the log found wrong: a stable {@code code} the web app translates, the
 * English sentence the command line prints, and where (the first row concerned, the size of the
 * head concerned), either may be null.
 */
public record Problem(String code, String message, Long rowId, Long headSize) {

  /** A row's hash does not match its content and the row before (changed without recomputing). */
  public static final String ROW_CHANGED = "audit_row_changed";

  /** The records a head covers give another root: changed, hashes recomputed. */
  public static final String HISTORY_REWRITTEN = "audit_history_rewritten";

  /** A witness saw another history at a size, and a head was signed again over the new one. */
  public static final String FORK = "audit_fork";

  /** A head covers more records than the log holds. */
  public static final String ROWS_DELETED = "audit_rows_deleted";

  /** A head's signature does not verify with the key it names. */
  public static final String HEAD_SIGNATURE = "audit_head_signature_invalid";

  /** A head names a key the key list does not hold, or was signed outside the key's validity. */
  public static final String HEAD_KEY = "audit_head_key_invalid";

  /** A cosignature does not verify with its witness's key over the head it is kept with. */
  public static final String COSIGNATURE = "audit_cosignature_invalid";

  /** Where a rewrite begins: the first 256 records that differ from what the heads covered. */
  public static final String TILE = "audit_rewrite_begins";

  /** The key list names a key differently from a copy kept outside the database. */
  public static final String KEY_LIST = "audit_key_list_altered";

  public JsonObject toJson() {
    return new JsonObject()
        .put("code", code)
        .put("message", message)
        .put("rowId", rowId)
        .put("headSize", headSize);
  }
}
