package org.bangfu.keys;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of a deployment, kept outside the database so that a dump of PostgreSQL never holds both
 * the ciphertext and its key, and so that someone with database rights cannot forge an audit
 * checkpoint:
 *
 * <ul>
 *   <li>the token key (HS256): {@code BANGFU_JWT_SECRET}, else the file {@code jwt.key};
 *   <li>the personal-data key (AES-256): {@code BANGFU_DATA_KEY} (base64 of 32 bytes), else {@code
 *       personal-data.key};
 *   <li>the audit checkpoint signing key (Ed25519): {@code BANGFU_AUDIT_KEY} ({@code <base64 PKCS#8
 *       private>:<base64 X.509 public>}), else {@code audit-ed25519.key}.
 * </ul>
 *
 * <p>The files live in the key directory ({@code BANGFU_DATA_DIR/keys}, beside and never inside the
 * embedded PostgreSQL's {@code pg} directory), created on first start with mode 0700 and the files
 * 0600. Every node of a cluster must have the same keys: copy the key files to the other machines,
 * or give every node the same environment variables.
 *
 * <p>Earlier versions kept the token and personal-data keys in the table {@code app_secrets}. A
 * start that finds them there writes them to the key files and deletes them from the table; when it
 * cannot (a different key is already in the file or the environment, or the file cannot be
 * written), it keeps using the database's personal-data key so the data stays readable, and says so
 * in the log.
 */
public final class Keys {

  private static final Logger LOG = LoggerFactory.getLogger(Keys.class);

  static final String JWT_FILE = "jwt.key";
  static final String DATA_FILE = "personal-data.key";
  static final String AUDIT_FILE = "audit-ed25519.key";

  /** The names the keys had in app_secrets. */
  static final String JWT_ROW = "jwt-hs256";

  static final String DATA_ROW = "personal-data-key";

  private static volatile Keys installed;

  private final String jwtSecret;
  private final byte[] dataKey;
  private final KeyPair auditKey;

  Keys(String jwtSecret, byte[] dataKey, KeyPair auditKey) {
    this.jwtSecret = jwtSecret;
    this.dataKey = dataKey.clone();
    this.auditKey = auditKey;
  }

  /** What the environment gives (each may be empty: the key file is used then). */
  public record FromEnvironment(
      Optional<String> jwtSecret, Optional<String> dataKey, Optional<String> auditKey) {

    /** BANGFU_JWT_SECRET, BANGFU_DATA_KEY and BANGFU_AUDIT_KEY as configured. */
    public static FromEnvironment of(AppConfig config) {
      return new FromEnvironment(config.jwtSecret(), config.dataKey(), config.auditKey());
    }
  }

  /** The keys loaded by this process's start ({@link #load}); empty before. */
  public static Optional<Keys> installed() {
    return Optional.ofNullable(installed);
  }

  public String jwtSecret() {
    return jwtSecret;
  }

  public byte[] dataKey() {
    return dataKey.clone();
  }

  public KeyPair auditKey() {
    return auditKey;
  }

  public String auditPublicKeyBase64() {
    return Base64.getEncoder().encodeToString(auditKey.getPublic().getEncoded());
  }

  /**
   * Reads (or creates) the keys: the environment first, then the key files in {@code keyDir}; keys
   * still in {@code app_secrets} are moved out. Installs them for this process. File work runs on a
   * worker thread.
   */
  public static Future<Keys> load(
      Vertx vertx, SqlClient sql, KeyRepository stored, Path keyDir, FromEnvironment env) {
    return stored
        .stored(sql, List.of(JWT_ROW, DATA_ROW))
        .compose(
            inDb ->
                vertx
                    .executeBlocking(() -> resolve(keyDir, env, inDb), false)
                    .compose(
                        resolved ->
                            deleteMoved(sql, stored, resolved.movedOut())
                                .map(v -> resolved.keys())))
        .onSuccess(k -> installed = k);
  }

  private record Resolved(Keys keys, Map<String, String> movedOut) {}

  private static Resolved resolve(Path keyDir, FromEnvironment env, Map<String, String> inDb)
      throws IOException {
    ensureDirectory(keyDir);
    Map<String, String> movedOut = new HashMap<>();

    // the token key: losing an old one only signs everybody out, so the file or environment wins
    String jwt = env.jwtSecret().orElse(null);
    String jwtInDb = inDb.get(JWT_ROW);
    if (jwt == null) {
      jwt = readFile(keyDir.resolve(JWT_FILE)).orElse(null);
      if (jwt == null) {
        jwt = jwtInDb != null ? jwtInDb : randomText(48);
        jwt = writeOnce(keyDir.resolve(JWT_FILE), jwt);
      }
    }
    if (jwtInDb != null) {
      movedOut.put(JWT_ROW, jwtInDb);
    }

    // the personal-data key: the data is sealed with one key only, so a conflict keeps the
    // database's key in use (and in the table) rather than make the data unreadable
    byte[] data;
    String dataInDb = inDb.get(DATA_ROW);
    Optional<String> given =
        env.dataKey().isPresent() ? env.dataKey() : readFile(keyDir.resolve(DATA_FILE));
    if (given.isEmpty()) {
      String value =
          dataInDb != null ? dataInDb : Base64.getEncoder().encodeToString(randomBytes(32));
      try {
        given = Optional.of(writeOnce(keyDir.resolve(DATA_FILE), value));
      } catch (IOException ex) {
        if (dataInDb == null) {
          throw ex;
        }
        LOG.error(
            "The personal-data key could not be written to {} ({}): it stays in the database "
                + "table app_secrets, where a dump of the database holds it",
            keyDir,
            ex.getMessage());
        given = Optional.of(dataInDb);
        dataInDb = null; // keep it there
      }
    }
    if (dataInDb != null) {
      if (dataInDb.equals(given.get())) {
        movedOut.put(DATA_ROW, dataInDb);
      } else {
        LOG.error(
            "The database table app_secrets holds a personal-data key different from the one in "
                + (env.dataKey().isPresent() ? "BANGFU_DATA_KEY" : keyDir.resolve(DATA_FILE))
                + ": the database's key stays in use (the data was sealed with it) and in the table. "
                + "Put that key in the key file or BANGFU_DATA_KEY to move it out.");
        given = Optional.of(dataInDb);
      }
    }
    data = decodeDataKey(given.get());

    // the audit checkpoint key
    String audit = env.auditKey().orElse(null);
    if (audit == null) {
      audit = readFile(keyDir.resolve(AUDIT_FILE)).orElse(null);
      if (audit == null) {
        audit = writeOnce(keyDir.resolve(AUDIT_FILE), encodeKeyPair(newAuditKey()));
      }
    }
    return new Resolved(new Keys(jwt, data, decodeKeyPair(audit)), movedOut);
  }

  private static Future<Void> deleteMoved(
      SqlClient sql, KeyRepository stored, Map<String, String> movedOut) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, String> e : movedOut.entrySet()) {
      chain =
          chain.compose(
              v ->
                  stored
                      .delete(sql, e.getKey(), e.getValue())
                      .onSuccess(
                          deleted -> {
                            if (deleted) {
                              LOG.warn(
                                  "Key '{}' moved out of the database table app_secrets into the key directory",
                                  e.getKey());
                            }
                          })
                      .mapEmpty());
    }
    return chain;
  }

  // ------------------------------------------------------------------ files

  static void ensureDirectory(Path dir) throws IOException {
    KeyFiles.ensurePrivateDirectory(dir);
  }

  private static Optional<String> readFile(Path file) throws IOException {
    return KeyFiles.read(file);
  }

  static String writeOnce(Path file, String value) throws IOException {
    return KeyFiles.writeOnce(file, value);
  }

  // ------------------------------------------------------------------ encodings

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static String randomText(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
  }

  private static byte[] decodeDataKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("the personal-data key is not base64 of 32 bytes");
    }
    if (key.length != 32) {
      Arrays.fill(key, (byte) 0);
      throw new IllegalArgumentException(
          "the personal-data key must be 32 bytes (base64 of 32 random bytes)");
    }
    return key;
  }

  /**
   * The audit checkpoints' public key of this deployment, for checking without starting it:
   * BANGFU_AUDIT_KEY, else the key file in {@code keyDir}; empty when neither exists.
   */
  public static Optional<java.security.PublicKey> auditPublicKey(Path keyDir, Optional<String> env)
      throws IOException {
    Optional<String> text = env.isPresent() ? env : readFile(keyDir.resolve(AUDIT_FILE));
    return text.map(t -> decodeKeyPair(t).getPublic());
  }

  /** A public key from its base64 X.509 form (what the public board publishes). */
  public static java.security.PublicKey publicKey(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      throw new IllegalArgumentException("not a base64 Ed25519 public key: " + ex.getMessage());
    }
  }

  public static KeyPair newAuditKey() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", ex);
    }
  }

  /**
   * {@code <base64 PKCS#8 private>:<base64 X.509 public>}, the form of the key file and
   * BANGFU_AUDIT_KEY.
   */
  public static String encodeKeyPair(KeyPair pair) {
    Base64.Encoder b64 = Base64.getEncoder();
    return b64.encodeToString(pair.getPrivate().getEncoded())
        + ":"
        + b64.encodeToString(pair.getPublic().getEncoded());
  }

  static KeyPair decodeKeyPair(String text) {
    String[] parts = text.trim().split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "the audit key must be '<base64 PKCS#8 private key>:<base64 X.509 public key>'");
    }
    try {
      KeyFactory kf = KeyFactory.getInstance("Ed25519");
      return new KeyPair(
          kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
          kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))));
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          "the audit key is not an Ed25519 key pair: " + ex.getMessage());
    }
  }
}
