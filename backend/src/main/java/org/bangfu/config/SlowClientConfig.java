package org.bangfu.config;

import java.time.Duration;
import java.util.Map;

/**
 * How long the server waits for a slow client before it closes the connection, from environment
 * variables (read with the rest of {@link AppConfig}; documented in the README).
 *
 * @param headerTimeout BANGFU_HEADER_TIMEOUT_SECONDS: a connection must send a request's headers
 *     within this long of opening or of its previous answer (default 10 s, 1–120)
 * @param bodyTimeout BANGFU_BODY_TIMEOUT_SECONDS: an ordinary request's body (at most 1 MB) must
 *     arrive within this long of its headers, else 408 (default 20 s, 1–600; a receipt's upload has
 *     its own, longer deadline)
 */
public record SlowClientConfig(Duration headerTimeout, Duration bodyTimeout) {
  static final String HEADER = "BANGFU_HEADER_TIMEOUT_SECONDS";
  static final String BODY = "BANGFU_BODY_TIMEOUT_SECONDS";

  public SlowClientConfig {
    if (headerTimeout.toSeconds() < 1 || headerTimeout.toSeconds() > 120) {
      throw new ConfigException(HEADER, "must be between 1 and 120");
    }
    if (bodyTimeout.toSeconds() < 1 || bodyTimeout.toSeconds() > 600) {
      throw new ConfigException(BODY, "must be between 1 and 600");
    }
  }

  public static SlowClientConfig defaults() {
    return fromEnv(Map.of());
  }

  public static SlowClientConfig fromEnv(Map<String, String> env) {
    return new SlowClientConfig(
        Duration.ofSeconds(EnvNumbers.whole(env, HEADER, 10)),
        Duration.ofSeconds(EnvNumbers.whole(env, BODY, 20)));
  }
}
