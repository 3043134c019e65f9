package org.bangfu.audit.log;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * The signed checkpoints earlier versions of Bangfu wrote to {@code
 * BANGFU_DATA_DIR/checkpoints/audit-checkpoints.jsonl} (rows, last row's id and hash, time; no
 * longer written). Where the file is still there, the log is held to them too: a history rewritten
 * before the first signed tree head would otherwise be signed as intact by it.
 */
public final class LegacyCheckpoints {

  private LegacyCheckpoints() {}

  public static Path file(Path dataDir) {
    return dataDir.resolve("checkpoints").resolve("audit-checkpoints.jsonl");
  }

  /** The file's lines (none when there is no file). Blocking. */
  public static List<String> read(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  /**
   * What the checkpoints say, each checked with the keys kept outside the database; one whose
   * signature no such key verifies is a problem of its own.
   */
  static List<LogCheck.Expectation> expectations(
      List<String> lines, Collection<PublicKey> keys, List<Problem> problems) {
    List<LogCheck.Expectation> out = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject j;
      try {
        j = new JsonObject(line);
      } catch (RuntimeException ex) {
        continue; // not a checkpoint, as the earlier versions also skipped
      }
      long count = j.getLong("count", -1L);
      long lastId = j.getLong("lastId", -1L);
      String hash = j.getString("hash", "");
      String at = j.getString("at", "");
      String label = "the checkpoint of " + count + " records (" + at + ")";
      String statement =
          "bangfu audit checkpoint v1\ncount="
              + count
              + "\nlastId="
              + lastId
              + "\nhash="
              + hash
              + "\nat="
              + at;
      byte[] sig;
      try {
        sig = Base64.getDecoder().decode(j.getString("signature", ""));
      } catch (IllegalArgumentException ex) {
        sig = new byte[0];
      }
      byte[] signature = sig;
      if (keys.stream().anyMatch(k -> Signatures.verify(k, statement, signature))) {
        out.add(LogCheck.Expectation.checkpoint(count, lastId, hash, label));
      } else {
        problems.add(
            new Problem(
                Problem.HEAD_SIGNATURE,
                label
                    + ": its signature does not verify with the audit key (altered, or signed with"
                    + " another key)",
                null,
                count));
      }
    }
    return out;
  }
}
