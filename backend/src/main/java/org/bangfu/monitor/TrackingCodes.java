package org.bangfu.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.random.RandomGenerator;

/**
 * A self-report's tracking number (查询编号, like the 12317 line's: {@code JC-20250301-7K3QX9M2}, the
 * day and eight random characters, to read out on the phone) and its secret (查询码: twelve random
 * characters of the same alphabet, 60 bits, short enough to copy by hand). Only the secret's digest
 * is kept; look-ups compare digests in constant time.
 */
public final class TrackingCodes {
  private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
  private final RandomGenerator random;

  /** Codes nobody can guess: the deployment's. */
  public TrackingCodes() {
    this(new SecureRandom());
  }

  /** Codes from a given source: the demo's seeded one, so a visitor can follow its reports. */
  public TrackingCodes(RandomGenerator random) {
    this.random = random;
  }

  public String trackingNumber(LocalDate day) {
    return "JC-" + day.toString().replace("-", "") + "-" + random(8);
  }

  public String secret() {
    return random(12);
  }

  private String random(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return b.toString();
  }

  static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean matches(String secret, byte[] stored) {
    return MessageDigest.isEqual(digest(secret), stored);
  }
}
