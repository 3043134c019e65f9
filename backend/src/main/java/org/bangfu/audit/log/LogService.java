package org.bangfu.audit.log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed tree heads: taken at every start, on a schedule ({@link TreeHeadJob}) and on an admin's
 * request, each only after the whole log verifies ({@link LogVerification}: every row recomputed,
 * the chain intact, every earlier head and this node's witness's last head still given by the
 * rows). The check and the signing hold a cluster-wide lock and read one snapshot, so two nodes
 * never sign different heads of the same size.
 */
public final class LogService {

  private static final Logger LOG = LoggerFactory.getLogger(LogService.class);

  private final WorkerExecutor worker;
  private final Pool pool;
  private final Jdbc jdbc;
  private final Clock clock;
  private final Supplier<KeyPair> auditKey;
  private final WitnessStore nodeWitness;
  private final Path checkpoints;
  private final HeadRepository heads;
  private final TreeRepository tree;
  private final LogVerification verification;

  public LogService(
      Vertx vertx,
      Pool pool,
      Jdbc jdbc,
      Clock clock,
      Supplier<KeyPair> auditKey,
      WitnessStore nodeWitness,
      Path checkpoints,
      HeadRepository heads,
      TreeRepository tree) {
    // workers of their own: a pass over ten million records takes most of a minute, and the
    // shared workers' blocked-thread warning would print a stack trace every second meanwhile
    this.worker = vertx.createSharedWorkerExecutor("bangfu-audit-log", 2, 1, TimeUnit.HOURS);
    this.pool = pool;
    this.jdbc = jdbc;
    this.clock = clock;
    this.auditKey = auditKey;
    this.nodeWitness = nodeWitness;
    this.checkpoints = checkpoints;
    this.heads = heads;
    this.tree = tree;
    this.verification = new LogVerification(heads, tree);
  }

