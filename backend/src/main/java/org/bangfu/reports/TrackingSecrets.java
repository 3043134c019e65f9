package org.bangfu.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;

/**
 * Tracking numbers (查询编号, short, to read out on the phone) and tracking secrets (查询密码: 256 random
 * bits, base64url). Only the secret's SHA-256 digest is stored; look-ups compare digests in
 * constant time.
 */
public final class TrackingSecrets {
  private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
  private final SecureRandom random = new SecureRandom();

  /** {@code 12317-20181017-7K3QX9M2}: the line, the day received, eight random characters. */
  public String trackingNumber(LocalDate day) {
    StringBuilder b =
        new StringBuilder("12317-").append(day.toString().replace("-", "")).append('-');
    for (int i = 0; i < 8; i++) {
      b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return b.toString();
  }

  public String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean matches(String secret, byte[] storedDigest) {
    return MessageDigest.isEqual(digest(secret), storedDigest);
  }
}
