package org.bangfu.audit.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree hashing of RFC 9162 (Certificate Transparency 2.0) §2.1: a leaf is hashed as
 * SHA-256(0x00 ‖ leaf), an inner node as SHA-256(0x01 ‖ left ‖ right), and the tree over {@code n}
 * leaves splits at the largest power of two smaller than {@code n}. The different prefixes keep a
 * leaf from ever being taken for a node (second preimages).
 *
 * <p>Proofs are built in two steps so that the subtree hashes they need can be read in a few
 * queries: {@link #inclusionRanges} and {@link #consistencyRanges} name the subtrees (RFC 9162's
 * PATH and PROOF), {@link #rangeNodes} the perfect subtrees each is made of, {@link #rangeHash}
 * folds them. The verifications are the RFC's own algorithms (§2.1.3.2 and §2.1.4.2), written from
 * the text.
 */
public final class Merkle {

  public static final int HASH_BYTES = 32;

  private Merkle() {}

  /** A perfect subtree: leaves {@code [index · 2^level, (index + 1) · 2^level)}. */
  public record Node(int level, long index) {
    public long start() {
      return index << level;
    }

    public long end() {
      return (index + 1) << level;
    }
  }

  /** The leaves {@code [start, end)} of a tree, hashed as RFC 9162's MTH(D[start:end]). */
  public record Range(long start, long end) {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The root of the empty tree: SHA-256 of nothing. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  public static byte[] leafHash(byte[] leaf) {
    return leafHash(sha256(), leaf);
  }

  public static byte[] leafHash(MessageDigest sha, byte[] leaf) {
    sha.update((byte) 0);
    return sha.digest(leaf);
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    return nodeHash(sha256(), left, right);
  }

  public static byte[] nodeHash(MessageDigest sha, byte[] left, byte[] right) {
    sha.update((byte) 1);
    sha.update(left);
    return sha.digest(right);
  }

  /** The largest power of two smaller than {@code n} ({@code n > 1}): where the tree splits. */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  // ------------------------------------------------------------------ proofs, step 1: which
  // subtrees

  /**
   * The subtrees whose hashes make the audit path of leaf {@code m} in a tree of {@code n} leaves
   * (RFC 9162 §2.1.3.1 PATH), from the leaf upwards.
   */
  public static List<Range> inclusionRanges(long m, long n) {
    if (m < 0 || m >= n) {
      throw new IllegalArgumentException("leaf " + m + " is not in a tree of " + n);
    }
    List<Range> out = new ArrayList<>();
    path(m, 0, n, out);
    return out;
  }

  private static void path(long m, long start, long end, List<Range> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = split(n);
    if (m < k) {
      path(m, start, start + k, out);
      out.add(new Range(start + k, end));
    } else {
      path(m - k, start + k, end, out);
      out.add(new Range(start, start + k));
    }
  }

  /**
   * The subtrees whose hashes prove that the tree of {@code n} leaves extends the tree of its first
   * {@code m} (RFC 9162 §2.1.4.1 PROOF); empty when {@code m} is 0 or {@code m == n}.
   */
  public static List<Range> consistencyRanges(long m, long n) {
    if (m < 0 || m > n) {
      throw new IllegalArgumentException("no consistency from " + m + " to " + n);
    }
    List<Range> out = new ArrayList<>();
    if (m > 0 && m < n) {
      subproof(m, 0, n, true, out);
    }
    return out;
  }

  private static void subproof(long m, long start, long end, boolean whole, List<Range> out) {
    long n = end - start;
    if (m == n) {
      if (!whole) {
        out.add(new Range(start, end));
      }
      return;
    }
    long k = split(n);
    if (m <= k) {
      subproof(m, start, start + k, whole, out);
      out.add(new Range(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(new Range(start, start + k));
    }
  }

  // ------------------------------------------------------------------ step 2: perfect subtrees

  /**
   * The perfect subtrees a range's hash is folded from, left to right: the tree's own split applied
   * until every part is a whole power of two (every range a proof names starts at a multiple of its
   * parts' sizes).
   */
  public static List<Node> rangeNodes(Range r) {
    List<Node> out = new ArrayList<>();
    long start = r.start();
    long end = r.end();
    while (start < end) {
      long n = end - start;
      long size = Long.bitCount(n) == 1 ? n : split(n);
      if (start % size != 0) {
        throw new IllegalArgumentException("range " + r + " is not made of aligned subtrees");
      }
      out.add(new Node(Long.numberOfTrailingZeros(size), start / size));
      start += size;
    }
    return out;
  }

  /**
   * A range's hash from its perfect subtrees' hashes ({@link #rangeNodes} order): the rightmost two
   * are joined first, as the tree's split puts the larger subtree on the left.
   */
  public static byte[] rangeHash(List<byte[]> parts) {
    MessageDigest sha = sha256();
    byte[] h = parts.get(parts.size() - 1);
    for (int i = parts.size() - 2; i >= 0; i--) {
      h = nodeHash(sha, parts.get(i), h);
    }
    return h;
  }

  /** The root of a perfect subtree from its 2^k children's hashes, left to right. */
  public static byte[] perfectRoot(List<byte[]> hashes) {
    if (Long.bitCount(hashes.size()) != 1) {
      throw new IllegalArgumentException(hashes.size() + " hashes do not make a perfect subtree");
    }
    MessageDigest sha = sha256();
    List<byte[]> level = hashes;
    while (level.size() > 1) {
      List<byte[]> up = new ArrayList<>(level.size() / 2);
      for (int i = 0; i < level.size(); i += 2) {
        up.add(nodeHash(sha, level.get(i), level.get(i + 1)));
      }
      level = up;
    }
    return level.get(0);
  }

  // ------------------------------------------------------------------ verification (RFC 9162)

  /** RFC 9162 §2.1.3.2: does {@code path} lead from leaf {@code index}'s hash to {@code root}? */
  public static boolean verifyInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= treeSize) {
      return false;
    }
    MessageDigest sha = sha256();
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(sha, p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(sha, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  /**
   * RFC 9162 §2.1.4.2: does {@code proof} show that the tree of {@code second} leaves with root
   * {@code secondRoot} extends the tree of {@code first} leaves with root {@code firstRoot}? Equal
   * sizes need an empty proof and equal roots; the empty tree is extended by every tree.
   */
  public static boolean verifyConsistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
    if (first < 0 || first > second) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
    }
    if (first == 0) {
      return proof.isEmpty();
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    MessageDigest sha = sha256();
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(sha, c, fr);
        sr = nodeHash(sha, c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sha, sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
  }
}