  /**
   * Verifies the log and signs a head over it; the latest head when no record came since. Fails
   * with {@code audit_log_tampered} (nothing signed) when the log does not verify.
   */
  public Future<TreeHead> take() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return worker
        .executeBlocking(() -> takeBlocking(now), false)
        .compose(this::withCosignatures)
        .onFailure(e -> LOG.error("No signed tree head: {}", e.getMessage()));
  }

  private TreeHead takeBlocking(Instant now) throws SQLException, IOException {
    try (Connection c = jdbc.open()) {
      heads.lock(c); // before the snapshot: a head another node just signed is then in it
      try {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        LogVerification.Report r = verification.run(c, trust(), true);
        if (!r.intact()) {
          c.rollback();
          throw tampered(r);
        }
        if (r.latest() != null && r.latest().size() == r.rows()) {
          c.rollback();
          LOG.info("Tree head unchanged: {} records verified", r.rows());
          return r.latest();
        }
        TreeHead head = sign(c, r, now);
        c.commit();
        LOG.info(
            "Signed tree head: {} records, root {}, key {}",
            head.size(),
            head.rootHex(),
            head.keyId());
        return head;
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
        heads.unlock(c);
      }
    }
  }

  private TreeHead sign(Connection c, LogVerification.Report r, Instant now) throws SQLException {
    KeyPair key = auditKey.get();
    String keyId = Signatures.keyId(key.getPublic());
    Optional<LogKey> listed = r.keys().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    if (listed.isPresent() && listed.get().validUntil() != null) {
      throw DomainException.conflict(
          "audit_key_retired",
          "the audit key "
              + keyId
              + " was retired on "
              + listed.get().validUntil()
              + ": give a new key (BANGFU_AUDIT_KEY or the key file) to sign heads",
          DomainException.params("keyId", keyId));
    }
    if (listed.isEmpty()) {
      heads.useKey(
          c, new LogKey(keyId, Signatures.encode(key.getPublic()), now, null, r.rows()), now);
      if (r.keys().isEmpty()) {
        LOG.info("Audit key {} signs the log's heads", keyId);
      } else {
        LOG.warn("A new audit key, {}, signs the log's heads from size {} on", keyId, r.rows());
      }
    }
    TreeHead head =
        TreeHead.sign(r.origin(), r.rows(), r.root(), now, r.lastId(), keyId, key.getPrivate());
    tree.insertNodes(c, r.newNodes());
    heads.insert(c, head);
    return head;
  }

  static DomainException tampered(LogVerification.Report r) {
    Problem first = r.problems().get(0);
    return DomainException.conflict(
        "audit_log_tampered",
        "the audit log does not verify, no head was signed: " + first.message(),
        DomainException.params(
            "problem", first.code(),
            "problems", r.problems().size(),
            "firstBrokenId", r.firstBrokenId(),
            "headSize", first.headSize()));
  }

  /** A finished check of the whole log, and when it finished. */
  public record Checked(LogVerification.Report report, Instant at) {}

  private Future<Checked> running;

  /**
   * The whole check, as the auditor's {@code GET /audit/verify} shows it: the one running on this
   * node if there is one (several auditors asking at once cost one pass), else a new one.
   */
  public synchronized Future<Checked> verify() {
    if (running == null) {
      Future<Checked> started =
          worker
              .executeBlocking(this::verifyBlocking, false)
              .map(r -> new Checked(r, clock.instant()));
      running = started;
      started.onComplete(done -> finished(started));
    }
    return running;
  }

  private synchronized void finished(Future<Checked> check) {
    if (running == check) {
      running = null;
    }
  }

  private LogVerification.Report verifyBlocking() throws SQLException, IOException {
    try (Connection c = jdbc.open()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        return verification.run(c, trust(), false);
      } finally {
        c.rollback();
      }
    }
  }

  /** What this node trusts from outside the database: its audit key and its witness's memory. */
  private LogVerification.Trust trust() throws IOException {
    PublicKey own = auditKey.get().getPublic();
    return new LogVerification.Trust(
        Map.of(Signatures.keyId(own), own),
        origin -> {
          try {
            return nodeWitness
                .state(origin)
                .map(s -> List.of(new LogVerification.WitnessView(nodeWitness.name(), s)))
                .orElse(List.of());
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          }
        },
        LegacyCheckpoints.read(checkpoints));
  }

  // ------------------------------------------------------------------ what is published

  public Future<String> origin() {
    return heads.origin(pool);
  }

  public Future<Optional<TreeHead>> latest() {
    return heads
        .origin(pool)
        .compose(o -> heads.latest(pool, o))
        .compose(
            h ->
                h.isEmpty()
                    ? Future.succeededFuture(Optional.<TreeHead>empty())
                    : withCosignatures(h.get()).map(Optional::of));
  }

  /** The head of {@code size}; {@code audit_head_not_found} when no head has that size. */
  public Future<TreeHead> head(long size) {
    return heads
        .origin(pool)
        .compose(o -> heads.bySize(pool, o, size))
        .map(
            h ->
                h.orElseThrow(
                    () ->
                        new DomainException(
                            DomainException.Kind.NOT_FOUND,
                            "audit_head_not_found",
                            "no signed tree head has size " + size,
                            DomainException.params("size", size),
                            List.of())))
        .compose(this::withCosignatures);
  }

  public Future<Page<TreeHead>> heads(Paging paging) {
    return heads
        .origin(pool)
        .compose(o -> heads.page(pool, o, paging))
        .compose(
            page ->
                heads
                    .cosignatures(pool, page.items().stream().map(TreeHead::size).toList())
                    .map(
                        cos ->
                            page.map(
                                h -> h.withCosignatures(cos.getOrDefault(h.size(), List.of())))));
  }

  public Future<List<LogKey>> keys() {
    return heads.keys(pool);
  }

  private Future<TreeHead> withCosignatures(TreeHead h) {
    return heads
        .cosignatures(pool, List.of(h.size()))
        .map(cos -> h.withCosignatures(cos.getOrDefault(h.size(), List.of())));
  }
}
