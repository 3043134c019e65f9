package org.bangfu.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the key directory ({@code BANGFU_DATA_DIR/keys}): the directory is the owner's only
 * (0700) and every file in it too (0600), whoever made them. A key file found open to the group or
 * to others (copied by hand, restored from a backup) is closed again at the next start, and the log
 * says so: another local user must never read a key or a database password.
 */
public final class KeyFiles {

  private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private KeyFiles() {}

  /** Creates {@code dir} (0700) or closes an existing one to the owner alone. */
  public static void ensurePrivateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      setPermissions(dir, OWNER_DIR);
      return;
    }
    closeToOthers(dir, OWNER_DIR);
  }

  /** The file's text (trimmed), or empty when there is no such file; an empty file is an error. */
  public static Optional<String> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    closeToOthers(file, OWNER_ONLY);
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      throw new IOException("the key file " + file + " is empty");
    }
    return Optional.of(text);
  }

  /**
   * The file's text; when there is no such file, {@code value}'s is written to it first (0600, in a
   * directory made private with {@link #ensurePrivateDirectory}).
   */
  public static String readOrCreate(Path file, Supplier<String> value) throws IOException {
    ensurePrivateDirectory(file.getParent());
    Optional<String> existing = read(file);
    return existing.isPresent() ? existing.get() : writeOnce(file, value.get());
  }

  /**
   * Writes {@code value} to {@code file} (mode 0600 from its first byte) unless another process
   * wrote it first; the value in the file afterwards.
   */
  public static String writeOnce(Path file, String value) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".key-", ".tmp");
    try {
      setPermissions(tmp, OWNER_ONLY);
      Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
      try {
        Files.createLink(file, tmp); // atomic: fails when the file exists
        LOG.info("Key file {} created (mode 0600)", file);
        return value;
      } catch (FileAlreadyExistsException ex) {
        return read(file).orElseThrow();
      } catch (UnsupportedOperationException ex) {
        Files.move(tmp, file);
        return value;
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Removes the group's and others' rights from a file or directory that has any (the target of a
   * link: a key file may be a link to a secret mounted elsewhere). Where that is not allowed (a
   * file of someone else's), the log says so and the start goes on.
   */
  private static void closeToOthers(Path p, Set<PosixFilePermission> wanted) {
    Set<PosixFilePermission> now;
    try {
      now = Files.getPosixFilePermissions(p);
    } catch (UnsupportedOperationException | IOException ex) {
      return; // not a POSIX file system, or nothing to look at: nothing finer to set
    }
    if (now.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
      return;
    }
    try {
      setPermissions(p, wanted);
      LOG.warn(
          "{} was open to other users ({}): closed to its owner ({})",
          p,
          PosixFilePermissions.toString(now),
          PosixFilePermissions.toString(wanted));
    } catch (IOException ex) {
      LOG.warn(
          "{} is open to other users ({}) and cannot be closed ({}): make it {}",
          p,
          PosixFilePermissions.toString(now),
          ex.getMessage(),
          PosixFilePermissions.toString(wanted));
    }
  }

  private static void setPermissions(Path p, Set<PosixFilePermission> perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException ex) {
      // not a POSIX file system: nothing finer to set
    }
  }
}
