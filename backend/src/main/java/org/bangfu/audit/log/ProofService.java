package org.bangfu.audit.log;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bangfu.support.DomainException;

/**
 * Inclusion proofs (a record is in the tree a head signs) and consistency proofs (a later head's
 * tree extends an earlier one's), RFC 9162 §2.1.3–2.1.4, served to anyone. A proof needs O(log n)
 * subtree hashes; each is read from the stored subtrees of every 8th level, or folded from at most
 * 128 of them, or from the rows of one tile of 256 records — never from the whole log.
 */
public final class ProofService {

  private final Pool pool;
  private final LogService log;
  private final TreeRepository tree;

  public ProofService(Pool pool, LogService log, TreeRepository tree) {
    this.pool = pool;
    this.log = log;
    this.tree = tree;
  }

  /** An inclusion proof: the record's leaf at {@code index} is under {@code head}'s root. */
  public record Inclusion(AuditRow row, long index, TreeHead head, List<byte[]> path) {

    /** What anyone may see: the leaf's hash and the path, not the record. */
    public JsonObject toJson() {
      return new JsonObject()
          .put("auditId", row.id())
          .put("index", index)
          .put("treeSize", head.size())
          .put("leafHash", HexFormat.of().formatHex(row.leafHash()))
          .put("path", hex(path))
          .put("head", head.toJson());
    }
  }

