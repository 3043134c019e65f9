package org.bangfu.pledges;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Expiry} on a timer, once per process: the composition root deploys one instance,
 * whatever the number of HTTP verticles. Rounds run it as well before they solve. Expiry is SQL
 * through the reactive client, so the timer's handler may run on this verticle's event loop;
 * a run still going when the next tick comes is not doubled. On several cluster nodes several
 * timers run, which is safe: each step locks its rows and re-checks their state under the locks.
 */
public final class ExpiryVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryVerticle.class);
    public static final long HOURLY_MS = 3_600_000L;

    private final Pool pool;
    private final long firstDelayMs;
    private final long periodMs;
    private boolean running;

    /** Hourly (the first run an hour after start; rounds run expiry themselves before they solve). */
    public ExpiryVerticle(Pool pool) {
        this(pool, HOURLY_MS, HOURLY_MS);
    }

    public ExpiryVerticle(Pool pool, long firstDelayMs, long periodMs) {
        this.pool = pool;
        this.firstDelayMs = firstDelayMs;
        this.periodMs = periodMs;
    }

    @Override
    public Future<?> start() {
        // a timer set in start() belongs to this verticle and is cancelled when it is undeployed
        vertx.setPeriodic(firstDelayMs, periodMs, t -> runOnce());
        return Future.succeededFuture();
    }

    private void runOnce() {
        if (running) {
            return;
        }
        running = true;
        Expiry.run(pool, LocalDate.now())
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("expiry: {} needs, pledges or proposals expired", n);
                    }
                })
                .onFailure(e -> LOG.warn("expiry failed: {}", e.toString()))
                .onComplete(r -> running = false);
    }
}
