package org.bangfu.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bangfu.config.AppConfig;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.EmbeddedDatabase;
import org.bangfu.keys.Keys;

/**
 * {@code java -jar bangfu.jar verify-audit [--database-url URL] [--checkpoints FILE|URL]
 * [--public-key BASE64]} (what {@code scripts/verify-audit} runs): checks the audit trail in the
 * database against the signed checkpoints ({@link AuditTrailCheck}). Exit code 0: intact; 1:
 * tampered, the first finding named first; 2: bad usage or nothing to check with.
 *
 * <p>Defaults: the database of DATABASE_URL, else the embedded PostgreSQL of BANGFU_DATA_DIR (the
 * running one, or started for the check); the checkpoints in {@code
 * BANGFU_DATA_DIR/checkpoints/audit-checkpoints.jsonl}, or those published at a URL ({@code
 * https://…/api/v1/public/audit-checkpoints}); the public key from BANGFU_AUDIT_KEY or the key
 * file, else {@code --public-key}, else (said so) the key published with the checkpoints.
 */
public final class VerifyAudit {

  public static final String USAGE =
      "usage: verify-audit [--database-url postgresql://user:pass@host:port/db] "
          + "[--checkpoints FILE.jsonl | URL of /api/v1/public/audit-checkpoints] [--public-key BASE64]";

  private VerifyAudit() {}

  private static final class Usage extends Exception {
    Usage(String message) {
      super(message);
    }
  }

  /** Runs the check; the exit code. */
  public static int run(List<String> args, AppConfig config, PrintStream out, PrintStream err) {
    String dbArg = null;
    String checkpointsArg = null;
    String keyArg = null;
    try {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--database-url" -> dbArg = value(args, ++i, a);
          case "--checkpoints" -> checkpointsArg = value(args, ++i, a);
          case "--public-key" -> keyArg = value(args, ++i, a);
          case "--help", "-h" -> {
            out.println(USAGE);
            return 0;
          }
          default -> throw new Usage("unknown argument '" + a + "'");
        }
      }
      Published published =
          checkpointsArg != null && checkpointsArg.matches("https?://.*")
              ? fetch(checkpointsArg)
              : readFile(
                  checkpointsArg == null
                      ? AuditCheckpointService.file(config.dataDir())
                      : Path.of(checkpointsArg));
      if (published.checkpoints().isEmpty()) {
        throw new Usage("no checkpoints found in " + published.source());
      }
      PublicKey key = publicKey(keyArg, config, published, out);
      Optional<String> url = Optional.ofNullable(dbArg).or(config::databaseUrl);
      if (url.isPresent()) {
        return check(
            DatabaseUrl.parse(dbArg != null ? "--database-url" : "DATABASE_URL", url.get()),
            published,
            key,
            out);
      }
      Optional<DatabaseUrl> running = EmbeddedDatabase.runningUrl(config.dataDir());
      if (running.isPresent()) {
        return check(running.get(), published, key, out);
      }
      try (EmbeddedDatabase embedded = EmbeddedDatabase.startPersistent(config.dataDir())) {
        return check(embedded.url(), published, key, out);
      }
    } catch (Usage ex) {
      err.println("verify-audit: " + ex.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException | SQLException | RuntimeException ex) {
      err.println("verify-audit: cannot check: " + ex.getMessage());
      return 2;
    }
  }

  private static String value(List<String> args, int i, String option) throws Usage {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new Usage(option + " needs a value");
    }
    return args.get(i);
  }

  private record Published(String source, List<AuditCheckpoint> checkpoints, String publicKey) {}

  private static Published readFile(Path file) throws IOException {
    return new Published(file.toString(), AuditCheckpointService.read(file), null);
  }

  private static Published fetch(String url) throws IOException, Usage {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url))
                      .timeout(Duration.ofSeconds(30))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new Usage(url + " answered " + r.statusCode());
      }
      JsonObject body = new JsonObject(r.body());
      List<AuditCheckpoint> list = new ArrayList<>();
      JsonArray arr = body.getJsonArray("checkpoints", new JsonArray());
      for (int i = 0; i < arr.size(); i++) {
        list.add(AuditCheckpoint.fromJson(arr.getJsonObject(i)));
      }
      return new Published(url, list, body.getString("publicKey"));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private static PublicKey publicKey(
      String keyArg, AppConfig config, Published published, PrintStream out)
      throws IOException, Usage {
    if (keyArg != null) {
      return Keys.publicKey(keyArg);
    }
    String env = System.getenv("BANGFU_AUDIT_KEY");
    Optional<PublicKey> own =
        Keys.auditPublicKey(
            config.dataDir().resolve("keys"),
            env == null || env.isBlank() ? Optional.empty() : Optional.of(env));
    if (own.isPresent()) {
      return own.get();
    }
    if (published.publicKey() != null) {
      out.println(
          "note: checking against the public key published with the checkpoints; "
              + "give --public-key to check against a key you kept yourself");
      return Keys.publicKey(published.publicKey());
    }
    throw new Usage(
        "no public key: give --public-key, BANGFU_AUDIT_KEY or a BANGFU_DATA_DIR with keys/");
  }

  private static int check(DatabaseUrl db, Published published, PublicKey key, PrintStream out)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      AuditTrailCheck.Finding f = AuditTrailCheck.check(c, published.checkpoints(), key);
      if (f.intact()) {
        AuditCheckpoint newest = f.newestMatched();
        out.println(
            "intact: "
                + f.rows()
                + " rows (last id "
                + f.lastId()
                + "), "
                + f.checkpoints()
                + " checkpoints from "
                + published.source()
                + " match"
                + (newest == null
                    ? ""
                    : "; the newest (" + newest.at() + ") covers " + newest.count() + " rows"));
        return 0;
      }
      out.println("TAMPERED: " + f.problems().get(0));
      for (String p : f.problems().subList(1, f.problems().size())) {
        out.println("  also: " + p);
      }
      return 1;
    }
  }
}
