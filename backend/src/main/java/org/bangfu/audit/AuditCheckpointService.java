package org.bangfu.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.keys.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes signed checkpoints of the audit chain's head and keeps them outside PostgreSQL, one JSON
 * object per line in {@code BANGFU_DATA_DIR/checkpoints/audit-checkpoints.jsonl} (appended and
 * synced, never rewritten). They are taken at every start, daily ({@link AuditCheckpointJob}) and
 * on an admin's demand, and published on the public board with the public key, so copies exist
 * outside the machine too. {@code verify-audit} checks the trail against them ({@link
 * AuditTrailCheck}).
 */
public final class AuditCheckpointService {

  private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointService.class);
  public static final String FILE = "audit-checkpoints.jsonl";

  private final Vertx vertx;
  private final SqlClient sql;
  private final Path file;
  private final AuditRepository audit;

  public AuditCheckpointService(Vertx vertx, SqlClient sql, Path file, AuditRepository audit) {
    this.audit = audit;
    this.vertx = vertx;
    this.sql = sql;
    this.file = file;
  }

  public static Path file(Path dataDir) {
    return dataDir.resolve("checkpoints").resolve(FILE);
  }

  public static KeyPair key() {
    return Keys.installed()
        .orElseThrow(() -> new IllegalStateException("the audit key is not loaded"))
        .auditKey();
  }

  /** Signs the chain's head at {@code now} and appends it to the file. */
  public Future<AuditCheckpoint> take(Instant now) {
    return audit
        .head(sql)
        .map(
            head ->
                AuditCheckpoint.sign(
                    head.rows(),
                    head.lastId(),
                    head.hash(),
                    now.truncatedTo(ChronoUnit.MILLIS).toString(),
                    key().getPrivate()))
        .compose(
            cp ->
                vertx.executeBlocking(
                    () -> {
                      append(cp);
                      return cp;
                    },
                    true))
        .onSuccess(
            cp ->
                LOG.info(
                    "audit checkpoint: {} rows, last {} {}", cp.count(), cp.lastId(), cp.hash()));
  }

  /** Every checkpoint in the file, oldest first. */
  public Future<List<AuditCheckpoint>> list() {
    return vertx.executeBlocking(() -> read(file), false);
  }

  private synchronized void append(AuditCheckpoint cp) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] line = (cp.toJson().encode() + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      long before = ch.size();
      try {
        ch.write(ByteBuffer.wrap(line));
        ch.force(true);
      } catch (IOException ex) {
        // a full disk may have taken part of the line: the file keeps what it had, so the next
        // checkpoint starts on a line of its own
        try {
          ch.truncate(before);
        } catch (IOException ignored) {
          // the line's part stays; reading skips a line that is not a checkpoint
        }
        throw ex;
      }
    }
  }

  /** The checkpoints in a file ({@code .jsonl}); a line that is not a checkpoint is skipped. */
  public static List<AuditCheckpoint> read(Path file) throws IOException {
    List<AuditCheckpoint> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(AuditCheckpoint.fromJson(new JsonObject(line)));
      } catch (RuntimeException ex) {
        LOG.warn("skipped a line of {} that is not a checkpoint", file);
      }
    }
    return out;
  }
}
