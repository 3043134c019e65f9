package org.bangfu.audit.log;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the audit trail row by row in one pass, in O(log n) memory: every row's hash recomputed
 * from its content and the row before (the chain), every row's leaf added to the Merkle tree, and
 * at each size some signed statement names (a signed tree head, a head a witness saw) the tree's
 * root compared with it. Rows are fed in id order ({@link #row}); {@link #finish} names what does
 * not fit, earliest first.
 *
 * <p>The leaves are built from the <em>recomputed</em> row hashes, so a row whose content changed
 * changes the root of every head that covers it, whether or not someone recomputed the stored
 * hashes after it.
 */
public final class LogCheck {

  /**
   * Who vouches for a size and root: a signed head in the database, a witness's memory, or a
   * checkpoint an earlier version of Bangfu signed (the last row's id and hash, no root).
   */
  public enum Source {
    SIGNED_HEAD,
    WITNESS,
    CHECKPOINT
  }

  /**
   * What the first {@code size} records must give, and who says so (for the report): a root, or for
   * a checkpoint the id and hash (hex) of the last of them.
   */
  public record Expectation(
      long size, byte[] root, Source source, String label, long lastId, byte[] rowHash) {

    public Expectation(long size, byte[] root, Source source, String label) {
      this(size, root, source, label, 0, null);
    }

    /**
     * An earlier version's checkpoint: {@code count} rows, the last {@code lastId} with {@code
     * hash}.
     */
    public static Expectation checkpoint(long count, long lastId, String hash, String label) {
      return new Expectation(
          count,
          null,
          Source.CHECKPOINT,
          label,
          lastId,
          hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    boolean givenBy(byte[] root, long lastId, byte[] lastHash) {
      return this.root != null
          ? Arrays.equals(root, this.root)
          : lastId == this.lastId && Arrays.equals(lastHash, rowHash);
    }
  }

  private final MessageDigest sha = Merkle.sha256();
  private final MerkleStack tree;
  private final List<Expectation> expected;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Expectation> matched = new ArrayList<>();
  private final List<Expectation> mismatched = new ArrayList<>();
  private int next;
  private byte[] prev = AuditRow.GENESIS.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private long lastId;
  private long lastMatchedSize;
  private Long firstBrokenId;
  private boolean chainBroken;
  private Long chainBrokenId;
  private long firstIdAfterMatch;

  /**
   * The tiles (256 records) completed since the last size that matched, until the first mismatch:
   * where a rewrite is, compared with the tiles stored when the heads were signed.
   */
  private final List<TreeRepository.StoredNode> suspects = new ArrayList<>();

  private boolean frozen;

  public LogCheck(List<Expectation> expectations) {
    this(expectations, null);
  }

  /**
   * @param completed receives every completed subtree of every 8th level (to be stored)
   */
  public LogCheck(List<Expectation> expectations, MerkleStack.Completed completed) {
    MerkleStack.Completed both =
        (node, hash, firstId, lastId) -> {
          if (node.level() == TreeRepository.STORED_EVERY) {
            suspect(node, hash, firstId, lastId);
          }
          if (completed != null) {
            completed.node(node, hash, firstId, lastId);
          }
        };
    this.expected =
        expectations.stream()
            .sorted(
                Comparator.comparingLong(Expectation::size)
                    .thenComparing(Expectation::source)) // a signed head before a witness's
            .toList();
    this.tree = new MerkleStack(TreeRepository.STORED_EVERY, both);
    matchAt(0);
  }

  /** The next row in id order. */
  public void row(AuditRow r) {
    row(r.bytes());
  }

  /** The next row in id order, as its bytes (reused by the caller after the call). */
  public void row(RowBytes r) {
    byte[] computed = r.chainDigest(sha, prev);
    byte[] computedHex = RowBytes.hex(computed);
    long id = r.id();
    if (!chainBroken
        && (!r.fieldEquals(RowBytes.HASH, computedHex) || !r.fieldEquals(RowBytes.PREV, prev))) {
      chainBroken = true;
      chainBrokenId = id;
      problems.add(
          new Problem(
              Problem.ROW_CHANGED,
              "row "
                  + id
                  + ": its hash does not match its content and the row before it (changed, or a"
                  + " row before it deleted, without recomputing the hashes)",
              id,
              null));
    }
    if (tree.size() == lastMatchedSize) {
      firstIdAfterMatch = id;
    }
    tree.push(r.leafHash(sha, computed), id);
    prev = computedHex;
    lastId = id;
    matchAt(tree.size());
  }

  private void matchAt(long size) {
    while (next < expected.size() && expected.get(next).size() == size) {
      Expectation e = expected.get(next++);
      if (e.givenBy(e.root() == null ? null : tree.root(), lastId, prev)) {
        matched.add(e);
        lastMatchedSize = Math.max(lastMatchedSize, size);
        if (!frozen) {
          suspects.removeIf(t -> t.node().end() <= size);
        }
      } else {
        mismatched.add(e);
        rewritten(e);
        frozen = true;
      }
    }
  }

  private void suspect(Merkle.Node node, byte[] hash, long firstId, long lastId) {
    if (!frozen && node.end() > lastMatchedSize) {
      suspects.add(new TreeRepository.StoredNode(node, hash, firstId, lastId));
    }
  }

  private void rewritten(Expectation e) {
    String which =
        (lastMatchedSize == 0
                ? "one of the first " + e.size() + " records"
                : "a record after the first " + lastMatchedSize)
            + " (ids "
            + firstIdAfterMatch
            + "–"
            + lastId
            + ")";
    String code = Problem.HISTORY_REWRITTEN;
    String what = "was changed and the later hashes recomputed, or the records were replaced";
    if (e.source() == Source.WITNESS && signedHeadAgrees(e.size())) {
      code = Problem.FORK;
      what =
          "differs from what the witness saw, and a head was signed again over the changed records";
    }
    long from = firstIdAfterMatch;
    brokenAt(from);
    problems.add(
        new Problem(
            code,
            e.label()
                + ": the first "
                + e.size()
                + " records no longer give its root: "
                + which
                + " "
                + what,
            from,
            e.size()));
  }

  private boolean signedHeadAgrees(long size) {
    return matched.stream().anyMatch(m -> m.size() == size && m.source() == Source.SIGNED_HEAD);
  }

  private void brokenAt(long id) {
    if (firstBrokenId == null || id < firstBrokenId) {
      firstBrokenId = id;
    }
  }

  /** The outcome: rows read, the root of them all, and what did not fit. */
  public Result finish() {
    while (next < expected.size()) {
      Expectation e = expected.get(next++);
      mismatched.add(e);
      problems.add(
          new Problem(
              Problem.ROWS_DELETED,
              e.label()
                  + " covers "
                  + e.size()
                  + " records, the log has only "
                  + tree.size()
                  + (tree.size() == 0 ? "" : " (it ends at id " + lastId + ")")
                  + ": the newest records were deleted",
              null,
              e.size()));
    }
    return new Result(
        tree.size(),
        lastId,
        tree.root(),
        List.copyOf(problems),
        List.copyOf(matched),
        List.copyOf(mismatched),
        chainBrokenId != null ? chainBrokenId : firstBrokenId,
        frozen ? List.copyOf(suspects) : List.of());
  }

  /** What {@link #finish} found. */
  public record Result(
      long rows,
      long lastId,
      byte[] root,
      List<Problem> problems,
      List<Expectation> matched,
      List<Expectation> mismatched,
      Long firstBrokenId,
      List<TreeRepository.StoredNode> suspectTiles) {

    public boolean intact() {
      return problems.isEmpty();
    }
  }
}
