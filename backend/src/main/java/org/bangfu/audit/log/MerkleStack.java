package org.bangfu.audit.log;

import java.security.MessageDigest;

/**
 * The root of a growing tree in O(log n) memory, leaf by leaf (the stack algorithm RFC 9162 §2.1.1
 * describes, as in Trillian's compact ranges): the stack holds the perfect subtrees the leaves so
 * far fall into, one per set bit of their count, largest at the bottom. A new leaf is pushed and
 * merged with equal-sized subtrees below it; the root at any moment folds the stack from the top.
 *
 * <p>Each merge that completes a subtree of a level given to the constructor (every 8th) is handed
 * to a {@link Completed} listener, with the audit row ids it spans, so the log can keep those
 * hashes for proofs without keeping the tree.
 */
public final class MerkleStack {

  /**
   * A perfect subtree just completed: its node, hash and the audit ids of its first and last leaf.
   */
  public interface Completed {
    void node(Merkle.Node node, byte[] hash, long firstId, long lastId);
  }

  private static final int MAX = 64;

  private final MessageDigest sha = Merkle.sha256();
  private final byte[][] hashes = new byte[MAX][];
  private final int[] levels = new int[MAX];
  private final long[] firstIds = new long[MAX];
  private int depth;
  private long size;
  private final int every;
  private final Completed completed;

  /** A stack that reports no completed subtrees. */
  public MerkleStack() {
    this(0, null);
  }

  /**
   * @param every report completed subtrees whose level is a positive multiple of this (0: none)
   */
  public MerkleStack(int every, Completed completed) {
    this.every = every;
    this.completed = completed;
  }

  public long size() {
    return size;
  }

  /** Adds the next leaf's hash; {@code id} is its audit row's id. */
  public void push(byte[] leafHash, long id) {
    byte[] h = leafHash;
    int level = 0;
    long first = id;
    while (depth > 0 && levels[depth - 1] == level) {
      depth--;
      h = Merkle.nodeHash(sha, hashes[depth], h);
      first = firstIds[depth];
      level++;
      if (every > 0 && level % every == 0 && completed != null) {
        completed.node(new Merkle.Node(level, size >> level), h, first, id);
      }
    }
    hashes[depth] = h;
    levels[depth] = level;
    firstIds[depth] = first;
    depth++;
    size++;
  }

  /** The root of the leaves pushed so far (the empty tree's root before any). */
  public byte[] root() {
    if (depth == 0) {
      return Merkle.emptyRoot();
    }
    byte[] h = hashes[depth - 1];
    for (int i = depth - 2; i >= 0; i--) {
      h = Merkle.nodeHash(sha, hashes[i], h);
    }
    return h;
  }
}
