package org.bangfu.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The log's Merkle tree against RFC 9162 §2.1 itself: a reference written straight from the RFC's
 * recursive definitions (MTH, PATH, PROOF) over lists of leaves, the test data of Certificate
 * Transparency's reference implementation (RFC 6962's tree of eight leaves), and random trees.
 */
@DisplayName("Transparency log: Merkle tree, inclusion and consistency proofs as RFC 9162 defines")
class TransparencyMerkleTest {

  // ------------------------------------------------------------------ the RFC, literally

  static byte[] sha(byte prefix, byte[]... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(prefix);
      for (byte[] p : parts) {
        d.update(p);
      }
      return d.digest();
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }

  static int k(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** MTH(D[n]). */
  static byte[] mth(List<byte[]> d) {
    if (d.isEmpty()) {
      try {
        return MessageDigest.getInstance("SHA-256").digest();
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    }
    if (d.size() == 1) {
      return sha((byte) 0, d.get(0));
    }
    int k = k(d.size());
    return sha((byte) 1, mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }

  /** PATH(m, D[n]). */
  static List<byte[]> path(int m, List<byte[]> d) {
    List<byte[]> out = new ArrayList<>();
    if (d.size() <= 1) {
      return out;
    }
    int k = k(d.size());
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, d.size())));
    } else {
      out.addAll(path(m - k, d.subList(k, d.size())));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  static List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    List<byte[]> out = new ArrayList<>();
    int n = d.size();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = k(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  // ------------------------------------------------------------------ ours, from leaves in memory

  /** Our proofs: the subtrees {@link Merkle} names, their hashes folded from the leaves. */
  static List<byte[]> ours(List<Merkle.Range> ranges, List<byte[]> leaves) {
    List<byte[]> out = new ArrayList<>();
    for (Merkle.Range r : ranges) {
      List<byte[]> parts = new ArrayList<>();
      for (Merkle.Node node : Merkle.rangeNodes(r)) {
        List<byte[]> hashes = new ArrayList<>();
        for (long i = node.start(); i < node.end(); i++) {
          hashes.add(Merkle.leafHash(leaves.get((int) i)));
        }
        parts.add(Merkle.perfectRoot(hashes));
      }
      out.add(Merkle.rangeHash(parts));
    }
    return out;
  }

  static List<byte[]> leaves(Random rnd, int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[rnd.nextInt(40)];
      rnd.nextBytes(b);
      out.add(b);
    }
    return out;
  }

  static byte[] root(List<byte[]> leaves) {
    MerkleStack s = new MerkleStack();
    for (int i = 0; i < leaves.size(); i++) {
      s.push(Merkle.leafHash(leaves.get(i)), i + 1);
    }
    return s.root();
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static List<String> hex(List<byte[]> l) {
    return l.stream().map(TransparencyMerkleTest::hex).toList();
  }

  static byte[] unhex(String s) {
    return HexFormat.of().parseHex(s);
  }

  static List<byte[]> unhex(String... s) {
    return Arrays.stream(s).map(TransparencyMerkleTest::unhex).toList();
  }

  // ------------------------------------------------------------------ RFC 6962 test data

  /** The eight leaves of Certificate Transparency's reference tests. */
  static final List<byte[]> CT_LEAVES =
      unhex(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  static final String[] CT_ROOTS = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  @Test
  @DisplayName("the roots of RFC 6962's test tree of eight leaves, for every size 0–8")
  void ctRoots() {
    for (int n = 0; n <= 8; n++) {
      assertThat(hex(root(CT_LEAVES.subList(0, n)))).as("size " + n).isEqualTo(CT_ROOTS[n]);
      assertThat(hex(mth(CT_LEAVES.subList(0, n))))
          .as("reference, size " + n)
          .isEqualTo(CT_ROOTS[n]);
    }
  }

  @Test
  @DisplayName("RFC 6962's audit paths and consistency proofs, made and verified")
  void ctProofs() {
    // leaf 0 of 8, leaf 5 of 8, leaf 2 of 3, leaf 1 of 5
    Object[][] paths = {
      {
        0,
        8,
        new String[] {
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
        }
      },
      {
        5,
        8,
        new String[] {
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
        }
      },
      {2, 3, new String[] {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {
        1,
        5,
        new String[] {
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
        }
      }
    };
    for (Object[] p : paths) {
      int m = (int) p[0];
      int n = (int) p[1];
      List<byte[]> made = ours(Merkle.inclusionRanges(m, n), CT_LEAVES.subList(0, n));
      assertThat(hex(made)).as("path of " + m + " in " + n).containsExactly((String[]) p[2]);
      assertThat(
              Merkle.verifyInclusion(
                  m, n, Merkle.leafHash(CT_LEAVES.get(m)), made, unhex(CT_ROOTS[n])))
          .isTrue();
    }
    Object[][] proofs = {
      {
        1,
        8,
        new String[] {
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
        }
      },
      {
        6,
        8,
        new String[] {
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
        }
      },
      {
        2,
        5,
        new String[] {
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
        }
      }
    };
    for (Object[] p : proofs) {
      int m = (int) p[0];
      int n = (int) p[1];
      List<byte[]> made = ours(Merkle.consistencyRanges(m, n), CT_LEAVES.subList(0, n));
      assertThat(hex(made)).as("proof " + m + " → " + n).containsExactly((String[]) p[2]);
      assertThat(Merkle.verifyConsistency(m, n, unhex(CT_ROOTS[m]), unhex(CT_ROOTS[n]), made))
          .isTrue();
    }
  }

  @Test
  @DisplayName("random trees: roots, audit paths and consistency proofs equal the RFC's own")
  void randomTrees() {
    Random rnd = new Random(9162);
    List<Integer> sizes = new ArrayList<>(List.of(1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 257, 511, 513));
    for (int i = 0; i < 25; i++) {
      sizes.add(1 + rnd.nextInt(700));
    }
    for (int n : sizes) {
      List<byte[]> d = leaves(rnd, n);
      byte[] root = mth(d);
      assertThat(root(d)).as("root of " + n).isEqualTo(root);
      for (int t = 0; t < 6; t++) {
        int m = rnd.nextInt(n);
        List<byte[]> made = ours(Merkle.inclusionRanges(m, n), d);
        assertThat(hex(made)).as("path " + m + " of " + n).isEqualTo(hex(path(m, d)));
        assertThat(Merkle.verifyInclusion(m, n, Merkle.leafHash(d.get(m)), made, root)).isTrue();
        int first = 1 + rnd.nextInt(n);
        List<byte[]> cons = ours(Merkle.consistencyRanges(first, n), d);
        assertThat(hex(cons))
            .as("proof " + first + " → " + n)
            .isEqualTo(hex(first == n ? List.of() : proof(first, d)));
        assertThat(Merkle.verifyConsistency(first, n, mth(d.subList(0, first)), root, cons))
            .as("consistency " + first + " → " + n)
            .isTrue();
      }
    }
  }

  @Test
  @DisplayName("a proof with one bit changed, the wrong leaf, size or root, does not verify")
  void tamperedProofsFail() {
    Random rnd = new Random(6962);
    for (int round = 0; round < 40; round++) {
      int n = 2 + rnd.nextInt(300);
      List<byte[]> d = leaves(rnd, n);
      byte[] root = mth(d);
      int m = rnd.nextInt(n);
      List<byte[]> path = ours(Merkle.inclusionRanges(m, n), d);
      byte[] leaf = Merkle.leafHash(d.get(m));
      assertThat(Merkle.verifyInclusion(m, n, leaf, flip(path, rnd), root)).isFalse();
      assertThat(Merkle.verifyInclusion((m + 1) % n, n, leaf, path, root)).isFalse();
      List<byte[]> longer = new ArrayList<>(d);
      longer.add(new byte[] {7});
      assertThat(Merkle.verifyInclusion(m, n + 1, leaf, path, mth(longer))).isFalse();
      assertThat(Merkle.verifyInclusion(m, n, leaf, path, flip(root, rnd))).isFalse();
      assertThat(Merkle.verifyInclusion(m, n, Merkle.leafHash(new byte[] {1}), path, root))
          .isFalse();

      int first = 1 + rnd.nextInt(n - 1);
      byte[] firstRoot = mth(d.subList(0, first));
      List<byte[]> cons = ours(Merkle.consistencyRanges(first, n), d);
      assertThat(Merkle.verifyConsistency(first, n, firstRoot, root, flip(cons, rnd))).isFalse();
      assertThat(Merkle.verifyConsistency(first, n, flip(firstRoot, rnd), root, cons)).isFalse();
      assertThat(Merkle.verifyConsistency(first, n, firstRoot, flip(root, rnd), cons)).isFalse();
      assertThat(Merkle.verifyConsistency(first, n, firstRoot, root, List.of())).isFalse();
      // another history of the same length: the first `first` leaves differ in one
      List<byte[]> other = new ArrayList<>(d);
      other.set(rnd.nextInt(first), new byte[] {9, 9, 9});
      assertThat(
              Merkle.verifyConsistency(
                  first, n, firstRoot, mth(other), ours(Merkle.consistencyRanges(first, n), other)))
          .as("a changed early leaf is not consistent with the earlier root")
          .isFalse();
    }
    // the empty tree is extended by any; equal sizes need equal roots
    assertThat(Merkle.verifyConsistency(0, 5, Merkle.emptyRoot(), new byte[32], List.of()))
        .isTrue();
    assertThat(Merkle.verifyConsistency(3, 3, new byte[32], new byte[32], List.of())).isTrue();
    assertThat(Merkle.verifyConsistency(3, 2, new byte[32], new byte[32], List.of())).isFalse();
  }

  @Test
  @DisplayName(
      "proofs at the edges: a leaf past the tree, equal sizes with other roots, a proof too long")
  void edges() {
    Random rnd = new Random(9162);
    List<byte[]> d = leaves(rnd, 7);
    byte[] root = mth(d);
    byte[] other = mth(leaves(rnd, 7));
    List<byte[]> path = ours(Merkle.inclusionRanges(6, 7), d);
    byte[] last = Merkle.leafHash(d.get(6));
    assertThat(Merkle.verifyInclusion(6, 7, last, path, root)).isTrue();
    assertThat(Merkle.verifyInclusion(7, 7, last, path, root)).as("no leaf 7 in 7").isFalse();
    assertThat(Merkle.verifyInclusion(-1, 7, last, path, root)).isFalse();
    List<byte[]> longer = new ArrayList<>(path);
    longer.add(root);
    assertThat(Merkle.verifyInclusion(6, 7, last, longer, root)).as("a hash too many").isFalse();

    // equal sizes: the same root and nothing else
    assertThat(Merkle.verifyConsistency(7, 7, root, root, List.of())).isTrue();
    assertThat(Merkle.verifyConsistency(7, 7, root, other, List.of())).isFalse();
    assertThat(Merkle.verifyConsistency(7, 7, root, root, List.of(root))).isFalse();
    // the empty tree: an empty proof only
    assertThat(Merkle.verifyConsistency(0, 7, Merkle.emptyRoot(), root, List.of(root))).isFalse();
    // a valid proof with a hash too many
    List<byte[]> d12 = new ArrayList<>(d);
    d12.addAll(leaves(rnd, 5));
    List<byte[]> cons = ours(Merkle.consistencyRanges(7, 12), d12);
    assertThat(Merkle.verifyConsistency(7, 12, root, mth(d12), cons)).isTrue();
    List<byte[]> padded = new ArrayList<>(cons);
    padded.add(root);
    assertThat(Merkle.verifyConsistency(7, 12, root, mth(d12), padded)).isFalse();
    assertThat(Merkle.verifyConsistency(12, 7, mth(d12), root, cons)).isFalse();
  }

  static List<byte[]> flip(List<byte[]> hashes, Random rnd) {
    List<byte[]> out = new ArrayList<>(hashes);
    int i = rnd.nextInt(out.size());
    out.set(i, flip(out.get(i), rnd));
    return out;
  }

  static byte[] flip(byte[] h, Random rnd) {
    byte[] c = h.clone();
    c[rnd.nextInt(c.length)] ^= (byte) (1 << rnd.nextInt(8));
    return c;
  }
}
