package org.bangfu.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with 210,000 iterations (the OWASP 2023 figure), a 16-byte
 * random salt and a 32-byte key, stored as {@code pbkdf2-sha256$iterations$salt$hash}. Hashing
 * takes a good fraction of a second by design, so the Future methods run it on a worker thread,
 * never on an event loop.
 */
public final class PasswordHasher {

  public static final int ITERATIONS = 210_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Verified against when the account does not exist, so both cases take the same time. A holder
   * class, so the hash is computed on first use on a worker thread, not at class initialisation
   * (which may happen on an event loop).
   */
  private static final class Dummy {
    static final String HASH = hashBlocking("no-such-account-" + RANDOM.nextLong());
  }

  private PasswordHasher() {}

  public static Future<String> hash(Vertx vertx, String password) {
    return vertx.executeBlocking(() -> hashBlocking(password), false);
  }

  /** Checks a password against a stored hash (or a dummy one when {@code stored} is null). */
  public static Future<Boolean> verify(Vertx vertx, String password, String stored) {
    return vertx.executeBlocking(
        () -> verifyBlocking(password, stored == null ? Dummy.HASH : stored) && stored != null,
        false);
  }

  public static String hashBlocking(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] key = derive(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + ITERATIONS
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(key);
  }

  public static boolean verifyBlocking(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException ex) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] salt = b64.decode(parts[2]);
    byte[] expected = b64.decode(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, salt, iterations));
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", ex);
    } finally {
      spec.clearPassword();
    }
  }
}
