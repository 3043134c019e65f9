package org.bangfu.sampling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Draws a sample anyone can draw again: every allocation of the frame gets the key SHA-256 of the
 * UTF-8 text {@code <seed>:<allocation id>} (in hex), and the sample is the {@code size} smallest
 * keys, in that order. The seed is 128 random bits, made after the frame is fixed and published
 * with the sample; with the frame (from the open-data feed) and the seed, a few lines in any
 * language give the same allocations.
 */
public final class SampleDraw {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SampleDraw() {}

  /** A new seed: 16 random bytes in hex. */
  public static String newSeed() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The key an allocation is ranked by. */
  public static String key(String seed, long allocationId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] h = sha.digest((seed + ":" + allocationId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code size} allocations of {@code frame} with the smallest keys, smallest first. */
  public static List<Long> draw(String seed, List<Long> frame, int size) {
    record Keyed(long id, String key) {}
    return frame.stream()
        .distinct()
        .map(id -> new Keyed(id, key(seed, id)))
        .sorted(Comparator.comparing(Keyed::key))
        .limit(Math.max(0, size))
        .map(Keyed::id)
        .toList();
  }
}
