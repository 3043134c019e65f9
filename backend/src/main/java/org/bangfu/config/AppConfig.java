package org.bangfu.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration of a Bangfu process, built once from environment variables. Every
 * variable is documented in the README; {@link #fromEnv(Map)} takes a plain map so tests can build
 * one without touching the real environment.
 *
 * @param port BANGFU_PORT, HTTP port (default 8080; 0 picks a free one)
 * @param host BANGFU_HOST, address to listen on (default 0.0.0.0)
 * @param databaseUrl DATABASE_URL, {@code postgresql://user:pass@host:port/db}; empty → embedded
 * @param dataDir BANGFU_DATA_DIR, where the embedded PostgreSQL keeps its data (default ./data)
 * @param jwtSecret BANGFU_JWT_SECRET; empty → the key file in BANGFU_DATA_DIR/keys
 * @param dataKey BANGFU_DATA_KEY, base64 of the 32-byte personal-data key; empty → the key file
 * @param auditKey BANGFU_AUDIT_KEY, the Ed25519 audit key; empty → the key file
 * @param tokenTtlSeconds BANGFU_TOKEN_TTL_SECONDS, bearer token lifetime (default 3600)
 * @param dbPoolSize BANGFU_DB_POOL_SIZE (default 8)
 * @param httpInstances BANGFU_HTTP_INSTANCES, HTTP verticle instances (default: cores)
 * @param loadDemoData BANGFU_DEMO_DATA: {@code auto} (default: load when no regions exist) or
 *     {@code off}
 * @param cluster BANGFU_CLUSTER=true starts a clustered Vert.x (Hazelcast)
 * @param clusterHost BANGFU_CLUSTER_HOST, this node's address for Hazelcast and the event bus
 *     (default 127.0.0.1)
 * @param clusterPort BANGFU_CLUSTER_PORT, Hazelcast's port (default 5701; auto-increments)
 * @param clusterMembers BANGFU_CLUSTER_MEMBERS, comma-separated host[:port] of the other nodes
 * @param clusterName BANGFU_CLUSTER_NAME, nodes join only a cluster of the same name (default
 *     bangfu)
 * @param nodeName BANGFU_NODE_NAME, this node's name on its log lines and as a witness of the audit
 *     log (default bangfu)
 * @param funds public notice and fund supervision rules ({@link FundsConfig})
 * @param oversight the deadlines of 12317 reports, rectification and reliability ({@link
 *     OversightConfig})
 * @param roundAnswerSeconds BANGFU_ROUND_ANSWER_SECONDS, how long {@code POST /match-rounds} waits
 *     for the round before it answers 202 with the round still running (default 20, below the
 *     connections' idle timeout of 30 s; 0 answers at once)
 * @param trustedProxies BANGFU_TRUSTED_PROXIES, comma-separated addresses or networks of the load
 *     balancers in front of Bangfu: only from them is {@code X-Forwarded-For} believed (none by
 *     default)
 * @param metricsToken BANGFU_METRICS_TOKEN, the bearer token {@code /metrics} asks for; unset:
 *     {@code /metrics} answers only requests from this machine that came through no proxy
 * @param jobsTicking BANGFU_JOBS: {@code auto} (the scheduled jobs run when due by the clock) or
 *     {@code manual} (only when a test asks the runner, after moving the clock)
 * @param deadlines the windows of the deadlines no other setting gives ({@link DeadlineConfig})
 * @param monitor the rules of 防返贫 monitoring: the windows of its deadlines and its limits ({@link
 *     MonitorConfig})
 * @param rounds how match rounds are solved: fairness and floors ({@link RoundConfig})
 * @param claims how a node groups concurrent claims into one commit ({@link ClaimConfig})
 * @param slowClients how long a connection may take to send a request ({@link SlowClientConfig})
 */
public record AppConfig(
    int port,
    String host,
    Optional<String> databaseUrl,
    Path dataDir,
    Optional<String> jwtSecret,
    Optional<String> dataKey,
    Optional<String> auditKey,
    int tokenTtlSeconds,
    int dbPoolSize,
    int httpInstances,
    boolean loadDemoData,
    boolean cluster,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers,
    String clusterName,
    String nodeName,
    FundsConfig funds,
    OversightConfig oversight,
    int roundAnswerSeconds,
    List<Cidr> trustedProxies,
    Optional<String> metricsToken,
    boolean jobsTicking,
    DeadlineConfig deadlines,
    MonitorConfig monitor,
    RoundConfig rounds,
    ClaimConfig claims,
    SlowClientConfig slowClients) {

  public AppConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException("BANGFU_PORT", "must be between 0 and 65535");
    }
    if (tokenTtlSeconds < 60 || tokenTtlSeconds > 86_400) {
      throw new ConfigException("BANGFU_TOKEN_TTL_SECONDS", "must be between 60 and 86400");
    }
    if (dbPoolSize < 1 || dbPoolSize > 100) {
      throw new ConfigException("BANGFU_DB_POOL_SIZE", "must be between 1 and 100");
    }
    if (httpInstances < 1 || httpInstances > 64) {
      throw new ConfigException("BANGFU_HTTP_INSTANCES", "must be between 1 and 64");
    }
    if (jwtSecret.isPresent() && jwtSecret.get().length() < 32) {
      throw new ConfigException("BANGFU_JWT_SECRET", "must be at least 32 characters");
    }
    if (roundAnswerSeconds < 0 || roundAnswerSeconds > 25) {
      throw new ConfigException("BANGFU_ROUND_ANSWER_SECONDS", "must be between 0 and 25");
    }
    clusterMembers = List.copyOf(clusterMembers);
    trustedProxies = List.copyOf(trustedProxies);
    if (metricsToken.isPresent() && metricsToken.get().length() < 16) {
      throw new ConfigException("BANGFU_METRICS_TOKEN", "must be at least 16 characters");
    }
  }

  /**
   * The HTTP verticles this process runs, and so its event loops, one for each: a server on a free
   * port (the tests') runs one, since each instance would otherwise ask for a port of its own.
   */
  public int httpVerticles() {
    return port == 0 ? 1 : httpInstances;
  }

  public static AppConfig fromEnv() {
    return fromEnv(System.getenv());
  }

  public static AppConfig fromEnv(Map<String, String> env) {
    Env e = new Env(env);
    return new AppConfig(
        e.integer("BANGFU_PORT", 8080),
        e.text("BANGFU_HOST", "0.0.0.0"),
        e.optional("DATABASE_URL"),
        Path.of(e.text("BANGFU_DATA_DIR", "./data")).toAbsolutePath().normalize(),
        e.optional("BANGFU_JWT_SECRET"),
        e.optional("BANGFU_DATA_KEY"),
        e.optional("BANGFU_AUDIT_KEY"),
        e.integer("BANGFU_TOKEN_TTL_SECONDS", 3600),
        e.integer("BANGFU_DB_POOL_SIZE", 8),
        e.integer("BANGFU_HTTP_INSTANCES", Math.max(1, Runtime.getRuntime().availableProcessors())),
        e.choice("BANGFU_DEMO_DATA", "auto", List.of("auto", "off")).equals("auto"),
        e.bool("BANGFU_CLUSTER", false),
        e.text("BANGFU_CLUSTER_HOST", "127.0.0.1"),
        e.integer("BANGFU_CLUSTER_PORT", 5701),
        e.list("BANGFU_CLUSTER_MEMBERS"),
        e.text("BANGFU_CLUSTER_NAME", "bangfu"),
        e.text("BANGFU_NODE_NAME", "bangfu"),
        FundsConfig.fromEnv(env),
        OversightConfig.fromEnv(env),
        e.integer("BANGFU_ROUND_ANSWER_SECONDS", 20),
        e.list("BANGFU_TRUSTED_PROXIES").stream()
            .map(t -> Cidr.parse("BANGFU_TRUSTED_PROXIES", t))
            .toList(),
        e.optional("BANGFU_METRICS_TOKEN"),
        e.choice("BANGFU_JOBS", "auto", List.of("auto", "manual")).equals("auto"),
        DeadlineConfig.fromEnv(env),
        MonitorConfig.fromEnv(env),
        RoundConfig.fromEnv(env),
        ClaimConfig.fromEnv(env),
        SlowClientConfig.fromEnv(env));
  }

  /** The same configuration with another HTTP port (tests listen on a free port). */
  public AppConfig withPort(int newPort) {
    return new AppConfig(
        newPort,
        host,
        databaseUrl,
        dataDir,
        jwtSecret,
        dataKey,
        auditKey,
        tokenTtlSeconds,
        dbPoolSize,
        httpInstances,
        loadDemoData,
        cluster,
        clusterHost,
        clusterPort,
        clusterMembers,
        clusterName,
        nodeName,
        funds,
        oversight,
        roundAnswerSeconds,
        trustedProxies,
        metricsToken,
        jobsTicking,
        deadlines,
        monitor,
        rounds,
        claims,
        slowClients);
  }

  /** Reads typed values, naming the variable in every error. */
  private record Env(Map<String, String> env) {

    Optional<String> optional(String name) {
      String v = env.get(name);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    String text(String name, String dflt) {
      return optional(name).orElse(dflt);
    }

    int integer(String name, int dflt) {
      return EnvNumbers.whole(env, name, dflt);
    }

    boolean bool(String name, boolean dflt) {
      return optional(name)
          .map(
              v ->
                  switch (v.toLowerCase()) {
                    case "true", "1", "yes", "on" -> true;
                    case "false", "0", "no", "off" -> false;
                    default ->
                        throw new ConfigException(name, "must be true or false, not '" + v + "'");
                  })
          .orElse(dflt);
    }

    String choice(String name, String dflt, List<String> allowed) {
      String v = text(name, dflt).toLowerCase();
      if (!allowed.contains(v)) {
        throw new ConfigException(name, "must be one of " + allowed + ", not '" + v + "'");
      }
      return v;
    }

    List<String> list(String name) {
      return optional(name).map(v -> List.of(v.split("\\s*,\\s*"))).orElse(List.of()).stream()
          .filter(s -> !s.isBlank())
          .toList();
    }
  }
}
