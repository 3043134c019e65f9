package org.bangfu.audit.log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as a witness of the log: it keeps the last head it accepted in its own data directory
 * ({@link WitnessStore}), checks every new head against it ({@link Witness}) with a consistency
 * proof from the log, and cosigns only a head that extends it. A head it refuses (a smaller tree, a
 * fork) is logged as an error and kept in its state as evidence; the head it accepted before stays
 * its memory, so {@code verify-audit} and {@code GET /audit/verify} on this node report the
 * rewrite, and the next head this node would sign is refused.
 */
public final class NodeWitness {

  private static final Logger LOG = LoggerFactory.getLogger(NodeWitness.class);

  private final Vertx vertx;
  private final WitnessStore store;
  private final Clock clock;
  private final LogService log;
  private final ProofService proofs;
  private final WitnessService witnesses;

  public NodeWitness(
      Vertx vertx,
      WitnessStore store,
      Clock clock,
      LogService log,
      ProofService proofs,
      WitnessService witnesses) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    this.log = log;
    this.proofs = proofs;
    this.witnesses = witnesses;
  }

  /** Registers this node's witness key with the log (at start; again changes nothing). */
  public Future<Void> register() {
    return vertx
        .executeBlocking(store::key, false)
        .compose(k -> witnesses.registerNode(store.name(), k.getPublic()));
  }

  /**
   * Checks the latest head and cosigns it when it extends what this node saw (after any check still
   * running here); the decision, null when there is no head yet.
   */
  public Future<Witness.Decision> check() {
    return store.serially(
        () ->
            log.latest().compose(h -> h.isEmpty() ? Future.succeededFuture(null) : check(h.get())));
  }

  private Future<Witness.Decision> check(TreeHead head) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return vertx
        .executeBlocking(
            () -> store.state(head.origin()).orElse(WitnessState.empty(head.origin())), false)
        .compose(
            state ->
                proof(state, head)
                    .compose(
                        proof ->
                            log.keys().map(keys -> Witness.check(state, head, proof, keys, now))))
        .compose(d -> vertx.executeBlocking(() -> save(d), false))
        .compose(d -> d.accepted() ? cosign(head, now).map(d) : Future.succeededFuture(d));
  }

  private Future<List<byte[]>> proof(WitnessState state, TreeHead head) {
    TreeHead last = state.head();
    if (last == null || last.size() >= head.size() || !last.origin().equals(head.origin())) {
      return Future.succeededFuture(List.of());
    }
    return proofs.consistencyProof(last.size(), head.size());
  }

  private Witness.Decision save(Witness.Decision d) throws java.io.IOException {
    store.save(d.next());
    if (d.accepted()) {
      LOG.debug("witness {}: {}", store.name(), d.message());
    } else {
      LOG.error(
          "witness {} REFUSED the audit log's head ({}): {}",
          store.name(),
          d.reason(),
          d.message());
    }
    return d;
  }

  private Future<TreeHead> cosign(TreeHead head, Instant now) {
    return vertx
        .executeBlocking(store::key, false)
        .compose(
            (KeyPair k) -> {
              String id = Signatures.keyId(k.getPublic());
              if (head.cosignatures().stream().anyMatch(c -> c.keyId().equals(id))) {
                return Future.succeededFuture(head);
              }
              return witnesses.cosign(
                  head.size(),
                  Cosignature.sign(head, store.name(), k.getPublic(), k.getPrivate(), now));
            });
  }
}
