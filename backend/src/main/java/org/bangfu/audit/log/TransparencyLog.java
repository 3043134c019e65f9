package org.bangfu.audit.log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.bangfu.db.NoticeChannels;
import org.bangfu.http.RouteModule;
import org.bangfu.jobs.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transparency log's parts: the services, the routes, the hourly head and this node's witness,
 * made once by the composition root; {@link #start} runs once per process.
 */
public final class TransparencyLog {

  private static final Logger LOG = LoggerFactory.getLogger(TransparencyLog.class);

  /** The channel {@code audit_log_heads}' trigger announces a new head on (V80). */
  static final String CHANNEL = "bangfu_audit_heads";

  /** How often a node's witness looks for a new head in case it missed the announcement. */
  static final Duration WITNESS_EVERY = Duration.ofMinutes(5);

  private final LogService log;
  private final ProofService proofs;
  private final WitnessService witnesses;
  private final NodeWitness witness;

  public TransparencyLog(
      LogService log, ProofService proofs, WitnessService witnesses, NodeWitness witness) {
    this.log = log;
    this.proofs = proofs;
    this.witnesses = witnesses;
    this.witness = witness;
  }

  public RouteModule routes() {
    return new TransparencyRoutes(log, proofs, witnesses, witness);
  }

  public Job job() {
    return new TreeHeadJob(log, witness);
  }

  public LogService log() {
    return log;
  }

  public NodeWitness witness() {
    return witness;
  }

  /**
   * Once per process, at start: this node's witness registers; then, without holding the start up
   * (verifying ten million records takes most of a minute), a head is signed once the log verifies
   * — a log that does not is logged, never fatal — and the witness checks and cosigns it, listens
   * for the heads other nodes sign and looks every few minutes.
   */
  public Future<Void> start(Vertx vertx, NoticeChannels channels) {
    return witness
        .register()
        .onSuccess(
            v -> {
              log.take().onSuccess(h -> checkQuietly()); // a refusal is logged by the service
              // a notice missed while the connection was down is caught by the timer
              channels.listen(CHANNEL, size -> checkQuietly(), () -> {});
              vertx.setPeriodic(WITNESS_EVERY.toMillis(), t -> checkQuietly());
            })
        .recover(
            e -> {
              LOG.error("The audit log's witness could not register at start: {}", e.getMessage());
              return Future.succeededFuture();
            });
  }

  private void checkQuietly() {
    witness.check().onFailure(e -> LOG.warn("witness check failed: {}", e.getMessage()));
  }
}
