package org.bangfu.audit.log;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one check of the log, for the server before it signs a head, for {@code GET /audit/verify}
 * and for {@code verify-audit}: every signed head's signature (with the key it names, within that
 * key's time of use), every cosignature, then every row in one pass ({@link LogCheck}) against
 * every signed head and every head a witness remembers. Blocking (JDBC), on the caller's
 * transaction: run it on a worker thread or on the command line.
 *
 * <p>What it trusts from outside the database ({@link Trust}) is what makes it more than the
 * database's own word: the audit public keys kept elsewhere, and the heads witnesses saw.
 */
public final class LogVerification {

  private final HeadRepository heads;
  private final TreeRepository tree;

  public LogVerification(HeadRepository heads, TreeRepository tree) {
    this.heads = heads;
    this.tree = tree;
  }

  /** A witness's last head, as its state file keeps it. */
  public record WitnessView(String name, WitnessState state) {}

  /**
   * What the check takes from outside the database: log public keys by id (this deployment's key,
   * keys given on the command line, keys the witnesses pinned), and the witnesses' states of the
   * log (found by the log's origin), and the lines of an earlier version's checkpoint file.
   */
  public record Trust(
      Map<String, PublicKey> keys,
      Function<String, List<WitnessView>> witnesses,
      List<String> checkpoints) {}

  /** What was found: the rows, the heads, who witnessed them, and the problems, earliest first. */
  public record Report(
      String origin,
      long rows,
      long lastId,
      byte[] root,
      List<TreeHead> heads,
      List<LogKey> keys,
      TreeHead latest,
      long latestWitnessedSize,
      List<String> latestWitnessedBy,
      List<Problem> problems,
      List<String> notes,
      Long firstBrokenId,
      List<TreeRepository.StoredNode> newNodes) {

    public boolean intact() {
      return problems.isEmpty();
    }

    /** The shape of {@code GET /audit/verify}. */
    public JsonObject toJson() {
      JsonArray ps = new JsonArray();
      problems.forEach(p -> ps.add(p.toJson()));
      return new JsonObject()
          .put("intact", intact())
          .put("checked", rows)
          .put("firstBrokenId", firstBrokenId)
          .put("origin", origin)
          .put("lastId", lastId)
          .put("root", HexFormat.of().formatHex(root))
          .put("heads", heads.size())
          .put("latestHead", latest == null ? null : latest.toJson())
          .put("latestWitnessedSize", latestWitnessedSize)
          .put("latestWitnessedBy", new JsonArray(latestWitnessedBy))
          .put("uncovered", latest == null ? rows : Math.max(0, rows - latest.size()))
          .put("problems", ps);
    }
  }

  /**
   * Checks the log as the transaction sees it. {@code collect}: keep the subtrees that end beyond
   * the latest signed head, to be stored with a new one.
   */
  public Report run(Connection c, Trust trust, boolean collect) throws SQLException {
    String origin = heads.origin(c);
    List<TreeHead> signed = heads.all(c, origin);
    List<LogKey> keys = heads.keys(c);
    List<WitnessEntry> witnesses = heads.witnesses(c);
    List<Problem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, PublicKey> keyById = keyList(keys, trust, problems, notes);
    List<LogCheck.Expectation> expected = new ArrayList<>();
    List<TreeHead> valid = signedHeads(signed, keys, keyById, problems, expected);
    expected.addAll(
        LegacyCheckpoints.expectations(trust.checkpoints(), trust.keys().values(), problems));
    Witnessed witnessed = cosigned(valid, witnesses, problems);
    for (WitnessView w : trust.witnesses().apply(origin)) {
      witnessView(w, origin, keyById, expected, witnessed, notes);
    }
    long storeAfter =
        !collect ? Long.MAX_VALUE : valid.isEmpty() ? 0 : valid.get(valid.size() - 1).size();
    List<TreeRepository.StoredNode> newNodes = new ArrayList<>();
    LogCheck.Result r = pass(c, expected, storeAfter, newNodes);
    problems.addAll(r.problems());
    Long firstBroken = r.firstBrokenId();
    if (!r.suspectTiles().isEmpty()) {
      firstBroken = locate(c, r, problems, firstBroken);
    }
    TreeHead latest = valid.isEmpty() ? null : valid.get(valid.size() - 1);
    if (latest != null && r.rows() > latest.size()) {
      notes.add(
          (r.rows() - latest.size())
              + " records after the latest signed head are covered by the next one");
    }
    return new Report(
        origin,
        r.rows(),
        r.lastId(),
        r.root(),
        valid,
        keys,
        latest,
        witnessed.size,
        witnessed.by,
        problems,
        notes,
        problems.isEmpty() ? null : firstBroken,
        newNodes);
  }

