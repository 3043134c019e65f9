package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bangfu.keys.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another user of the machine can do against a running embedded PostgreSQL and its key
 * directory, tried as that user would: the unprivileged {@code nobody}, through {@code setpriv},
 * with PostgreSQL's own client. Runs where the tests run as root (as in CI); elsewhere it is
 * skipped and says why.
 */
@DisplayName("Another local user can neither sign in to the embedded PostgreSQL nor read a key")
class LocalAccessTest {

  static final String NOBODY = "65534";
  static final String SIGNED_IN = "signed-in-as-";

  @TempDir static Path base;
  static Path dataDir;
  static EmbeddedDatabase db;
  static Path psql;
  static Path setpriv;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        run(List.of("id", "-u"), Map.of()).out().strip().equals("0"),
        "skipped: trying the server as another user (nobody) needs root, to switch to that user");
    Optional<Path> client = psql();
    assumeTrue(client.isPresent(), "skipped: no psql (PostgreSQL's client) on this machine");
    psql = client.get();
    setpriv = onPath("setpriv").orElse(null);
    assumeTrue(setpriv != null, "skipped: no setpriv to act as another user");

    // others may walk up to the data directory: what stops them must be the key directory, the
    // key files and the server themselves
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    dataDir = base.resolve("data");
    Files.createDirectories(dataDir);
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    db = EmbeddedDatabase.startPersistent(dataDir);
    Migrations.migrateBlocking(db.url());
    Vertx vertx = Vertx.vertx();
    try {
      var pool = PoolFactory.create(vertx, db.url(), 1);
      Keys.load(
              vertx,
              pool,
              new org.bangfu.keys.KeyRepository(),
              dataDir.resolve("keys"),
              new Keys.FromEnvironment(Optional.empty(), Optional.empty(), Optional.empty()))
          .await();
    } finally {
      vertx.close().await();
    }
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName(
      "the key directory is 0700, each key and password file 0600, and nobody's cat of each is denied")
  void keysAreUnreadable() throws Exception {
    Path keys = dataDir.resolve("keys");
    assertThat(mode(keys)).isEqualTo("rwx------");
    assertThat(mode(dataDir.resolve("pg"))).isEqualTo("rwx------");
    List<Path> files;
    try (Stream<Path> s = Files.list(keys)) {
      files = s.toList();
    }
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .contains(
            "jwt.key",
            "personal-data.key",
            "audit-ed25519.key",
            DatabasePasswords.SUPERUSER_FILE,
            DatabasePasswords.APPLICATION_FILE);
    for (Path f : files) {
      assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
      Result cat = asNobody(List.of("cat", f.toString()), Map.of());
      assertThat(cat.exit()).as("nobody reads " + f).isNotZero();
      assertThat(cat.out()).contains("Permission denied");
    }
  }

  @Test
  @DisplayName(
      "nobody's psql over TCP, as the superuser or as Bangfu's role, without a password or with a wrong one, is refused")
  void tcpTakesAPassword() throws Exception {
    int port = db.url().port();
    for (String host : List.of("127.0.0.1", "localhost")) {
      for (String user : List.of(EmbeddedDatabase.SUPERUSER, EmbeddedDatabase.ROLE)) {
        Result none = asNobody(psql(host, port, user), Map.of());
        assertThat(none.out())
            .as(host + " " + user + " without a password")
            .doesNotContain(SIGNED_IN);
        assertThat(none.out()).contains("no password supplied");
        Result wrong = asNobody(psql(host, port, user), Map.of("PGPASSWORD", "not-the-password"));
        assertThat(wrong.out())
            .as(host + " " + user + " with a wrong one")
            .doesNotContain(SIGNED_IN);
        assertThat(wrong.out()).contains("password authentication failed");
      }
    }
    // the control: with the right password the same command gets in, so what refused the others
    // was the password
    Result right =
        asNobody(
            psql("127.0.0.1", port, EmbeddedDatabase.ROLE),
            Map.of("PGPASSWORD", db.url().password()));
    assertThat(right.out()).contains(SIGNED_IN + EmbeddedDatabase.ROLE);
  }

  @Test
  @DisplayName(
      "the unix socket lies in the private data directory, out of nobody's reach, and takes a password even from its owner")
  void socketTakesAPassword() throws Exception {
    int port = db.url().port();
    Path pgDir = dataDir.resolve("pg");
    assertThat(pgDir.resolve(".s.PGSQL." + port)).exists();
    assertThat(Path.of("/tmp/.s.PGSQL." + port)).doesNotExist();
    for (String user : List.of(EmbeddedDatabase.SUPERUSER, EmbeddedDatabase.ROLE)) {
      Result none = asNobody(psql(pgDir.toString(), port, user), Map.of());
      assertThat(none.exit()).isNotZero();
      assertThat(none.out()).doesNotContain(SIGNED_IN).contains("Permission denied");
      Result wrong =
          asNobody(psql(pgDir.toString(), port, user), Map.of("PGPASSWORD", "not-the-password"));
      assertThat(wrong.out()).doesNotContain(SIGNED_IN).contains("Permission denied");
      // root reaches the socket, and still needs the password: no trust over it either
      Result owner = run(psql(pgDir.toString(), port, user), Map.of());
      assertThat(owner.out()).doesNotContain(SIGNED_IN).contains("no password supplied");
    }
    Result right =
        run(
            psql(pgDir.toString(), port, EmbeddedDatabase.ROLE),
            Map.of("PGPASSWORD", db.url().password()));
    assertThat(right.out()).contains(SIGNED_IN + EmbeddedDatabase.ROLE);
  }

  @Test
  @DisplayName(
      "Bangfu's own role may not read the server's files, write them, run programs or grant itself more")
  void applicationRoleCannotReachFiles() throws Exception {
    String key = dataDir.resolve("keys").resolve("jwt.key").toString();
    DatabaseUrl app = db.url();
    try (Connection c = DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "SELECT pg_read_file('" + key + "')",
              "SELECT pg_read_binary_file('" + key + "')",
              "SELECT pg_ls_dir('" + dataDir + "')",
              "SELECT lo_import('" + key + "')",
              "COPY (SELECT 1) TO '" + base.resolve("copied") + "'",
              "CREATE TEMP TABLE t (v text); COPY t FROM '" + key + "'",
              "COPY (SELECT 1) TO PROGRAM 'id'",
              "CREATE ROLE intruder SUPERUSER",
              "ALTER ROLE " + EmbeddedDatabase.ROLE + " SUPERUSER",
              "GRANT pg_read_server_files TO " + EmbeddedDatabase.ROLE,
              "CREATE DATABASE other")) {
        assertThatThrownBy(() -> s.execute(sql))
            .as(sql)
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
      }
    }
    assertThat(Files.exists(base.resolve("copied"))).isFalse();
    assertThat(Privileges.beyondOwnSchema(app)).isEmpty();
    assertThat(Privileges.beyondOwnSchema(db.superuserUrl(EmbeddedDatabase.DATABASE)))
        .contains("superuser");
  }

  // ------------------------------------------------------------------ helpers

  static List<String> psql(String host, int port, String user) {
    return List.of(
        psql.toString(),
        "-X",
        "-w",
        "-tA",
        "-c",
        "SELECT '" + SIGNED_IN + "' || current_user",
        "host=" + host + " port=" + port + " user=" + user + " dbname=bangfu sslmode=disable");
  }

  record Result(int exit, String out) {}

  static Result asNobody(List<String> command, Map<String, String> env) throws Exception {
    List<String> all = new ArrayList<>();
    all.addAll(
        List.of(
            setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    all.addAll(command);
    return run(all, env);
  }

  /** A command with a clean environment: English messages, no password file, no settings. */
  static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    String path = e.getOrDefault("PATH", "/usr/bin:/bin");
    e.clear();
    e.putAll(
        new HashMap<>(
            Map.of(
                "PATH", path,
                "LC_ALL", "C",
                "HOME", "/nonexistent",
                "PGPASSFILE", "/nonexistent/pgpass",
                "PGCONNECT_TIMEOUT", "10")));
    e.putAll(env);
    pb.directory(Path.of("/").toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("hung: " + command);
    }
    return new Result(p.exitValue(), out);
  }

  static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** PostgreSQL's own psql (the newest of /usr/lib/postgresql/N/bin), else the one on the PATH. */
  static Optional<Path> psql() throws IOException {
    List<Path> candidates = new ArrayList<>();
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
            .forEach(v -> candidates.add(v.resolve("bin").resolve("psql")));
      }
    }
    onPath("psql").ifPresent(candidates::add);
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  static Optional<Path> onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    List<String> dirs = new ArrayList<>(List.of(path.split(":")));
    dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, tool))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
