package org.bangfu.db;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bangfu.keys.KeyFiles;

/**
 * The two passwords of the embedded PostgreSQL, generated on first start and kept in the key
 * directory beside the other keys (directory 0700, files 0600), never in the database's own data
 * directory:
 *
 * <ul>
 *   <li>{@value #SUPERUSER_FILE}: the superuser {@code postgres}, used by this process only to set
 *       the server up (the application's role and database, ownership after an upgrade);
 *   <li>{@value #APPLICATION_FILE}: the role {@value EmbeddedDatabase#ROLE} the server works as,
 *       which owns Bangfu's schema and nothing else.
 * </ul>
 *
 * @param created whether this start wrote the superuser's password file (the server must then be
 *     told the new password)
 */
public record DatabasePasswords(String superuser, String application, boolean created) {

  public static final String SUPERUSER_FILE = "postgres-superuser.password";
  public static final String APPLICATION_FILE = "postgres-bangfu.password";

  @Override
  public String toString() {
    return "DatabasePasswords[hidden]";
  }

  /** Reads both passwords from {@code keyDir}, creating what is missing. Blocking. */
  public static DatabasePasswords loadOrCreate(Path keyDir) {
    try {
      KeyFiles.ensurePrivateDirectory(keyDir);
      boolean created = KeyFiles.read(keyDir.resolve(SUPERUSER_FILE)).isEmpty();
      String superuser =
          KeyFiles.readOrCreate(keyDir.resolve(SUPERUSER_FILE), DatabasePasswords::generate);
      String application =
          KeyFiles.readOrCreate(keyDir.resolve(APPLICATION_FILE), DatabasePasswords::generate);
      return new DatabasePasswords(superuser, application, created);
    } catch (IOException ex) {
      throw new DatabaseStartException(
          "cannot keep the embedded PostgreSQL's passwords in "
              + keyDir
              + " ("
              + ex.getMessage()
              + "); set BANGFU_DATA_DIR to a writable directory, or DATABASE_URL",
          ex);
    }
  }

  /** The application role's password when the key directory has it (a running server's). */
  public static Optional<String> application(Path keyDir) {
    try {
      return KeyFiles.read(keyDir.resolve(APPLICATION_FILE));
    } catch (IOException ex) {
      return Optional.empty();
    }
  }

  /** 32 random bytes as URL-safe base64: nothing to quote in SQL, a URL or a connection string. */
  static String generate() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
