package org.bangfu.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may sign in to the embedded PostgreSQL: only someone who knows a password. zonky's initdb
 * trusts every local connection (any user of the machine could sign in as the superuser and read
 * any file the server can, the key files included); before every start this
 *
 * <ol>
 *   <li>sets the superuser's password from the key directory, in single-user mode (no server
 *       listens meanwhile, so there is no moment when the old trust is open), and
 *   <li>writes {@code pg_hba.conf}: SCRAM-SHA-256 for every connection, TCP and unix socket, and no
 *       other line.
 * </ol>
 *
 * A data directory an earlier version initialised with trust is thereby upgraded at its first start
 * with this version.
 */
final class PasswordSignIn {

  private static final Logger LOG = LoggerFactory.getLogger(PasswordSignIn.class);

  static final String HBA =
      """
      # Written by Bangfu at every start of the embedded PostgreSQL (changes here are replaced):
      # every sign-in takes a password (SCRAM-SHA-256), over TCP and over the unix socket.
      # TYPE  DATABASE  USER  ADDRESS        METHOD
      local   all       all                  scram-sha-256
      host    all       all   127.0.0.1/32   scram-sha-256
      host    all       all   ::1/128        scram-sha-256
      """;

  private static final long SINGLE_USER_SECONDS = 120;

  private PasswordSignIn() {}

  /**
   * Before the server starts on {@code pgDir}: the superuser's password, then pg_hba.conf. {@code
   * initialised} says whether initdb made the directory just now (its trust is then no news).
   */
  static void enforce(Path pgDir, String superuserPassword, boolean initialised) {
    try {
      Path hba = pgDir.resolve("pg_hba.conf");
      String before = Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
      setSuperuserPassword(pgDir, superuserPassword);
      if (!before.equals(HBA)) {
        if (!initialised && trusts(before)) {
          LOG.warn(
              "The embedded PostgreSQL in {} let every local user in without a password (trust): "
                  + "it now takes a password for every sign-in",
              pgDir);
        }
        Path tmp = pgDir.resolve("pg_hba.conf.new");
        Files.writeString(tmp, HBA, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException ex) {
      throw new DatabaseStartException(
          "cannot require passwords of the embedded PostgreSQL in " + pgDir + ": " + ex, ex);
    }
  }

  /** Whether an authentication file has a line that lets someone in without a password. */
  static boolean trusts(String hba) {
    return hba.lines()
        .map(String::strip)
        .filter(l -> !l.startsWith("#"))
        .anyMatch(l -> l.matches(".*\\s(trust|peer|ident)(\\s.*)?"));
  }

  /**
   * {@code ALTER ROLE postgres PASSWORD …} in a single-user backend: the server is not running, so
   * this needs no sign-in. The verifier, not the password, is what PostgreSQL receives.
   */
  private static void setSuperuserPassword(Path pgDir, String password) throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U")); // as root, the way zonky runs the server
    }
    command.add(binaries().resolve("bin").resolve("postgres").toString());
    command.addAll(
        List.of("--single", "-D", pgDir.toString(), "-c", "exit_on_error=on", "postgres"));
    Path log = Files.createTempFile("bangfu-pg-single-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      p.getOutputStream()
          .write(
              ("ALTER ROLE postgres PASSWORD '" + Scram.verifier(password) + "';\n")
                  .getBytes(StandardCharsets.US_ASCII));
      p.getOutputStream().close();
      if (!p.waitFor(SINGLE_USER_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("the single-user PostgreSQL did not finish");
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "the single-user PostgreSQL failed: " + Files.readString(log).strip());
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", ex);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Where zonky unpacked the PostgreSQL binaries (it unpacks them once per machine and keeps the
   * place to itself; the same call its builder makes returns it).
   */
  static Path binaries() throws IOException {
    try {
      Method prepare =
          EmbeddedPostgres.class.getDeclaredMethod(
              "prepareBinaries", PgBinaryResolver.class, File.class);
      prepare.setAccessible(true);
      return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
    } catch (ReflectiveOperationException | RuntimeException ex) {
      throw new IOException("cannot find the embedded PostgreSQL's binaries: " + ex, ex);
    }
  }
}