  /** One pass over the rows; subtrees ending after {@code storeAfter} go to {@code newNodes}. */
  private LogCheck.Result pass(
      Connection c,
      List<LogCheck.Expectation> expected,
      long storeAfter,
      List<TreeRepository.StoredNode> newNodes)
      throws SQLException {
    LogCheck check =
        new LogCheck(
            expected,
            (node, hash, first, last) -> {
              if (node.end() > storeAfter) {
                newNodes.add(new TreeRepository.StoredNode(node, hash, first, last));
              }
            });
    tree.stream(c, 0, check::row);
    return check.finish();
  }

  /**
   * The log's keys: the key list in the database, checked against the keys kept outside it (a key
   * id names one public key only).
   */
  private static Map<String, PublicKey> keyList(
      List<LogKey> keys, Trust trust, List<Problem> problems, List<String> notes) {
    Map<String, PublicKey> out = new HashMap<>(trust.keys());
    for (LogKey k : keys) {
      PublicKey listed;
      try {
        listed = k.key();
      } catch (IllegalArgumentException ex) {
        problems.add(
            new Problem(
                Problem.KEY_LIST,
                "the key list's key " + k.keyId() + " is not an Ed25519 public key",
                null,
                null));
        continue;
      }
      PublicKey kept = trust.keys().get(k.keyId());
      if (!Signatures.keyId(listed).equals(k.keyId())
          || (kept != null && !Arrays.equals(kept.getEncoded(), listed.getEncoded()))) {
        problems.add(
            new Problem(
                Problem.KEY_LIST,
                "the key list names key "
                    + k.keyId()
                    + " with another public key than the one kept outside the database",
                null,
                null));
        continue;
      }
      if (kept == null) {
        notes.add("key " + k.keyId() + " is known from the database's key list only");
      }
      out.putIfAbsent(k.keyId(), listed);
    }
    return out;
  }

  private static List<TreeHead> signedHeads(
      List<TreeHead> signed,
      List<LogKey> keys,
      Map<String, PublicKey> keyById,
      List<Problem> problems,
      List<LogCheck.Expectation> expected) {
    List<TreeHead> valid = new ArrayList<>();
    for (TreeHead h : signed) {
      PublicKey key = keyById.get(h.keyId());
      LogKey listed =
          keys.stream().filter(k -> k.keyId().equals(h.keyId())).findFirst().orElse(null);
      if (key == null) {
        problems.add(
            new Problem(
                Problem.HEAD_KEY, h.label() + ": no such key in the key list", null, h.size()));
      } else if (!h.signedBy(key)) {
        problems.add(
            new Problem(
                Problem.HEAD_SIGNATURE,
                h.label()
                    + ": its signature does not verify (the head was altered, or signed with another key)",
                null,
                h.size()));
      } else if (listed != null && !listed.validAt(h.time())) {
        problems.add(
            new Problem(
                Problem.HEAD_KEY,
                h.label()
                    + ": signed outside the key's time"
                    + " of use ("
                    + listed.validFrom()
                    + " – "
                    + listed.validUntil()
                    + ")",
                null,
                h.size()));
      } else {
        valid.add(h);
        expected.add(
            new LogCheck.Expectation(h.size(), h.root(), LogCheck.Source.SIGNED_HEAD, h.label()));
      }
    }
    return valid;
  }

