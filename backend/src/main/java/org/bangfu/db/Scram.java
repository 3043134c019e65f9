package org.bangfu.db;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A role's password as PostgreSQL stores it for SCRAM-SHA-256 sign-in (RFC 5802 / 7677): {@code
 * SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}. Bangfu hands PostgreSQL this verifier
 * instead of the password, so the password itself never travels in a statement and never reaches
 * the server's logs.
 */
final class Scram {

  static final int ITERATIONS = 4096;

  private Scram() {}

  /** The verifier of {@code password} (printable ASCII: nothing for SASLprep to change). */
  static String verifier(String password) {
    if (!password.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("a generated password is printable ASCII");
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    try {
      byte[] salted =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
              .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256))
              .getEncoded();
      byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
      byte[] serverKey = hmac(salted, "Server Key");
      Base64.Encoder b64 = Base64.getEncoder();
      return "SCRAM-SHA-256$"
          + ITERATIONS
          + ":"
          + b64.encodeToString(salt)
          + "$"
          + b64.encodeToString(storedKey)
          + ":"
          + b64.encodeToString(serverKey);
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("SCRAM-SHA-256 is not available in this JVM", ex);
    }
  }

  private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
  }
}
