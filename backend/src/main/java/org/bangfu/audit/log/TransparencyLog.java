package org.bangfu.audit.log;

import io.vertx.core.Future;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.bangfu.http.AppContext;
import org.bangfu.http.RouteModule;
import org.bangfu.jobs.Job;
import org.bangfu.keys.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transparency log's parts, built from their dependencies: the services, the routes, the hourly
 * head and this node's witness. {@link #of} builds them from the application's context (until the
 * composition root hands each its parts itself); {@link #start} runs once per process.
 */
public final class TransparencyLog {

  private static final Logger LOG = LoggerFactory.getLogger(TransparencyLog.class);

  /** The channel {@code audit_log_heads}' trigger announces a new head on (V90). */
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

  /** One per application, whatever asks for it (routes of every HTTP verticle, the job, start). */
  private static final Map<AppContext, TransparencyLog> BUILT =
      Collections.synchronizedMap(new WeakHashMap<>());

  public static TransparencyLog of(AppContext app) {
    return BUILT.computeIfAbsent(app, TransparencyLog::build);
  }

  private static TransparencyLog build(AppContext app) {
    HeadRepository heads = new HeadRepository();
    TreeRepository tree = new TreeRepository();
    WitnessStore store = WitnessStore.of(app.config().dataDir(), nodeName());
    LogService log =
        new LogService(
            app.vertx(),
            app.pool(),
            Jdbc.of(app.database()),
            app.clock(),
            TransparencyLog::auditKey,
            store,
            LegacyCheckpoints.file(app.config().dataDir()),
            heads,
            tree);
    ProofService proofs = new ProofService(app.pool(), log, tree);
    WitnessService witnesses = new WitnessService(app.pool(), app.clock(), heads, log);
    NodeWitness witness = new NodeWitness(app.vertx(), store, app.clock(), log, proofs, witnesses);
    return new TransparencyLog(log, proofs, witnesses, witness);
  }

  /** This node's name (BANGFU_NODE_NAME, as on its log lines): its witness's name. */
  static String nodeName() {
    String n = System.getenv("BANGFU_NODE_NAME");
    return n == null || n.isBlank() ? "bangfu" : n.trim();
  }

  static KeyPair auditKey() {
    return Keys.installed()
        .orElseThrow(() -> new IllegalStateException("the audit key is not loaded"))
        .auditKey();
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
  public Future<Void> start(AppContext app) {
    return witness
        .register()
        .onSuccess(
            v -> {
              log.take().onSuccess(h -> checkQuietly()); // a refusal is logged by the service
              // a notice missed while the connection was down is caught by the timer
              app.listen(CHANNEL, size -> checkQuietly(), () -> {});
              app.vertx().setPeriodic(WITNESS_EVERY.toMillis(), t -> checkQuietly());
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
