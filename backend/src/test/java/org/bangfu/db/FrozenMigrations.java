package org.bangfu.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The record of the migrations that have landed: each file's SHA-256, one line per file in the
 * layout of {@code sha256sum} ({@code <hash> <file name>}; {@code #} starts a comment). A database
 * migrated with a file keeps Flyway's checksum of it, so a landed file that changes or disappears
 * makes every such database fail Flyway's validation on its next upgrade.
 */
final class FrozenMigrations {

  /** Where the record is kept, as a developer finds it from the repository's root. */
  static final String RECORD = "backend/src/test/resources/db/migration-checksums.txt";

  private FrozenMigrations() {}

  /** What is wrong: landed files changed or gone, new files not recorded yet; empty when none. */
  static List<String> problems(Path folder, List<String> recordLines) {
    Map<String, String> recorded = parse(recordLines);
    Map<String, String> present = checksums(folder);
    List<String> out = new ArrayList<>();
    recorded.forEach(
        (file, hash) -> {
          String now = present.get(file);
          if (now == null) {
            out.add(
                file
                    + " has landed and is gone: a database that ran it can no longer be"
                    + " upgraded. Put it back as it was; make a new migration instead.");
          } else if (!now.equals(hash)) {
            out.add(
                file
                    + " has landed and was changed (sha256 "
                    + hash
                    + " recorded, "
                    + now
                    + " now): a database that ran it fails Flyway's validation on upgrade."
                    + " Put it back as it was; make a new migration instead.");
          }
        });
    present.forEach(
        (file, hash) -> {
          if (!recorded.containsKey(file)) {
            out.add(
                file
                    + " is a new migration not yet recorded: once it is final, add the line \""
                    + line(file, hash)
                    + "\" to "
                    + RECORD);
          }
        });
    return out;
  }

  /** One line of the record. */
  static String line(String file, String hash) {
    return hash + "  " + file;
  }

  /** The record's lines as file name to hash, in their order; a malformed line is an error. */
  static Map<String, String> parse(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+");
      if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            RECORD + " line " + (i + 1) + ": expected '<sha256>  <file>', got: " + l);
      }
      if (out.put(parts[1], parts[0]) != null) {
        throw new IllegalArgumentException(
            RECORD + " line " + (i + 1) + ": " + parts[1] + " is recorded twice");
      }
    }
    return out;
  }

  /** File name to SHA-256 of its bytes, for every file of the migrations folder. */
  static Map<String, String> checksums(Path folder) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(f.getFileName().toString(), sha256(Files.readAllBytes(f)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