  private static final class Witnessed {
    long size;
    List<String> by = new ArrayList<>();

    void saw(long s, String name) {
      if (s > size) {
        size = s;
        by = new ArrayList<>();
      }
      if (s == size && !by.contains(name)) {
        by.add(name);
      }
    }
  }

  /** Who cosigned which head; a cosignature that does not verify is a problem of its own. */
  private static Witnessed cosigned(
      List<TreeHead> valid, List<WitnessEntry> witnesses, List<Problem> problems) {
    Witnessed w = new Witnessed();
    for (TreeHead h : valid) {
      for (Cosignature c : h.cosignatures()) {
        boolean registered =
            witnesses.stream()
                .anyMatch(x -> x.keyId().equals(c.keyId()) && x.publicKey().equals(c.publicKey()));
        if (registered && c.valid(h)) {
          w.saw(h.size(), c.name());
        } else {
          problems.add(
              new Problem(
                  Problem.COSIGNATURE,
                  "witness "
                      + c.name()
                      + "'s cosignature of "
                      + h.label()
                      + " does not verify: the head was signed again after the witness"
                      + " checked it, or the cosignature was altered",
                  null,
                  h.size()));
        }
      }
    }
    return w;
  }

  private static void witnessView(
      WitnessView w,
      String origin,
      Map<String, PublicKey> keyById,
      List<LogCheck.Expectation> expected,
      Witnessed witnessed,
      List<String> notes) {
    TreeHead h = w.state().head();
    if (!origin.equals(w.state().origin()) || h == null) {
      notes.add("witness " + w.name() + " has seen nothing of this log yet");
      return;
    }
    PublicKey key = keyById.get(h.keyId());
    if (key == null && w.state().logKeys().containsKey(h.keyId())) {
      key = Signatures.publicKey(w.state().logKeys().get(h.keyId()));
    }
    if (key == null || !h.signedBy(key)) {
      notes.add(
          "witness "
              + w.name()
              + "'s last head (size "
              + h.size()
              + ") does not verify with the log's keys; it is compared all the same");
    }
    expected.add(
        new LogCheck.Expectation(
            h.size(),
            h.root(),
            LogCheck.Source.WITNESS,
            "the head of size " + h.size() + " witness " + w.name() + " saw (" + h.time() + ")"));
    witnessed.saw(h.size(), w.name());
  }

  /**
   * Narrows a rewrite down to 256 records: the first tile whose hash, recomputed from the rows,
   * differs from the one stored when the heads were signed (when those are still there).
   */
  private Long locate(Connection c, LogCheck.Result r, List<Problem> problems, Long firstBroken)
      throws SQLException {
    List<TreeRepository.StoredNode> tiles = r.suspectTiles();
    long from = tiles.get(0).node().index();
    byte[][] stored = tree.tiles(c, from, tiles.get(tiles.size() - 1).node().index() + 1);
    for (TreeRepository.StoredNode t : tiles) {
      byte[] kept = stored[(int) (t.node().index() - from)];
      if (kept != null && !Arrays.equals(kept, t.hash())) {
        problems.add(
            new Problem(
                Problem.TILE,
                "records "
                    + (t.node().start() + 1)
                    + "–"
                    + t.node().end()
                    + " (ids "
                    + t.firstId()
                    + "–"
                    + t.lastId()
                    + ") are the first 256 that differ from what the signed heads covered: the change"
                    + " begins there",
                t.firstId(),
                null));
        boolean chainBroke = problems.stream().anyMatch(p -> p.code().equals(Problem.ROW_CHANGED));
        return chainBroke ? firstBroken : t.firstId(); // a broken chain names the row itself
      }
    }
    return firstBroken;
  }
}
