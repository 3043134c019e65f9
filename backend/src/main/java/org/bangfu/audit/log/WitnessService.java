package org.bangfu.audit.log;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import org.bangfu.support.DomainException;

/**
 * The witnesses of the log: every node registers its own at start; an admin registers outside ones
 * (anyone may run {@code scripts/witness}, and its cosignatures are published once its key is
 * registered). A cosignature is kept only when its witness is registered with the key it names and
 * it verifies over the head it is for.
 */
public final class WitnessService {

  private final Pool pool;
  private final Clock clock;
  private final HeadRepository heads;
  private final LogService log;

  public WitnessService(Pool pool, Clock clock, HeadRepository heads, LogService log) {
    this.pool = pool;
    this.clock = clock;
    this.heads = heads;
    this.log = log;
  }

  public Future<List<WitnessEntry>> witnesses() {
    return heads.witnesses(pool);
  }

  /** Registers a witness by name and public key (base64 X.509); 409 when the key is known. */
  public Future<WitnessEntry> register(String name, String publicKey, String kind) {
    PublicKey key;
    try {
      key = Signatures.publicKey(publicKey);
    } catch (IllegalArgumentException ex) {
      throw DomainException.invalid(
          "publicKey", "not_ed25519_key", "must be a base64 X.509 Ed25519 public key");
    }
    WitnessEntry w =
        new WitnessEntry(
            Signatures.keyId(key), Signatures.encode(key), name, kind, clock.instant());
    return heads
        .insertWitness(pool, w)
        .map(
            created -> {
              if (!created) {
                throw DomainException.conflict(
                    "witness_registered",
                    "a witness with key " + w.keyId() + " is registered already",
                    DomainException.params("keyId", w.keyId()));
              }
              return w;
            });
  }

  /** A node's own witness, registered at its start (again: nothing happens). */
  public Future<Void> registerNode(String name, PublicKey key) {
    return heads
        .insertWitness(
            pool,
            new WitnessEntry(
                Signatures.keyId(key),
                Signatures.encode(key),
                name,
                WitnessEntry.NODE,
                clock.instant()))
        .mapEmpty();
  }

  /**
   * Keeps a witness's cosignature of the head of {@code size}: 404 without such a head, 403 when
   * the witness is not registered with that key, 400 when the signature does not verify.
   */
  public Future<TreeHead> cosign(long size, Cosignature c) {
    return log.head(size)
        .compose(
            head ->
                heads
                    .witness(pool, c.keyId())
                    .compose(
                        w -> {
                          if (w.isEmpty() || !w.get().publicKey().equals(c.publicKey())) {
                            throw DomainException.forbidden(
                                "witness_not_registered",
                                "no witness is registered with key " + c.keyId());
                          }
                          Cosignature named =
                              new Cosignature(
                                  w.get().name(),
                                  c.keyId(),
                                  c.publicKey(),
                                  c.timeMillis(),
                                  c.signature());
                          if (!named.valid(head)) {
                            throw DomainException.invalid(
                                "signature",
                                "cosignature_invalid",
                                "does not verify over the head of size " + size);
                          }
                          return heads.insertCosignature(pool, size, named);
                        })
                    .compose(added -> log.head(size)));
  }
}
