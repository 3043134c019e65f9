package org.bangfu.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The Java twin of the database's {@code audit_log_row_hash} (V10__marketplace.sql), for bulk loads
 * that write the audit trail with COPY instead of one trigger call per row: the same fields joined
 * by {@code |}, the time as {@code YYYY-MM-DDTHH:MI:SS.USZ} in UTC, the JSON as PostgreSQL prints a
 * jsonb ({@link #json}), SHA-256 in hex. {@code GET /audit/verify} recomputes every row in SQL, so
 * a difference between the two would show at once.
 */
final class AuditChain {
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final MessageDigest sha256;
  private String last;

  AuditChain(String lastHash) {
    this.last = lastHash == null ? "genesis" : lastHash;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String last() {
    return last;
  }

  /** The next row's hash (its prev_hash is {@link #last()} before the call). */
  String next(
      long id,
      long atEpochSecond,
      Long actorId,
      String actor,
      String role,
      String entity,
      String entityId,
      String action,
      String before,
      String after) {
    String text =
        String.join(
            "|",
            last,
            Long.toString(id),
            AT.format(Instant.ofEpochSecond(atEpochSecond)),
            actorId == null ? "" : actorId.toString(),
            actor,
            role,
            entity,
            entityId,
            action,
            before == null ? "null" : before,
            after == null ? "null" : after);
    last = HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    return last;
  }

  /**
   * A flat JSON object as PostgreSQL prints a jsonb: keys shorter first, then by their bytes;
   * {@code ": "} and {@code ", "} between. Values are strings (ASCII or CJK, no control characters)
   * or numbers; pairs as {@code key, value, key, value...}.
   */
  static String json(Object... pairs) {
    List<Object[]> entries = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      entries.add(new Object[] {pairs[i], pairs[i + 1]});
    }
    entries.sort(
        Comparator.<Object[]>comparingInt(
                e -> ((String) e[0]).getBytes(StandardCharsets.UTF_8).length)
            .thenComparing(e -> (String) e[0]));
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < entries.size(); i++) {
      Object[] e = entries.get(i);
      sb.append(i == 0 ? "" : ", ").append('"').append(e[0]).append("\": ");
      if (e[1] instanceof Number) {
        sb.append(e[1]);
      } else {
        sb.append('"')
            .append(((String) e[1]).replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
    }
    return sb.append('}').toString();
  }
}
