package org.bangfu.audit.log;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
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

  /** Why a head is refused: a code and what was found. */
  private record Refusal(String reason, String message) {}

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
          new Refusal(
              OTHER_LOG,
              "the head is of the log "
                  + head.origin()
                  + ", this witness watches "
                  + state.origin()),
          now);
    }
    String pinned = state.logKeys().get(head.keyId());
    LogKey listed =
        published.stream().filter(k -> k.keyId().equals(head.keyId())).findFirst().orElse(null);
    String keyText = pinned != null ? pinned : listed == null ? null : listed.publicKey();
    Refusal signed = signature(head, keyText, listed);
    if (signed != null) {
      return refuse(state, head, signed, now);
    }
    Refusal grows = extension(state.head(), head, proof);
    if (grows != null) {
      return refuse(state, head, grows, now);
    }
    return new Decision(
        true,
        null,
        accepted(state.head(), head, proof),
        state.accepted(head, Map.of(head.keyId(), keyText), now),
        pinned == null);
  }

  /** The head is signed by the key it names, within the key's time of use. */
  private static Refusal signature(TreeHead head, String keyText, LogKey listed) {
    if (keyText == null) {
      return new Refusal(
          UNKNOWN_KEY,
          "the head names key " + head.keyId() + ", which the log's key list does not hold");
    }
    PublicKey key;
    try {
      key = Signatures.publicKey(keyText);
    } catch (IllegalArgumentException ex) {
      return new Refusal(UNKNOWN_KEY, "key " + head.keyId() + " is not an Ed25519 key");
    }
    if (!Signatures.keyId(key).equals(head.keyId()) || !head.signedBy(key)) {
      return new Refusal(
          BAD_SIGNATURE,
          "the signature of the head of size "
              + head.size()
              + " does not verify with key "
              + head.keyId());
    }
    if (listed != null && listed.validUntil() != null && head.time().isAfter(listed.validUntil())) {
      return new Refusal(
          RETIRED_KEY,
          "the head of size "
              + head.size()
              + " is signed at "
              + head.time()
              + " with key "
              + head.keyId()
              + ", retired on "
              + listed.validUntil());
    }
    return null;
  }

  /** The head extends {@code last}: not smaller, the same root at the same size, a valid proof. */
  private static Refusal extension(TreeHead last, TreeHead head, List<byte[]> proof) {
    if (last == null) {
      return null;
    }
    if (head.size() < last.size()) {
      return new Refusal(
          SMALLER,
          "the log now shows a tree of "
              + head.size()
              + " records, smaller than the "
              + last.size()
              + " this witness saw (root "
              + last.rootHex()
              + ")");
    }
    if (head.size() == last.size() && !Arrays.equals(head.root(), last.root())) {
      return new Refusal(
          FORK,
          "the log shows root "
              + head.rootHex()
              + " for "
              + head.size()
              + " records; this witness saw root "
              + last.rootHex()
              + " for the same records");
    }
    if (head.size() > last.size()
        && !Merkle.verifyConsistency(last.size(), head.size(), last.root(), head.root(), proof)) {
      return new Refusal(
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
              + " hashes does not verify");
    }
    return null;
  }

  private static String accepted(TreeHead last, TreeHead head, List<byte[]> proof) {
    if (last == null) {
      return "first head seen: size "
          + head.size()
          + ", root "
          + head.rootHex()
          + " (signature verified; nothing earlier to compare with)";
    }
    if (last.size() == head.size()) {
      return "unchanged: size " + head.size() + ", root " + head.rootHex();
    }
    return "consistent: size "
        + last.size()
        + " → "
        + head.size()
        + ", root "
        + head.rootHex()
        + " (a consistency proof of "
        + proof.size()
        + " hashes verified)";
  }

  private static Decision refuse(WitnessState state, TreeHead head, Refusal r, Instant now) {
    return new Decision(
        false,
        r.reason(),
        r.message(),
        state.refusedNow(head, r.reason(), r.message(), now),
        false);
  }
}
