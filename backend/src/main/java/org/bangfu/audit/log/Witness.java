package org.bangfu.audit.log;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a witness decides about a new head, the same for every node of the deployment and for {@code
 * scripts/witness}: it accepts (and may cosign) only a head signed by a key of the log that
 * extends, by a verified consistency proof, the last head it accepted. A smaller tree, another root
 * at the same size, or a proof that does not verify is refused: the log showed two histories.
 *
 * <p>A key the witness has not seen before is taken from the log's published key list and pinned (a
 * rotation); the consistency check, not the key, is what stops a rewritten history: whoever holds a
 * signing key still cannot make a witness accept a head that does not extend what it saw.
 */
public final class Witness {

  private Witness() {}

  /** Why a head was refused (stable codes). */
  public static final String OTHER_LOG = "other_log";

  public static final String UNKNOWN_KEY = "unknown_key";
  public static final String BAD_SIGNATURE = "bad_signature";
  public static final String SMALLER = "smaller_tree";
  public static final String FORK = "fork";
  public static final String RETIRED_KEY = "retired_key";

  /**
   * The decision: {@code accepted} or not, with the reason's code and a sentence saying what was
   * checked, and the state to keep afterwards.
   */
  public record Decision(
      boolean accepted, String reason, String message, WitnessState next, boolean newKey) {}

  /**
   * @param published the log's key list as the log publishes it (with each key's time of use)
   * @param proof the consistency proof from the state's head to {@code head} (empty when none)
   */
  public static Decision check(
      WitnessState state, TreeHead head, List<byte[]> proof, List<LogKey> published, Instant now) {
    if (!state.origin().equals(head.origin())) {
      return refuse(
          state,
          head,
          OTHER_LOG,
          "the head is of the log " + head.origin() + ", this witness watches " + state.origin(),
          now);
    }
    String pinned = state.logKeys().get(head.keyId());
    LogKey listed =
        published.stream().filter(k -> k.keyId().equals(head.keyId())).findFirst().orElse(null);
    String keyText = pinned != null ? pinned : listed == null ? null : listed.publicKey();
    if (keyText == null) {
      return refuse(
          state,
          head,
          UNKNOWN_KEY,
          "the head names key " + head.keyId() + ", which the log's key list does not hold",
          now);
    }
    PublicKey key;
    try {
      key = Signatures.publicKey(keyText);
    } catch (IllegalArgumentException ex) {
      return refuse(
          state, head, UNKNOWN_KEY, "key " + head.keyId() + " is not an Ed25519 key", now);
    }
    if (!Signatures.keyId(key).equals(head.keyId()) || !head.signedBy(key)) {
      return refuse(
          state,
          head,
          BAD_SIGNATURE,
          "the signature of the head of size "
              + head.size()
              + " does not verify with key "
              + head.keyId(),
          now);
    }
    if (listed != null && listed.validUntil() != null && head.time().isAfter(listed.validUntil())) {
      return refuse(
          state,
          head,
          RETIRED_KEY,
          "the head of size "
              + head.size()
              + " is signed at "
              + head.time()
              + " with key "
              + head.keyId()
              + ", retired on "
              + listed.validUntil(),
          now);
    }
    Map<String, String> keys = Map.of(head.keyId(), keyText);
    boolean newKey = pinned == null;
    TreeHead last = state.head();
    if (last == null) {
      return new Decision(
          true,
          null,
          "first head seen: size "
              + head.size()
              + ", root "
              + head.rootHex()
              + " (signature verified; nothing earlier to compare with)",
          state.accepted(head, keys, now),
          newKey);
    }
    if (head.size() < last.size()) {
      return refuse(
          state,
          head,
          SMALLER,
          "the log now shows a tree of "
              + head.size()
              + " records, smaller than the "
              + last.size()
              + " this witness saw (root "
              + last.rootHex()
              + ")",
          now);
    }
    if (head.size() == last.size()) {
      if (!java.util.Arrays.equals(head.root(), last.root())) {
        return refuse(
            state,
            head,
            FORK,
            "the log shows root "
                + head.rootHex()
                + " for "
                + head.size()
                + " records; this witness saw root "
                + last.rootHex()
                + " for the same records",
            now);
      }
      return new Decision(
          true,
          null,
          "unchanged: size " + head.size() + ", root " + head.rootHex(),
          state.accepted(head, keys, now),
          newKey);
    }
    if (!Merkle.verifyConsistency(last.size(), head.size(), last.root(), head.root(), proof)) {
      return refuse(
          state,
          head,
          FORK,
          "the head of size "
              + head.size()
              + " (root "
              + head.rootHex()
              + ") does not extend the head of size "
              + last.size()
              + " (root "
              + last.rootHex()
              + ") this witness saw: the consistency proof of "
              + proof.size()
              + " hashes does not verify",
          now);
    }
    return new Decision(
        true,
        null,
        "consistent: size "
            + last.size()
            + " → "
            + head.size()
            + ", root "
            + head.rootHex()
            + " (a consistency proof of "
            + proof.size()
            + " hashes verified)",
        state.accepted(head, keys, now),
        newKey);
  }

  private static Decision refuse(
      WitnessState state, TreeHead head, String reason, String message, Instant now) {
    return new Decision(
        false, reason, message, state.refusedNow(head, reason, message, now), false);
  }
}