  /**
   * A consistency proof from the first {@code first} records (the head of that size when there is
   * one) to the head of {@code second}.
   */
  public record Consistency(long first, TreeHead firstHead, TreeHead second, List<byte[]> proof) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("first", first)
          .put("second", second.size())
          .put("proof", hex(proof))
          .put("firstHead", firstHead == null ? null : firstHead.toJson())
          .put("secondHead", second.toJson());
    }
  }

  static JsonArray hex(List<byte[]> hashes) {
    JsonArray a = new JsonArray();
    hashes.forEach(h -> a.add(HexFormat.of().formatHex(h)));
    return a;
  }

  /** The proof that audit row {@code id} is in the head of {@code size} (null: the latest). */
  public Future<Inclusion> inclusion(long id, Long size) {
    Future<TreeHead> head = size == null ? latestOrFail() : log.head(size);
    return head.compose(
        h ->
            tree.row(pool, id)
                .map(
                    r ->
                        r.orElseThrow(
                            () ->
                                new DomainException(
                                    DomainException.Kind.NOT_FOUND,
                                    "audit_record_not_found",
                                    "no audit record has id " + id,
                                    DomainException.params("id", id),
                                    List.of())))
                .compose(row -> inclusion(row, h, new Subtrees())));
  }

  private Future<Inclusion> inclusion(AuditRow row, TreeHead h, Subtrees cache) {
    return tree.position(pool, row.id())
        .compose(
            index -> {
              if (index >= h.size()) {
                throw DomainException.conflict(
                    "audit_record_not_covered",
                    "audit record "
                        + row.id()
                        + " came after the head of size "
                        + h.size()
                        + "; the next head covers it",
                    DomainException.params("id", row.id(), "treeSize", h.size()));
              }
              return hashes(Merkle.inclusionRanges(index, h.size()), cache)
                  .map(path -> new Inclusion(row, index, h, path));
            });
  }

  /**
   * The proof that the head of {@code second} records extends the tree of its first {@code first}
   * records (the size of an earlier head, or of any tree a witness remembers).
   */
  public Future<Consistency> consistency(long first, long second) {
    if (first > second) {
      throw DomainException.invalid(
          "first",
          "more_than_second",
          "must not be more than second",
          DomainException.params("second", second));
    }
    return log.head(second)
        .compose(
            b ->
                log.head(first)
                    .map(a -> a)
                    .otherwiseEmpty()
                    .compose(
                        a ->
                            consistencyProof(first, second)
                                .map(p -> new Consistency(first, a, b, p))));
  }

  /** The hashes of RFC 9162's PROOF(first, D[second]). */
  public Future<List<byte[]>> consistencyProof(long first, long second) {
    return hashes(Merkle.consistencyRanges(first, second), new Subtrees());
  }

  /**
   * What a notice's QR code leads to: the audit records of the notice and of its subject (an
   * allocation, a household's status …), each with its leaf — which record, what happened, when,
   * its row hash, never its content — and its inclusion proof in the latest head (or {@code
   * covered: false} while no head covers it yet).
   */
  public Future<JsonObject> notice(long noticeId) {
    return tree.noticeSubject(pool, noticeId)
        .compose(
            subject -> {
              if (subject.isEmpty()) {
                throw DomainException.notFound("notice " + noticeId);
              }
              String[] s = subject.get();
              return tree.rowsOf(pool, "notice", Long.toString(noticeId))
                  .compose(
                      own ->
                          tree.rowsOf(pool, s[0], s[1])
                              .map(
                                  about -> {
                                    List<AuditRow> all = new ArrayList<>(about);
                                    all.addAll(own);
                                    all.sort((x, y) -> Long.compare(x.id(), y.id()));
                                    return all;
                                  }));
            })
        .compose(rows -> log.latest().compose(h -> noticeProofs(noticeId, rows, h.orElse(null))));
  }

  private Future<JsonObject> noticeProofs(long noticeId, List<AuditRow> rows, TreeHead head) {
    Subtrees cache = new Subtrees();
    List<Future<JsonObject>> each = new ArrayList<>();
    for (AuditRow r : rows) {
      JsonObject leaf = r.leafJson();
      if (head == null || r.id() > head.lastId()) {
        each.add(Future.succeededFuture(leaf.put("covered", false)));
      } else {
        each.add(
            inclusion(r, head, cache)
                .map(
                    p ->
                        leaf.put("covered", true)
                            .put("index", p.index())
                            .put("path", hex(p.path()))));
      }
    }
    return Future.all(each)
        .map(
            all ->
                new JsonObject()
                    .put("noticeId", noticeId)
                    .put("head", head == null ? null : head.toJson())
                    .put("records", new JsonArray(all.list())));
  }

  private Future<TreeHead> latestOrFail() {
    return log.latest()
        .map(
            h ->
                h.orElseThrow(
                    () ->
                        new DomainException(
                            DomainException.Kind.NOT_FOUND,
                            "audit_head_not_found",
                            "no tree head has been signed yet",
                            java.util.Map.of(),
                            List.of())));
  }

  // ------------------------------------------------------------------ subtree hashes

  /** The subtree hashes one answer reads, each once (shared by the proofs of one answer). */
  private static final class Subtrees {
    final Map<Merkle.Node, Future<byte[]>> nodes = new HashMap<>();
    final Map<Long, Future<List<AuditRow>>> tiles = new HashMap<>();
  }

  private Future<List<byte[]>> hashes(List<Merkle.Range> ranges, Subtrees cache) {
    List<Future<byte[]>> each = new ArrayList<>();
    for (Merkle.Range r : ranges) {
      List<Future<byte[]>> parts = new ArrayList<>();
      for (Merkle.Node n : Merkle.rangeNodes(r)) {
        parts.add(cache.nodes.computeIfAbsent(n, k -> node(k, cache)));
      }
      each.add(Future.all(parts).map(all -> Merkle.rangeHash(all.list())));
    }
    return Future.all(each).map(all -> all.list());
  }

  /** A perfect subtree's hash: stored, folded from stored ones, or from one tile's rows. */
  private Future<byte[]> node(Merkle.Node n, Subtrees cache) {
    int every = TreeRepository.STORED_EVERY;
    if (n.level() >= every) {
      int base = (n.level() / every) * every;
      int below = n.level() - base;
      long count = 1L << below;
      return tree.nodes(pool, base, n.index() << below, count)
          .map(
              hs -> {
                if (hs.size() != count) {
                  throw unavailable(n);
                }
                return Merkle.perfectRoot(hs);
              });
    }
    long tile = n.start() / TreeRepository.TILE;
    Future<List<AuditRow>> rows = cache.tiles.computeIfAbsent(tile, this::tileRows);
    return rows.map(
        rs -> {
          int from = (int) (n.start() - tile * TreeRepository.TILE);
          int to = (int) (n.end() - tile * TreeRepository.TILE);
          if (rs.size() < to) {
            throw unavailable(n);
          }
          return Merkle.perfectRoot(rs.subList(from, to).stream().map(AuditRow::leafHash).toList());
        });
  }

  private Future<List<AuditRow>> tileRows(long tile) {
    return tree.tileStart(pool, tile)
        .compose(
            start ->
                start.isEmpty()
                    ? Future.succeededFuture(List.<AuditRow>of())
                    : tree.rowsFrom(pool, start.get(), TreeRepository.TILE));
  }

  private static DomainException unavailable(Merkle.Node n) {
    return DomainException.conflict(
        "audit_proof_unavailable",
        "the log cannot make this proof: the stored hashes of records "
            + n.start()
            + "–"
            + n.end()
            + " are missing",
        DomainException.params("from", n.start(), "to", n.end()));
  }
}
