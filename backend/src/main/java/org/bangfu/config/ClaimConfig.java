package org.bangfu.config;

import java.util.Map;

/**
 * How a node groups concurrent claims ({@code POST /needs/{id}/claims}) into one transaction, from
 * environment variables (read with the rest of {@link AppConfig}; documented in
 * docs/operations.md).
 *
 * @param batchMax BANGFU_CLAIM_BATCH_MAX: at most this many claims in one transaction (default 32,
 *     1–64). Claims that arrive while a batch is being written wait for the next one; each claim is
 *     a savepoint, and PostgreSQL keeps up to 64 of a transaction's subtransactions in shared
 *     memory, beyond which every other session's snapshots get slower: hence the ceiling.
 * @param batchesInFlight BANGFU_CLAIM_BATCHES: how many batches a node writes at once (default 1,
 *     1–8); the audit chain takes them one after the other anyway, but a second batch can lock and
 *     check its claims while the first commits.
 */
public record ClaimConfig(int batchMax, int batchesInFlight) {
  static final String BATCH_MAX = "BANGFU_CLAIM_BATCH_MAX";
  static final String BATCHES = "BANGFU_CLAIM_BATCHES";

  public ClaimConfig {
    if (batchMax < 1 || batchMax > 64) {
      throw new ConfigException(BATCH_MAX, "must be between 1 and 64");
    }
    if (batchesInFlight < 1 || batchesInFlight > 8) {
      throw new ConfigException(BATCHES, "must be between 1 and 8");
    }
  }

  public static ClaimConfig defaults() {
    return fromEnv(Map.of());
  }

  public static ClaimConfig fromEnv(Map<String, String> env) {
    return new ClaimConfig(EnvNumbers.whole(env, BATCH_MAX, 32), EnvNumbers.whole(env, BATCHES, 1));
  }
}
